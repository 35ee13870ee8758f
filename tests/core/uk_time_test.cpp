// UK civil time (core/util/uk_time.h): the GMT/BST switch at 01:00 UTC on the last Sundays of
// March and October, UK midnights either side of it, and local clock readings.
#include <doctest/doctest.h>

#include <string>

#include "core/util/uk_time.h"

using namespace canvass;

namespace {

TimePoint at(const char* iso) {
    const Result<TimePoint> t = parse_iso8601(iso);
    REQUIRE_MESSAGE(t.ok(), iso);
    return *t;
}

}  // namespace

TEST_CASE("uk_utc_offset_minutes switches at 01:00 UTC on the last Sundays of March and October") {
    struct Row { const char* utc; int offset; };
    const Row rows[] = {
        {"2026-01-15T12:00:00Z", 0},
        {"2026-03-29T00:59:59Z", 0},   // 2026-03-29 is the last Sunday of March
        {"2026-03-29T01:00:00Z", 60},
        {"2026-07-31T12:00:00Z", 60},
        {"2026-10-25T00:59:59Z", 60},  // 2026-10-25 is the last Sunday of October
        {"2026-10-25T01:00:00Z", 0},
        {"2024-03-31T01:00:00Z", 60},  // a leap year whose last Sunday is the 31st
        {"2024-03-30T12:00:00Z", 0},
        {"2024-10-27T00:30:00Z", 60},
        {"2024-10-27T01:30:00Z", 0},
        {"2027-12-31T23:59:59Z", 0},
    };
    for (const Row& row : rows) {
        CAPTURE(row.utc);
        CHECK(uk_utc_offset_minutes(at(row.utc)) == row.offset);
    }
}

TEST_CASE("uk_start_of_day is midnight on UK clocks, on both sides of each change") {
    struct Row { CivilDate day; const char* utc; };
    const Row rows[] = {
        {{2026, 1, 1}, "2026-01-01T00:00:00Z"},
        {{2026, 3, 29}, "2026-03-29T00:00:00Z"},   // clocks go forward later that night
        {{2026, 3, 30}, "2026-03-29T23:00:00Z"},
        {{2026, 7, 31}, "2026-07-30T23:00:00Z"},
        {{2026, 10, 25}, "2026-10-24T23:00:00Z"},  // still BST at midnight; clocks go back at 02:00 BST
        {{2026, 10, 26}, "2026-10-26T00:00:00Z"},
        {{2028, 2, 29}, "2028-02-29T00:00:00Z"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.utc);
        CHECK(uk_start_of_day(row.day) == at(row.utc));
    }
}

TEST_CASE("uk_local_time reads a UK clock and calendar") {
    CHECK(uk_local_time(at("2026-07-31T16:00:00Z")) == UkLocalTime{{2026, 7, 31}, 17 * 60});
    CHECK(uk_local_time(at("2026-07-31T23:30:00Z")) == UkLocalTime{{2026, 8, 1}, 30});
    CHECK(uk_local_time(at("2026-12-31T23:59:00Z")) == UkLocalTime{{2026, 12, 31}, 23 * 60 + 59});
    CHECK(uk_local_time(at("2026-03-29T01:00:00Z")) == UkLocalTime{{2026, 3, 29}, 2 * 60});
}
