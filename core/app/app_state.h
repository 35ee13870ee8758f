// The app's state and the intents that change it. The UI owns no data: it draws a view-model
// built from AppState (view_model.h) and turns clicks and keys into Intents, which apply()
// turns into the next state. apply_intent() is pure, so every rule here is unit-tested natively.
#pragma once

#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace canvass {

enum class Screen { Welcome };

// Text size steps the respondent can choose, on top of the browser's own zoom.
inline constexpr int kMinTextSizePercent = 100;
inline constexpr int kMaxTextSizePercent = 200;
inline constexpr int kTextSizeStepPercent = 25;

struct AppState {
    Screen screen = Screen::Welcome;
    std::string locale = "en";
    int text_size_percent = kMinTextSizePercent;
};

namespace intent {
struct SetLocale { std::string locale; };
struct ChangeTextSize { int steps; };  // +1 larger, -1 smaller
// Answer question `name` with `value` (SurveyJS data: a string, number, bool, array or
// object); a null value clears the answer.
struct Answer { std::string name; nlohmann::json value; };
// The "Other (please specify)" text of question `name` (stored as name-Comment).
struct SetComment { std::string name; std::string text; };
}  // namespace intent

using Intent = std::variant<intent::SetLocale, intent::ChangeTextSize, intent::Answer, intent::SetComment>;

// An intent that cannot apply (an unknown locale) is an error and leaves the state unchanged.
Result<AppState> apply_intent(const AppState& state, const Intent& intent);

const char* screen_id(Screen screen);  // stable ids for the automation API (docs/automation.md)

}  // namespace canvass
