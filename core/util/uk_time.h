// UK civil time (Europe/London), for the dates officers write in a survey manifest: a survey
// "closes on 31 July" means the end of 31 July in the UK, whatever the season.
//
// The rule: GMT (UTC+0) in winter; British Summer Time (UTC+1) from 01:00 UTC on the last
// Sunday of March to 01:00 UTC on the last Sunday of October: the rule UK clocks have followed
// since 1996, now set by the Summer Time Order 2002. It is applied to every year, as core
// carries no time-zone database; manifests only accept years 2000-2099, so the simplification
// only shows if the law changes.
#pragma once

#include "core/util/time.h"

namespace canvass {

// 0 (GMT) or 60 (BST): minutes UK clocks are ahead of UTC at `t`.
int uk_utc_offset_minutes(TimePoint t);

// The instant 00:00 UK time begins on `day`. Never ambiguous: the clocks change at 01:00 UTC,
// so UK midnight happens exactly once every day.
TimePoint uk_start_of_day(CivilDate day);

// What a UK clock and calendar show at `t`.
struct UkLocalTime {
    CivilDate date;
    int minute_of_day = 0;  // 0..1439
    bool operator==(const UkLocalTime&) const = default;
};
UkLocalTime uk_local_time(TimePoint t);

}  // namespace canvass
