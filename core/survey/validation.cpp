// Validation errors of questions, panels and pages (survey-core's onCheckForErrors, validators
// and validateRequired), and survey.validate().
//
// Sections:
//   1. Messages and the e-mail pattern
//   2. Validators
//   3. Question errors
//   4. Panels, pages and the whole survey
#include "core/survey/validation.h"

#include <cmath>

#include "core/survey/regex.h"
#include "core/survey/strings.h"
#include "core/survey/values.h"
#include "core/text/unicode.h"

namespace canvass::survey {

using nlohmann::json;

// --- 1. Messages and the e-mail pattern ----------------------------------------------------

namespace {

std::string text_or(const LocalizedString& custom, std::string_view key, std::string_view locale) {
    std::string t = custom.get(locale);
    return t.empty() ? ui_string(key, locale) : t;
}

bool email_excluded(char16_t c, bool domain) {
    switch (c) {
    case '<': case '>': case '(': case ')': case '[': case ']': case '.': case ',': case ';': case ':': case '@': case '"':
        return true;
    case '=':
        return domain;
    default:
        return text::is_js_whitespace(c);
    }
}

bool dot_parts_ok(std::u16string_view s, bool domain, std::size_t min_parts, std::size_t min_last) {
    std::size_t parts = 0, start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == '.') {
            const std::size_t len = i - start;
            if (len == 0) return false;
            ++parts;
            if (i == s.size() && len < min_last) return false;
            start = i + 1;
        } else if (email_excluded(s[i], domain)) {
            return false;
        }
    }
    return parts >= min_parts;
}

}  // namespace

bool is_valid_email(std::string_view text_utf8) {
    const std::u16string s = text::utf8_to_utf16(text_utf8);
    const std::size_t at = s.rfind(u'@');
    if (at == std::u16string::npos) return false;
    const std::u16string_view local = std::u16string_view(s).substr(0, at);
    const std::u16string_view domain = std::u16string_view(s).substr(at + 1);
    if (!dot_parts_ok(domain, true, 2, 2)) return false;
    if (dot_parts_ok(local, false, 1, 1)) return true;
    if (local.size() >= 3 && local.front() == '"' && local.back() == '"') {
        for (std::size_t i = 1; i + 1 < local.size(); ++i) {
            const char16_t c = local[i];
            if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029) return false;
        }
        return true;
    }
    return false;
}

// --- 2. Validators -------------------------------------------------------------------------

namespace {

std::string number_text(double d) { return js_string(json(d)); }

class ValidatorRun {
public:
    ValidatorRun(const Survey& survey, const EvalState& state, std::string_view locale)
        : st_(state), locale_(locale) {
        ctx_.layers = {&st_.variables, &st_.expression_overlay, &st_.values};
        locale_value_ = json(state.locale.empty() ? (survey.locale.empty() ? "en" : survey.locale) : state.locale);
        ctx_.bindings.push_back({"locale", &locale_value_});
        ctx_.set_now_ms(state.now_ms);
    }

    // The error message, or "" when the value passes.
    std::string run(const Validator& v, const json& value) {
        const std::string custom = v.text.get(locale_);
        auto msg = [&](const std::string& fallback) { return custom.empty() ? fallback : custom; };
        switch (v.kind) {
        case ValidatorKind::Numeric: {
            if (is_value_empty(value, true)) return {};
            const double n = get_number(value);
            if (std::isnan(n)) return msg(ui_string("numericError", locale_));
            if ((v.min_value && *v.min_value > n) || (v.max_value && *v.max_value < n)) {
                const std::string name = ui_string("value", locale_);
                if (v.min_value && v.max_value) return msg(format_string(ui_string("numericMinMax", locale_), {name, number_text(*v.min_value), number_text(*v.max_value)}));
                if (v.min_value) return msg(format_string(ui_string("numericMin", locale_), {name, number_text(*v.min_value)}));
                return msg(format_string(ui_string("numericMax", locale_), {name, number_text(*v.max_value)}));
            }
            return {};
        }
        case ValidatorKind::Text: {
            if (is_value_empty(value, true)) return {};
            if (!v.allow_digits) {
                // survey-core tests /\d+$/: a value ending in a digit.
                const std::string s = js_string(value);
                if (!s.empty() && s.back() >= '0' && s.back() <= '9') return msg(ui_string("textNoDigitsAllow", locale_));
            }
            if (!value.is_string()) return {};  // value.length is undefined
            const std::size_t len = text::utf16_length(value.get<std::string>());
            const bool too_short = v.min_length > 0 && len < std::size_t(v.min_length);
            const bool too_long = v.max_length > 0 && len > std::size_t(v.max_length);
            if (!too_short && !too_long) return {};
            if (v.min_length > 0 && v.max_length > 0) return msg(format_string(ui_string("textMinMaxLength", locale_), {std::to_string(v.min_length), std::to_string(v.max_length)}));
            if (v.min_length > 0) return msg(format_string(ui_string("textMinLength", locale_), {std::to_string(v.min_length)}));
            return msg(format_string(ui_string("textMaxLength", locale_), {std::to_string(v.max_length)}));
        }
        case ValidatorKind::AnswerCount: {
            if (!value.is_array() || value.empty()) return {};
            const int count = int(value.size());
            if (v.min_count && count < v.min_count) return msg(format_string(ui_string("minSelectError", locale_), {std::to_string(v.min_count)}));
            if (v.max_count && count > v.max_count) return msg(format_string(ui_string("maxSelectError", locale_), {std::to_string(v.max_count)}));
            return {};
        }
        case ValidatorKind::Regex: {
            if (!v.regex || is_value_empty(value, true)) return {};
            if (value.is_array()) {
                for (const json& item : value) {
                    if (!v.regex->test(js_string(item))) return msg(ui_string("regexError", locale_));
                }
            }
            if (!v.regex->test(js_string(value))) return msg(ui_string("regexError", locale_));
            return {};
        }
        case ValidatorKind::Email: {
            const bool falsy = value.is_null() || (value.is_string() && value.get_ref<const std::string&>().empty()) ||
                               (value.is_boolean() && !value.get<bool>()) || (value.is_number() && (value.get<double>() == 0 || std::isnan(value.get<double>())));
            if (falsy) return {};
            if (is_valid_email(js_string(value))) return {};
            return msg(ui_string("invalidEmail", locale_));
        }
        case ValidatorKind::Expression: {
            if (!v.expression) return {};
            if (expr::evaluate_condition(*v.expression, ctx_)) return {};
            return msg(format_string(ui_string("invalidExpression", locale_), {v.expression_text}));
        }
        }
        return {};
    }

private:
    const EvalState& st_;
    std::string locale_;
    json locale_value_;
    expr::DataContext ctx_;
};

}  // namespace

// --- 3. Question errors ----------------------------------------------------------------------

std::vector<std::string> question_errors(const Survey& survey, const EvalState& state, int element, std::string_view locale) {
    std::vector<std::string> errors;
    const Element& el = survey.elements[element];
    if (el.is_panel() || el.type == ElementType::Html || el.type == ElementType::Expression) return errors;
    if (!state.visible[element] || state.read_only[element]) return errors;
    const json value = question_value(survey, state, element);
    const bool empty = question_is_empty(survey, state, element);

    if (state.required[element] && empty) errors.push_back(text_or(el.required_error_text, "requiredError", locale));

    if (el.is_choice() && el.show_other && state.other_selected[element]) {
        const json& comment = comment_value(survey, state, element);
        const bool comment_falsy = comment.is_null() || (comment.is_string() && comment.get_ref<const std::string&>().empty()) ||
                                   (comment.is_boolean() && !comment.get<bool>()) || (comment.is_number() && comment.get<double>() == 0);
        const bool missing = state.other_selected[element] == kOtherItem ? comment_falsy : state.other_selected[element] == kOtherEmpty;
        if (missing) errors.push_back(text_or(el.other_error_text, "otherRequiredError", locale));
    }
    if (el.type == ElementType::Checkbox && el.min_selected_choices >= 1) {
        const std::size_t len = value.is_array() ? value.size() : 0;
        const bool only_none = len == 1 && el.show_none && value[0].is_string() && value[0].get<std::string>() == "none";
        if (!only_none && len < std::size_t(el.min_selected_choices)) {
            errors.push_back(format_string(ui_string("minSelectError", locale), {std::to_string(el.min_selected_choices)}));
        }
    }
    if (el.type == ElementType::Text) {
        if (!empty && !el.min.is_null() && !is_value_empty(el.min) && js_less(value, el.min)) {
            errors.push_back(format_string(ui_string("minError", locale), {js_string(el.min)}));
        }
        if (!empty && !el.max.is_null() && !is_value_empty(el.max) && js_less(el.max, value)) {
            errors.push_back(format_string(ui_string("maxError", locale), {js_string(el.max)}));
        }
        if (el.input_type == "email") {
            bool has_email_validator = false;
            for (const Validator& v : el.validators) has_email_validator = has_email_validator || v.kind == ValidatorKind::Email;
            if (!has_email_validator) {
                ValidatorRun run(survey, state, locale);
                Validator email;
                email.kind = ValidatorKind::Email;
                const std::string m = run.run(email, value);
                if (!m.empty()) errors.push_back(m);
            }
        }
    }
    if (el.type == ElementType::Matrix && el.all_rows_required) {
        bool missing = false;
        for (const Choice& row : el.rows) {
            const json* cell = nullptr;
            if (value.is_object()) {
                const auto it = value.find(js_string(row.value));
                if (it != value.end()) cell = &*it;
            }
            if (!cell || is_value_empty(*cell)) missing = true;
        }
        if (missing) errors.push_back(ui_string("requiredInAllRowsError", locale));
    }
    if (!errors.empty() || el.validators.empty()) return errors;

    ValidatorRun run(survey, state, locale);
    for (const Validator& v : el.validators) {
        std::string m = run.run(v, value);
        if (!m.empty()) errors.push_back(std::move(m));
    }
    return errors;
}

// --- 4. Panels, pages and the whole survey ---------------------------------------------------

namespace {

// Questions shown inside a container's children (PanelModelBase.addQuestionsToList(list, true)).
void collect_visible_questions(const Survey& survey, const EvalState& state, const std::vector<int>& children, std::vector<int>& out) {
    for (int c : children) {
        if (!state.visible[c]) continue;
        if (survey.elements[c].is_panel()) collect_visible_questions(survey, state, survey.elements[c].children, out);
        else out.push_back(c);
    }
}

bool container_required_unanswered(const Survey& survey, const EvalState& state, const std::vector<int>& children) {
    std::vector<int> qs;
    collect_visible_questions(survey, state, children, qs);
    if (qs.empty()) return false;
    for (int q : qs) {
        if (!question_is_empty(survey, state, q)) return false;
    }
    return true;
}

bool children_valid(const Survey& survey, const EvalState& state, const std::vector<int>& children) {
    bool ok = true;
    for (int c : children) {
        if (!state.visible[c]) continue;
        const Element& el = survey.elements[c];
        if (el.is_panel()) {
            if (!children_valid(survey, state, el.children)) ok = false;
            if (!state.read_only[c] && !panel_required_error(survey, state, c, "").empty()) ok = false;
        } else if (!question_errors(survey, state, c, "").empty()) {
            ok = false;
        }
    }
    return ok;
}

}  // namespace

std::string panel_required_error(const Survey& survey, const EvalState& state, int element, std::string_view locale) {
    const Element& el = survey.elements[element];
    if (!state.required[element]) return {};
    if (!container_required_unanswered(survey, state, el.children)) return {};
    return text_or(el.required_error_text, "requiredErrorInPanel", locale);
}

std::string page_required_error(const Survey& survey, const EvalState& state, int page, std::string_view locale) {
    const Page& p = survey.pages[page];
    if (!state.page_required[page]) return {};
    if (!container_required_unanswered(survey, state, p.children)) return {};
    return text_or(p.required_error_text, "requiredErrorInPanel", locale);
}

bool survey_is_complete(const Survey& survey, const EvalState& state) {
    bool ok = true;
    for (std::size_t p = 0; p < survey.pages.size(); ++p) {
        if (!state.page_visible[p]) continue;
        // The start page is not among survey.visiblePages, except in "singlePage" mode, where
        // visiblePages is one page holding every page.
        if (p == 0 && survey.first_page_is_start_page && survey.questions_on_page_mode != "singlePage") continue;
        // "questionPerPage": the page holding the current question validates only that
        // question, and not its own required rule (PanelModelBase.validateCore).
        const int single = state.current_single_element;
        if (single >= 0 && survey.elements[single].page == int(p) && !survey.elements[single].is_panel()) {
            if (!children_valid(survey, state, {single})) ok = false;
            continue;
        }
        if (!children_valid(survey, state, survey.pages[p].children)) ok = false;
        if (!state.page_read_only[p] && !page_required_error(survey, state, int(p), "").empty()) ok = false;
    }
    return ok;
}

}  // namespace canvass::survey
