// The view-model of a kiosk's staff screens (core/app/staff_area.h has their rules).
#pragma once

#include <cstdint>

#include "core/app/view_model.h"

namespace canvass {

// Wherever results are shown, a count below this is shown as "fewer than 5".
inline constexpr std::int64_t kSmallCount = 5;

// Fills `view` for the StaffPin, Staff and StaffResults screens of a kiosk.
void build_staff_view(ViewModel& view, const AppState& state);

}  // namespace canvass
