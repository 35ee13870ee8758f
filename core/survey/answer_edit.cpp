// Turning control input into answers.
//
// Sections:
//   1. Choices and checkboxes
//   2. Text fields
//   3. Rankings and matrices
//   4. Searching choices
#include "core/survey/answer_edit.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "core/survey/values.h"
#include "core/text/unicode.h"

namespace canvass::survey {

using nlohmann::json;

// --- 1. Choices and checkboxes --------------------------------------------------------------

bool is_other_choice(const ElementView& question, const ChoiceView& choice) {
    return question.show_other && choice.value.is_string() && choice.value.get<std::string>() == kOtherValue;
}

bool is_none_choice(const ElementView& question, const ChoiceView& choice) {
    return question.show_none && choice.value.is_string() && choice.value.get<std::string>() == kNoneValue;
}

bool is_choice_selected(const ElementView& question, const json& choice_value) {
    if (question.value.is_array()) {
        return std::any_of(question.value.begin(), question.value.end(),
                           [&](const json& item) { return values_equal(item, choice_value); });
    }
    return !question.value.is_null() && values_equal(question.value, choice_value);
}

int selected_count(const ElementView& question) {
    return question.value.is_array() ? static_cast<int>(question.value.size()) : 0;
}

bool at_selection_limit(const ElementView& question) {
    return question.type == ElementType::Checkbox && question.max_selected_choices > 0 &&
           selected_count(question) >= question.max_selected_choices;
}

bool is_choice_enabled(const ElementView& question, const ChoiceView& choice) {
    if (question.read_only) return false;
    if (!at_selection_limit(question) || is_none_choice(question, choice)) return true;
    return is_choice_selected(question, choice.value);
}

json toggle_checkbox(const ElementView& question, const json& choice_value) {
    const json current = question.value.is_array() ? question.value : json::array();
    const bool none = question.show_none && choice_value.is_string() && choice_value.get<std::string>() == kNoneValue;
    json next = json::array();
    if (is_choice_selected(question, choice_value)) {
        for (const json& item : current) {
            if (!values_equal(item, choice_value)) next.push_back(item);
        }
    } else if (none) {
        next.push_back(choice_value);
    } else {
        if (at_selection_limit(question)) return question.value;
        for (const json& item : current) {
            const bool was_none = question.show_none && item.is_string() && item.get<std::string>() == kNoneValue;
            if (!was_none) next.push_back(item);
        }
        next.push_back(choice_value);
    }
    return next.empty() ? json(nullptr) : next;
}

// --- 2. Text fields -------------------------------------------------------------------------

namespace {

// A whole decimal number as a JSON number: "12", "-3.5", "+4", ".5", "1e3"; surrounding spaces
// allowed. Anything else (including "1,5", "12abc", "Infinity") is not.
std::optional<json> parse_number(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    if (text.empty() || text.size() > 64) return std::nullopt;
    std::size_t i = 0;
    if (text[i] == '+' || text[i] == '-') ++i;
    std::size_t digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
    bool fraction = false;
    if (i < text.size() && text[i] == '.') {
        fraction = true;
        ++i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
    }
    if (digits == 0) return std::nullopt;
    bool exponent = false;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        exponent = true;
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
        std::size_t exponent_digits = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++exponent_digits;
        if (exponent_digits == 0) return std::nullopt;
    }
    if (i != text.size()) return std::nullopt;
    const std::string copy(text);
    const double value = std::strtod(copy.c_str(), nullptr);
    if (!std::isfinite(value)) return std::nullopt;
    if (!fraction && !exponent && std::fabs(value) < 9007199254740992.0) return json(static_cast<long long>(value));
    if (value == std::floor(value) && std::fabs(value) < 9007199254740992.0) return json(static_cast<long long>(value));
    return json(value);
}

}  // namespace

json text_to_answer(std::string_view text, std::string_view input_type) {
    if (text.empty()) return nullptr;
    if (input_type == "number") {
        if (std::optional<json> number = parse_number(text)) return *number;
    }
    return std::string(text);
}

std::string answer_to_text(const json& value) {
    if (value.is_null()) return {};
    if (value.is_string()) return value.get<std::string>();
    return js_string(value);
}

// --- 3. Rankings and matrices ---------------------------------------------------------------

std::vector<ChoiceView> ranking_order(const ElementView& question) {
    std::vector<ChoiceView> order;
    std::vector<bool> used(question.choices.size(), false);
    if (question.value.is_array()) {
        for (const json& item : question.value) {
            for (std::size_t c = 0; c < question.choices.size(); ++c) {
                if (!used[c] && values_equal(question.choices[c].value, item)) {
                    used[c] = true;
                    order.push_back(question.choices[c]);
                    break;
                }
            }
        }
    }
    for (std::size_t c = 0; c < question.choices.size(); ++c) {
        if (!used[c]) order.push_back(question.choices[c]);
    }
    return order;
}

json move_in_ranking(const ElementView& question, int from, int to) {
    std::vector<ChoiceView> order = ranking_order(question);
    const int count = static_cast<int>(order.size());
    json value = json::array();
    if (count == 0) return nullptr;
    from = std::clamp(from, 0, count - 1);
    to = std::clamp(to, 0, count - 1);
    ChoiceView moved = order[from];
    order.erase(order.begin() + from);
    order.insert(order.begin() + to, std::move(moved));
    for (const ChoiceView& choice : order) value.push_back(choice.value);
    return value;
}

json matrix_cell(const ElementView& question, const json& row) {
    if (!question.value.is_object()) return nullptr;
    const std::string key = js_string(row);
    const auto it = question.value.find(key);
    return it == question.value.end() ? json(nullptr) : *it;
}

json answer_matrix_row(const ElementView& question, const json& row, const json& column) {
    json value = question.value.is_object() ? question.value : json::object();
    value[js_string(row)] = column;
    return value;
}

// --- 4. Searching choices -------------------------------------------------------------------

namespace {

// The base letter of each code point from U+00C0 to U+017F (after lower-casing), '.' where
// there is none (× ÷). Written from Unicode's decompositions, plus ł đ ħ ø œ æ ß þ by hand.
constexpr std::string_view kLatinBase =
    "aaaaaaaceeeeiiiidnooooo.ouuuuytsaaaaaaaceeeeiiiidnooooo.ouuuuytyaaaaaaccccccccddddeeeeeeeeee"
    "gggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
static_assert(kLatinBase.size() == 0x180 - 0xC0);

}  // namespace

std::string fold_for_search(std::string_view text) {
    const std::u16string lower = text::to_lower(text::utf8_to_utf16(text));
    std::u16string folded;
    folded.reserve(lower.size());
    for (char16_t c : lower) {
        if (c >= 0x0300 && c <= 0x036F) continue;  // combining accents (decomposed input)
        if (c >= 0x00C0 && c <= 0x017F && kLatinBase[c - 0x00C0] != '.') {
            folded += static_cast<char16_t>(kLatinBase[c - 0x00C0]);
        } else {
            folded += c;
        }
    }
    return text::utf16_to_utf8(folded);
}

std::vector<int> filter_choices(const std::vector<ChoiceView>& choices, std::string_view query) {
    const std::string needle = fold_for_search(query);
    std::string_view trimmed = needle;
    while (!trimmed.empty() && trimmed.front() == ' ') trimmed.remove_prefix(1);
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
    std::vector<int> matches;
    for (std::size_t i = 0; i < choices.size(); ++i) {
        if (trimmed.empty() || fold_for_search(choices[i].text).find(trimmed) != std::string::npos) {
            matches.push_back(static_cast<int>(i));
        }
    }
    return matches;
}

}  // namespace canvass::survey
