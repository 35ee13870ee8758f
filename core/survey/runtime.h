// The runtime API the survey UI uses: pages and their visibility, the visible content of a
// page with every text localised (titles, choices visible now, placeholders, rating labels,
// matrix rows and columns), question numbers, validation errors as localised messages, and
// page navigation. Pure functions of (survey, state, locale); build the state with
// evaluate_survey (core/survey/engine.h) after each answer change: it is cheap, because
// every expression and regex was compiled once by load_survey.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/survey/engine.h"
#include "core/survey/model.h"

namespace canvass::survey {

struct ChoiceView {
    nlohmann::json value;  // what the answer stores
    std::string text;      // localised label
};

struct PageView {
    int index = 0;          // into Survey::pages
    std::string name, title, description;
    bool visible = false;   // visibleIf true and at least one visible element
    bool is_start_page = false;
};

struct ElementView {
    int element = 0;        // index into Survey::elements
    int depth = 0;          // 0 for the page's own elements, +1 per enclosing panel
    ElementType type = ElementType::Text;
    std::string name;
    std::string number;     // "1." etc., "" when numbering is off or the element has none
    std::string title;      // localised, with {name} placeholders replaced; the name when no title
    std::string description;
    bool required = false;  // isRequired or requiredIf now
    bool read_only = false;
    nlohmann::json value;   // the question's value (null when unanswered)
    nlohmann::json comment; // the name-Comment value (the "other" text), null when none

    // Choice questions: the choices visible now, in display order, then "other" and "none"
    // items when shown (values "other" / "none").
    std::vector<ChoiceView> choices;
    bool show_other = false, show_none = false;
    std::string other_placeholder;
    int col_count = -1;
    int max_selected_choices = 0;  // 0: no limit
    int min_selected_choices = 0;  // 0: no minimum (checkboxes)

    // Text, comment and dropdown.
    std::string placeholder;
    std::string input_type;        // text questions
    nlohmann::json min, max;
    int max_length = -1;

    // Rating: the offered values; the two end labels.
    std::vector<ChoiceView> rate_values;
    std::string min_rate_description, max_rate_description;

    // Boolean: the two labels ("Yes"/"No" localised).
    std::string label_true, label_false;

    // Matrix.
    std::vector<ChoiceView> rows, columns;
    bool all_rows_required = false;

    // Html: the html string (the UI renders a safe subset); expression: the value as text.
    std::string html;
    std::string display_value;

    // Validation messages in the locale (question errors, or a required panel's error).
    std::vector<std::string> errors;
};

// The display text of question `element`'s value, as {name} placeholders show it: choice
// texts for choice questions (joined with ", "), the "other" text for "other", the value's
// text otherwise; "" when unanswered.
std::string display_text(const Survey& survey, const EvalState& state, int element, std::string_view locale);

// Every page with its state.
std::vector<PageView> page_views(const Survey& survey, const EvalState& state, std::string_view locale);

// The visible elements of page `page` in order, panels included (a panel comes before its
// contents), with errors filled in when `with_errors`.
std::vector<ElementView> page_content(const Survey& survey, const EvalState& state, int page, std::string_view locale,
                                      bool with_errors);

// The page's own required error (isRequired page with no answered question), or "".
std::string page_error(const Survey& survey, const EvalState& state, int page, std::string_view locale);

// True when the page's visible questions, panels and the page itself have no errors
// (what survey-core checks before going to the next page).
bool page_is_valid(const Survey& survey, const EvalState& state, int page);

// Navigation over visible pages: the first one (the start page when there is one and it is
// visible), the next / previous visible page, or nullopt.
std::optional<int> first_page(const Survey& survey, const EvalState& state);
std::optional<int> next_page(const Survey& survey, const EvalState& state, int page);
std::optional<int> previous_page(const Survey& survey, const EvalState& state, int page);

// "Page 2 of 5" in the locale, counting visible pages without the start page; "" on the
// start page.
std::string progress_text(const Survey& survey, const EvalState& state, int page, std::string_view locale);

// A built-in SurveyJS text (e.g. "pageNextText", "completeText") in the locale.
std::string ui_text(std::string_view key, std::string_view locale);

// The locale to show: `requested` when given, else the survey's own, else "" (default).
std::string effective_locale(const Survey& survey, std::string_view requested);

}  // namespace canvass::survey
