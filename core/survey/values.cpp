// JavaScript-flavoured helpers on JSON answer values (emptiness, equality, numbers), mirroring
// survey-core's Helpers.
#include "core/survey/values.h"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string_view>

#include "core/text/unicode.h"

namespace canvass::survey {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::u16string trimmed16(const std::string& s) {
    const std::u16string u = text::utf8_to_utf16(s);
    return std::u16string(text::trim_js(u));
}

// StringToNumber of the JavaScript spec (Number("...")), for the forms survey data uses:
// whitespace-trimmed decimal literals, Infinity, 0x/0o/0b integers; "" is 0.
double js_to_number_string(const std::string& s) {
    const std::u16string t = trimmed16(s);
    if (t.empty()) return 0;
    std::string a;
    for (char16_t c : t) {
        if (c > 0x7f) return kNaN;
        a.push_back(char(c));
    }
    if (a == "Infinity" || a == "+Infinity") return std::numeric_limits<double>::infinity();
    if (a == "-Infinity") return -std::numeric_limits<double>::infinity();
    if (a.size() > 2 && a[0] == '0' && (a[1] == 'x' || a[1] == 'X' || a[1] == 'o' || a[1] == 'O' || a[1] == 'b' || a[1] == 'B')) {
        const int base = (a[1] == 'x' || a[1] == 'X') ? 16 : (a[1] == 'o' || a[1] == 'O') ? 8 : 2;
        double r = 0;
        for (std::size_t i = 2; i < a.size(); ++i) {
            const char c = a[i];
            int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : 99;
            if (d >= base) return kNaN;
            r = r * base + d;
        }
        return r;
    }
    // Decimal literal: [+-] digits [. digits] [e [+-] digits], at least one digit in the mantissa.
    std::size_t i = 0;
    if (a[i] == '+' || a[i] == '-') ++i;
    bool digits = false;
    while (i < a.size() && a[i] >= '0' && a[i] <= '9') { ++i; digits = true; }
    if (i < a.size() && a[i] == '.') {
        ++i;
        while (i < a.size() && a[i] >= '0' && a[i] <= '9') { ++i; digits = true; }
    }
    if (!digits) return kNaN;
    if (i < a.size() && (a[i] == 'e' || a[i] == 'E')) {
        ++i;
        if (i < a.size() && (a[i] == '+' || a[i] == '-')) ++i;
        bool exp_digits = false;
        while (i < a.size() && a[i] >= '0' && a[i] <= '9') { ++i; exp_digits = true; }
        if (!exp_digits) return kNaN;
    }
    if (i != a.size()) return kNaN;
    return std::strtod(a.c_str(), nullptr);
}

// parseFloat: the longest decimal prefix after leading whitespace.
double js_parse_float(const std::string& s) {
    const std::u16string t = trimmed16(s);
    std::string a;
    for (char16_t c : t) {
        if (c > 0x7f) break;
        a.push_back(char(c));
    }
    std::size_t i = 0;
    if (i < a.size() && (a[i] == '+' || a[i] == '-')) ++i;
    if (a.compare(i, 8, "Infinity") == 0) return a[0] == '-' ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    bool digits = false;
    while (i < a.size() && a[i] >= '0' && a[i] <= '9') { ++i; digits = true; }
    if (i < a.size() && a[i] == '.') {
        ++i;
        while (i < a.size() && a[i] >= '0' && a[i] <= '9') { ++i; digits = true; }
    }
    if (!digits) return kNaN;
    std::size_t end = i;
    if (i < a.size() && (a[i] == 'e' || a[i] == 'E')) {
        std::size_t j = i + 1;
        if (j < a.size() && (a[j] == '+' || a[j] == '-')) ++j;
        bool exp_digits = false;
        while (j < a.size() && a[j] >= '0' && a[j] <= '9') { ++j; exp_digits = true; }
        if (exp_digits) end = j;
    }
    return std::strtod(a.substr(0, end).c_str(), nullptr);
}

// ToNumber for JSON values (arrays and objects go through their string form).
double js_to_number(const nlohmann::json& v) {
    if (v.is_null()) return 0;
    if (v.is_boolean()) return v.get<bool>() ? 1 : 0;
    if (v.is_number()) return v.get<double>();
    if (v.is_string()) return js_to_number_string(v.get<std::string>());
    if (v.is_array()) {
        if (v.empty()) return 0;
        if (v.size() == 1 && !v[0].is_array() && !v[0].is_object()) return v[0].is_null() ? 0 : js_to_number_string(js_string(v[0]));
        return kNaN;
    }
    return kNaN;
}

bool is_object_like(const nlohmann::json& v) { return v.is_array() || v.is_object(); }

}  // namespace

bool is_value_empty(const nlohmann::json& value, bool trim_strings) {
    if (value.is_null()) return true;
    if (value.is_array()) return value.empty();
    if (value.is_object()) {
        for (const auto& item : value.items()) {
            if (!is_value_empty(item.value())) return false;
        }
        return true;
    }
    if (value.is_string()) {
        const std::string& s = value.get_ref<const std::string&>();
        if (s.empty()) return true;
        return trim_strings && trimmed16(s).empty();
    }
    if (value.is_number_float()) return std::isnan(value.get<double>());  // NaN is falsy
    return false;  // numbers (0 included) and booleans are answers
}

std::string js_string(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_null()) return "null";
    if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
    if (value.is_number_integer() || value.is_number_unsigned()) return value.dump();
    if (value.is_number_float()) {
        const double d = value.get<double>();
        if (std::isnan(d)) return "NaN";
        if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
        if (d == std::floor(d) && std::fabs(d) < 1e21) {
            if (d == 0) return "0";
            return nlohmann::json(static_cast<std::int64_t>(d)).dump();
        }
        return value.dump();
    }
    if (value.is_array()) return js_join(value, ",");
    return "[object Object]";
}

std::string js_join(const nlohmann::json& array, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < array.size(); ++i) {
        if (i) out += separator;
        if (!array[i].is_null()) out += js_string(array[i]);
    }
    return out;
}

bool loose_equal(const nlohmann::json& x, const nlohmann::json& y) {
    if (is_object_like(x) || is_object_like(y)) return false;
    if (x.is_null() || y.is_null()) return x.is_null() && y.is_null();
    if (x.is_string() && y.is_string()) return x.get_ref<const std::string&>() == y.get_ref<const std::string&>();
    return js_to_number(x) == js_to_number(y);  // NaN != NaN
}

double get_number(const nlohmann::json& value) {
    if (value.is_number()) return value.get<double>();
    if (!value.is_string()) {
        if (value.is_boolean() || value.is_null()) return kNaN;  // parseFloat(true) is NaN
        return kNaN;
    }
    std::string s;
    {
        const std::u16string t = trimmed16(value.get<std::string>());
        s = text::utf16_to_utf8(t);
    }
    if (s.empty()) return kNaN;
    if (s.rfind("0x", 0) == 0) {
        if (s.size() > 32) return kNaN;
        const double r = js_to_number_string(s);
        return r;
    }
    bool digits_only = true;
    for (char c : s) digits_only = digits_only && c >= '0' && c <= '9';
    if (s.size() > 15 && digits_only) return kNaN;
    const bool has_inner_sign = (s.rfind('-') != std::string::npos && s.rfind('-') > 0) ||
                                (s.rfind('+') != std::string::npos && s.rfind('+') > 0);
    if (!has_inner_sign && s.find_first_of("*^/%") != std::string::npos) return kNaN;
    const std::size_t comma = s.find(',');
    if (comma != std::string::npos && s.find(',', comma + 1) == std::string::npos) s[comma] = '.';
    const double r = js_parse_float(s);
    if (std::isnan(r) || !std::isfinite(js_to_number_string(s))) return kNaN;
    return r;
}

bool js_less(const nlohmann::json& a, const nlohmann::json& b) {
    if (a.is_string() && b.is_string()) {
        return text::utf8_to_utf16(a.get<std::string>()) < text::utf8_to_utf16(b.get<std::string>());
    }
    const double x = js_to_number(a.is_array() || a.is_object() ? nlohmann::json(js_string(a)) : a);
    const double y = js_to_number(b.is_array() || b.is_object() ? nlohmann::json(js_string(b)) : b);
    return x < y;
}

bool values_equal(const nlohmann::json& x, const nlohmann::json& y) {
    if (x == y && !(x.is_number_float() && std::isnan(x.get<double>()))) {
        if (x.type() == y.type() || (x.is_number() && y.is_number())) return true;
    }
    if (x.is_null() && y.is_string() && y.get_ref<const std::string&>().empty()) return true;
    if (y.is_null() && x.is_string() && x.get_ref<const std::string&>().empty()) return true;
    if (x.is_string() && y.is_string()) return x.get_ref<const std::string&>() == y.get_ref<const std::string&>();
    // isConvertibleToNumber: !isNaN(value), not null/undefined/array.
    auto convertible = [](const nlohmann::json& v) {
        if (v.is_null() || v.is_array() || v.is_object()) return false;
        return !std::isnan(js_to_number(v));
    };
    if (convertible(x) && convertible(y)) {
        auto as_string = [](const nlohmann::json& v) { return js_string(v); };
        const double fx = js_parse_float(as_string(x)), fy = js_parse_float(as_string(y));
        const double ix = std::trunc(fx), iy = std::trunc(fy);  // parseInt agrees with trunc(parseFloat) here
        if (ix == iy && fx == fy) return true;
    }
    const bool ex = is_value_empty(x), ey = is_value_empty(y);
    if (ex != ey) return false;
    if (x.is_boolean() && y.is_string()) return js_string(x) == text::to_lower(y.get<std::string>());
    if (y.is_boolean() && x.is_string()) return js_string(y) == text::to_lower(x.get<std::string>());
    if (!is_object_like(x) && !is_object_like(y)) return loose_equal(x, y);
    if (!is_object_like(x) || !is_object_like(y)) return false;
    if (x.is_array() && y.is_array()) {
        if (x.size() != y.size()) return false;
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (!values_equal(x[i], y[i])) return false;
        }
        return true;
    }
    if (x.is_object() && y.is_object()) {
        if (x.size() != y.size()) return false;
        for (const auto& item : x.items()) {
            const auto it = y.find(item.key());
            if (it == y.end() || !values_equal(item.value(), *it)) return false;
        }
        return true;
    }
    return false;
}

}  // namespace canvass::survey
