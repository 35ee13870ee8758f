// The survey model: a SurveyJS survey (the subset Canvass supports) as plain data, loaded once,
// with every expression parsed and every regex checked at load time.
//
// Sections:
//   1. Localised strings
//   2. Choices, validators, calculated values
//   3. Elements (questions and panels) and pages
//   4. The survey and its diagnostics
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/expr/expression.h"

namespace canvass::survey {

using ExprPtr = std::shared_ptr<const expr::Expression>;

// --- 1. Localised strings -------------------------------------------------------------------

// A text that may be a plain string or {"default": "...", "pl": "..."}. A plain string is
// stored under "default". Lookup follows survey-core's LocalizableString.pureText: the asked
// locale ("" means "default"), then for "default" the "en" entry, then the root dialect
// ("pt" for "pt-BR"), then "default".
struct LocalizedString {
    std::map<std::string, std::string> by_locale;

    bool empty() const { return by_locale.empty(); }
    // The text for `locale`, or "" when there is none.
    std::string get(std::string_view locale) const;
};

// --- 2. Choices, validators, calculated values ----------------------------------------------

struct Choice {
    nlohmann::json value;   // string, number or boolean as written
    LocalizedString text;   // empty: the value's text is shown
    ExprPtr visible_if;     // item-level visibleIf (optional)
    ExprPtr enable_if;      // item-level enableIf (optional)
};

class Regex;  // core/survey/regex.h

enum class ValidatorKind { Numeric, Text, Regex, Email, AnswerCount, Expression };

struct Validator {
    ValidatorKind kind = ValidatorKind::Numeric;
    LocalizedString text;                  // custom error text; empty: the default message
    std::optional<double> min_value, max_value;      // numeric
    int min_length = 0, max_length = 0;              // text
    bool allow_digits = true;                        // text
    std::string pattern;                             // regex
    bool case_insensitive = false;                   // regex
    std::shared_ptr<const Regex> regex;              // regex, compiled at load
    int min_count = 0, max_count = 0;                // answercount
    std::string expression_text;                     // expression
    ExprPtr expression;                              // expression
};

struct CalculatedValue {
    std::string name;
    std::string expression_text;
    ExprPtr expression;
    bool include_into_result = false;
};

// --- 3. Elements and pages ------------------------------------------------------------------

enum class ElementType {
    Radiogroup, Checkbox, Dropdown, Boolean, Rating, Text, Comment, Ranking, Matrix, Html, Expression, Panel
};

// "radiogroup", "checkbox", ... as written in SurveyJS JSON.
std::string_view type_name(ElementType type);

struct Element {
    ElementType type = ElementType::Text;
    std::string name;
    std::string path;      // JSON path, e.g. "pages[2].elements[4]"
    int page = 0;          // index into Survey::pages
    int parent = -1;       // index of the enclosing panel in Survey::elements, -1 for the page
    std::vector<int> children;  // panels: indices of the nested elements, in order

    LocalizedString title, description, required_error_text;
    bool is_required = false;
    bool visible = true;
    bool read_only = false;
    ExprPtr visible_if, enable_if, required_if;
    nlohmann::json default_value;  // null when not given
    std::vector<Validator> validators;

    // Choice questions (radiogroup, checkbox, dropdown, ranking).
    std::vector<Choice> choices;
    std::string choices_order = "none";  // none | asc | desc | random
    ExprPtr choices_visible_if;
    bool show_other = false, show_none = false;
    LocalizedString other_text, none_text, other_placeholder, other_error_text;
    int col_count = -1;  // -1: not given
    int min_selected_choices = 0, max_selected_choices = 0;

    // Text and comment.
    std::string input_type = "text";  // text | number | email | tel | url
    nlohmann::json min, max;          // null when not given
    int max_length = -1;              // -1: not given
    LocalizedString placeholder;

    // Rating.
    double rate_min = 1, rate_max = 5, rate_step = 1;
    std::vector<Choice> rate_values;
    LocalizedString min_rate_description, max_rate_description;

    // Matrix.
    std::vector<Choice> rows, columns;
    bool all_rows_required = false;

    // Html and expression.
    LocalizedString html;
    std::string expression_text;
    ExprPtr expression;

    bool is_panel() const { return type == ElementType::Panel; }
    bool is_choice() const {
        return type == ElementType::Radiogroup || type == ElementType::Checkbox || type == ElementType::Dropdown ||
               type == ElementType::Ranking;
    }
    bool is_multi() const { return type == ElementType::Checkbox || type == ElementType::Ranking; }
};

struct Page {
    std::string name;
    std::string path;  // "pages[0]"
    LocalizedString title, description, required_error_text;
    bool visible = true;
    bool is_required = false;
    bool read_only = false;
    ExprPtr visible_if, enable_if, required_if;
    std::vector<int> children;  // top-level elements of the page, indices into Survey::elements
};

// --- 4. The survey and its diagnostics ------------------------------------------------------

enum class Severity { Error, Warning };

struct Diagnostic {
    Severity severity = Severity::Error;
    std::string path;     // JSON path such as "pages[2].elements[4].visibleIf"; "" for the document
    std::string message;

    // "error: PATH: MESSAGE" (or "warning: ...").
    std::string to_string() const;
};

struct Survey {
    std::string id;         // canvassId, or the file name without ".json"
    std::string version;    // SHA-256 (lower-case hex) of canonical_json(document)
    LocalizedString title, description, completed_html;
    std::string locale;     // the survey's own locale ("" when not given)
    std::string show_progress_bar = "off";
    bool first_page_is_start_page = false;
    std::string show_question_numbers = "on";   // on | onPage | off (true/false map to on/off)
    std::string questions_on_page_mode = "standard";  // standard | questionPerPage | singlePage
    bool questions_on_page_mode_given = false;        // the survey set it (Canvass's own default differs)
    std::string clear_invisible_values = "onComplete";  // onComplete | onHidden | onHiddenContainer | none
    std::vector<CalculatedValue> calculated_values;

    std::vector<Page> pages;
    std::vector<Element> elements;  // every element, panels included, in document (pre-)order
    std::vector<int> questions;     // indices of non-panel elements: survey-core's getAllQuestions()
    std::unordered_map<std::string, int> question_by_name;  // JS-lower-cased name -> element index

    std::vector<Diagnostic> warnings;  // what validate_survey reported as warnings at load

    // The element index of question `name` (case-insensitive), or -1.
    int find_question(std::string_view name) const;
};

}  // namespace canvass::survey
