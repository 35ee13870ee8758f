// Civil-calendar arithmetic (proleptic Gregorian, UTC) and ISO-8601 text.
#include "core/util/time.h"

#include <cstdio>

namespace canvass {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : lengths[month - 1];
}

}  // namespace

// Days are counted in 400-year eras starting on 1 March, so leap days fall at the end of a year.
std::int64_t days_from_civil(CivilDate date) {
    const std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
    const std::int64_t era = floor_div(y, 400);
    const std::int64_t year_of_era = y - era * 400;
    const std::int64_t month_from_march = (date.month + 9) % 12;
    const std::int64_t day_of_year = (153 * month_from_march + 2) / 5 + date.day - 1;
    const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

CivilDate civil_from_days(std::int64_t days_since_epoch) {
    const std::int64_t z = days_since_epoch + 719468;
    const std::int64_t era = floor_div(z, 146097);
    const std::int64_t day_of_era = z - era * 146097;
    const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t month_from_march = (5 * day_of_year + 2) / 153;
    const int day = static_cast<int>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
    const int month = static_cast<int>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
    const int year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
    return {year, month, day};
}

CivilDate date_of(TimePoint t) { return civil_from_days(floor_div(t.unix_ms, 86'400'000)); }

std::string format_iso8601(TimePoint t) {
    const CivilDate date = date_of(t);
    const std::int64_t ms_of_day = t.unix_ms - floor_div(t.unix_ms, 86'400'000) * 86'400'000;
    const int seconds = static_cast<int>(ms_of_day / 1000);
    char text[40];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", date.year, date.month, date.day,
                  seconds / 3600, seconds / 60 % 60, seconds % 60);
    return text;
}

std::string format_day(TimePoint t) {
    const CivilDate date = date_of(t);
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
    return text;
}

Result<TimePoint> parse_iso8601(std::string_view text) {
    std::size_t pos = 0;
    auto fail = [&](const std::string& what) {
        return make_error("'" + std::string(text) + "' is not an ISO-8601 date-time: " + what + " at character " +
                          std::to_string(pos + 1) + " (expected e.g. 2026-11-26 or 2026-11-26T14:30:00Z)");
    };
    auto digits = [&](int count, int& out) {
        out = 0;
        for (int i = 0; i < count; ++i, ++pos) {
            if (pos >= text.size() || text[pos] < '0' || text[pos] > '9') return false;
            out = out * 10 + (text[pos] - '0');
        }
        return true;
    };
    auto expect = [&](char ch) {
        if (pos < text.size() && text[pos] == ch) { ++pos; return true; }
        return false;
    };
    int year, month, day, hour = 0, minute = 0, second = 0, millis = 0;
    if (!digits(4, year)) return fail("expected a 4-digit year");
    if (!expect('-') || !digits(2, month) || month < 1 || month > 12) return fail("expected a month 01-12");
    if (!expect('-') || !digits(2, day) || day < 1 || day > days_in_month(year, month)) return fail("expected a valid day");
    std::int64_t offset_minutes = 0;
    if (pos < text.size()) {
        if (!expect('T') && !expect(' ')) return fail("expected 'T'");
        if (!digits(2, hour) || hour > 23) return fail("expected an hour 00-23");
        if (!expect(':') || !digits(2, minute) || minute > 59) return fail("expected minutes 00-59");
        if (expect(':')) {
            if (!digits(2, second) || second > 59) return fail("expected seconds 00-59");
            if (expect('.')) {
                int scale = 100;
                if (pos >= text.size() || text[pos] < '0' || text[pos] > '9') return fail("expected fraction digits");
                while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                    millis += (text[pos] - '0') * scale;
                    scale /= 10;
                    ++pos;
                }
            }
        }
        if (expect('Z')) {
        } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
            const int sign = text[pos] == '-' ? -1 : 1;
            ++pos;
            int zone_hours, zone_minutes;
            if (!digits(2, zone_hours) || !expect(':') || !digits(2, zone_minutes)) return fail("expected a zone like +01:00");
            offset_minutes = sign * (zone_hours * 60 + zone_minutes);
        }
        if (pos != text.size()) return fail("unexpected text");
    }
    const std::int64_t days = days_from_civil({year, month, day});
    const std::int64_t ms = ((days * 24 + hour) * 60 + minute - offset_minutes) * 60'000 + second * 1000 + millis;
    return TimePoint{ms};
}

}  // namespace canvass
