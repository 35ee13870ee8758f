// Requests from the accessible DOM layer become the intents a canvas click produces, checked
// against the screen shown; anything else is refused with a message saying what is wrong.
#include <doctest/doctest.h>

#include "core/app/question_text.h"
#include "core/app/semantic_intents.h"
#include "tests/core/default_survey_session.h"

using namespace canvass;
using namespace canvass::testing;
using nlohmann::json;

namespace {

// Applies a request as the web app does: build the view shown, turn the request into an intent.
void request(Session& session, const json& body) {
    Result<Intent> intent = intent_from_request(build_view(session.state), body);
    if (!intent.ok()) FAIL("refused: " << intent.error().message);
    session.apply(*intent);
}

std::string refusal(const Session& session, const json& body) {
    Result<Intent> intent = intent_from_request(build_view(session.state), body);
    return intent.ok() ? std::string("(accepted)") : intent.error().message;
}

}  // namespace

TEST_CASE("every screen control maps to the intent the canvas sends for it") {
    Session session;
    request(session, {{"control", "start"}});
    CHECK(session.state.screen == Screen::Question);
    CHECK(session.question() == "segment");
    request(session, {{"control", "back"}});
    CHECK(session.state.screen == Screen::Welcome);
    request(session, {{"control", "language_pl"}});
    CHECK(session.state.locale == "pl");
    request(session, {{"control", "text_larger"}});
    CHECK(session.state.text_size_percent == 125);
    request(session, {{"control", "high_contrast"}});
    CHECK(session.state.high_contrast);
    request(session, {{"control", "high_contrast"}});
    CHECK_FALSE(session.state.high_contrast);
}

TEST_CASE("answers through requests equal answers through intents, checkbox ticks included") {
    Session by_request;
    Session by_intent;
    request(by_request, {{"control", "start"}});
    by_intent.apply(intent::Start{});
    request(by_request, {{"toggle", "segment"}, {"value", "resident"}});
    request(by_request, {{"toggle", "segment"}, {"value", "commuter"}});
    request(by_request, {{"toggle", "segment"}, {"value", "resident"}});  // untick
    by_intent.apply(intent::Answer{"segment", json::array({"commuter"})});
    CHECK(by_request.state.answers == by_intent.state.answers);
    request(by_request, {{"control", "continue"}});
    by_intent.apply(intent::Next{});
    CHECK(by_request.question() == "postcode_district");
    request(by_request, {{"text", "postcode_district"}, {"typed", "CM20"}});
    by_intent.apply(intent::Answer{"postcode_district", "CM20"});
    CHECK(by_request.state.answers == by_intent.state.answers);
    CHECK(by_request.state.answers["postcode_district"] == "CM20");
}

TEST_CASE("requests that the screen cannot take are refused with what is wrong") {
    struct Row { json body; const char* message; };
    Session session;
    request(session, {{"control", "start"}});
    const Row rows[] = {
        {json::array(), "a request must be a JSON object"},
        {json::object(), "a request needs one of \"control\", \"answer\", \"toggle\", \"text\" or \"comment\""},
        {{{"control", "submit"}}, "there is no control 'submit' on the question screen"},
        {{{"answer", "home_broadband_type"}, {"value", "fibre"}}, "there is no question 'home_broadband_type' on the question screen"},
        {{{"answer", "segment"}}, "an answer request needs \"value\""},
        {{{"text", "segment"}}, "a text request needs \"typed\": the text as a string"},
        {{{"toggle", "postcode_district"}, {"value", "x"}}, "there is no question 'postcode_district' on the question screen"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.body.dump());
        CHECK(refusal(session, row.body) == row.message);
    }
    request(session, {{"toggle", "segment"}, {"value", "business"}});
    request(session, {{"control", "continue"}});
    CHECK(refusal(session, {{"toggle", "postcode_district"}, {"value", "x"}}) == "'postcode_district' is not a checkbox question");
    CHECK(refusal(session, {{"control", "text_smaller"}}) == "the control 'text_smaller' is turned off");
}

TEST_CASE("the privacy link is followed as a link, not pressed") {
    Session session;
    CHECK(refusal(session, {{"control", "privacy_notice"}}) == "the control 'privacy_notice' opens a page; follow it as a link");
}

TEST_CASE("a checkbox question's limit hint is the same words in both layers, in the screen's language") {
    struct Row {
        int min, max, chosen;
        std::string_view locale, hint;
    };
    const Row rows[] = {
        {0, 3, 0, "en", "Choose up to 3."},
        {0, 3, 1, "pl", "Wybierz maksymalnie 3."},
        {2, 0, 0, "en", "Choose at least 2."},
        {1, 2, 0, "en", "Choose between 1 and 2."},
        {0, 2, 2, "en", "You have chosen 2, the most you can. To choose another, untick one first."},
        {0, 0, 2, "en", ""},
    };
    for (const Row& row : rows) {
        CAPTURE(row.min);
        CAPTURE(row.max);
        CAPTURE(row.chosen);
        CAPTURE(row.locale);
        survey::ElementView question;
        question.type = survey::ElementType::Checkbox;
        question.min_selected_choices = row.min;
        question.max_selected_choices = row.max;
        question.value = json::array();
        for (int i = 0; i < row.chosen; ++i) question.value.push_back(i);
        CHECK(choice_limit_hint(row.locale, question) == row.hint);
    }
    survey::ElementView radio;
    radio.type = survey::ElementType::Radiogroup;
    radio.max_selected_choices = 3;
    CHECK(choice_limit_hint("en", radio).empty());
}

TEST_CASE("the view tells the DOM layer the canvas's own words in the screen's language") {
    Session session;
    session.apply(intent::SetLocale{"pl"});
    const json words = to_json(build_view(session.state))["words"];
    CHECK(words["error"] == "Błąd");
    CHECK(words["otherSpecify"] == "Napisz, co to jest");
    CHECK(words["moveUp"] == "W górę");
    CHECK(words["moveDown"] == "W dół");
    CHECK(words["chooseAnswer"] == "Wybierz odpowiedź");
}

TEST_CASE("survey html reaches the DOM layer as the canvas's safe blocks, with its structure and nothing else") {
    ViewModel view;
    view.completed_html = "<h1>Thank you</h1><ul><li><b>Faster</b> broadband<ul><li>at <i>home</i></li></ul></li></ul>"
                          "<p onclick='x()'>See <a href='https://diz.example/r'>results</a><script>alert(1)</script><br>soon</p>";
    const json expected = json::parse(R"([
        {"kind": "heading", "level": 2, "runs": [{"text": "Thank you"}]},
        {"kind": "bullet", "level": 1, "runs": [{"text": "Faster", "bold": true}, {"text": " broadband"}]},
        {"kind": "bullet", "level": 2, "runs": [{"text": "at "}, {"text": "home", "italic": true}]},
        {"kind": "paragraph", "level": 0, "runs": [{"text": "See "}, {"text": "results", "href": "https://diz.example/r"}, {"text": "\nsoon"}]}
    ])");
    CHECK(to_json(view)["completedHtmlBlocks"] == expected);
}
