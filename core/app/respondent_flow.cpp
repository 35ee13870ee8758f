// The respondent's path through a survey (see respondent_flow.h).
//
// Sections:
//   1. Screens of questions and moving between them
//   2. What a screen shows, and whether it may be left
//   3. Progress
//   4. Check your answers, and the data stored on submit
//   5. Drafts: positions as JSON
#include "core/app/respondent_flow.h"

#include <algorithm>

#include "core/survey/values.h"

namespace canvass::flow {

using nlohmann::json;
using survey::ElementType;
using survey::ElementView;
using survey::EvalState;

namespace {

bool is_start_page(const survey::Survey& model, int page) { return page == 0 && model.first_page_is_start_page; }

// Survey order of positions: pages first, then element order within the page.
int element_order(const survey::Survey& model, const Position& p) {
    if (p.element < 0) return -1;
    const auto& children = model.pages[p.page].children;
    return int(std::find(children.begin(), children.end(), p.element) - children.begin());
}

bool before(const survey::Survey& model, const Position& a, const Position& b) {
    if (a.page != b.page) return a.page < b.page;
    return element_order(model, a) < element_order(model, b);
}

// True when `element` is `top` or lies inside it.
bool inside(const survey::Survey& model, int element, int top) {
    for (int e = element; e >= 0; e = model.elements[e].parent) {
        if (e == top) return true;
    }
    return false;
}

bool is_question(ElementType type) { return type != ElementType::Html && type != ElementType::Panel; }

}  // namespace

// --- 1. Screens of questions and moving between them -----------------------------------------

bool one_question_per_screen(const survey::Survey& model) {
    return !model.questions_on_page_mode_given || model.questions_on_page_mode == "questionPerPage";
}

std::vector<Position> positions(const ActiveSurvey& active, const EvalState& state) {
    const survey::Survey& model = active.model;
    std::vector<Position> out;
    for (int p = 0; p < int(model.pages.size()); ++p) {
        if (is_start_page(model, p) || !state.page_visible[p]) continue;
        if (!one_question_per_screen(model)) {
            out.push_back({p, -1});
            continue;
        }
        for (int e : model.pages[p].children) {
            if (state.shown[e]) out.push_back({p, e});
        }
    }
    return out;
}

std::optional<Position> first_position(const ActiveSurvey& active, const EvalState& state) {
    const auto all = positions(active, state);
    if (all.empty()) return std::nullopt;
    return all.front();
}

std::optional<Position> next_position(const ActiveSurvey& active, const EvalState& state, Position from) {
    for (const Position& p : positions(active, state)) {
        if (before(active.model, from, p)) return p;
    }
    return std::nullopt;
}

std::optional<Position> previous_position(const ActiveSurvey& active, const EvalState& state, Position from) {
    std::optional<Position> found;
    for (const Position& p : positions(active, state)) {
        if (before(active.model, p, from)) found = p;
    }
    return found;
}

std::optional<Position> position_of(const ActiveSurvey& active, const EvalState& state, std::string_view name) {
    const int q = active.model.find_question(std::string(name));
    if (q < 0 || !state.shown[q]) return std::nullopt;
    for (const Position& p : positions(active, state)) {
        if (p.page != active.model.elements[q].page) continue;
        if (p.element < 0 || inside(active.model, q, p.element)) return p;
    }
    return std::nullopt;
}

// --- 2. What a screen shows, and whether it may be left ---------------------------------------

ScreenContent screen_content(const ActiveSurvey& active, const EvalState& state, Position at, std::string_view locale,
                             bool with_errors) {
    ScreenContent out;
    if (at.page < 0 || at.page >= int(active.model.pages.size())) return out;
    const std::vector<survey::PageView> pages = survey::page_views(active.model, state, locale);
    out.page_title = pages[at.page].title;
    out.page_description = pages[at.page].description;
    for (ElementView& view : survey::page_content(active.model, state, at.page, locale, with_errors)) {
        if (at.element < 0 || inside(active.model, view.element, at.element)) out.elements.push_back(std::move(view));
    }
    if (with_errors && at.element < 0) out.page_error = survey::page_error(active.model, state, at.page, locale);
    return out;
}

bool screen_is_valid(const ActiveSurvey& active, const EvalState& state, Position at) {
    const ScreenContent content = screen_content(active, state, at, "", true);
    if (!content.page_error.empty()) return false;
    return std::all_of(content.elements.begin(), content.elements.end(),
                       [](const ElementView& v) { return v.errors.empty(); });
}

std::optional<Position> first_invalid_position(const ActiveSurvey& active, const EvalState& state) {
    const std::vector<Position> all = positions(active, state);
    for (const Position& p : all) {
        if (!screen_is_valid(active, state, p)) return p;
    }
    // A required page with no answer has no question in error: send the respondent to its
    // first screen.
    for (const Position& p : all) {
        if (!survey::page_is_valid(active.model, state, p.page)) return p;
    }
    return std::nullopt;
}

// --- 3. Progress -------------------------------------------------------------------------------

Progress progress(const ActiveSurvey& active, const EvalState& state, Position at) {
    Progress out;
    bool passed = false;
    for (const Position& p : positions(active, state)) {
        bool has_question = false;
        if (p.element >= 0) {
            has_question = active.model.elements[p.element].type != ElementType::Html;
        } else {
            for (int q : active.model.questions) {
                has_question = has_question || (active.model.elements[q].page == p.page && state.shown[q] &&
                                                is_question(active.model.elements[q].type));
            }
        }
        if (!has_question) {
            if (p == at) passed = true;  // an information screen shows the next question's number
            continue;
        }
        ++out.total;
        if (!passed || p == at) {
            out.current = out.total;
            if (p == at) passed = true;
        }
    }
    if (out.current == 0 && out.total > 0) out.current = 1;
    return out;
}

// --- 4. Check your answers, and the data stored on submit -------------------------------------

namespace {

std::string item_text(const ElementView& view, const json& item) {
    for (const survey::ChoiceView& c : view.choices) {
        if (!survey::values_equal(c.value, item)) continue;
        if (c.value == "other" && view.show_other && view.comment.is_string() && !view.comment.get<std::string>().empty()) {
            return view.comment.get<std::string>();
        }
        return c.text;
    }
    return survey::js_string(item);
}

std::string answer_text(const ElementView& view) {
    const json& value = view.value;
    if (survey::is_value_empty(value, true)) return {};
    switch (view.type) {
        case ElementType::Boolean:
            if (value.is_boolean()) return value.get<bool>() ? view.label_true : view.label_false;
            return survey::js_string(value);
        case ElementType::Rating:
            for (const survey::ChoiceView& c : view.rate_values) {
                if (survey::values_equal(c.value, value)) return c.text;
            }
            return survey::js_string(value);
        case ElementType::Matrix: {
            std::string out;
            for (const survey::ChoiceView& row : view.rows) {
                const auto cell = value.is_object() ? value.find(survey::js_string(row.value)) : value.end();
                if (!value.is_object() || cell == value.end()) continue;
                std::string column = survey::js_string(*cell);
                for (const survey::ChoiceView& c : view.columns) {
                    if (survey::values_equal(c.value, *cell)) column = c.text;
                }
                if (!out.empty()) out += "\n";
                out += row.text + ": " + column;
            }
            return out;
        }
        case ElementType::Ranking: {
            std::string out;
            int rank = 0;
            for (const json& item : value) {
                if (!out.empty()) out += "\n";
                out += std::to_string(++rank) + ". " + item_text(view, item);
            }
            return out;
        }
        case ElementType::Radiogroup: case ElementType::Checkbox: case ElementType::Dropdown: {
            if (!value.is_array()) return item_text(view, value);
            std::string out;
            for (const json& item : value) {
                if (!out.empty()) out += "\n";
                out += item_text(view, item);
            }
            return out;
        }
        default:
            return survey::js_string(value);
    }
}

}  // namespace

std::vector<AnswerRow> answer_rows(const ActiveSurvey& active, const EvalState& state, std::string_view locale) {
    std::vector<AnswerRow> rows;
    for (const Position& p : positions(active, state)) {
        for (const ElementView& view : screen_content(active, state, p, locale, false).elements) {
            if (!is_question(view.type) || view.type == ElementType::Expression) continue;
            rows.push_back({view.name, view.title, answer_text(view)});
        }
    }
    return rows;
}

json submitted_data(const ActiveSurvey& active, const EvalState& state) {
    json data = json::object();
    for (int q : active.model.questions) {
        if (!state.shown[q]) continue;
        const std::string& name = active.model.elements[q].name;
        if (const auto it = state.values.find(name); it != state.values.end()) data[name] = *it;
        if (const auto it = state.values.find(name + "-Comment"); it != state.values.end()) data[name + "-Comment"] = *it;
    }
    return data;
}

std::string segment_of(const ActiveSurvey& active, const EvalState& state) {
    const int q = active.model.find_question(active.segment_question);
    if (q < 0 || !state.shown[q]) return {};
    const json value = survey::question_value(active.model, state, q);
    std::string out;
    for (const survey::Choice& c : active.model.elements[q].choices) {
        const bool chosen = value.is_array() ? std::any_of(value.begin(), value.end(), [&](const json& v) { return survey::values_equal(v, c.value); })
                                             : survey::values_equal(value, c.value);
        if (!chosen) continue;
        if (!out.empty()) out += ",";
        out += survey::js_string(c.value);
    }
    return out;
}

json initial_answers(const survey::Survey& model) {
    json answers = json::object();
    for (int q : model.questions) {
        const survey::Element& el = model.elements[q];
        if (!el.default_value.is_null()) answers[el.name] = el.default_value;
    }
    return answers;
}

// --- 5. Drafts: positions as JSON --------------------------------------------------------------

std::string position_to_json(const ActiveSurvey& active, Position at) {
    json out = {{"page", at.page}};
    out["element"] = at.element >= 0 ? json(active.model.elements[at.element].name) : json();
    return out.dump();
}

std::optional<Position> position_from_json(const ActiveSurvey& active, std::string_view text) {
    const json j = json::parse(text, nullptr, false);
    if (!j.is_object() || !j.contains("page") || !j["page"].is_number_integer()) return std::nullopt;
    const int page = j["page"].get<int>();
    if (page < 0 || page >= int(active.model.pages.size())) return std::nullopt;
    if (!j.contains("element") || j["element"].is_null()) return Position{page, -1};
    if (!j["element"].is_string()) return std::nullopt;
    const std::string name = j["element"].get<std::string>();
    for (int e : active.model.pages[page].children) {
        if (active.model.elements[e].name == name) return Position{page, e};
    }
    return std::nullopt;
}

}  // namespace canvass::flow
