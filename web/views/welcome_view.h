// The welcome screen: what the consultation is for, language and text size.
#pragma once

#include <vector>

#include "core/app/app_state.h"
#include "core/app/view_model.h"
#include "web/widgets.h"

namespace canvass::web {

void draw_welcome(FrameContext& frame, const ViewModel& view, std::vector<Intent>& intents);

}  // namespace canvass::web
