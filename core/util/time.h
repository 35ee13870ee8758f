// Time as plain values. Core never reads a clock: callers pass `now` in (from the platform
// seam), and these helpers turn milliseconds since the Unix epoch (UTC) into text and back.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace canvass {

struct TimePoint {
    std::int64_t unix_ms = 0;  // milliseconds since 1970-01-01T00:00:00Z
    auto operator<=>(const TimePoint&) const = default;
};

struct CivilDate {
    int year = 1970;
    int month = 1;  // 1..12
    int day = 1;    // 1..31
    bool operator==(const CivilDate&) const = default;
};

std::int64_t days_from_civil(CivilDate date);
CivilDate civil_from_days(std::int64_t days_since_epoch);
CivilDate date_of(TimePoint t);

// "2026-11-26T23:59:01Z" (seconds precision) and "2026-11-26" (a day, for reports).
std::string format_iso8601(TimePoint t);
std::string format_day(TimePoint t);

// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff]]" with "Z", "+HH:MM" or no zone (taken as UTC).
Result<TimePoint> parse_iso8601(std::string_view text);

}  // namespace canvass
