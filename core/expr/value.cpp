// JavaScript's abstract operations (ToNumber, ToString, +, ==, <, toFixed, ...) over Value,
// because survey-core's behaviour is defined by what these do in JavaScript.
#include <algorithm>
#include <clocale>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "core/expr/internal.h"
#include "core/text/unicode.h"

namespace canvass::expr::detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// printf/strtod honour LC_NUMERIC's decimal point; these wrappers make them locale-proof.
char locale_point() {
    const std::lconv* lc = std::localeconv();
    return (lc && lc->decimal_point && lc->decimal_point[0]) ? lc->decimal_point[0] : '.';
}

double c_strtod(std::string s) {
    char point = locale_point();
    if (point != '.') std::replace(s.begin(), s.end(), '.', point);
    return std::strtod(s.c_str(), nullptr);
}

std::string c_format(const char* fmt, int precision, double x) {
    char buf[1200];
    int n = std::snprintf(buf, sizeof buf, fmt, precision, x);
    std::string s(buf, n > 0 ? std::min<std::size_t>(static_cast<std::size_t>(n), sizeof buf - 1) : 0);
    char point = locale_point();
    if (point != '.') std::replace(s.begin(), s.end(), point, '.');
    return s;
}

bool is_digit(char16_t c) { return c >= u'0' && c <= u'9'; }

std::string ascii(std::u16string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char16_t c : s) out.push_back(c < 0x80 ? static_cast<char>(c) : '?');
    return out;
}

// Length of the longest StrDecimalLiteral prefix of s (no sign, no "Infinity").
std::size_t decimal_prefix(std::u16string_view s) {
    std::size_t i = 0, int_digits = 0, frac_digits = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++int_digits;
    if (i < s.size() && s[i] == u'.') {
        std::size_t j = i + 1;
        while (j < s.size() && is_digit(s[j])) ++j, ++frac_digits;
        if (int_digits + frac_digits > 0) i = j;
    }
    if (int_digits + frac_digits == 0) return 0;
    if (i < s.size() && (s[i] == u'e' || s[i] == u'E')) {
        std::size_t j = i + 1;
        if (j < s.size() && (s[j] == u'+' || s[j] == u'-')) ++j;
        std::size_t k = j;
        while (k < s.size() && is_digit(s[k])) ++k;
        if (k > j) i = k;
    }
    return i;
}

double decimal_value(std::u16string_view digits) { return c_strtod(ascii(digits)); }

double parse_radix_integer(std::u16string_view s, int radix, bool prefix_only) {
    double v = 0;
    std::size_t i = 0;
    for (; i < s.size(); ++i) {
        int d;
        char16_t c = s[i];
        if (c >= u'0' && c <= u'9') d = c - u'0';
        else if (c >= u'a' && c <= u'z') d = c - u'a' + 10;
        else if (c >= u'A' && c <= u'Z') d = c - u'A' + 10;
        else d = 99;
        if (d >= radix) {
            if (prefix_only) break;
            return kNaN;
        }
        v = v * radix + d;
    }
    return i == 0 ? kNaN : v;
}

}  // namespace

std::u16string u16(std::string_view s) { return text::utf8_to_utf16(s); }

bool truthy(const Value& v) {
    switch (v.type) {
        case Value::Type::Undefined:
        case Value::Type::Null: return false;
        case Value::Type::Bool: return v.boolean;
        case Value::Type::Number: return v.number != 0 && !std::isnan(v.number);
        case Value::Type::String: return !v.string.empty();
        default: return true;
    }
}

double string_to_number(std::u16string_view s) {
    s = text::trim_js(s);
    if (s.empty()) return 0;
    if (s.size() > 2 && s[0] == u'0') {
        char16_t p = s[1];
        if (p == u'x' || p == u'X') return parse_radix_integer(s.substr(2), 16, false);
        if (p == u'o' || p == u'O') return parse_radix_integer(s.substr(2), 8, false);
        if (p == u'b' || p == u'B') return parse_radix_integer(s.substr(2), 2, false);
    }
    bool negative = false;
    std::u16string_view body = s;
    if (body[0] == u'+' || body[0] == u'-') {
        negative = body[0] == u'-';
        body.remove_prefix(1);
    }
    double v;
    if (body == u"Infinity") {
        v = kInf;
    } else {
        std::size_t n = decimal_prefix(body);
        if (n == 0 || n != body.size()) return kNaN;
        v = decimal_value(body);
    }
    return negative ? -v : v;
}

// parseFloat and parseInt both skip leading white space, then take one optional sign.
// Returns whether the sign was '-'; `s` is left at the first character after them.
static bool strip_leading_space_and_sign(std::u16string_view& s) {
    std::size_t b = 0;
    while (b < s.size() && text::is_js_whitespace(s[b])) ++b;
    s.remove_prefix(b);
    bool negative = false;
    if (!s.empty() && (s[0] == u'+' || s[0] == u'-')) {
        negative = s[0] == u'-';
        s.remove_prefix(1);
    }
    return negative;
}

double parse_float(std::u16string_view s) {
    const bool negative = strip_leading_space_and_sign(s);
    double v;
    if (s.substr(0, 8) == u"Infinity") {
        v = kInf;
    } else {
        std::size_t n = decimal_prefix(s);
        if (n == 0) return kNaN;
        v = decimal_value(s.substr(0, n));
    }
    return negative ? -v : v;
}

double parse_int(std::u16string_view s) {
    const bool negative = strip_leading_space_and_sign(s);
    int radix = 10;
    if (s.size() >= 2 && s[0] == u'0' && (s[1] == u'x' || s[1] == u'X')) {
        radix = 16;
        s.remove_prefix(2);
    }
    double v = parse_radix_integer(s, radix, true);
    if (radix == 10 && !std::isnan(v)) {
        // Long decimal prefixes must round like JavaScript's correctly rounded conversion.
        std::size_t n = 0;
        while (n < s.size() && is_digit(s[n])) ++n;
        if (n > 15) v = decimal_value(s.substr(0, n));
    }
    return negative ? -v : v;
}

std::u16string number_to_string(double d) {
    if (std::isnan(d)) return u"NaN";
    if (d == 0) return u"0";
    if (std::isinf(d)) return d < 0 ? u"-Infinity" : u"Infinity";
    std::u16string sign = d < 0 ? u"-" : u"";
    double a = std::fabs(d);
    // Shortest digit string that reads back as the same double, as ECMAScript requires.
    std::string sci;
    for (int p = 0; p <= 16; ++p) {
        sci = c_format("%.*e", p, a);
        if (c_strtod(sci) == a) break;
    }
    std::string digits;
    std::size_t epos = sci.find('e');
    for (std::size_t i = 0; i < epos; ++i)
        if (sci[i] >= '0' && sci[i] <= '9') digits.push_back(sci[i]);
    int exp10 = std::atoi(sci.c_str() + epos + 1);
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    int k = static_cast<int>(digits.size());
    int n = exp10 + 1;  // position of the decimal point relative to the digits
    std::string out;
    if (k <= n && n <= 21) {
        out = digits + std::string(static_cast<std::size_t>(n - k), '0');
    } else if (0 < n && n <= 21) {
        out = digits.substr(0, static_cast<std::size_t>(n)) + "." + digits.substr(static_cast<std::size_t>(n));
    } else if (-6 < n && n <= 0) {
        out = "0." + std::string(static_cast<std::size_t>(-n), '0') + digits;
    } else {
        int e = n - 1;
        out = digits.substr(0, 1);
        if (k > 1) out += "." + digits.substr(1);
        out += e < 0 ? "e-" : "e+";
        out += std::to_string(e < 0 ? -e : e);
    }
    return sign + u16(out);
}

std::u16string to_fixed(double x, int digits) {
    if (std::isnan(x)) return u"NaN";
    if (std::fabs(x) >= 1e21) return number_to_string(x);
    // The exact decimal expansion (at most 1074 fraction digits), rounded half away from zero
    // as ECMAScript specifies ("pick the larger n"); printf would round half to even.
    std::string exact = c_format("%.*f", 1080, std::fabs(x));
    std::size_t point = exact.find('.');
    std::string int_part = exact.substr(0, point);
    std::string frac = exact.substr(point + 1);
    std::string kept = int_part + frac.substr(0, static_cast<std::size_t>(digits));
    bool round_up = frac.size() > static_cast<std::size_t>(digits) && frac[static_cast<std::size_t>(digits)] >= '5';
    if (round_up) {
        int i = static_cast<int>(kept.size()) - 1;
        for (; i >= 0; --i) {
            if (kept[static_cast<std::size_t>(i)] == '9') {
                kept[static_cast<std::size_t>(i)] = '0';
            } else {
                ++kept[static_cast<std::size_t>(i)];
                break;
            }
        }
        if (i < 0) kept.insert(kept.begin(), '1');
    }
    std::size_t int_len = kept.size() - static_cast<std::size_t>(digits);
    std::string out = kept.substr(0, int_len);
    if (digits > 0) out += "." + kept.substr(int_len);
    bool is_zero = std::all_of(kept.begin(), kept.end(), [](char c) { return c == '0'; });
    if (x < 0 && !is_zero) out = "-" + out;
    return u16(out);
}

double to_number(const Value& v) {
    switch (v.type) {
        case Value::Type::Undefined: return kNaN;
        case Value::Type::Null: return 0;
        case Value::Type::Bool: return v.boolean ? 1 : 0;
        case Value::Type::Number:
        case Value::Type::Date: return v.number;
        case Value::Type::String: return string_to_number(v.string);
        case Value::Type::Array: {
            EvalState scratch;
            return string_to_number(to_js_string(v, scratch));
        }
        case Value::Type::Object: return kNaN;
    }
    return kNaN;
}

std::u16string to_js_string(const Value& v, EvalState& st) {
    switch (v.type) {
        case Value::Type::Undefined: return u"undefined";
        case Value::Type::Null: return u"null";
        case Value::Type::Bool: return v.boolean ? u"true" : u"false";
        case Value::Type::Number: return number_to_string(v.number);
        case Value::Type::String: return v.string;
        case Value::Type::Date: return date_to_string(v.number);
        case Value::Type::Object: return u"[object Object]";
        case Value::Type::Array: {
            std::u16string out;
            for (std::size_t i = 0; i < v.array->size(); ++i) {
                if (i > 0) out += u',';
                const Value& e = (*v.array)[i];
                if (!e.is_nullish()) out += to_js_string(e, st);
            }
            return out;
        }
    }
    return {};
}

Value to_primitive(const Value& v, bool hint_number, EvalState& st) {
    switch (v.type) {
        case Value::Type::Array:
        case Value::Type::Object: return Value::from_string(to_js_string(v, st));
        case Value::Type::Date:
            return hint_number ? Value::from_number(v.number) : Value::from_string(date_to_string(v.number));
        default: return v;
    }
}

Value js_add(const Value& a, const Value& b, EvalState& st) {
    Value pa = to_primitive(a, false, st);
    Value pb = to_primitive(b, false, st);
    if (pa.is_string() || pb.is_string()) return Value::from_string(to_js_string(pa, st) + to_js_string(pb, st));
    return Value::from_number(to_number(pa) + to_number(pb));
}

bool strict_equals(const Value& a, const Value& b) {
    if (a.type != b.type) return false;
    switch (a.type) {
        case Value::Type::Undefined:
        case Value::Type::Null: return true;
        case Value::Type::Bool: return a.boolean == b.boolean;
        case Value::Type::Number: return a.number == b.number;
        case Value::Type::String: return a.string == b.string;
        case Value::Type::Array: return a.array == b.array;
        case Value::Type::Object: return a.object == b.object;
        case Value::Type::Date: return false;  // two evaluations never yield the same Date object
    }
    return false;
}

bool loose_equals(const Value& a, const Value& b, EvalState& st) {
    if (a.type == b.type) return strict_equals(a, b);
    if (a.is_nullish() || b.is_nullish()) return a.is_nullish() && b.is_nullish();
    if (a.is_object_like() && b.is_object_like()) return false;
    if (a.is_object_like()) return loose_equals(to_primitive(a, false, st), b, st);
    if (b.is_object_like()) return loose_equals(a, to_primitive(b, false, st), st);
    // Remaining: bool, number, string in different combinations: all compare as numbers.
    return to_number(a) == to_number(b);
}

bool less_than(const Value& a, const Value& b, EvalState& st) {
    Value pa = to_primitive(a, true, st);
    Value pb = to_primitive(b, true, st);
    if (pa.is_string() && pb.is_string()) return pa.string < pb.string;  // UTF-16 unit order
    double x = to_number(pa), y = to_number(pb);
    return x < y;
}

bool is_integer_index(std::u16string_view s) {
    if (s.empty() || s.size() > 10) return false;
    if (s.size() > 1 && s[0] == u'0') return false;
    return std::all_of(s.begin(), s.end(), is_digit);
}

Value get_property(const Value& v, std::u16string_view key) {
    if (v.is_array()) {
        if (key == u"length") return Value::from_number(static_cast<double>(v.array->size()));
        if (is_integer_index(key)) {
            double i = parse_radix_integer(key, 10, false);
            if (i < static_cast<double>(v.array->size())) return (*v.array)[static_cast<std::size_t>(i)];
        }
        return {};
    }
    if (v.is_string()) {
        if (key == u"length") return Value::from_number(static_cast<double>(v.string.size()));
        if (is_integer_index(key)) {
            double i = parse_radix_integer(key, 10, false);
            if (i < static_cast<double>(v.string.size()))
                return Value::from_string(std::u16string(1, v.string[static_cast<std::size_t>(i)]));
        }
        return {};
    }
    if (v.type == Value::Type::Object) {
        for (const auto& [k, val] : *v.object)
            if (k == key) return val;
    }
    return {};
}

std::vector<std::u16string> own_keys(const Value& v) {
    std::vector<std::u16string> keys;
    if (v.is_array()) {
        for (std::size_t i = 0; i < v.array->size(); ++i) keys.push_back(u16(std::to_string(i)));
    } else if (v.is_string()) {
        for (std::size_t i = 0; i < v.string.size(); ++i) keys.push_back(u16(std::to_string(i)));
    } else if (v.type == Value::Type::Object) {
        for (const auto& kv : *v.object) keys.push_back(kv.first);
    }
    return keys;
}

double js_round(double x) {
    if (std::isnan(x) || std::isinf(x)) return x;
    double r = std::floor(x);
    if (x - r >= 0.5) r += 1;
    if (r == 0 && (x < 0 || std::signbit(x))) return -0.0;
    return r;
}

double js_pow(double a, double b) {
    if (std::isnan(b)) return kNaN;
    if (b == 0) return 1;
    if ((a == 1 || a == -1) && std::isinf(b)) return kNaN;
    return std::pow(a, b);
}

Value from_json(const nlohmann::json& j) {
    switch (j.type()) {
        case nlohmann::json::value_t::null: return Value::null();
        case nlohmann::json::value_t::boolean: return Value::from_bool(j.get<bool>());
        case nlohmann::json::value_t::number_integer: return Value::from_number(static_cast<double>(j.get<std::int64_t>()));
        case nlohmann::json::value_t::number_unsigned: return Value::from_number(static_cast<double>(j.get<std::uint64_t>()));
        case nlohmann::json::value_t::number_float: return Value::from_number(j.get<double>());
        case nlohmann::json::value_t::string: return Value::from_string(u16(j.get_ref<const std::string&>()));
        case nlohmann::json::value_t::array: {
            Array items;
            items.reserve(j.size());
            for (const auto& e : j) items.push_back(from_json(e));
            return Value::from_array(std::move(items));
        }
        case nlohmann::json::value_t::object: {
            Object items;
            items.reserve(j.size());
            for (auto it = j.begin(); it != j.end(); ++it) items.emplace_back(u16(it.key()), from_json(it.value()));
            Value v;
            v.type = Value::Type::Object;
            v.object = std::make_shared<const Object>(std::move(items));
            return v;
        }
        default: return {};
    }
}

nlohmann::json to_json(const Value& v) {
    switch (v.type) {
        case Value::Type::Undefined:
        case Value::Type::Null: return nullptr;
        case Value::Type::Bool: return v.boolean;
        case Value::Type::Number: {
            double d = v.number;
            if (!std::isfinite(d)) return nullptr;
            if (d == std::floor(d) && std::fabs(d) <= 9007199254740992.0) return static_cast<std::int64_t>(d);
            return d;
        }
        case Value::Type::String: return text::utf16_to_utf8(v.string);
        case Value::Type::Date:
            if (std::isnan(v.number)) return nullptr;
            return text::utf16_to_utf8(date_to_iso_string(v.number));
        case Value::Type::Array: {
            nlohmann::json out = nlohmann::json::array();
            for (const auto& e : *v.array) out.push_back(to_json(e));
            return out;
        }
        case Value::Type::Object: {
            nlohmann::json out = nlohmann::json::object();
            for (const auto& [k, e] : *v.object)
                if (!e.is_undefined()) out[text::utf16_to_utf8(k)] = to_json(e);  // as JSON.stringify
            return out;
        }
    }
    return nullptr;
}

}  // namespace canvass::expr::detail
