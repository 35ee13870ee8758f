// The app state rules and the view-model the canvas and automation API read.
#include <doctest/doctest.h>

#include "core/app/app_state.h"
#include "core/app/ui_text.h"
#include "core/app/view_model.h"

using namespace canvass;

TEST_CASE("text size steps by 25 % and stays within 100-200 %") {
    struct Row { int start; int steps; int expected; };
    const Row rows[] = {{100, 1, 125}, {100, -1, 100}, {175, 1, 200}, {200, 1, 200}, {200, -4, 100}, {125, 3, 200}};
    for (const Row& row : rows) {
        CAPTURE(row.start);
        CAPTURE(row.steps);
        AppState state;
        state.text_size_percent = row.start;
        Result<AppState> next = apply_intent(state, intent::ChangeTextSize{row.steps});
        REQUIRE(next.ok());
        CHECK(next->text_size_percent == row.expected);
    }
}

TEST_CASE("choosing a language: supported ones apply, others are refused and change nothing") {
    AppState state;
    Result<AppState> polish = apply_intent(state, intent::SetLocale{"pl"});
    REQUIRE(polish.ok());
    CHECK(polish->locale == "pl");
    Result<AppState> klingon = apply_intent(*polish, intent::SetLocale{"tlh"});
    REQUIRE_FALSE(klingon.ok());
    CHECK(klingon.error().message == "unknown language 'tlh'; choose one of: en, pl");
    CHECK(polish->locale == "pl");
}

TEST_CASE("welcome view: language toggles reflect the state, text-size buttons their limits") {
    AppState state;
    state.locale = "pl";
    state.text_size_percent = 200;
    const ViewModel view = build_view(state);
    CHECK(view.screen == "welcome");
    CHECK(view.heading == "Wyraź swoją opinię o usługach cyfrowych");
    REQUIRE(view.controls.size() == 4);
    CHECK(view.controls[0].id == "language_en");
    CHECK_FALSE(view.controls[0].selected);
    CHECK(view.controls[1].id == "language_pl");
    CHECK(view.controls[1].selected);
    CHECK(view.controls[1].label == "Polski");
    CHECK(view.controls[2].id == "text_smaller");
    CHECK(view.controls[2].enabled);
    CHECK(view.controls[3].id == "text_larger");
    CHECK_FALSE(view.controls[3].enabled);
}

TEST_CASE("view JSON carries the documented fields") {
    const nlohmann::json json = to_json(build_view(AppState{}));
    CHECK(json["screen"] == "welcome");
    CHECK(json["locale"] == "en");
    CHECK(json["textSizePercent"] == 100);
    CHECK(json["controls"][1]["id"] == "language_pl");
    CHECK(json["controls"][1]["group"] == "language");
    CHECK(json["controls"][1]["value"] == "pl");
    CHECK(json["controls"][1]["kind"] == "toggle");
}

TEST_CASE("every UI string exists in every shipped language") {
    for (int id = 0; id <= static_cast<int>(TextId::ComingSoon); ++id) {
        CAPTURE(id);
        for (const LocaleInfo& locale : supported_locales()) {
            CAPTURE(locale.code);
            CHECK_FALSE(ui_text(locale.code, static_cast<TextId>(id)).empty());
        }
    }
}
