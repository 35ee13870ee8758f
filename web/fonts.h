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
    // Title and heading fonts show only the survey's and the app's own text, never what a
    // person types, so they hold just the characters of that text (display_text below):
    // rasterising a large font's whole range is most of the atlas's start-up cost.
    ImVector<ImWchar> display_ranges;
    int builds = 0;  // how many times the atlas was built (reported to the automation API)
};

// True when the atlas was rebuilt (the GPU texture must then be re-created). `display_text`
// (UTF-8: the survey file, say) is read on the first call only, for the title and heading fonts.
bool ensure_fonts(Fonts& fonts, float pixel_ratio, int text_size_percent, const char* display_text);

}  // namespace canvass::web
