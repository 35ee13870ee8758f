// The survey engine's evaluation: given answers, the data survey-core would hold after
// `survey.data = answers; survey.clearIncorrectValues()` and the state of every element
// (visible, read-only, required, visible choices) under that data.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/survey/model.h"

namespace canvass::survey {

inline constexpr char kOtherItem = 1, kOtherText = 2, kOtherEmpty = 3;

struct EvalState {
    nlohmann::json values = nlohmann::json::object();     // question values (answers as survey-core keeps them)
    nlohmann::json variables = nlohmann::json::object();  // calculated values by name
    // Where a question holds something other than its data: "other" for a value that is none
    // of the choices (the value itself being the other text, in `other_text`).
    nlohmann::json question_values = nlohmann::json::object();
    nlohmann::json other_text = nlohmann::json::object();
    // What expressions read where it differs from `values`: each question whose value is not
    // its data (see question_value), with null standing for undefined. Layered over `values`.
    nlohmann::json expression_overlay = nlohmann::json::object();
    std::int64_t now_ms = 0;
    std::string locale;                                   // for the {locale} variable

    // Per element (index into Survey::elements).
    std::vector<char> visible;    // own visibility: visible && visibleIf
    std::vector<char> shown;      // visible, and its page and every enclosing panel visible
    std::vector<char> read_only;  // readOnly, enableIf false, or inside a read-only panel/page
    std::vector<char> required;   // isRequired or requiredIf true now
    std::vector<std::vector<int>> visible_choices;  // choice questions: indices into choices, in display order
    // showOtherItem questions: kOtherItem when the value holds "other" (its text is the
    // name-Comment value); kOtherText / kOtherEmpty when a value is not among the choices and
    // so is itself the other text (truthy / falsy); 0 otherwise.
    std::vector<char> other_selected;

    // "questionPerPage": survey-core's currentSingleElement (a top-level element), or -1.
    int current_single_element = -1;

    // Per page.
    std::vector<char> page_visible;
    std::vector<char> page_read_only;
    std::vector<char> page_required;
};

// Builds the state for `answers` (a JSON object; anything else counts as no answers).
// Pure: reads no clock (`now_ms` feeds today() and friends) and no global state.
EvalState evaluate_survey(const Survey& survey, const nlohmann::json& answers, std::int64_t now_ms,
                          std::string_view locale = {});

// A question's value as the question holds it (Question.value), or null. It can differ from
// the stored data: a matrix ignores a non-object, a checkbox or ranking ignores a falsy
// non-array and wraps any other non-array into [value].
nlohmann::json question_value(const Survey& survey, const EvalState& state, int element);

// The comment value (`name-Comment`) of a question, or null.
const nlohmann::json& comment_value(const Survey& survey, const EvalState& state, int element);

// Question.isEmpty(): the value is empty (strings of only whitespace count as empty).
bool question_is_empty(const Survey& survey, const EvalState& state, int element);

}  // namespace canvass::survey
