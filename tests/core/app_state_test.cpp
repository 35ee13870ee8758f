// The app's settings intents, the UI strings, and the view JSON's documented shape.
#include <doctest/doctest.h>

#include "core/app/app_state.h"
#include "core/app/ui_text.h"
#include "core/app/view_model.h"

using namespace canvass;

namespace {

Result<Transition> apply(const AppState& state, const Intent& intent) { return apply_intent(state, intent, IntentContext{}); }

}  // namespace

TEST_CASE("text size steps by 25 % and stays within 100-200 %") {
    struct Row { int start; int steps; int expected; };
    const Row rows[] = {{100, 1, 125}, {100, -1, 100}, {175, 1, 200}, {200, 1, 200}, {200, -4, 100}, {125, 3, 200}};
    for (const Row& row : rows) {
        CAPTURE(row.start);
        CAPTURE(row.steps);
        AppState state;
        state.text_size_percent = row.start;
        Result<Transition> next = apply(state, intent::ChangeTextSize{row.steps});
        REQUIRE(next.ok());
        CHECK(next->state.text_size_percent == row.expected);
    }
}

TEST_CASE("choosing a language: supported ones apply, others are refused and change nothing") {
    AppState state;
    Result<Transition> polish = apply(state, intent::SetLocale{"pl"});
    REQUIRE(polish.ok());
    CHECK(polish->state.locale == "pl");
    Result<Transition> klingon = apply(polish->state, intent::SetLocale{"tlh"});
    REQUIRE_FALSE(klingon.ok());
    CHECK(klingon.error().message == "unknown language 'tlh'; choose one of: en, pl");
}

TEST_CASE("settings controls: language toggles reflect the state, text-size buttons their limits") {
    AppState state;
    state.locale = "pl";
    state.text_size_percent = 200;
    state.high_contrast = true;
    const ViewModel view = build_view(state);
    CHECK(view.screen == "loading");
    CHECK(view.heading == "Wczytywanie ankiety");
    REQUIRE(view.controls.size() == 5);
    CHECK(view.controls[0].id == "language_en");
    CHECK_FALSE(view.controls[0].selected);
    CHECK(view.controls[1].id == "language_pl");
    CHECK(view.controls[1].selected);
    CHECK(view.controls[1].label == "Polski");
    CHECK(view.controls[2].id == "text_smaller");
    CHECK(view.controls[2].enabled);
    CHECK(view.controls[3].id == "text_larger");
    CHECK_FALSE(view.controls[3].enabled);
    CHECK(view.controls[4].id == "high_contrast");
    CHECK(view.controls[4].selected);
    CHECK(view.controls[4].label == "Wysoki kontrast");
}

TEST_CASE("view JSON carries the documented fields") {
    const nlohmann::json json = to_json(build_view(AppState{}));
    CHECK(json["screen"] == "loading");
    CHECK(json["locale"] == "en");
    CHECK(json["textSizePercent"] == 100);
    CHECK(json["highContrast"] == false);
    CHECK(json["documentTitle"] == "Loading the survey \u2013 Canvass");
    CHECK(json["controls"][1]["id"] == "language_pl");
    CHECK(json["controls"][1]["group"] == "language");
    CHECK(json["controls"][1]["value"] == "pl");
    CHECK(json["controls"][1]["kind"] == "toggle");
}

TEST_CASE("every UI string exists in every shipped language") {
    for (int id = 0; id <= static_cast<int>(TextId::Loading); ++id) {
        CAPTURE(id);
        for (const LocaleInfo& locale : supported_locales()) {
            CAPTURE(locale.code);
            CHECK_FALSE(ui_text(locale.code, static_cast<TextId>(id)).empty());
        }
    }
}

TEST_CASE("counted phrases take the right plural form") {
    struct Row { const char* locale; std::size_t count; const char* expected; };
    const Row rows[] = {
        {"en", 1, "1 answer needs attention"}, {"en", 2, "2 answers need attention"},
        {"pl", 1, "1 odpowiedź wymaga poprawy"}, {"pl", 3, "3 odpowiedzi wymagają poprawy"},
        {"pl", 5, "5 odpowiedzi wymaga poprawy"}, {"pl", 12, "12 odpowiedzi wymaga poprawy"},
        {"pl", 22, "22 odpowiedzi wymagają poprawy"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.locale);
        CAPTURE(row.count);
        CHECK(format_count(row.locale, TextId::ErrorsOne, row.count) == row.expected);
    }
    CHECK(format_text("en", TextId::QuestionProgress, {"4", "18"}) == "Question 4 of about 18");
}
