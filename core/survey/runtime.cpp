// The runtime API for the survey UI: localised page content, numbering, errors and page
// navigation, computed from a survey and its evaluated state.
//
// Sections:
//   1. Text helpers (localised texts, {name} placeholders)
//   2. Pages and navigation
//   3. Page content
#include "core/survey/runtime.h"

#include <cmath>

#include "core/survey/strings.h"
#include "core/survey/validation.h"
#include "core/survey/values.h"

namespace canvass::survey {

using nlohmann::json;

// --- 1. Text helpers -----------------------------------------------------------------------

namespace {

std::string choice_text(const Choice& c, std::string_view locale) {
    std::string t = c.text.get(locale);
    return t.empty() ? js_string(c.value) : t;
}

}  // namespace

std::string display_text(const Survey& survey, const EvalState& state, int q, std::string_view locale) {
    const Element& el = survey.elements[q];
    const json value = question_value(survey, state, q);
    if (value.is_null()) return {};
    auto one = [&](const json& v) -> std::string {
        if (el.is_choice()) {
            for (const Choice& c : el.choices) {
                if (values_equal(c.value, v)) return choice_text(c, locale);
            }
            if (v.is_string() && v.get<std::string>() == "other") {
                const json& comment = comment_value(survey, state, q);
                return comment.is_null() ? std::string() : js_string(comment);
            }
        }
        if (el.type == ElementType::Rating) {
            for (const Choice& c : el.rate_values) {
                if (values_equal(c.value, v)) return choice_text(c, locale);
            }
        }
        return v.is_object() ? v.dump() : js_string(v);
    };
    if (value.is_array()) {
        std::string out;
        for (const json& v : value) {
            if (!out.empty()) out += ", ";
            out += one(v);
        }
        return out;
    }
    return one(value);
}

namespace {

// Replaces {name} with the display text of question or calculated value `name`; other
// braces stay as written (survey-core's text processing).
std::string process_text(const Survey& survey, const EvalState& state, const std::string& text, std::string_view locale) {
    if (text.find('{') == std::string::npos) return text;
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t open = text.find('{', i);
        if (open == std::string::npos) break;
        const std::size_t close = text.find('}', open + 1);
        if (close == std::string::npos) break;
        out.append(text, i, open - i);
        const std::string name = text.substr(open + 1, close - open - 1);
        const int q = survey.find_question(name);
        if (q >= 0) {
            out += display_text(survey, state, q, locale);
        } else if (const auto v = expr::find_key(state.variables, name)) {
            out += v->is_object() || v->is_array() ? v->dump() : js_string(*v);
        } else {
            out.append(text, open, close - open + 1);
        }
        i = close + 1;
    }
    out.append(text, i, std::string::npos);
    return out;
}

bool is_start(const Survey& survey, int page) { return page == 0 && survey.first_page_is_start_page; }

}  // namespace

std::string ui_text(std::string_view key, std::string_view locale) { return ui_string(key, locale); }

std::string effective_locale(const Survey& survey, std::string_view requested) {
    return requested.empty() ? survey.locale : std::string(requested);
}

// --- 2. Pages and navigation -----------------------------------------------------------------

std::vector<PageView> page_views(const Survey& survey, const EvalState& state, std::string_view locale) {
    std::vector<PageView> out;
    for (std::size_t p = 0; p < survey.pages.size(); ++p) {
        const Page& page = survey.pages[p];
        PageView v;
        v.index = int(p);
        v.name = page.name;
        v.title = process_text(survey, state, page.title.get(locale), locale);
        v.description = process_text(survey, state, page.description.get(locale), locale);
        v.visible = state.page_visible[p];
        v.is_start_page = is_start(survey, int(p));
        out.push_back(std::move(v));
    }
    return out;
}

std::optional<int> first_page(const Survey& survey, const EvalState& state) {
    for (std::size_t p = 0; p < survey.pages.size(); ++p) {
        if (state.page_visible[p]) return int(p);
    }
    return std::nullopt;
}

std::optional<int> next_page(const Survey& survey, const EvalState& state, int page) {
    for (std::size_t p = std::size_t(page) + 1; p < survey.pages.size(); ++p) {
        if (state.page_visible[p]) return int(p);
    }
    return std::nullopt;
}

std::optional<int> previous_page(const Survey&, const EvalState& state, int page) {
    for (int p = page - 1; p >= 0; --p) {
        if (state.page_visible[p]) return p;
    }
    return std::nullopt;
}

std::string progress_text(const Survey& survey, const EvalState& state, int page, std::string_view locale) {
    if (is_start(survey, page)) return {};
    int index = 0, count = 0;
    for (std::size_t p = 0; p < survey.pages.size(); ++p) {
        if (!state.page_visible[p] || is_start(survey, int(p))) continue;
        ++count;
        if (int(p) <= page) index = count;
    }
    return format_string(ui_string("progressText", locale), {std::to_string(index), std::to_string(count)});
}

std::string page_error(const Survey& survey, const EvalState& state, int page, std::string_view locale) {
    if (state.page_read_only[page]) return {};
    return page_required_error(survey, state, page, locale);
}

bool page_is_valid(const Survey& survey, const EvalState& state, int page) {
    for (const ElementView& v : page_content(survey, state, page, "", true)) {
        if (!v.errors.empty()) return false;
    }
    return page_error(survey, state, page, "").empty();
}

// --- 3. Page content -------------------------------------------------------------------------

namespace {

// Question numbers as survey-core gives them: every visible question with a title (not html)
// counts; "on" numbers across the survey's pages (the start page excluded), "onPage" restarts
// on each page.
std::vector<int> question_numbers(const Survey& survey, const EvalState& state) {
    std::vector<int> numbers(survey.elements.size(), 0);
    if (survey.show_question_numbers == "off") return numbers;
    int n = 0, last_page = -1;
    for (int q : survey.questions) {
        const Element& el = survey.elements[q];
        if (!state.shown[q] || el.type == ElementType::Html || is_start(survey, el.page)) continue;
        if (survey.show_question_numbers == "onPage" && el.page != last_page) n = 0;
        last_page = el.page;
        numbers[q] = ++n;
    }
    return numbers;
}

void add_elements(const Survey& survey, const EvalState& state, const std::vector<int>& children, int depth,
                  std::string_view locale, bool with_errors, const std::vector<int>& numbers, std::vector<ElementView>& out) {
    for (int i : children) {
        if (!state.visible[i]) continue;
        const Element& el = survey.elements[i];
        ElementView v;
        v.element = i;
        v.depth = depth;
        v.type = el.type;
        v.name = el.name;
        if (numbers[i] > 0) v.number = std::to_string(numbers[i]) + ".";
        const std::string title = el.title.get(locale);
        v.title = process_text(survey, state, title.empty() && !el.is_panel() ? el.name : title, locale);
        v.description = process_text(survey, state, el.description.get(locale), locale);
        v.required = state.required[i];
        v.read_only = state.read_only[i];
        if (el.is_panel()) {
            if (with_errors && !state.read_only[i]) {
                std::string e = panel_required_error(survey, state, i, locale);
                if (!e.empty()) v.errors.push_back(std::move(e));
            }
            out.push_back(std::move(v));
            add_elements(survey, state, el.children, depth + 1, locale, with_errors, numbers, out);
            continue;
        }
        v.value = question_value(survey, state, i);
        v.comment = comment_value(survey, state, i);
        switch (el.type) {
        case ElementType::Radiogroup: case ElementType::Checkbox: case ElementType::Dropdown: case ElementType::Ranking:
            for (int c : state.visible_choices[i]) v.choices.push_back({el.choices[c].value, choice_text(el.choices[c], locale)});
            v.show_other = el.show_other;
            v.show_none = el.show_none;
            if (el.show_other) {
                const std::string t = el.other_text.get(locale);
                v.choices.push_back({"other", t.empty() ? ui_string("otherItemText", locale) : t});
                v.other_placeholder = el.other_placeholder.get(locale);
            }
            if (el.show_none) {
                const std::string t = el.none_text.get(locale);
                v.choices.push_back({"none", t.empty() ? ui_string("noneItemText", locale) : t});
            }
            v.col_count = el.col_count;
            v.max_selected_choices = el.max_selected_choices;
            v.min_selected_choices = el.min_selected_choices;
            if (el.type == ElementType::Dropdown) {
                const std::string t = el.placeholder.get(locale);
                v.placeholder = t.empty() ? ui_string("placeholder", locale) : t;
            }
            break;
        case ElementType::Text: case ElementType::Comment:
            v.placeholder = el.placeholder.get(locale);
            v.input_type = el.input_type;
            v.min = el.min;
            v.max = el.max;
            v.max_length = el.max_length;
            break;
        case ElementType::Rating:
            if (!el.rate_values.empty()) {
                for (const Choice& c : el.rate_values) v.rate_values.push_back({c.value, choice_text(c, locale)});
            } else {
                for (int k = 0; k < 1000; ++k) {
                    const double r = el.rate_min + k * el.rate_step;
                    if (r > el.rate_max + 1e-9) break;
                    const json value = r == std::floor(r) ? json(static_cast<long long>(r)) : json(r);
                    v.rate_values.push_back({value, js_string(value)});
                }
            }
            v.min_rate_description = el.min_rate_description.get(locale);
            v.max_rate_description = el.max_rate_description.get(locale);
            break;
        case ElementType::Boolean:
            v.label_true = ui_string("booleanCheckedLabel", locale);
            v.label_false = ui_string("booleanUncheckedLabel", locale);
            break;
        case ElementType::Matrix:
            for (const Choice& c : el.rows) v.rows.push_back({c.value, choice_text(c, locale)});
            for (const Choice& c : el.columns) v.columns.push_back({c.value, choice_text(c, locale)});
            v.all_rows_required = el.all_rows_required;
            break;
        case ElementType::Html:
            v.html = process_text(survey, state, el.html.get(locale), locale);
            break;
        case ElementType::Expression:
            v.display_value = v.value.is_null() ? std::string() : js_string(v.value);
            break;
        case ElementType::Panel:
            break;
        }
        if (with_errors) v.errors = question_errors(survey, state, i, locale);
        out.push_back(std::move(v));
    }
}

}  // namespace

std::vector<ElementView> page_content(const Survey& survey, const EvalState& state, int page, std::string_view locale,
                                      bool with_errors) {
    std::vector<ElementView> out;
    if (page < 0 || std::size_t(page) >= survey.pages.size()) return out;
    const std::vector<int> numbers = question_numbers(survey, state);
    add_elements(survey, state, survey.pages[page].children, 0, locale, with_errors, numbers, out);
    return out;
}

}  // namespace canvass::survey
