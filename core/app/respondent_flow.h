// The respondent's path through a survey: which screens of questions there are under the
// current answers, what each shows, whether it may be left, the progress, the check-your-
// answers rows and the data stored on submit. Pure functions of (survey, evaluated state);
// apply_intent (app_state.cpp) moves between them. The rules are documented in
// docs/respondent-flow.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/app/app_state.h"
#include "core/survey/runtime.h"

namespace canvass::flow {

// One question per screen, following GOV.UK's "one thing per page", unless the survey sets
// questionsOnPageMode itself: "questionPerPage" gets the same, "standard" and "singlePage" a
// page per screen.
bool one_question_per_screen(const survey::Survey& model);

// Every screen of questions the respondent will see under the current answers, in survey
// order: one per visible top-level element of each visible page (one question per screen),
// or one per visible page. The survey's start page is not among them: the welcome screen
// shows it.
std::vector<Position> positions(const ActiveSurvey& active, const survey::EvalState& state);

std::optional<Position> first_position(const ActiveSurvey& active, const survey::EvalState& state);
// The screen after / before `from` in survey order, even when `from` itself is now hidden.
std::optional<Position> next_position(const ActiveSurvey& active, const survey::EvalState& state, Position from);
std::optional<Position> previous_position(const ActiveSurvey& active, const survey::EvalState& state, Position from);
// The screen that shows question `name` now, or nullopt when it is hidden or unknown.
std::optional<Position> position_of(const ActiveSurvey& active, const survey::EvalState& state, std::string_view name);

// What the screen shows, in order, with errors when `with_errors`. A whole-page screen
// carries the page's own required error in `page_error`.
struct ScreenContent {
    std::string page_title, page_description;
    std::vector<survey::ElementView> elements;
    std::string page_error;
};
ScreenContent screen_content(const ActiveSurvey& active, const survey::EvalState& state, Position at,
                             std::string_view locale, bool with_errors);

// True when nothing on the screen has an error (what Next checks).
bool screen_is_valid(const ActiveSurvey& active, const survey::EvalState& state, Position at);

// The first screen with an error, or nullopt when the whole response may be submitted.
std::optional<Position> first_invalid_position(const ActiveSurvey& active, const survey::EvalState& state);

// "Question 4 of about 18": screens holding at least one question, counted up to and
// including `at` (an information-only screen counts as the next question's), and in all.
struct Progress {
    int current = 0;
    int total = 0;
};
Progress progress(const ActiveSurvey& active, const survey::EvalState& state, Position at);

// One row of the check-your-answers page.
struct AnswerRow {
    std::string name;       // the question
    std::string question;   // its title
    std::string answer;     // its answer as text, "" when unanswered
};
std::vector<AnswerRow> answer_rows(const ActiveSurvey& active, const survey::EvalState& state, std::string_view locale);

// The SurveyJS data stored on submit: the answers of the questions visible now (and their
// "other" texts), as survey-core keeps them after clearInvisibleValues "onComplete".
nlohmann::json submitted_data(const ActiveSurvey& active, const survey::EvalState& state);

// The response's segment: the segment question's chosen values, in choice order, joined with
// ","; "" when the survey has no such question or it is unanswered.
std::string segment_of(const ActiveSurvey& active, const survey::EvalState& state);

// The answers a new response starts with: every question's defaultValue.
nlohmann::json initial_answers(const survey::Survey& model);

// Position <-> the JSON kept in a draft ({"page": "name", "element": "name"}), so a draft
// survives re-ordering of elements within a page.
std::string position_to_json(const ActiveSurvey& active, Position at);
std::optional<Position> position_from_json(const ActiveSurvey& active, std::string_view text);

}  // namespace canvass::flow
