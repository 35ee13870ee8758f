// The survey engine's evaluation: runs conditions, calculated values and expression questions
// to a fixed point, mirrors survey-core's clear-on-hidden and clearIncorrectValues(), and
// records every element's state.
//
// Sections:
//   1. Expression context and small helpers
//   2. Running conditions (survey-core's runConditions) to a fixed point
//   3. Visibility transitions (clearInvisibleValues "onHidden": clear and default values)
//   4. clearIncorrectValues (choice and matrix questions)
//   5. evaluate_survey
#include "core/survey/engine.h"

#include <algorithm>

#include "core/survey/values.h"
#include "core/text/unicode.h"

namespace canvass::survey {

namespace {

using nlohmann::json;

const json kNull;

// JavaScript's !value for JSON values.
bool is_falsy(const json& v) {
    if (v.is_null()) return true;
    if (v.is_boolean()) return !v.get<bool>();
    if (v.is_number()) { const double d = v.get<double>(); return d == 0 || d != d; }
    if (v.is_string()) return v.get_ref<const std::string&>().empty();
    return false;
}

// --- 1. Expression context and small helpers -----------------------------------------------

class Runner {
public:
    Runner(const Survey& survey, EvalState& state) : s_(survey), st_(state), locale_(state.locale.empty() ? (survey.locale.empty() ? "en" : survey.locale) : state.locale) {
        ctx_.layers = {&st_.variables, &st_.expression_overlay, &st_.values};
        ctx_.bindings.push_back({"locale", &locale_});
        ctx_.set_now_ms(state.now_ms);
    }

    bool condition(const ExprPtr& e) { return expr::evaluate_condition(*e, ctx_); }
    json value(const ExprPtr& e) { return expr::evaluate(*e, ctx_); }

    bool item_condition(const ExprPtr& e, const json& item) {
        ctx_.bindings.push_back({"item", &item});
        const bool r = expr::evaluate_condition(*e, ctx_);
        ctx_.bindings.pop_back();
        return r;
    }

    // --- 2. Running conditions ------------------------------------------------------------

    // Calculated values, then expression questions, in order; repeated while anything changes
    // (survey-core re-runs dependants on every value change). Then element states.
    void run_conditions() {
        update_overlay();
        for (int round = 0; round < 16; ++round) {
            bool changed = false;
            for (const CalculatedValue& cv : s_.calculated_values) {
                if (!cv.expression) continue;
                json v = value(cv.expression);
                const auto it = st_.variables.find(cv.name);
                if (v.is_null()) {
                    if (it != st_.variables.end()) { st_.variables.erase(it); changed = true; }
                } else if (it == st_.variables.end() || *it != v) {
                    st_.variables[cv.name] = std::move(v);
                    changed = true;
                }
            }
            for (int q : s_.questions) {
                const Element& el = s_.elements[q];
                if (el.type != ElementType::Expression || !el.expression) continue;
                if (read_only_now(q)) continue;  // survey-core does not run a read-only expression question
                json v = value(el.expression);
                if (set_value(el.name, std::move(v))) changed = true;
            }
            if (!changed) break;
        }
        update_states();
    }

    // Expressions read a question's value (Question.value), not the raw data: a checkbox or
    // ranking sees [v] for a single v and nothing for a falsy one, a matrix nothing for a
    // non-object, a text or comment question an array as joined text, and a cleared question
    // that held an array or object sees it emptied. EvalState::expression_overlay holds them.
    void update_overlay() {
        st_.expression_overlay = json::object();
        for (int q : s_.questions) {
            const Element& el = s_.elements[q];
            const bool text = el.type == ElementType::Text || el.type == ElementType::Comment;
            if (!el.is_multi() && el.type != ElementType::Matrix && !text) continue;
            const auto it = st_.values.find(el.name);
            if (it == st_.values.end()) continue;
            const bool conforming = el.type == ElementType::Matrix ? it->is_object() : text ? !it->is_array() : it->is_array();
            if (!conforming) st_.expression_overlay[el.name] = question_value(s_, st_, q);
        }
        for (const auto& held : st_.question_values.items()) {
            if (!st_.values.contains(held.key())) st_.expression_overlay[held.key()] = held.value();
        }
    }

    // isReadOnly of an element under the current data: readOnly (or enableIf false), or a
    // read-only panel or page around it.
    bool read_only_now(int i) {
        const Element& el = s_.elements[i];
        if (el.enable_if ? !condition(el.enable_if) : el.read_only) return true;
        if (el.parent >= 0) return read_only_now(el.parent);
        const Page& page = s_.pages[el.page];
        return page.enable_if ? !condition(page.enable_if) : page.read_only;
    }

    // Sets (or with null, removes) a value; true when it changed.
    bool set_value(const std::string& name, json v) {
        const auto it = st_.values.find(name);
        if (v.is_null()) {
            if (it == st_.values.end()) return false;
            st_.values.erase(it);
            return true;
        }
        if (it != st_.values.end() && *it == v) return false;
        st_.question_values.erase(name);
        st_.values[name] = std::move(v);
        return true;
    }

    // Question.clearValue: the data loses the value, but a question that held an array or an
    // object keeps it emptied ([] or {}), and expressions read that ([] <= 2 is true, where
    // undefined <= 2 is false).
    bool clear_question(int q) {
        const Element& el = s_.elements[q];
        const json held = question_value(s_, st_, q);
        if (!set_value(el.name, json())) return false;
        if (held.is_array()) st_.question_values[el.name] = json::array();
        else if (held.is_object()) st_.question_values[el.name] = json::object();
        return true;
    }

    void update_states() {
        const std::size_t n = s_.elements.size();
        st_.visible.assign(n, 1);
        st_.shown.assign(n, 0);
        st_.read_only.assign(n, 0);
        st_.required.assign(n, 0);
        st_.visible_choices.assign(n, {});
        st_.page_visible.assign(s_.pages.size(), 0);
        st_.page_read_only.assign(s_.pages.size(), 0);
        st_.page_required.assign(s_.pages.size(), 0);
        for (std::size_t i = 0; i < n; ++i) {
            const Element& el = s_.elements[i];
            st_.visible[i] = el.visible_if ? condition(el.visible_if) : el.visible;
            st_.required[i] = el.required_if ? condition(el.required_if) : el.is_required;
            const bool own_read_only = el.enable_if ? !condition(el.enable_if) : el.read_only;
            const bool parent_read_only = el.parent >= 0 ? st_.read_only[el.parent] : false;  // parents come first
            st_.read_only[i] = own_read_only || parent_read_only;
            if (el.is_choice()) st_.visible_choices[i] = compute_visible_choices(int(i));
        }
        for (std::size_t p = 0; p < s_.pages.size(); ++p) {
            const Page& page = s_.pages[p];
            st_.page_required[p] = page.required_if ? condition(page.required_if) : page.is_required;
            st_.page_read_only[p] = page.enable_if ? !condition(page.enable_if) : page.read_only;
        }
        // Read-only pages make their elements read-only (elements were computed without it).
        for (std::size_t i = 0; i < n; ++i) {
            if (st_.page_read_only[s_.elements[i].page]) st_.read_only[i] = 1;
        }
        // Panels are visible only with a visible element inside (PanelModelBase.isVisible);
        // children come after their panel, so walk backwards.
        for (std::size_t k = n; k-- > 0;) {
            const Element& el = s_.elements[k];
            if (!el.is_panel() || !st_.visible[k]) continue;
            bool any = false;
            for (int c : el.children) any = any || st_.visible[c];
            st_.visible[k] = any;
        }
        for (std::size_t p = 0; p < s_.pages.size(); ++p) {
            const Page& page = s_.pages[p];
            bool own = page.visible_if ? condition(page.visible_if) : page.visible;
            bool any = false;
            for (int c : page.children) any = any || st_.visible[c];
            st_.page_visible[p] = own && any;
        }
        for (std::size_t i = 0; i < n; ++i) {
            const Element& el = s_.elements[i];
            const bool parent_shown = el.parent >= 0 ? bool(st_.shown[el.parent]) : bool(st_.page_visible[el.page]);
            st_.shown[i] = st_.visible[i] && parent_shown;
        }
    }

    std::vector<int> compute_visible_choices(int element) {
        const Element& el = s_.elements[element];
        std::vector<int> out;
        for (std::size_t c = 0; c < el.choices.size(); ++c) {
            const Choice& choice = el.choices[c];
            // A choice's own visibleIf replaces the question's choicesVisibleIf for that choice
            // (ItemValue.runConditionsForItemsCore uses the item's runner when it has one).
            const ExprPtr& rule = choice.visible_if ? choice.visible_if : el.choices_visible_if;
            if (rule && !item_condition(rule, choice.value)) continue;
            out.push_back(int(c));
        }
        if (el.choices_order == "asc" || el.choices_order == "desc") {
            auto text_of = [&](int c) {
                const Choice& ch = el.choices[c];
                std::string t = ch.text.get(st_.locale);
                return t.empty() ? js_string(ch.value) : t;
            };
            std::stable_sort(out.begin(), out.end(), [&](int a, int b) {
                const std::u16string ta = text::utf8_to_utf16(text_of(a)), tb = text::utf8_to_utf16(text_of(b));
                return el.choices_order == "asc" ? ta < tb : tb < ta;
            });
        }
        return out;
    }

    // --- 3. Visibility transitions --------------------------------------------------------

    // clearInvisibleValues "onHidden"/"onHiddenContainer": a question whose own visibility
    // turns false loses its value; one that turns visible (in a visible container) and is
    // empty gets its defaultValue. `before` is the own-visibility before the data changed.
    void apply_visibility_transitions(std::vector<char> before) {
        for (int round = 0; round < 64; ++round) {
            bool changed = false;
            for (int q : s_.questions) {
                const Element& el = s_.elements[q];
                if (before[q] == st_.visible[q]) continue;
                before[q] = st_.visible[q];
                if (el.type == ElementType::Expression || el.type == ElementType::Html) continue;
                if (!st_.visible[q]) {
                    bool c1 = clear_question(q);
                    bool c2 = set_value(el.name + "-Comment", json());
                    if (c1 || c2) { changed = true; break; }
                } else if (st_.shown[q] && !el.default_value.is_null() && question_is_empty(s_, st_, q)) {
                    if (set_value(el.name, el.default_value)) { changed = true; break; }
                }
            }
            if (!changed) break;
            run_conditions();
        }
    }

    // --- 4. clearIncorrectValues ------------------------------------------------------------

    // ItemValue.getItemByValue over the visible choices (or, with `all`, every choice), plus
    // the none item.
    bool is_known_choice(int element, const json& item, bool all = false) const {
        const Element& el = s_.elements[element];
        if (el.show_none && loose_equal(item, json("none"))) return true;
        const bool empty_item = is_value_empty(item);
        auto matches = [&](const json& v) { return (empty_item && is_value_empty(v)) || values_equal(v, item); };
        if (all) {
            for (const Choice& c : el.choices) {
                if (matches(c.value)) return true;
            }
            return false;
        }
        for (int c : st_.visible_choices[element]) {
            if (matches(el.choices[c].value)) return true;
        }
        return false;
    }

    static bool is_other(const json& item) { return item.is_string() && item.get<std::string>() == "other"; }

    // The values a rating question offers: rateValues, else rateMin..rateMax by rateStep.
    std::vector<json> rate_values(const Element& el) const {
        std::vector<json> out;
        if (!el.rate_values.empty()) {
            for (const Choice& c : el.rate_values) out.push_back(c.value);
            return out;
        }
        for (int k = 0; k < 1000; ++k) {
            const double v = el.rate_min + k * el.rate_step;
            if (v > el.rate_max + 1e-9) break;
            out.push_back(v == double(static_cast<long long>(v)) ? json(static_cast<long long>(v)) : json(v));
        }
        return out;
    }

    // True when the question's value was changed.
    bool clear_incorrect(int q) {
        const Element& el = s_.elements[q];
        const json val = question_value(s_, st_, q);
        if (is_value_empty(val, true)) return false;
        if (el.type == ElementType::Matrix) {
            // clearInvisibleValuesInRowsAndColumns: keep, in row order, the rows whose cell is
            // truthy and one of the columns (a 0 or "" cell is dropped too).
            json kept = json::object();
            for (const Choice& r : el.rows) {
                const std::string key = js_string(r.value);
                const auto cell = val.find(key);
                if (cell == val.end() || is_falsy(*cell)) continue;
                for (const Choice& c : el.columns) {
                    if (values_equal(c.value, *cell)) { kept[key] = *cell; break; }
                }
            }
            if (values_equal(kept, val)) return false;
            return kept.empty() ? clear_question(q) : set_value(el.name, kept);
        }
        if (el.type == ElementType::Rating) {
            for (const json& v : rate_values(el)) {
                if (values_equal(v, val)) return false;
            }
            return clear_question(q);
        }
        if (!el.is_choice()) return false;
        // hasUnknownValue(..., includeOther = true): "other" always counts as known.
        auto known = [&](const json& item) { return (item.is_string() && item.get<std::string>() == "other") || is_known_choice(q, item); };
        const json items = val.is_array() ? val : json::array({val});
        if (el.type == ElementType::Ranking) {
            // Known items in their order, then the visible choices not ranked yet.
            json ranked = json::array();
            for (const json& item : items) {
                if (is_known_choice(q, item) && std::none_of(ranked.begin(), ranked.end(), [&](const json& r) { return values_equal(r, item); })) {
                    ranked.push_back(item);
                }
            }
            for (int c : st_.visible_choices[q]) {
                const json& v = el.choices[c].value;
                if (std::none_of(ranked.begin(), ranked.end(), [&](const json& r) { return values_equal(r, v); })) ranked.push_back(v);
            }
            return set_value(el.name, ranked);
        }
        if (el.type == ElementType::Checkbox && el.show_other && st_.values.contains(el.name) && !st_.values.find(el.name)->is_array()) {
            // A single (non-array) value is not turned into the other text: it is kept when it
            // is "other" or a visible choice, else cleared.
            const json& single = *st_.values.find(el.name);
            if (is_other(single) || is_known_choice(q, single)) return false;
            return clear_question(q);
        }
        if (el.show_other && el.type != ElementType::Checkbox && val.is_array()) {
            // A single-choice question given an array (renderedValueFromDataCore): any item that is
            // not empty and none of the choices makes the whole array the "other" text; else the
            // array stays, and is cleared unless every item is a visible choice.
            const bool unknown = std::any_of(val.begin(), val.end(), [&](const json& item) {
                return !is_value_empty(item, true) && !is_other(item) && !is_known_choice(q, item, true);
            });
            if (unknown) {
                st_.question_values[el.name] = "other";
                st_.other_text[el.name] = val;
                return set_value(el.name + "-Comment", val);
            }
            if (std::all_of(val.begin(), val.end(), known)) return false;
            return clear_question(q);
        }
        if (el.show_other) {
            // renderedValueFromData: a value that is none of the choices (visible or not) is the
            // "other" text: the question holds "other" and survey-core writes the text into
            // name-Comment. A checkbox takes the first such item; later ones are dropped.
            json question_items = json::array();
            json other_text;
            bool dropped = false;
            for (const json& item : items) {
                if (is_other(item) || is_known_choice(q, item, true)) {
                    question_items.push_back(item);
                } else if (other_text.is_null() && !(el.type == ElementType::Checkbox && std::any_of(items.begin(), items.end(), is_other))) {
                    other_text = item;
                    question_items.push_back("other");
                } else {
                    dropped = true;
                }
            }
            bool changed = false;
            if (!other_text.is_null()) {
                // A falsy value (0, false) leaves an existing comment as the other text.
                const auto comment = st_.values.find(el.name + "-Comment");
                if (is_falsy(other_text) && comment != st_.values.end()) other_text = *comment;
                else changed = set_value(el.name + "-Comment", other_text) || changed;
            }
            // clearIncorrectValues on the question's items ("other" is always kept).
            json kept = json::array();
            for (const json& item : question_items) {
                if (is_other(item) || is_known_choice(q, item)) kept.push_back(item);
            }
            const bool removed = kept.size() != question_items.size();
            if (el.type == ElementType::Checkbox) {
                if (removed || dropped) changed = set_checkbox(q, items, kept) || changed;
                else if (!other_text.is_null()) st_.question_values[el.name] = question_items;
            } else if (removed) {
                changed = clear_question(q) || changed;
            } else if (!other_text.is_null()) {
                st_.question_values[el.name] = val.is_array() ? question_items : json("other");
            }
            if (!other_text.is_null()) st_.other_text[el.name] = other_text;
            return changed;
        }
        if (el.type != ElementType::Checkbox) {
            // A single-choice question drops its whole value when any item is unknown.
            for (const json& item : items) {
                if (!known(item)) return clear_question(q);
            }
            return false;
        }
        // Checkbox: unknown items are removed one by one; nothing left clears the value.
        json kept = json::array();
        for (const json& item : items) {
            if (known(item)) kept.push_back(item);
        }
        if (kept.size() == items.size()) return false;
        return set_checkbox(q, items, std::move(kept));
    }

    // Sets a checkbox's new value as its value setter does: when the old value held the none
    // item, none is removed from the new one (removeNoneItemsValues).
    bool set_checkbox(int q, const json& old_items, json kept) {
        const Element& el = s_.elements[q];
        auto none_at = [](const json& a) {
            for (std::size_t i = 0; i < a.size(); ++i) {
                if (loose_equal(a[i], json("none"))) return int(i);
            }
            return -1;
        };
        if (el.show_none && none_at(old_items) >= 0 && !kept.empty()) {
            const int at = none_at(kept);
            if (at >= 0) kept.erase(kept.begin() + at);
        }
        return kept.empty() ? clear_question(q) : set_value(el.name, std::move(kept));
    }

    void clear_incorrect_values() {
        for (int q : s_.questions) {
            if (clear_incorrect(q)) run_conditions();
        }
    }

    // Which showOtherItem questions have "other" selected, and whose text decides its error.
    void mark_other_selected() {
        st_.other_selected.assign(s_.elements.size(), 0);
        for (int q : s_.questions) {
            const Element& el = s_.elements[q];
            if (!el.is_choice() || !el.show_other) continue;
            const json val = question_value(s_, st_, q);
            if (is_value_empty(val, true)) continue;
            const auto text = st_.other_text.find(el.name);
            if (text != st_.other_text.end()) {
                st_.other_selected[q] = is_falsy(*text) ? kOtherEmpty : kOtherText;
                continue;
            }
            const json items = val.is_array() ? val : json::array({val});
            if (std::any_of(items.begin(), items.end(), is_other)) st_.other_selected[q] = kOtherItem;
        }
    }

private:
    const Survey& s_;
    EvalState& st_;
    json locale_;
    expr::DataContext ctx_;
};

}  // namespace

json question_value(const Survey& survey, const EvalState& state, int element) {
    const Element& el = survey.elements[element];
    const auto over = state.question_values.find(el.name);
    if (over != state.question_values.end()) return *over;
    const auto it = state.values.find(el.name);
    if (it == state.values.end()) return kNull;
    // A matrix refuses a value that is not an object (isNewValueCorrect): the data keeps it,
    // the question stays empty.
    if (el.type == ElementType::Matrix && !it->is_object()) return kNull;
    if (el.is_multi() && !it->is_array()) {
        if (is_falsy(*it)) return kNull;  // valueFromData: `if (!val) return val`, then empty
        return json::array({*it});        // valueFromData wraps a single value
    }
    // Text and comment questions turn an array into text (convertToCorrectValue), joined the
    // way each shows a list: ", " on one line, one item per line in a comment box.
    if (it->is_array() && (el.type == ElementType::Text || el.type == ElementType::Comment)) {
        return js_join(*it, el.type == ElementType::Comment ? "\n" : ", ");
    }
    return *it;
}

const json& comment_value(const Survey& survey, const EvalState& state, int element) {
    const auto it = state.values.find(survey.elements[element].name + "-Comment");
    return it == state.values.end() ? kNull : *it;
}

bool question_is_empty(const Survey& survey, const EvalState& state, int element) {
    return is_value_empty(question_value(survey, state, element), true);
}

// --- 5. evaluate_survey ----------------------------------------------------------------------

namespace {

// SurveyModel.getSingleElements(include): the visible top-level elements of the visible pages
// other than the start page, plus `include` even when hidden.
std::vector<int> single_elements(const Survey& survey, const EvalState& state, int include) {
    std::vector<int> out;
    for (std::size_t p = 0; p < survey.pages.size(); ++p) {
        if (!state.page_visible[p] || (p == 0 && survey.first_page_is_start_page)) continue;
        for (int e : survey.pages[p].children) {
            if (e == include || state.visible[e]) out.push_back(e);
        }
    }
    return out;
}

}  // namespace

EvalState evaluate_survey(const Survey& survey, const nlohmann::json& answers, std::int64_t now_ms, std::string_view locale) {
    EvalState state;
    state.now_ms = now_ms;
    state.locale = std::string(locale);
    Runner runner(survey, state);
    const bool on_hidden = survey.clear_invisible_values == "onHidden" || survey.clear_invisible_values == "onHiddenContainer";

    // The model as loaded (before `survey.data = answers`): default values set, conditions run.
    // Needed where survey-core's result depends on that state: "onHidden" (what turns hidden
    // or visible) and "questionPerPage" (which element is current).
    const bool per_question = survey.questions_on_page_mode == "questionPerPage";
    std::vector<char> before;
    int single = -1;
    if (on_hidden || per_question) {
        runner.run_conditions();
        for (int q : survey.questions) {
            const Element& el = survey.elements[q];
            if (el.default_value.is_null() || (on_hidden && !state.visible[q])) continue;
            if (runner.set_value(el.name, el.default_value)) runner.run_conditions();
        }
        before = state.visible;
        if (per_question) {
            const std::vector<int> singles = single_elements(survey, state, -1);
            if (!singles.empty()) single = singles.front();
        }
        state.values = json::object();
        state.variables = json::object();
    }

    if (answers.is_object()) {
        for (const auto& item : answers.items()) {
            const std::u16string key16 = text::utf8_to_utf16(item.key());
            state.values[text::utf16_to_utf8(text::trim_js(key16))] = item.value();
        }
    }
    runner.run_conditions();
    if (on_hidden) runner.apply_visibility_transitions(std::move(before));
    runner.clear_incorrect_values();
    runner.mark_other_selected();
    if (single >= 0 && !state.visible[single]) {
        // changeCurrentSingleElementOnVisibilityChanged: the previous element, else the next.
        const std::vector<int> singles = single_elements(survey, state, single);
        const auto at = std::find(singles.begin(), singles.end(), single) - singles.begin();
        if (at > 0) single = singles[at - 1];
        else single = std::size_t(at + 1) < singles.size() ? singles[at + 1] : -1;
    }
    state.current_single_element = single;
    return state;
}

}  // namespace canvass::survey
