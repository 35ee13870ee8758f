// The default DIZ survey (assets/) as a respondent session: intents applied in turn through
// core, as the web app applies them. Shared by the respondent-flow and semantic-intent tests.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "core/app/app_state.h"
#include "core/app/view_model.h"
#include "core/io/json_document.h"
#include "core/survey/survey.h"

namespace canvass::testing {

inline constexpr std::int64_t kNow = 1781524800000;  // 2026-06-15T12:00:00Z

inline std::shared_ptr<const ActiveSurvey> load_active(const std::string& relative) {
    const std::string path = std::string(CANVASS_SOURCE_DIR) + "/" + relative;
    auto document = read_json_file(path);
    REQUIRE(document.ok());
    auto model = survey::load_survey(*document, path);
    REQUIRE(model.ok());
    auto active = std::make_shared<ActiveSurvey>();
    active->model = std::move(*model);
    active->minutes = 10;
    active->privacy_notice.by_locale["default"] = "privacy.html";
    return active;
}

inline std::shared_ptr<const ActiveSurvey> default_survey() {
    static const std::shared_ptr<const ActiveSurvey> active = load_active("assets/surveys/diz-digital-needs.json");
    return active;
}

// Applies intents in turn, keeping the last effects; fails the test on a refused intent.
struct Session {
    AppState state;
    Effects effects;
    IntentContext context{kNow, {0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 1, 2, 3, 4, 5, 6, 7, 8}};

    explicit Session(std::shared_ptr<const ActiveSurvey> active = default_survey()) {
        apply(intent::SurveyLoaded{std::move(active), "", false, std::nullopt});
    }

    void apply(const Intent& intent) {
        Result<Transition> next = apply_intent(state, intent, context);
        if (!next.ok()) FAIL("refused: " << next.error().message);
        state = std::move(next->state);
        effects = std::move(next->effects);
    }

    std::string refused(const Intent& intent) const {
        Result<Transition> next = apply_intent(state, intent, context);
        return next.ok() ? std::string("(applied)") : next.error().message;
    }

    std::string question() const {
        const ViewModel view = build_view(state);
        return view.elements.empty() ? std::string() : view.elements.front().name;
    }

    // Presses Continue until the check-your-answers page, answering nothing more.
    int continue_to_end() {
        int screens = 0;
        while (state.screen == Screen::Question && screens < 100) {
            apply(intent::Next{});
            ++screens;
        }
        return screens;
    }
};


}  // namespace canvass::testing
