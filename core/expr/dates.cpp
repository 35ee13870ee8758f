// JavaScript Date behaviour for the date functions and date comparisons. Local time is UTC:
// core has no time zone database and results must not depend on where the code runs.
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "core/expr/internal.h"
#include "core/text/unicode.h"

namespace canvass::expr::detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMsPerDay = 86400000.0;

double days_from_civil(double y, double m, double d) {  // m 1..12
    y -= m <= 2 ? 1 : 0;
    double era = std::floor(y / 400);
    double yoe = y - era * 400;
    double mp = m > 2 ? m - 3 : m + 9;
    double doy = std::floor((153 * mp + 2) / 5) + d - 1;
    double doe = yoe * 365 + std::floor(yoe / 4) - std::floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
}

void civil_from_days(double z, double& y, double& m, double& d) {
    z += 719468;
    double era = std::floor(z / 146097);
    double doe = z - era * 146097;
    double yoe = std::floor((doe - std::floor(doe / 1460) + std::floor(doe / 36524) - std::floor(doe / 146096)) / 365);
    y = yoe + era * 400;
    double doy = doe - (365 * yoe + std::floor(yoe / 4) - std::floor(yoe / 100));
    double mp = std::floor((5 * doy + 2) / 153);
    d = doy - std::floor((153 * mp + 2) / 5) + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) y += 1;
}

const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string pad(double v, int width) {
    std::string s = std::to_string(static_cast<long long>(std::fabs(v)));
    while (static_cast<int>(s.size()) < width) s.insert(s.begin(), '0');
    return s;
}

// A cursor over the date text.
struct Scanner {
    std::u16string_view s;
    std::size_t i = 0;
    bool done() const { return i >= s.size(); }
    char16_t peek() const { return done() ? 0 : s[i]; }
    bool eat(char16_t c) {
        if (peek() != c) return false;
        ++i;
        return true;
    }
    // Exactly n digits (n > 0), or at least one when n == 0.
    bool digits(int n, double& out) {
        std::size_t start = i;
        out = 0;
        while (!done() && s[i] >= u'0' && s[i] <= u'9' && (n == 0 || static_cast<int>(i - start) < n)) {
            out = out * 10 + (s[i] - u'0');
            ++i;
        }
        std::size_t got = i - start;
        if (got == 0 || (n > 0 && static_cast<int>(got) != n)) {
            i = start;
            return false;
        }
        return true;
    }
};

bool valid_time(double h, double mi, double sec) {
    return h <= 24 && mi <= 59 && sec <= 59 && !(h == 24 && (mi > 0 || sec > 0));
}

// ECMAScript's Date Time String Format (what V8 accepts first).
bool parse_iso(std::u16string_view text, double& out) {
    Scanner sc{text};
    double year = 0, month = 1, day = 1, h = 0, mi = 0, sec = 0, ms = 0;
    if (sc.peek() == u'+' || sc.peek() == u'-') {
        bool neg = sc.peek() == u'-';
        ++sc.i;
        if (!sc.digits(6, year)) return false;
        if (neg && year == 0) return false;
        if (neg) year = -year;
    } else if (!sc.digits(4, year)) {
        return false;
    }
    if (sc.eat(u'-')) {
        if (!sc.digits(2, month) || month < 1 || month > 12) return false;
        if (sc.eat(u'-')) {
            if (!sc.digits(2, day) || day < 1 || day > 31) return false;
        }
    }
    bool has_time = false, has_zone = false;
    double offset_min = 0;
    if (sc.eat(u'T')) {
        has_time = true;
        if (!sc.digits(2, h) || !sc.eat(u':') || !sc.digits(2, mi)) return false;
        if (sc.eat(u':')) {
            if (!sc.digits(2, sec)) return false;
            if (sc.eat(u'.')) {
                double frac = 0;
                std::size_t start = sc.i;
                if (!sc.digits(0, frac)) return false;
                std::size_t n = sc.i - start;
                double first3 = 0;
                for (std::size_t k = 0; k < 3; ++k)
                    first3 = first3 * 10 + (k < n ? text[start + k] - u'0' : 0);
                ms = first3;
            }
        }
        if (!valid_time(h, mi, sec)) return false;
        if (sc.eat(u'Z')) {
            has_zone = true;
        } else if (sc.peek() == u'+' || sc.peek() == u'-') {
            double sign = sc.peek() == u'-' ? -1 : 1;
            ++sc.i;
            double oh = 0, om = 0;
            if (!sc.digits(2, oh) || !sc.eat(u':') || !sc.digits(2, om) || oh > 23 || om > 59) return false;
            has_zone = true;
            offset_min = sign * (oh * 60 + om);
        }
    }
    if (!sc.done()) return false;
    (void)has_time;
    (void)has_zone;  // without a zone a date-time is local time, and local time is UTC here
    double t = make_time_value(year, month - 1, day, h, mi, sec, ms) - offset_min * 60000;
    double days_in_month = days_from_civil(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1) -
                           days_from_civil(year, month, 1);
    if (day > days_in_month) return false;
    out = time_clip(t);
    return !std::isnan(out);
}

int month_from_word(std::u16string_view w) {
    if (w.size() < 3) return -1;
    std::u16string lower = text::to_lower(w.substr(0, 3));
    for (int m = 0; m < 12; ++m) {
        std::u16string name = u16(kMonths[m]);
        if (text::to_lower(name) == lower) return m;
    }
    return -1;
}

// A subset of V8's legacy (non-ISO) parser: "2024/06/15", "2024-06-15 10:30", "2024-02-30"
// (rolls over to March 1), "06/15/2024 10:30:15", "Jun 15 2024", "15 June 2024 10:30", lone
// numbers ("5" is 2001-05-01), optional weekday names, "Z"/"UTC"/"GMT" (numeric offsets after
// GMT are not supported) and AM/PM. Anything else is an invalid date.
bool parse_legacy(std::u16string_view text, double& out) {
    std::vector<double> numbers;
    int month_word = -1;
    double h = 0, mi = 0, sec = 0, ms = 0;
    bool has_time = false;
    int ampm = 0;  // 1 am, 2 pm
    Scanner sc{text};
    while (!sc.done()) {
        char16_t c = sc.peek();
        if (c == u' ' || c == u',' || c == u'/' || c == u'-' || c == u'.') {
            ++sc.i;
            continue;
        }
        if (c >= u'0' && c <= u'9') {
            double v = 0;
            sc.digits(0, v);
            if (sc.peek() == u':') {
                if (has_time) return false;
                has_time = true;
                h = v;
                ++sc.i;
                if (!sc.digits(0, mi)) return false;
                if (sc.eat(u':')) {
                    if (!sc.digits(0, sec)) return false;
                    if (sc.eat(u'.')) {
                        double f = 0;
                        std::size_t start = sc.i;
                        if (!sc.digits(0, f)) return false;
                        std::size_t n = sc.i - start;
                        double first3 = 0;
                        for (std::size_t k = 0; k < 3; ++k)
                            first3 = first3 * 10 + (k < n ? text[start + k] - u'0' : 0);
                        ms = first3;
                    }
                }
                continue;
            }
            numbers.push_back(v);
            continue;
        }
        if ((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')) {
            std::size_t start = sc.i;
            while (!sc.done() && ((sc.peek() >= u'a' && sc.peek() <= u'z') || (sc.peek() >= u'A' && sc.peek() <= u'Z'))) ++sc.i;
            std::u16string w = text::to_lower(text.substr(start, sc.i - start));
            if (w == u"t") {
                // the ISO date/time separator in a text the ISO reader rejected
            } else if (w == u"am" || w == u"pm") {
                if (!has_time) return false;
                ampm = w == u"am" ? 1 : 2;
            } else if (w == u"z" || w == u"utc" || w == u"gmt" || w == u"ut") {
                // zone designators: local time is UTC already
            } else if (month_from_word(w) >= 0 && month_word < 0) {
                month_word = month_from_word(w);
            } else {
                bool weekday = false;
                for (const char* d : kDays)
                    if (w.size() >= 3 && text::to_lower(u16(d)) == w.substr(0, 3)) weekday = true;
                if (!weekday) return false;
            }
            continue;
        }
        return false;
    }
    // V8 fills a missing year with 2001 and a missing day with 1.
    double year = 2001, month = 0, day = 1;
    if (month_word >= 0) {
        month = month_word;
        if (numbers.size() == 1) {
            if (numbers[0] > 31) year = numbers[0];
            else day = numbers[0];
        } else if (numbers.size() == 2) {
            if (numbers[0] > 31) { year = numbers[0]; day = numbers[1]; }
            else { day = numbers[0]; year = numbers[1]; }
        } else {
            return false;
        }
    } else if (numbers.size() == 1) {
        double n = numbers[0];
        if (n >= 1 && n <= 12) month = n - 1;
        else if (n > 12 && n <= 31) return false;
        else year = n;
    } else if (numbers.size() == 2) {
        if (numbers[0] > 31) { year = numbers[0]; month = numbers[1] - 1; }
        else { month = numbers[0] - 1; day = numbers[1]; }
    } else if (numbers.size() == 3) {
        if (numbers[0] > 31) { year = numbers[0]; month = numbers[1] - 1; day = numbers[2]; }
        else { month = numbers[0] - 1; day = numbers[1]; year = numbers[2]; }
    } else {
        return false;
    }
    if (year < 50) year += 2000;
    else if (year < 100) year += 1900;
    if (month < 0 || month > 11 || day < 1 || day > 31) return false;
    if (ampm) {
        if (h > 12) return false;
        if (ampm == 1 && h == 12) h = 0;
        if (ampm == 2 && h < 12) h += 12;
    }
    if (!valid_time(h, mi, sec)) return false;
    out = time_clip(make_time_value(year, month, day, h, mi, sec, ms));
    return !std::isnan(out);
}

}  // namespace

double time_clip(double t) {
    if (!std::isfinite(t) || std::fabs(t) > 8.64e15) return kNaN;
    return std::trunc(t) + 0.0;
}

double make_time_value(double year, double month, double day, double h, double m, double s, double ms) {
    for (double v : {year, month, day, h, m, s, ms})
        if (!std::isfinite(v)) return kNaN;
    year = std::trunc(year);
    month = std::trunc(month);
    double ym = year + std::floor(month / 12);
    double mn = month - std::floor(month / 12) * 12;
    if (std::fabs(ym) > 400000) return kNaN;
    double days = days_from_civil(ym, mn + 1, 1) + std::trunc(day) - 1;
    double time = std::trunc(h) * 3600000.0 + std::trunc(m) * 60000.0 + std::trunc(s) * 1000.0 + std::trunc(ms);
    return days * kMsPerDay + time;
}

DateParts date_parts(double t) {
    DateParts p{};
    if (std::isnan(t)) {
        p = {kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN};
        return p;
    }
    double days = std::floor(t / kMsPerDay);
    double in_day = t - days * kMsPerDay;
    double y, m, d;
    civil_from_days(days, y, m, d);
    p.year = y;
    p.month = m - 1;
    p.day = d;
    p.hours = std::floor(in_day / 3600000.0);
    p.minutes = std::floor(std::fmod(in_day, 3600000.0) / 60000.0);
    p.seconds = std::floor(std::fmod(in_day, 60000.0) / 1000.0);
    p.ms = std::fmod(in_day, 1000.0);
    double wd = std::fmod(days + 4, 7.0);
    p.weekday = wd < 0 ? wd + 7 : wd;
    return p;
}

double parse_date(std::u16string_view s) {
    double t = kNaN;
    if (parse_iso(s, t)) return t;
    std::u16string_view trimmed = text::trim_js(s);
    if (parse_legacy(trimmed, t)) return t;
    return kNaN;
}

std::u16string date_to_string(double t) {
    if (std::isnan(t)) return u"Invalid Date";
    DateParts p = date_parts(t);
    std::string out = std::string(kDays[static_cast<int>(p.weekday)]) + " " + kMonths[static_cast<int>(p.month)] + " " +
                      pad(p.day, 2) + " " + (p.year < 0 ? "-" : "") + pad(p.year, 4) + " " + pad(p.hours, 2) + ":" +
                      pad(p.minutes, 2) + ":" + pad(p.seconds, 2) + " GMT+0000 (Coordinated Universal Time)";
    return u16(out);
}

std::u16string date_to_iso_string(double t) {
    DateParts p = date_parts(t);
    std::string year = (p.year >= 0 && p.year <= 9999) ? pad(p.year, 4) : std::string(p.year < 0 ? "-" : "+") + pad(p.year, 6);
    std::string out = year + "-" + pad(p.month + 1, 2) + "-" + pad(p.day, 2) + "T" + pad(p.hours, 2) + ":" +
                      pad(p.minutes, 2) + ":" + pad(p.seconds, 2) + "." + pad(p.ms, 3) + "Z";
    return u16(out);
}

Value create_date(const Value& val, EvalState& st) {
    if (!truthy(val)) return Value::from_date(time_clip(static_cast<double>(st.context->now_ms())));
    switch (val.type) {
        case Value::Type::Date: return Value::from_date(val.number);
        case Value::Type::Number: return Value::from_date(time_clip(val.number));
        case Value::Type::Bool: return Value::from_date(time_clip(val.boolean ? 1 : 0));
        case Value::Type::String: {
            std::u16string s = val.string;
            // survey-core reads a date-only ISO text as local midnight (storeUtcDates: false).
            if (s.find(u'T') == std::u16string::npos || s.find(u'T') == 0) {
                bool pattern = false;
                for (std::size_t i = 0; i + 10 <= s.size() && !pattern; ++i) {
                    auto d = [&](std::size_t k) { return s[i + k] >= u'0' && s[i + k] <= u'9'; };
                    pattern = d(0) && d(1) && d(2) && d(3) && s[i + 4] == u'-' && d(5) && d(6) && s[i + 7] == u'-' && d(8) && d(9);
                }
                if (pattern && !std::isnan(parse_date(s))) s += u"T00:00:00";
            }
            return Value::from_date(parse_date(s));
        }
        default: {
            Value prim = to_primitive(val, false, st);
            if (prim.is_string()) return Value::from_date(parse_date(prim.string));
            return Value::from_date(time_clip(to_number(prim)));
        }
    }
}

}  // namespace canvass::expr::detail
