// Validation errors of questions, panels and pages under an evaluated state, worded as
// survey-core words them (custom texts first, else SurveyJS's default in the locale).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/survey/engine.h"
#include "core/survey/model.h"

namespace canvass::survey {

// The errors survey-core's Question.validate() reports for question `element`, in order:
// the required error and the type's own checks (other text, min/max, e-mail, selected-count,
// all matrix rows); only when there are none, the validators. Empty when the question is
// hidden, read-only, html or expression. Messages are in `locale`.
std::vector<std::string> question_errors(const Survey& survey, const EvalState& state, int element,
                                         std::string_view locale);

// A required panel's error ("Response required: answer at least one question.") when it has
// visible questions and all are empty; "" otherwise. `element` must be a panel.
std::string panel_required_error(const Survey& survey, const EvalState& state, int element, std::string_view locale);

// The same for a page.
std::string page_required_error(const Survey& survey, const EvalState& state, int page, std::string_view locale);

// survey.validate(): false when any visible page (the start page excluded) has an error.
bool survey_is_complete(const Survey& survey, const EvalState& state);

// survey-core's EmailValidator pattern, matched by hand.
bool is_valid_email(std::string_view text);

}  // namespace canvass::survey
