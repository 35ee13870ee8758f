// Tests for the runtime API the survey UI uses (core/survey/runtime.cpp): localised page
// content, error messages in English and Polish (survey-core 3.1.1's default texts and its
// Polish translation), numbering, progress and navigation.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/survey/engine.h"
#include "core/survey/runtime.h"
#include "core/survey/survey.h"

using namespace canvass::survey;

namespace {

constexpr std::int64_t kNow = 1781524800000;  // 2026-06-15T12:00:00Z

const char* kSurvey = R"j({
  "firstPageIsStartPage": true,
  "pages": [
    {"name": "start", "elements": [{"type": "html", "name": "intro", "html": {"default": "<p>Hello</p>", "pl": "<p>Cześć</p>"}}]},
    {"name": "p1", "title": {"default": "About you", "pl": "O Tobie"}, "elements": [
      {"type": "radiogroup", "name": "colour", "title": {"default": "Colour?", "pl": "Kolor?"},
       "choices": [{"value": "red", "text": {"default": "Red", "pl": "Czerwony"}}, "green", {"value": "blue", "visibleIf": "{age} > 10"}],
       "showOtherItem": true, "showNoneItem": true},
      {"type": "text", "name": "age", "inputType": "number", "min": 1, "isRequired": true,
       "requiredErrorText": {"default": "Tell us your age.", "pl": "Podaj wiek."}, "validators": [{"type": "numeric", "maxValue": 120}]},
      {"type": "text", "name": "mail", "inputType": "email", "title": "E-mail for {colour} fans"},
      {"type": "panel", "name": "extra", "isRequired": true, "elements": [{"type": "comment", "name": "note"}]}
    ]},
    {"name": "p2", "visibleIf": "{age} >= 18", "elements": [{"type": "rating", "name": "score", "rateMax": 3, "minRateDescription": "Bad"}]}
  ]})j";

Survey load() {
    auto loaded = load_survey(nlohmann::json::parse(kSurvey), "runtime.json");
    REQUIRE(loaded.ok());
    return std::move(loaded).value();
}

const ElementView* find(const std::vector<ElementView>& views, const std::string& name) {
    for (const ElementView& v : views) {
        if (v.name == name) return &v;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("page content is localised and shows the choices visible now") {
    const Survey s = load();
    struct Row {
        const char* locale;
        std::vector<std::string> choices;
        const char* page_title;
    };
    const Row rows[] = {
        {"", {"Red", "green", "Other (describe)", "None"}, "About you"},
        {"pl", {"Czerwony", "green", "Inna odpowiedź (wpisz)", "Brak"}, "O Tobie"},
    };
    const EvalState state = evaluate_survey(s, nlohmann::json::object(), kNow);
    for (const Row& row : rows) {
        CAPTURE(std::string(row.locale));
        const auto content = page_content(s, state, 1, row.locale, false);
        const ElementView* colour = find(content, "colour");
        REQUIRE(colour != nullptr);
        std::vector<std::string> texts;
        for (const ChoiceView& c : colour->choices) texts.push_back(c.text);
        CHECK(texts == row.choices);
        CHECK(page_views(s, state, row.locale)[1].title == row.page_title);
    }
    // {age} > 10 makes "blue" visible (its text is its value).
    const EvalState older = evaluate_survey(s, nlohmann::json::parse(R"({"age": 30, "colour": "red"})"), kNow);
    const auto content = page_content(s, older, 1, "", false);
    CHECK(find(content, "colour")->choices[2].text == "blue");
    CHECK(find(content, "mail")->title == "E-mail for Red fans");
    CHECK(find(content, "extra")->depth == 0);
    CHECK(find(content, "note")->depth == 1);
}

TEST_CASE("validation messages in English and Polish") {
    const Survey s = load();
    struct Row {
        const char* answers;
        const char* locale;
        const char* name;
        std::vector<std::string> errors;
    };
    const Row rows[] = {
        {R"({})", "", "age", {"Tell us your age."}},
        {R"({})", "pl", "age", {"Podaj wiek."}},
        {R"({"age": 0})", "", "age", {"The value should not be less than 1"}},
        {R"({"age": 0})", "pl", "age", {"Wartość nie powinna być mniejsza niż 1"}},
        {R"({"age": 130})", "", "age", {"The 'value' should be at most 120"}},
        {R"({"age": 130})", "pl", "age", {"Odpowiedź 'Wartość' powinna być mniejsza lub równa 120"}},
        {R"({"mail": "not-an-address"})", "", "mail", {"Please enter a valid e-mail address."}},
        {R"({"mail": "not-an-address"})", "pl", "mail", {"Proszę podać prawidłowy adres email."}},
        {R"({"colour": "other"})", "", "colour", {"Response required: enter another value."}},
        {R"({"colour": "other"})", "pl", "colour", {"Proszę podać inną odpowiedź."}},
        {R"({"colour": "other", "colour-Comment": "teal"})", "", "colour", {}},
        {R"({})", "", "extra", {"Response required: answer at least one question."}},
        {R"({})", "pl", "extra", {"Proszę odpowiedzieć na co najmniej jedno pytanie."}},
        {R"({"note": "hi"})", "", "extra", {}},
    };
    for (const Row& row : rows) {
        CAPTURE(std::string(row.answers));
        CAPTURE(std::string(row.locale));
        const EvalState state = evaluate_survey(s, nlohmann::json::parse(row.answers), kNow);
        const auto content = page_content(s, state, 1, row.locale, true);
        const ElementView* v = find(content, row.name);
        REQUIRE(v != nullptr);
        CHECK(v->errors == row.errors);
    }
}

TEST_CASE("numbering, progress and navigation follow visible pages") {
    const Survey s = load();
    const EvalState young = evaluate_survey(s, nlohmann::json::parse(R"({"age": 12})"), kNow);
    const EvalState adult = evaluate_survey(s, nlohmann::json::parse(R"({"age": 40})"), kNow);
    CHECK(first_page(s, young) == 0);
    CHECK(next_page(s, young, 1) == std::nullopt);
    CHECK(next_page(s, adult, 1) == 2);
    CHECK(previous_page(s, adult, 2) == 1);
    CHECK(progress_text(s, young, 0, "") == "");
    CHECK(progress_text(s, young, 1, "") == "Page 1 of 1");
    CHECK(progress_text(s, adult, 2, "pl") == "Strona 2 z 2");
    const auto page1 = page_content(s, adult, 1, "", false);
    CHECK(find(page1, "colour")->number == "1.");
    CHECK(find(page1, "note")->number == "4.");
    const auto page2 = page_content(s, adult, 2, "", false);
    const ElementView* score = find(page2, "score");
    REQUIRE(score != nullptr);
    CHECK(score->number == "5.");
    CHECK(score->rate_values.size() == 3);
    CHECK(score->min_rate_description == "Bad");
    CHECK(page_content(s, adult, 0, "pl", false)[0].html == "<p>Cześć</p>");
    CHECK_FALSE(page_is_valid(s, young, 1));
    CHECK(page_is_valid(s, evaluate_survey(s, nlohmann::json::parse(R"({"age": 40, "note": "x"})"), kNow), 1));
}
