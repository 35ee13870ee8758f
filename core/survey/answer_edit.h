// How a control's input changes a question's answer, as SurveyJS's own controls do: ticking
// checkboxes (the exclusive "none" item, maxSelectedChoices), typed text to a value (numbers
// for number fields), reordering a ranking, answering a matrix row, and narrowing a dropdown's
// choices by what the respondent types. Pure functions of the question as shown (runtime.h's
// ElementView); the UI sends their results as intent::Answer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/survey/runtime.h"

namespace canvass::survey {

// The value SurveyJS stores for the "Other (please specify)" and "None" items.
inline constexpr std::string_view kOtherValue = "other";
inline constexpr std::string_view kNoneValue = "none";

bool is_other_choice(const ElementView& question, const ChoiceView& choice);
bool is_none_choice(const ElementView& question, const ChoiceView& choice);

// Radio groups and dropdowns compare the value; checkboxes look in the array.
bool is_choice_selected(const ElementView& question, const nlohmann::json& choice_value);

// Checkboxes. At maxSelectedChoices the unticked ordinary choices are disabled (the "none"
// item stays enabled: ticking it clears the others). Ticking "none" clears the others,
// ticking anything else clears "none" (survey-core's selectItem). Returns the new value, null
// when nothing is left ticked; a tick refused by the limit returns the value unchanged.
int selected_count(const ElementView& question);
bool at_selection_limit(const ElementView& question);
bool is_choice_enabled(const ElementView& question, const ChoiceView& choice);
nlohmann::json toggle_checkbox(const ElementView& question, const nlohmann::json& choice_value);

// Typed text to the stored value: "" is null (unanswered); a number field stores a JSON number
// when the whole text is a decimal number (integers as integers), else the text as typed, so
// validation can say it is not a number. Every other input type stores the text.
nlohmann::json text_to_answer(std::string_view text, std::string_view input_type);
// How a stored value reads in a text field ("" for null).
std::string answer_to_text(const nlohmann::json& value);

// Rankings. The order shown: the answer's items that are still choices, in the answer's order,
// then the remaining choices in their own order (an unanswered ranking shows the choices'
// order). Moving returns the whole order as the new value (an array of choice values).
std::vector<ChoiceView> ranking_order(const ElementView& question);
nlohmann::json move_in_ranking(const ElementView& question, int from, int to);

// Matrices (one column per row): the column chosen for `row`, or null; and the value after
// choosing `column` in `row` (an object {row: column}).
nlohmann::json matrix_cell(const ElementView& question, const nlohmann::json& row);
nlohmann::json answer_matrix_row(const ElementView& question, const nlohmann::json& row, const nlohmann::json& column);

// Text folded for searching: lower-case (as JavaScript does) with the accents of Latin letters
// removed, so "lodz" finds "Łódź" and "zolw" finds "żółw".
std::string fold_for_search(std::string_view text);
// Indices of the choices whose text contains `query` (folded); all of them for an empty query.
std::vector<int> filter_choices(const std::vector<ChoiceView>& choices, std::string_view query);

}  // namespace canvass::survey
