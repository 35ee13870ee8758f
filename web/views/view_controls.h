// Finding a view-model's controls and pressing them: what every view needs, in one place, so the
// canvas and the accessible layer always turn the same control into the same intent.
#pragma once

#include <string_view>
#include <vector>

#include "core/app/app_state.h"
#include "core/app/view_model.h"

namespace canvass::web {

// The control with this id, or nullptr.
const ControlView* find_control(const ViewModel& view, std::string_view id);
// The controls of a group, in the view's order.
std::vector<const ControlView*> group(const ViewModel& view, std::string_view name);
// A pressed control asks core what it means (core/app/semantic_intents.h), as the accessible
// layer's buttons do.
void press(const ViewModel& view, const ControlView& c, std::vector<Intent>& intents);

}  // namespace canvass::web
