// The font atlas: Noto Sans regular and bold, rasterised at the display's pixel ratio and the
// respondent's text size, so text stays crisp on HiDPI screens and at 200 %. Rebuilt only
// when either changes.
#pragma once

#include "imgui.h"

namespace canvass::web {

struct Fonts {
    ImFont* body = nullptr;
    ImFont* body_bold = nullptr;
    ImFont* title = nullptr;    // question titles (bold, kTitleFontPx)
    ImFont* heading = nullptr;
    float pixel_ratio = 0;
    int text_size_percent = 0;
    int builds = 0;  // how many times the atlas was built (reported to the automation API)
};

// True when the atlas was rebuilt (the GPU texture must then be re-created).
bool ensure_fonts(Fonts& fonts, float pixel_ratio, int text_size_percent);

}  // namespace canvass::web
