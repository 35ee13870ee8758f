// Ports of survey-core's Helpers (getNumber, isValueEmpty, isTwoValueEquals, the decimal
// corrections after + - *) and Const.getCorrectValue, which define its type coercions.
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/expr/internal.h"
#include "core/text/unicode.h"

namespace canvass::expr::detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool is_quote(char16_t c) { return c == u'\'' || c == u'"'; }

// Helpers.isStringHasOperator
bool has_operator(std::u16string_view s) {
    if (s.rfind(u'-') != std::u16string_view::npos && s.rfind(u'-') > 0) return false;
    if (s.rfind(u'+') != std::u16string_view::npos && s.rfind(u'+') > 0) return false;
    return s.find_first_of(u"*^/%") != std::u16string_view::npos;
}


// Helpers.countDecimals
int count_decimals(const Value& v, EvalState& st) {
    if (!helpers_is_number(v, st)) return 0;
    if (v.is_number() && std::floor(v.number) == v.number) return 0;
    std::u16string s = to_js_string(v, st);
    std::size_t dot = s.find(u'.');
    if (dot == std::u16string::npos) return 0;
    std::size_t next = s.find(u'.', dot + 1);
    std::size_t len = (next == std::u16string::npos ? s.size() : next) - dot - 1;
    return static_cast<int>(len);
}

Value fix_decimals(const Value& res, int digits, EvalState& st) {
    if (!res.is_number() || digits > 100) {
        st.thrown = true;  // TypeError / RangeError from toFixed in JavaScript
        return {};
    }
    return Value::from_number(parse_float(to_fixed(res.number, digits)));
}

bool is_plain_object(const Value& v) { return v.type == Value::Type::Object; }

bool values_equal(const Value& x, const Value& y, bool ignore_order, EvalState& st);

bool arrays_equal(const Value& x, const Value& y, bool ignore_order, EvalState& st) {
    if (x.array->size() != y.array->size()) return false;
    Array xs = *x.array, ys = *y.array;
    if (ignore_order) {
        // Array.prototype.sort() without a comparator: by string form, undefined last, stable.
        auto sort = [&](Array& a) {
            std::vector<std::pair<std::u16string, Value>> keyed;
            Array undefineds;
            for (auto& e : a) {
                if (e.is_undefined()) undefineds.push_back(e);
                else keyed.emplace_back(to_js_string(e, st), e);
            }
            std::stable_sort(keyed.begin(), keyed.end(),
                             [](const auto& l, const auto& r) { return l.first < r.first; });
            a.clear();
            for (auto& k : keyed) a.push_back(std::move(k.second));
            for (auto& u : undefineds) a.push_back(std::move(u));
        };
        sort(xs);
        sort(ys);
    }
    for (std::size_t i = 0; i < xs.size(); ++i)
        if (!values_equal(xs[i], ys[i], ignore_order, st)) return false;
    return true;
}

bool has_own(const Value& v, std::u16string_view key) {
    for (const auto& k : own_keys(v))
        if (k == key) return true;
    return false;
}

// Helpers.checkIfValuesEqual with survey-core's default comparator settings
// (caseSensitive: false, trimStrings: true).
bool values_equal(const Value& x, const Value& y, bool ignore_order, EvalState& st) {
    if (st.thrown) return false;
    if (strict_equals(x, y)) return true;
    if (x.is_array() && x.array->empty() && y.is_undefined()) return true;
    if (y.is_array() && y.array->empty() && x.is_undefined()) return true;
    if (x.is_nullish() && y.is_string() && y.string.empty()) return true;
    if (y.is_nullish() && x.is_string() && x.string.empty()) return true;
    if (x.is_string() && y.is_string()) {
        return text::to_lower(text::trim_js(x.string)) == text::to_lower(text::trim_js(y.string));
    }
    if (x.is_date() && y.is_date()) return x.number == y.number;
    auto convertible = [](const Value& v) {
        if (v.is_nullish() || v.is_array()) return false;
        return !std::isnan(to_number(v));
    };
    if (convertible(x) && convertible(y)) {
        std::u16string sx = to_js_string(x, st), sy = to_js_string(y, st);
        if (parse_int(sx) == parse_int(sy) && parse_float(sx) == parse_float(sy)) return true;
    }
    bool ex = is_value_empty(x), ey = is_value_empty(y);
    if (ex != ey) return false;
    if (x.type == Value::Type::Bool && y.is_string()) return (x.boolean ? u"true" : u"false") == text::to_lower(y.string);
    if (y.type == Value::Type::Bool && x.is_string()) return (y.boolean ? u"true" : u"false") == text::to_lower(x.string);
    bool ox = x.is_object_like(), oy = y.is_object_like();
    if (!ox && !oy) return loose_equals(x, y, st);
    if (!ox || !oy) return false;
    if (truthy(get_property(x, u"equals")) && truthy(get_property(y, u"equals"))) {
        st.thrown = true;  // x.equals is data, not a function: a TypeError in JavaScript
        return false;
    }
    if (x.is_array() && y.is_array()) return arrays_equal(x, y, ignore_order, st);
    for (const auto& k : own_keys(x)) {
        if (!has_own(y, k)) return false;
        if (!values_equal(get_property(x, k), get_property(y, k), ignore_order, st)) return false;
    }
    for (const auto& k : own_keys(y))
        if (!has_own(x, k)) return false;
    return true;
}

}  // namespace

double helpers_get_number(const Value& v, EvalState& st) {
    std::u16string s;
    double finite_check;
    if (v.is_string()) {
        std::u16string_view t = text::trim_js(v.string);
        if (t.empty()) return kNaN;
        if (t.substr(0, 2) == u"0x") {
            if (t.size() > 32) return kNaN;
            return parse_int(t);
        }
        if (t.size() > 15 && std::all_of(t.begin(), t.end(), [](char16_t c) { return c >= u'0' && c <= u'9'; }))
            return kNaN;
        if (has_operator(t)) return kNaN;
        s.assign(t);
        std::size_t comma = s.find(u',');
        if (comma != std::u16string::npos && s.find(u',', comma + 1) == std::u16string::npos) s[comma] = u'.';
        finite_check = string_to_number(s);
    } else {
        s = to_js_string(v, st);
        finite_check = to_number(v);
    }
    double res = parse_float(s);
    if (std::isnan(res) || !std::isfinite(finite_check)) return kNaN;
    return res;
}

bool helpers_is_number(const Value& v, EvalState& st) { return !std::isnan(helpers_get_number(v, st)); }

bool is_value_empty(const Value& v) {
    if (v.is_array()) return v.array->empty();
    if (is_plain_object(v)) {
        for (const auto& kv : *v.object)
            if (!is_value_empty(kv.second)) return false;
        return true;
    }
    switch (v.type) {
        case Value::Type::Undefined:
        case Value::Type::Null: return true;
        case Value::Type::String: return v.string.empty();
        case Value::Type::Number: return std::isnan(v.number);
        default: return false;
    }
}

bool is_two_value_equals(const Value& x, const Value& y, bool ignore_order, EvalState& st) {
    // OperandMaker.isTwoValueEquals: the text "undefined" means undefined.
    Value a = x.is_string() && x.string == u"undefined" ? Value::undefined() : x;
    Value b = y.is_string() && y.string == u"undefined" ? Value::undefined() : y;
    return values_equal(a, b, ignore_order, st);
}

Value correct_after_plus_minus(const Value& a, const Value& b, const Value& res, EvalState& st) {
    int digits = std::max(count_decimals(a, st), count_decimals(b, st));
    if (digits > 0) return fix_decimals(res, digits, st);
    return res;
}

Value correct_after_multiple(const Value& a, const Value& b, const Value& res, EvalState& st) {
    int digits = count_decimals(a, st) + count_decimals(b, st);
    if (digits > 0) return fix_decimals(res, digits, st);
    return res;
}

Value sum_any_values(const Value& a, const Value& b, EvalState& st) {
    if (!helpers_is_number(a, st) || !helpers_is_number(b, st)) {
        if (a.is_array() && b.is_array()) {
            Array items = *a.array;
            items.insert(items.end(), b.array->begin(), b.array->end());
            return Value::from_array(std::move(items));
        }
        if (a.is_array() || b.is_array()) {
            const Value& arr = a.is_array() ? a : b;
            const Value& val = a.is_array() ? b : a;
            if (val.is_string()) {
                std::u16string joined;
                for (std::size_t i = 0; i < arr.array->size(); ++i) {
                    if (i > 0) joined += u", ";
                    const Value& e = (*arr.array)[i];
                    if (!e.is_nullish()) joined += to_js_string(e, st);
                }
                return Value::from_string(a.is_array() ? joined + val.string : val.string + joined);
            }
            if (val.is_number()) {
                Value res = Value::from_number(0);
                for (const auto& e : *arr.array) {
                    if (e.is_number()) res = correct_after_plus_minus(res, e, Value::from_number(res.number + e.number), st);
                }
                return correct_after_plus_minus(res, val, js_add(res, val, st), st);
            }
        }
        return js_add(a, b, st);
    }
    if (a.is_string() || b.is_string()) return js_add(a, b, st);
    return correct_after_plus_minus(a, b, js_add(a, b, st), st);
}

Value get_correct_value(const Value& v, EvalState& st) {
    if (!truthy(v) || !v.is_string()) return v;
    const std::u16string& s = v.string;
    std::u16string lower = text::to_lower(s);
    if (lower == u"true" || lower == u"false") return Value::from_bool(lower == u"true");
    if (s.size() > 1 && is_quote(s.front()) && is_quote(s.back())) return Value::from_string(s.substr(1, s.size() - 2));
    if (helpers_is_number(v, st)) {
        if (s[0] == u'0' && s.rfind(u"0x", 0) != 0) {
            std::size_t len = s.size();
            bool has_point = len > 1 && (s[1] == u'.' || s[1] == u',');
            if ((!has_point && len > 1) || (has_point && len < 2)) return v;
        }
        return Value::from_number(helpers_get_number(v, st));
    }
    return v;
}

}  // namespace canvass::expr::detail
