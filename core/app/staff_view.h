// The view-model of a kiosk's staff screens (core/app/staff_area.h has their rules).
#pragma once

#include "core/app/view_model.h"

namespace canvass {

// Fills `view` for the StaffPin and Staff screens of a kiosk. ("View results" opens the results
// dashboard, core/app/dashboard.h.)
void build_staff_view(ViewModel& view, const AppState& state);

}  // namespace canvass
