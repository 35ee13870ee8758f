// UK civil time: the GMT/BST switch computed from the calendar (no time-zone database).
#include "core/util/uk_time.h"

namespace canvass {
namespace {

constexpr std::int64_t kMsPerDay = 86'400'000;
constexpr std::int64_t kMsPerHour = 3'600'000;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Days since the epoch of the last Sunday of `month` (1970-01-01 was a Thursday).
std::int64_t last_sunday(int year, int month) {
    const std::int64_t first_of_next = month == 12 ? days_from_civil({year + 1, 1, 1}) : days_from_civil({year, month + 1, 1});
    const std::int64_t last_day = first_of_next - 1;
    const std::int64_t weekday = ((last_day + 4) % 7 + 7) % 7;  // 0 = Sunday
    return last_day - weekday;
}

}  // namespace

int uk_utc_offset_minutes(TimePoint t) {
    const int year = date_of(t).year;
    const std::int64_t summer_starts = last_sunday(year, 3) * kMsPerDay + kMsPerHour;
    const std::int64_t summer_ends = last_sunday(year, 10) * kMsPerDay + kMsPerHour;
    return t.unix_ms >= summer_starts && t.unix_ms < summer_ends ? 60 : 0;
}

TimePoint uk_start_of_day(CivilDate day) {
    const std::int64_t utc_midnight = days_from_civil(day) * kMsPerDay;
    // In summer time UK midnight is 23:00 UTC the evening before.
    const TimePoint summer_midnight{utc_midnight - kMsPerHour};
    return uk_utc_offset_minutes(summer_midnight) == 60 ? summer_midnight : TimePoint{utc_midnight};
}

UkLocalTime uk_local_time(TimePoint t) {
    const std::int64_t local_ms = t.unix_ms + std::int64_t{uk_utc_offset_minutes(t)} * 60'000;
    const std::int64_t day = floor_div(local_ms, kMsPerDay);
    return {civil_from_days(day), static_cast<int>((local_ms - day * kMsPerDay) / 60'000)};
}

}  // namespace canvass
