// Applying intents to the app state.
#include "core/app/app_state.h"

#include <algorithm>

#include "core/app/ui_text.h"

namespace canvass {
namespace {

struct Applier {
    AppState state;

    Result<AppState> operator()(const intent::SetLocale& set) {
        if (!is_supported_locale(set.locale)) {
            return make_error("unknown language '" + set.locale + "'; choose one of: en, pl");
        }
        state.locale = set.locale;
        return state;
    }

    Result<AppState> operator()(const intent::ChangeTextSize& change) {
        state.text_size_percent = std::clamp(state.text_size_percent + change.steps * kTextSizeStepPercent,
                                             kMinTextSizePercent, kMaxTextSizePercent);
        return state;
    }

    Result<AppState> operator()(const intent::Answer&) { return make_error("answering is not built yet"); }
    Result<AppState> operator()(const intent::SetComment&) { return make_error("answering is not built yet"); }
};

}  // namespace

Result<AppState> apply_intent(const AppState& state, const Intent& intent) { return std::visit(Applier{state}, intent); }

const char* screen_id(Screen screen) {
    switch (screen) {
        case Screen::Welcome: return "welcome";
    }
    return "unknown";
}

}  // namespace canvass
