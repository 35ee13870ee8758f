// Finding and pressing a view-model's controls.
#include "web/views/view_controls.h"

#include "core/app/semantic_intents.h"

namespace canvass::web {

const ControlView* find_control(const ViewModel& view, std::string_view id) {
    for (const ControlView& c : view.controls) {
        if (c.id == id) return &c;
    }
    return nullptr;
}

std::vector<const ControlView*> group(const ViewModel& view, std::string_view name) {
    std::vector<const ControlView*> out;
    for (const ControlView& c : view.controls) {
        if (c.group == name) out.push_back(&c);
    }
    return out;
}

void press(const ViewModel& view, const ControlView& c, std::vector<Intent>& intents) {
    if (Result<Intent> intent = intent_for_control(view, c.id)) intents.push_back(std::move(intent).value());
}

}  // namespace canvass::web
