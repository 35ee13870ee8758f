// Drawing the results dashboard (core/app/dashboard.h) from its view-model: the summary, the
// filters, one chart of horizontal bars per question, a question compared across groups, and a
// cross-tab of two questions. Clicks become intents; nothing is kept here.
#pragma once

#include <vector>

#include "core/app/app_state.h"
#include "core/app/view_model.h"
#include "web/widgets.h"

namespace canvass::web {

void draw_dashboard(FrameContext& frame, const ViewModel& view, std::vector<Intent>& intents);

}  // namespace canvass::web
