// Loading and validating SurveyJS JSON: one walk over the document that both builds the model
// and collects diagnostics (errors and warnings named by JSON path).
//
// Sections:
//   1. Diagnostics and property readers (strings, localised strings, booleans, numbers)
//   2. Known properties per element type
//   3. Choices, validators and expressions
//   4. Elements, panels and pages
//   5. The survey: top level, calculated values, cross checks (names, cycles, variables)
//   6. Public entry points
#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/survey/regex.h"
#include "core/survey/survey.h"
#include "core/text/unicode.h"
#include "core/util/sha256.h"

namespace canvass::survey {

std::string Diagnostic::to_string() const {
    std::string out = severity == Severity::Error ? "error: " : "warning: ";
    if (!path.empty()) out += path + ": ";
    return out + message;
}

std::string_view type_name(ElementType type) {
    switch (type) {
    case ElementType::Radiogroup: return "radiogroup";
    case ElementType::Checkbox: return "checkbox";
    case ElementType::Dropdown: return "dropdown";
    case ElementType::Boolean: return "boolean";
    case ElementType::Rating: return "rating";
    case ElementType::Text: return "text";
    case ElementType::Comment: return "comment";
    case ElementType::Ranking: return "ranking";
    case ElementType::Matrix: return "matrix";
    case ElementType::Html: return "html";
    case ElementType::Expression: return "expression";
    case ElementType::Panel: return "panel";
    }
    return "?";
}

int Survey::find_question(std::string_view name) const {
    const auto it = question_by_name.find(text::to_lower(name));
    return it == question_by_name.end() ? -1 : it->second;
}

namespace {

using nlohmann::json;

// --- 1. Diagnostics and property readers ---------------------------------------------------

struct PendingExpression {
    std::string path;     // where it was written
    ExprPtr expression;
    std::vector<std::string> locals;  // extra names defined there ("item", "row", ...)
};

class Loader {
public:
    Loader(Survey& survey, std::vector<Diagnostic>& diagnostics) : s_(survey), diags_(diagnostics) {}

    void load(const json& doc);

private:
    void error(const std::string& path, std::string message) { diags_.push_back({Severity::Error, path, std::move(message)}); }
    void warning(const std::string& path, std::string message) { diags_.push_back({Severity::Warning, path, std::move(message)}); }

    static std::string join(const std::string& path, std::string_view key) {
        return path.empty() ? std::string(key) : path + "." + std::string(key);
    }
    static std::string index(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

    void read_localized(const json& obj, std::string_view key, const std::string& path, LocalizedString& out) {
        const auto it = obj.find(std::string(key));
        if (it == obj.end() || it->is_null()) return;
        const std::string p = join(path, key);
        if (it->is_string()) {
            out.by_locale["default"] = it->get<std::string>();
            return;
        }
        if (it->is_object()) {
            for (const auto& item : it->items()) {
                if (!item.value().is_string()) {
                    error(join(p, item.key()), "a localised text must be a string");
                    continue;
                }
                out.by_locale[item.key()] = item.value().get<std::string>();
            }
            return;
        }
        error(p, "must be a string or an object of strings by locale, like {\"default\": \"...\", \"pl\": \"...\"}");
    }

    void read_bool(const json& obj, std::string_view key, const std::string& path, bool& out) {
        const auto it = obj.find(std::string(key));
        if (it == obj.end() || it->is_null()) return;
        if (!it->is_boolean()) {
            error(join(path, key), "must be true or false");
            return;
        }
        out = it->get<bool>();
    }

    bool read_number(const json& obj, std::string_view key, const std::string& path, double& out) {
        const auto it = obj.find(std::string(key));
        if (it == obj.end() || it->is_null()) return false;
        if (!it->is_number()) {
            error(join(path, key), "must be a number");
            return false;
        }
        out = it->get<double>();
        return true;
    }

    void read_int(const json& obj, std::string_view key, const std::string& path, int& out, int min_value = 0) {
        double d = 0;
        if (!read_number(obj, key, path, d)) return;
        if (d != std::floor(d) || d < min_value || d > 1e9) {
            error(join(path, key), "must be a whole number of at least " + std::to_string(min_value));
            return;
        }
        out = int(d);
    }

    bool read_string(const json& obj, std::string_view key, const std::string& path, std::string& out) {
        const auto it = obj.find(std::string(key));
        if (it == obj.end() || it->is_null()) return false;
        if (!it->is_string()) {
            error(join(path, key), "must be a string");
            return false;
        }
        out = it->get<std::string>();
        return true;
    }

    // Parses an expression property; "" or absent gives nullptr.
    ExprPtr read_expression(const json& obj, std::string_view key, const std::string& path,
                            std::vector<std::string> locals = {}, std::string* text_out = nullptr) {
        std::string text;
        if (!read_string(obj, key, path, text)) return nullptr;
        if (text_out) *text_out = text;
        if (text::trim_js(text::utf8_to_utf16(text)).empty()) return nullptr;
        const std::string p = join(path, key);
        auto parsed = expr::parse(text);
        if (!parsed) {
            error(p, parsed.error().message);
            return nullptr;
        }
        pending_.push_back({p, parsed.value(), std::move(locals)});
        return parsed.value();
    }

    // The properties elements (questions and panels) and pages share: texts, visibility,
    // requiredness and read-only state, each with its condition.
    template <class Container>
    void read_container_properties(const json& obj, const std::string& path, Container& target) {
        read_localized(obj, "title", path, target.title);
        read_localized(obj, "description", path, target.description);
        read_localized(obj, "requiredErrorText", path, target.required_error_text);
        read_bool(obj, "visible", path, target.visible);
        read_bool(obj, "isRequired", path, target.is_required);
        read_bool(obj, "readOnly", path, target.read_only);
        target.visible_if = read_expression(obj, "visibleIf", path);
        target.enable_if = read_expression(obj, "enableIf", path);
        target.required_if = read_expression(obj, "requiredIf", path);
    }

    void check_known(const json& obj, const std::string& path, const std::set<std::string_view>& known) {
        for (const auto& item : obj.items()) {
            if (!known.count(item.key())) warning(join(path, item.key()), "unknown property '" + item.key() + "' (ignored)");
        }
    }

    // --- 3. Choices, validators and expressions -------------------------------------------

    std::vector<Choice> read_choices(const json& obj, std::string_view key, const std::string& path, bool items_may_have_conditions) {
        std::vector<Choice> out;
        const auto it = obj.find(std::string(key));
        if (it == obj.end() || it->is_null()) return out;
        const std::string p = join(path, key);
        if (!it->is_array()) {
            error(p, "must be an array of choices");
            return out;
        }
        for (std::size_t i = 0; i < it->size(); ++i) {
            const json& c = (*it)[i];
            const std::string cp = index(p, i);
            Choice choice;
            if (c.is_string() || c.is_number() || c.is_boolean()) {
                choice.value = c;
            } else if (c.is_object()) {
                const auto v = c.find("value");
                if (v == c.end() || !(v->is_string() || v->is_number() || v->is_boolean())) {
                    error(cp, "a choice object needs a \"value\" (string, number or boolean)");
                    continue;
                }
                choice.value = *v;
                read_localized(c, "text", cp, choice.text);
                if (items_may_have_conditions) {
                    choice.visible_if = read_expression(c, "visibleIf", cp, {"item"});
                    choice.enable_if = read_expression(c, "enableIf", cp, {"item"});
                    check_known(c, cp, {"value", "text", "visibleIf", "enableIf"});
                } else {
                    check_known(c, cp, {"value", "text"});
                }
            } else {
                error(cp, "a choice must be a string, a number or an object with \"value\" and \"text\"");
                continue;
            }
            out.push_back(std::move(choice));
        }
        return out;
    }

    std::vector<Validator> read_validators(const json& obj, const std::string& path) {
        std::vector<Validator> out;
        const auto it = obj.find("validators");
        if (it == obj.end() || it->is_null()) return out;
        const std::string p = join(path, "validators");
        if (!it->is_array()) {
            error(p, "must be an array of validators");
            return out;
        }
        for (std::size_t i = 0; i < it->size(); ++i) {
            const json& v = (*it)[i];
            const std::string vp = index(p, i);
            if (!v.is_object()) {
                error(vp, "a validator must be an object with a \"type\"");
                continue;
            }
            std::string type;
            if (!read_string(v, "type", vp, type)) {
                if (v.find("type") == v.end()) error(vp, "a validator needs a \"type\"");
                continue;
            }
            std::string t = text::to_lower(type);
            if (t.size() > 9 && t.compare(t.size() - 9, 9, "validator") == 0) t.resize(t.size() - 9);
            Validator val;
            read_localized(v, "text", vp, val.text);
            if (t == "numeric") {
                val.kind = ValidatorKind::Numeric;
                double d;
                if (read_number(v, "minValue", vp, d)) val.min_value = d;
                if (read_number(v, "maxValue", vp, d)) val.max_value = d;
                check_known(v, vp, {"type", "text", "minValue", "maxValue"});
            } else if (t == "text") {
                val.kind = ValidatorKind::Text;
                read_int(v, "minLength", vp, val.min_length);
                read_int(v, "maxLength", vp, val.max_length);
                read_bool(v, "allowDigits", vp, val.allow_digits);
                check_known(v, vp, {"type", "text", "minLength", "maxLength", "allowDigits"});
            } else if (t == "regex") {
                val.kind = ValidatorKind::Regex;
                read_bool(v, "caseInsensitive", vp, val.case_insensitive);
                read_bool(v, "insensitive", vp, val.case_insensitive);
                if (read_string(v, "regex", vp, val.pattern) && !val.pattern.empty()) {
                    auto compiled = Regex::compile(val.pattern, val.case_insensitive);
                    if (!compiled) error(join(vp, "regex"), compiled.error().message);
                    else val.regex = compiled.value();
                }
                check_known(v, vp, {"type", "text", "regex", "caseInsensitive", "insensitive"});
            } else if (t == "email") {
                val.kind = ValidatorKind::Email;
                check_known(v, vp, {"type", "text"});
            } else if (t == "answercount") {
                val.kind = ValidatorKind::AnswerCount;
                read_int(v, "minCount", vp, val.min_count);
                read_int(v, "maxCount", vp, val.max_count);
                check_known(v, vp, {"type", "text", "minCount", "maxCount"});
            } else if (t == "expression") {
                val.kind = ValidatorKind::Expression;
                val.expression = read_expression(v, "expression", vp, {}, &val.expression_text);
                check_known(v, vp, {"type", "text", "expression"});
            } else {
                error(join(vp, "type"), "unknown validator type '" + type + "' (numeric, text, regex, email, answercount, expression)");
                continue;
            }
            out.push_back(std::move(val));
        }
        return out;
    }

    // --- 4. Elements, panels and pages ----------------------------------------------------

    void read_elements(const json& container, const std::string& path, int page, int parent, int depth,
                       std::vector<int>& children) {
        const char* keys[] = {"elements", "questions"};
        for (const char* key : keys) {
            const auto it = container.find(key);
            if (it == container.end() || it->is_null()) continue;
            const std::string p = join(path, key);
            if (!it->is_array()) {
                error(p, "must be an array of elements");
                continue;
            }
            for (std::size_t i = 0; i < it->size(); ++i) read_element((*it)[i], index(p, i), page, parent, depth, children);
        }
    }

    void read_element(const json& e, const std::string& path, int page, int parent, int depth, std::vector<int>& children) {
        if (!e.is_object()) {
            error(path, "an element must be a JSON object");
            return;
        }
        std::string type_text, name;
        const bool has_type = read_string(e, "type", path, type_text);
        const bool has_name = read_string(e, "name", path, name);
        if (!has_type) {
            if (e.find("type") == e.end()) error(path, "element" + (has_name ? " '" + name + "'" : std::string()) + " has no \"type\"");
            return;
        }
        static const std::unordered_map<std::string, ElementType> kTypes = {
            {"radiogroup", ElementType::Radiogroup}, {"checkbox", ElementType::Checkbox},
            {"dropdown", ElementType::Dropdown},     {"boolean", ElementType::Boolean},
            {"rating", ElementType::Rating},         {"text", ElementType::Text},
            {"comment", ElementType::Comment},       {"ranking", ElementType::Ranking},
            {"matrix", ElementType::Matrix},         {"html", ElementType::Html},
            {"expression", ElementType::Expression}, {"panel", ElementType::Panel},
        };
        const auto type_it = kTypes.find(type_text);
        if (type_it == kTypes.end()) {
            error(join(path, "type"), "unknown element type '" + type_text + "'" +
                                          (has_name ? " in element '" + name + "'" : std::string()) +
                                          " (supported: radiogroup, checkbox, dropdown, boolean, rating, text, comment, ranking, matrix, html, expression, panel)");
            return;
        }
        Element el;
        el.type = type_it->second;
        el.path = path;
        el.page = page;
        el.parent = parent;
        if (!has_name || name.empty()) {
            if (el.is_panel()) {
                name = "panel" + std::to_string(++panel_counter_);
            } else {
                if (e.find("name") == e.end() || has_name) error(path, std::string(type_name(el.type)) + " element has no \"name\"");
                return;
            }
        }
        el.name = name;
        if (el.is_panel() && depth + 1 > kMaxPanelDepth) {
            error(path, "panels are nested more than " + std::to_string(kMaxPanelDepth) + " deep");
            return;
        }

        std::set<std::string_view> known = {"type", "name", "title", "description", "visible", "visibleIf", "enableIf",
                                            "requiredIf", "isRequired", "requiredErrorText", "readOnly"};
        read_container_properties(e, path, el);
        if (!el.is_panel()) {
            known.insert({"defaultValue", "validators"});
            if (const auto d = e.find("defaultValue"); d != e.end()) el.default_value = *d;
            el.validators = read_validators(e, path);
        }

        switch (el.type) {
        case ElementType::Radiogroup: case ElementType::Checkbox: case ElementType::Dropdown: case ElementType::Ranking: {
            known.insert({"choices", "choicesOrder", "choicesVisibleIf", "showOtherItem", "hasOther", "showNoneItem", "hasNone",
                          "otherText", "noneText", "otherPlaceholder", "otherPlaceHolder", "otherErrorText", "colCount"});
            el.choices = read_choices(e, "choices", path, true);
            std::string order;
            if (read_string(e, "choicesOrder", path, order)) {
                if (order != "none" && order != "asc" && order != "desc" && order != "random") {
                    error(join(path, "choicesOrder"), "must be \"none\", \"asc\", \"desc\" or \"random\"");
                } else {
                    el.choices_order = order;
                }
            }
            el.choices_visible_if = read_expression(e, "choicesVisibleIf", path, {"item"});
            read_bool(e, "hasOther", path, el.show_other);
            read_bool(e, "showOtherItem", path, el.show_other);
            read_bool(e, "hasNone", path, el.show_none);
            read_bool(e, "showNoneItem", path, el.show_none);
            read_localized(e, "otherText", path, el.other_text);
            read_localized(e, "noneText", path, el.none_text);
            read_localized(e, "otherPlaceHolder", path, el.other_placeholder);
            read_localized(e, "otherPlaceholder", path, el.other_placeholder);
            read_localized(e, "otherErrorText", path, el.other_error_text);
            read_int(e, "colCount", path, el.col_count);
            if (el.type == ElementType::Checkbox) {
                known.insert({"minSelectedChoices", "maxSelectedChoices"});
                read_int(e, "minSelectedChoices", path, el.min_selected_choices);
                read_int(e, "maxSelectedChoices", path, el.max_selected_choices);
            }
            if (el.type == ElementType::Dropdown) {
                known.insert({"placeholder", "placeHolder"});
                read_localized(e, "placeHolder", path, el.placeholder);
                read_localized(e, "placeholder", path, el.placeholder);
            }
            break;
        }
        case ElementType::Rating: {
            known.insert({"rateMin", "rateMax", "rateStep", "rateValues", "minRateDescription", "maxRateDescription"});
            read_number(e, "rateMin", path, el.rate_min);
            read_number(e, "rateMax", path, el.rate_max);
            read_number(e, "rateStep", path, el.rate_step);
            if (el.rate_step <= 0) error(join(path, "rateStep"), "must be greater than 0");
            el.rate_values = read_choices(e, "rateValues", path, false);
            read_localized(e, "minRateDescription", path, el.min_rate_description);
            read_localized(e, "maxRateDescription", path, el.max_rate_description);
            break;
        }
        case ElementType::Text: case ElementType::Comment: {
            known.insert({"maxLength", "placeholder", "placeHolder"});
            read_int(e, "maxLength", path, el.max_length, 0);
            read_localized(e, "placeHolder", path, el.placeholder);
            read_localized(e, "placeholder", path, el.placeholder);
            if (el.type == ElementType::Text) {
                known.insert({"inputType", "min", "max"});
                std::string input_type;
                if (read_string(e, "inputType", path, input_type)) {
                    if (input_type != "text" && input_type != "number" && input_type != "email" && input_type != "tel" &&
                        input_type != "url") {
                        error(join(path, "inputType"), "inputType '" + input_type + "' is not supported (text, number, email, tel, url)");
                    } else {
                        el.input_type = input_type;
                    }
                }
                for (const char* key : {"min", "max"}) {
                    const auto m = e.find(key);
                    if (m == e.end() || m->is_null()) continue;
                    if (!m->is_number() && !m->is_string()) {
                        error(join(path, key), "must be a number");
                        continue;
                    }
                    if (m->is_string() && !m->get<std::string>().empty() && m->get<std::string>()[0] == '=') {
                        error(join(path, key), "expressions in min/max are not supported");
                        continue;
                    }
                    (std::string_view(key) == "min" ? el.min : el.max) = *m;
                }
            }
            break;
        }
        case ElementType::Matrix:
            known.insert({"rows", "columns", "isAllRowRequired", "eachRowRequired"});
            el.rows = read_choices(e, "rows", path, false);
            el.columns = read_choices(e, "columns", path, false);
            read_bool(e, "isAllRowRequired", path, el.all_rows_required);
            read_bool(e, "eachRowRequired", path, el.all_rows_required);
            break;
        case ElementType::Html:
            known.insert("html");
            read_localized(e, "html", path, el.html);
            break;
        case ElementType::Expression:
            known.insert("expression");
            el.expression = read_expression(e, "expression", path, {}, &el.expression_text);
            break;
        case ElementType::Panel:
            known.insert({"elements", "questions"});
            break;
        case ElementType::Boolean:
            break;
        }
        check_known(e, path, known);

        const int my_index = int(s_.elements.size());
        children.push_back(my_index);
        s_.elements.push_back(std::move(el));
        if (s_.elements[my_index].is_panel()) {
            std::vector<int> kids;
            read_elements(e, path, page, my_index, depth + 1, kids);
            s_.elements[my_index].children = std::move(kids);
        } else {
            s_.questions.push_back(my_index);
            const std::string key = text::to_lower(s_.elements[my_index].name);
            const auto [it, inserted] = s_.question_by_name.emplace(key, my_index);
            if (!inserted) {
                const Element& first = s_.elements[it->second];
                error(join(path, "name"), "duplicate question name '" + s_.elements[my_index].name + "' (also used at " +
                                              first.path + "; names are compared ignoring case)");
            }
        }
    }

    void read_page(const json& p, const std::string& path, int page_index) {
        Page page;
        page.path = path;
        if (!p.is_object()) {
            error(path, "a page must be a JSON object");
            return;
        }
        if (!read_string(p, "name", path, page.name) || page.name.empty()) page.name = "page" + std::to_string(page_index + 1);
        read_container_properties(p, path, page);
        check_known(p, path, {"name", "title", "description", "elements", "questions", "visible", "visibleIf", "enableIf",
                              "requiredIf", "isRequired", "requiredErrorText", "readOnly"});
        s_.pages.push_back(std::move(page));
        std::vector<int> kids;
        read_elements(p, path, page_index, -1, 0, kids);
        s_.pages[page_index].children = std::move(kids);
    }

    // --- 5. Cross checks -----------------------------------------------------------------

    void check_calculated_cycles() {
        const auto& cvs = s_.calculated_values;
        std::unordered_map<std::string, int> by_name;
        for (std::size_t i = 0; i < cvs.size(); ++i) by_name.emplace(text::to_lower(cvs[i].name), int(i));
        std::vector<std::vector<int>> deps(cvs.size());
        for (std::size_t i = 0; i < cvs.size(); ++i) {
            if (!cvs[i].expression) continue;
            for (const std::string& ref : expr::referenced_names(*cvs[i].expression)) {
                const auto it = by_name.find(text::to_lower(ref));
                if (it != by_name.end()) deps[i].push_back(it->second);
            }
        }
        std::vector<int> state(cvs.size(), 0);  // 0 new, 1 on stack, 2 done
        std::vector<int> stack;
        bool reported = false;
        std::function<void(int)> visit = [&](int v) {
            state[v] = 1;
            stack.push_back(v);
            for (int w : deps[v]) {
                if (reported) break;
                if (state[w] == 1) {
                    std::string cycle;
                    const auto from = std::find(stack.begin(), stack.end(), w);
                    for (auto it = from; it != stack.end(); ++it) cycle += cvs[*it].name + " -> ";
                    cycle += cvs[w].name;
                    error("calculatedValues[" + std::to_string(w) + "].expression", "calculated values form a cycle: " + cycle);
                    reported = true;
                } else if (state[w] == 0) {
                    visit(w);
                }
            }
            stack.pop_back();
            state[v] = 2;
        };
        for (std::size_t i = 0; i < cvs.size() && !reported; ++i) {
            if (state[i] == 0) visit(int(i));
        }
    }

    void check_variables() {
        std::unordered_set<std::string> defined;
        for (const auto& [name, idx] : s_.question_by_name) {
            defined.insert(name);
            defined.insert(name + "-comment");
        }
        for (const CalculatedValue& cv : s_.calculated_values) defined.insert(text::to_lower(cv.name));
        // survey-core's built-in variables, and the names a matrix row or dynamic panel provides.
        for (const char* builtin : {"pageno", "pagecount", "locale", "row", "panel"}) defined.insert(builtin);
        for (const PendingExpression& pe : pending_) {
            std::unordered_set<std::string> locals;
            for (const std::string& l : pe.locals) locals.insert(l);
            for (const std::string& ref : expr::referenced_names(*pe.expression)) {
                const std::string lower = text::to_lower(ref);
                if (defined.count(lower)) continue;
                // {a.b} and {a[0]} refer to question a.
                const std::size_t cut = lower.find_first_of(".[");
                const std::string head = cut == std::string::npos ? lower : lower.substr(0, cut);
                if (defined.count(head) || locals.count(head)) continue;
                warning(pe.path, "unknown variable '" + ref +
                                     "': no question or calculated value has this name, so it is treated as empty");
            }
        }
    }

public:
    std::vector<PendingExpression> pending_;

private:
    Survey& s_;
    std::vector<Diagnostic>& diags_;
    int panel_counter_ = 0;
};

void Loader::load(const json& doc) {
    if (!doc.is_object()) {
        error("", "a survey must be a JSON object");
        return;
    }
    const std::string root;
    read_localized(doc, "title", root, s_.title);
    read_localized(doc, "description", root, s_.description);
    read_localized(doc, "completedHtml", root, s_.completed_html);
    read_string(doc, "locale", root, s_.locale);
    if (const auto it = doc.find("showProgressBar"); it != doc.end() && !it->is_null()) {
        if (it->is_boolean()) s_.show_progress_bar = it->get<bool>() ? "top" : "off";
        else read_string(doc, "showProgressBar", root, s_.show_progress_bar);
    }
    read_bool(doc, "firstPageIsStartPage", root, s_.first_page_is_start_page);
    if (const auto it = doc.find("showQuestionNumbers"); it != doc.end() && !it->is_null()) {
        if (it->is_boolean()) {
            s_.show_question_numbers = it->get<bool>() ? "on" : "off";
        } else if (it->is_string()) {
            const std::string v = it->get<std::string>();
            if (v == "on" || v == "off" || v == "onPage" || v == "onpage") s_.show_question_numbers = v == "onpage" ? "onPage" : v;
            else error("showQuestionNumbers", "must be \"on\", \"onPage\" or \"off\"");
        } else {
            error("showQuestionNumbers", "must be \"on\", \"onPage\" or \"off\"");
        }
    }
    std::string mode;
    if (read_string(doc, "questionsOnPageMode", root, mode)) {
        if (mode == "standard" || mode == "questionPerPage" || mode == "singlePage") {
            s_.questions_on_page_mode = mode;
            s_.questions_on_page_mode_given = true;
        }
        else error("questionsOnPageMode", "must be \"standard\", \"questionPerPage\" or \"singlePage\"");
    }
    std::string clear;
    if (read_string(doc, "clearInvisibleValues", root, clear)) {
        if (clear == "none" || clear == "onComplete" || clear == "onHidden" || clear == "onHiddenContainer") s_.clear_invisible_values = clear;
        else error("clearInvisibleValues", "must be \"none\", \"onComplete\", \"onHidden\" or \"onHiddenContainer\"");
    }
    std::string canvass_id;
    read_string(doc, "canvassId", root, canvass_id);
    check_known(doc, root, {"title", "description", "locale", "pages", "elements", "questions", "showProgressBar",
                            "firstPageIsStartPage", "completedHtml", "showQuestionNumbers", "questionsOnPageMode",
                            "clearInvisibleValues", "calculatedValues", "canvassId"});

    // Calculated values first: their names are known to the variable check.
    if (const auto it = doc.find("calculatedValues"); it != doc.end() && !it->is_null()) {
        if (!it->is_array()) {
            error("calculatedValues", "must be an array of {name, expression, includeIntoResult}");
        } else {
            for (std::size_t i = 0; i < it->size(); ++i) {
                const json& c = (*it)[i];
                const std::string p = index("calculatedValues", i);
                if (!c.is_object()) {
                    error(p, "a calculated value must be an object with \"name\" and \"expression\"");
                    continue;
                }
                CalculatedValue cv;
                if (!read_string(c, "name", p, cv.name) || cv.name.empty()) {
                    error(p, "a calculated value needs a \"name\"");
                    continue;
                }
                cv.expression = read_expression(c, "expression", p, {}, &cv.expression_text);
                read_bool(c, "includeIntoResult", p, cv.include_into_result);
                check_known(c, p, {"name", "expression", "includeIntoResult"});
                s_.calculated_values.push_back(std::move(cv));
            }
        }
    }

    const auto pages = doc.find("pages");
    if (pages != doc.end() && !pages->is_null()) {
        if (!pages->is_array()) {
            error("pages", "must be an array of pages");
        } else {
            for (std::size_t i = 0; i < pages->size(); ++i) read_page((*pages)[i], index("pages", i), int(s_.pages.size()));
        }
    }
    if (s_.pages.empty() && (doc.contains("elements") || doc.contains("questions"))) {
        Page page;
        page.name = "page1";
        s_.pages.push_back(std::move(page));
        std::vector<int> kids;
        read_elements(doc, root, 0, -1, 0, kids);
        s_.pages[0].children = std::move(kids);
    }
    check_calculated_cycles();
    check_variables();
}

}  // namespace

// --- 6. Public entry points ----------------------------------------------------------------

namespace {

std::vector<Diagnostic> ordered(std::vector<Diagnostic> diags) {
    std::stable_partition(diags.begin(), diags.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
    return diags;
}

}  // namespace

std::vector<Diagnostic> validate_survey(const nlohmann::json& document, std::string_view file_name) {
    (void)file_name;
    Survey survey;
    std::vector<Diagnostic> diags;
    Loader(survey, diags).load(document);
    return ordered(std::move(diags));
}

Result<Survey> load_survey(const nlohmann::json& document, std::string_view file_name) {
    Survey survey;
    std::vector<Diagnostic> diags;
    Loader(survey, diags).load(document);
    diags = ordered(std::move(diags));
    if (!diags.empty() && diags.front().severity == Severity::Error) {
        return make_error(diags.front().message, diags.front().path);
    }
    survey.warnings = std::move(diags);
    survey.id = survey_id(document, file_name);
    survey.version = sha256_hex(canonical_json(document));
    return survey;
}

}  // namespace canvass::survey
