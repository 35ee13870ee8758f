// The respondent's path through the default DIZ survey, intent by intent: starting, answering,
// validation on Continue, branching by segment, Back, check your answers, Change, submitting,
// drafts and starting again. Runs on the real survey file in assets/.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "core/app/app_state.h"
#include "core/app/respondent_flow.h"
#include "core/app/view_model.h"
#include "core/io/json_document.h"
#include "core/survey/survey.h"
#include "tests/core/default_survey_session.h"

using namespace canvass;
using nlohmann::json;

using namespace canvass::testing;

TEST_CASE("a loaded survey opens on the welcome screen with its title, time and privacy link") {
    Session session;
    CHECK(session.state.screen == Screen::Welcome);
    const ViewModel view = build_view(session.state);
    CHECK(view.heading == "Getting online: have your say");
    CHECK(view.paragraphs.at(1) == "It takes about 10 minutes.");
    CHECK(view.privacy_url == "privacy.html");
    REQUIRE_FALSE(view.elements.empty());
    CHECK(view.elements.front().name == "intro");  // the survey's start page is shown here
    CHECK(view.controls.front().id == "privacy_notice");
    CHECK(view.controls.at(1).id == "start");
    CHECK(view.controls.at(1).label == "Start");
}

TEST_CASE("Start begins a response: a new id, one question per screen, progress, a draft saved") {
    Session session;
    session.apply(intent::Start{});
    CHECK(session.state.screen == Screen::Question);
    CHECK(session.state.response_id == "12345678-9abc-4ef0-8102-030405060708");
    CHECK(session.state.started_at == "2026-06-15T12:00:00Z");
    CHECK(session.question() == "segment");
    const ViewModel view = build_view(session.state);
    CHECK(view.elements.size() == 1);
    CHECK(view.progress == "Question 1 of about 6");  // only the questions everyone is asked, so far
    CHECK(view.document_title == "Question 1 of about 6 \u2013 Canvass");
    REQUIRE(session.effects.save_draft.has_value());
    CHECK(session.effects.save_draft->id == session.state.response_id);
    CHECK(session.effects.save_draft->position_json == R"({"element":"segment","page":1})");
}

TEST_CASE("Continue with a required question unanswered shows the error beside it and in a summary") {
    Session session;
    session.apply(intent::Start{});
    session.apply(intent::Next{});
    CHECK(session.state.screen == Screen::Question);
    CHECK(session.question() == "segment");
    const ViewModel view = build_view(session.state);
    CHECK(view.error_title == "There is a problem");
    REQUIRE(view.errors.size() == 1);
    CHECK(view.errors[0].target == "segment");
    CHECK(view.errors[0].message == "Tick at least one answer.");
    CHECK(view.elements.front().errors == std::vector<std::string>{"Tick at least one answer."});
    CHECK(view.focus == "error-summary");
    CHECK(view.document_title == "There is a problem: Question 1 of about 6 \u2013 Canvass");
    CHECK(session.effects.announce == "There is a problem: 1 answer needs attention");

    session.state.locale = "pl";
    CHECK(build_view(session.state).errors.at(0).message == "Zaznacz co najmniej jedną odpowiedź.");
}

TEST_CASE("the segment chosen decides the path, and the progress counts only what will be asked") {
    struct Row { const char* segment; const char* third_question; int total; };
    const Row rows[] = {
        {"resident", "home_broadband_type", 17},
        {"business", "business_sector", 16},
        {"commuter", "commute_mode", 11},
    };
    for (const Row& row : rows) {
        CAPTURE(row.segment);
        Session session;
        session.apply(intent::Start{});
        session.apply(intent::Answer{"segment", json::array({row.segment})});
        session.apply(intent::Next{});
        CHECK(session.question() == "postcode_district");
        session.apply(intent::Next{});
        CHECK(session.question() == row.third_question);
        const ViewModel view = build_view(session.state);
        CHECK(view.progress == "Question 3 of about " + std::to_string(row.total));
    }
}

TEST_CASE("Back keeps every answer, and from the first question returns to the welcome screen") {
    Session session;
    session.apply(intent::Start{});
    session.apply(intent::Answer{"segment", json::array({"resident"})});
    session.apply(intent::Next{});
    session.apply(intent::Answer{"postcode_district", "CM20"});
    session.apply(intent::Back{});
    CHECK(session.question() == "segment");
    session.apply(intent::Back{});
    CHECK(session.state.screen == Screen::Welcome);
    session.apply(intent::Start{});  // carries on with the same answers
    CHECK(session.question() == "segment");
    CHECK(session.state.answers["segment"] == json::array({"resident"}));
    CHECK(session.state.answers["postcode_district"] == "CM20");
}

TEST_CASE("a wrong answer is refused on Continue with the survey's message, and kept for fixing") {
    Session session;
    session.apply(intent::Start{});
    session.apply(intent::Answer{"segment", json::array({"commuter"})});
    session.apply(intent::Next{});
    session.apply(intent::Answer{"postcode_district", "CM20 1AB"});
    session.apply(intent::Next{});
    CHECK(session.question() == "postcode_district");
    const ViewModel view = build_view(session.state);
    REQUIRE(view.errors.size() == 1);
    CHECK(view.errors[0].message == "Enter only the first part of your postcode, like CM20. Or leave it blank.");
    CHECK(session.state.answers["postcode_district"] == "CM20 1AB");
}

TEST_CASE("answers: unknown or hidden questions are refused with the question's name") {
    Session session;
    session.apply(intent::Start{});
    CHECK(session.refused(intent::Answer{"shoe_size", 9}) == "there is no question 'shoe_size' in this survey");
    CHECK(session.refused(intent::Answer{"business_sector", "retail"}) == "question 'business_sector' cannot be answered now");
    CHECK(session.refused(intent::Submit{}) == "Submit is not possible on the question screen");
}

TEST_CASE("check your answers, Change and back, then Submit stores what is visible") {
    Session session;
    session.apply(intent::Start{});
    session.apply(intent::Answer{"segment", json::array({"business", "commuter"})});
    session.apply(intent::Next{});
    session.apply(intent::Answer{"postcode_district", "CM20"});
    session.apply(intent::Next{});
    session.apply(intent::Answer{"business_sector", "retail"});
    session.continue_to_end();
    REQUIRE(session.state.screen == Screen::CheckAnswers);
    ViewModel view = build_view(session.state);
    REQUIRE(view.answers.size() >= 3);
    CHECK(view.answers[0].name == "segment");
    CHECK(view.answers[0].answer == "I run a business here, or I am answering for one\nI travel in or out of the area for work or study");
    CHECK(view.answers[1].answer == "CM20");
    CHECK(view.answers.back().answer == "Not answered");
    CHECK_FALSE(view.answers.back().answered);

    // Change: untick business; its answers will not be stored.
    session.apply(intent::ChangeAnswer{"segment"});
    CHECK(session.question() == "segment");
    CHECK(build_view(session.state).controls.front().label == "Check your answers");
    session.apply(intent::Answer{"segment", json::array({"commuter"})});
    session.apply(intent::Next{});
    CHECK(session.state.screen == Screen::CheckAnswers);

    session.context.now_ms = kNow + 5 * 60 * 1000;
    session.apply(intent::Submit{});
    CHECK(session.state.screen == Screen::Submitting);
    REQUIRE(session.effects.submit.has_value());
    const StoredResponse& stored = *session.effects.submit;
    CHECK(stored.id == "12345678-9abc-4ef0-8102-030405060708");
    CHECK(stored.survey_id == "diz-digital-needs");
    CHECK(stored.survey_version == default_survey()->model.version);
    CHECK(stored.segment == "commuter");
    CHECK(stored.channel == "online");
    CHECK(stored.started_at == "2026-06-15T12:00:00Z");
    CHECK(stored.submitted_at == "2026-06-15T12:05:00Z");
    CHECK(json::parse(stored.data_json) == json{{"segment", {"commuter"}}, {"postcode_district", "CM20"}});

    session.apply(intent::SubmitFinished{true, ""});
    CHECK(session.state.screen == Screen::Confirmation);
    CHECK(session.state.reference == "12345678");
    CHECK(session.state.answers.empty());  // the next person cannot see them
    view = build_view(session.state);
    CHECK(view.reference == "12345678");
    CHECK(view.completed_html.find("Thank you for taking part") != std::string::npos);
}

TEST_CASE("a failed submit returns to the check page with the answers and says so") {
    Session session;
    session.apply(intent::Start{});
    session.apply(intent::Answer{"segment", json::array({"commuter"})});
    session.continue_to_end();
    session.apply(intent::Submit{});
    session.apply(intent::SubmitFinished{false, "QuotaExceededError"});
    CHECK(session.state.screen == Screen::CheckAnswers);
    CHECK(session.state.answers["segment"] == json::array({"commuter"}));
    const ViewModel view = build_view(session.state);
    REQUIRE(view.errors.size() == 1);
    CHECK(view.errors[0].message == "Your answers could not be saved. Nothing has been lost: please try again.");
}

TEST_CASE("drafts: offered when they match the survey, resumed where the respondent was") {
    Session first;
    first.apply(intent::Start{});
    first.apply(intent::Answer{"segment", json::array({"resident"})});
    first.apply(intent::Next{});
    first.apply(intent::Answer{"postcode_district", "EN11"});
    REQUIRE(first.effects.save_draft.has_value());
    const Draft draft = *first.effects.save_draft;

    Session second;
    second.apply(intent::SurveyLoaded{default_survey(), "", false, draft});
    CHECK(second.state.screen == Screen::Resume);
    CHECK(build_view(second.state).controls.at(0).id == "resume");
    second.apply(intent::ResumeDraft{});
    CHECK(second.state.screen == Screen::Question);
    CHECK(second.question() == "postcode_district");
    CHECK(second.state.answers["postcode_district"] == "EN11");
    CHECK(second.state.response_id == first.state.response_id);

    Draft stale = draft;
    stale.survey_version = "0000";
    Session third;
    third.apply(intent::SurveyLoaded{default_survey(), "", false, stale});
    CHECK(third.state.screen == Screen::Welcome);
    CHECK(third.effects.discard_draft);
}

TEST_CASE("Start again clears the answers on any screen and deletes the draft") {
    Session session;
    session.apply(intent::Start{});
    session.apply(intent::Answer{"segment", json::array({"resident"})});
    session.apply(intent::StartAgain{});
    CHECK(session.state.screen == Screen::Welcome);
    CHECK(session.state.answers.empty());
    CHECK(session.state.response_id.empty());
    CHECK(session.effects.discard_draft);
    CHECK(session.effects.announce == "Your answers have been cleared");
    session.apply(intent::Start{});
    CHECK(session.state.answers.empty());
}

TEST_CASE("a closed survey or missing storage stops respondents before they start") {
    AppState state;
    Result<Transition> closed = apply_intent(state, intent::SurveyLoaded{default_survey(), "", true, std::nullopt}, {});
    REQUIRE(closed.ok());
    CHECK(closed->state.screen == Screen::Closed);
    CHECK(build_view(closed->state).heading == "This survey is closed");
    CHECK(apply_intent(closed->state, intent::Start{}, {}).error().message == "Start is not possible on the closed screen");

    Result<Transition> no_storage = apply_intent(state, intent::SurveyLoaded{default_survey(), "This browser is not saving anything.", false, std::nullopt}, {});
    REQUIRE(no_storage.ok());
    CHECK(no_storage->state.screen == Screen::Unavailable);
    CHECK(build_view(no_storage->state).paragraphs == std::vector<std::string>{"This browser is not saving anything."});
}

TEST_CASE("a survey that sets questionsOnPageMode to standard gets a page per screen") {
    auto active = std::make_shared<ActiveSurvey>();
    auto model = survey::load_survey(json::parse(R"({"questionsOnPageMode":"standard","pages":[
        {"name":"p1","title":"About you","elements":[{"type":"text","name":"a","isRequired":true},{"type":"text","name":"b"}]},
        {"name":"p2","elements":[{"type":"text","name":"c"}]}]})"), "paged.json");
    REQUIRE(model.ok());
    active->model = std::move(*model);
    CHECK_FALSE(flow::one_question_per_screen(active->model));
    Session session(active);
    session.apply(intent::Start{});
    ViewModel view = build_view(session.state);
    CHECK(view.heading == "About you");
    REQUIRE(view.elements.size() == 2);
    CHECK(view.progress == "Question 1 of about 2");
    session.apply(intent::Next{});
    view = build_view(session.state);
    REQUIRE(view.errors.size() == 1);
    CHECK(view.errors[0].target == "a");
    CHECK(view.errors[0].message == "Response required.");
}
