// The two palettes of the canvas UI. The figures below are checked by tests/core/contrast_test.cpp.
//
// Contrast ratios (WCAG 2.x relative luminance; text needs 4.5:1, UI parts and focus 3:1):
//
// Default, on white #FFFFFF (GOV.UK colours, which residents already know):
//   text #0B0C0C 19.6:1 · hint #505A5F 7.1:1 · error #D4351C 4.9:1 · link #1D70B8 5.2:1
//   field, radio and checkbox borders #0B0C0C 19.6:1 · card border #505A5F 7.1:1
//   white on primary #00703C 6.2:1 · white on selected/highlight #1D70B8 5.2:1
//   text on card/secondary #F3F2F1 17.5:1 · hint on card 6.3:1 · disabled text #6F777B 4.6:1
//   focus: halo #FFDD00 (1.35:1 on white, so the 3 px #0B0C0C ring inside it carries 19.6:1;
//   on dark fills the halo carries it: 14.6:1 against #0B0C0C, 3.7:1 against #1D70B8)
//
// High contrast, on black #000000:
//   text #FFFFFF 21:1 · hint #E0E0E0 15.9:1 · error #FF8F8F 9.6:1 · link #8CC8FF 11.8:1
//   borders #FFFFFF 21:1 · black on selected/primary/highlight #FFDD00 15.6:1
//   text on card #1A1A1A 17.4:1 · hint on card 13.2:1 · disabled #A8A8A8 8.8:1
//   focus halo #FFDD00 15.6:1 on black (12.9:1 on cards); the inner ring is black
#include "web/palette.h"

namespace canvass::web {

const Theme& default_theme() {
    static const Theme theme{
        rgb(255, 255, 255),  // background
        rgb(11, 12, 12),     // text
        rgb(80, 90, 95),     // secondary_text
        rgb(0, 112, 60),     // primary
        rgb(0, 90, 48),      // primary_hovered
        rgb(255, 255, 255),  // on_primary
        rgb(243, 242, 241),  // secondary
        rgb(219, 218, 217),  // secondary_hovered
        rgb(80, 90, 95),     // border
        rgb(11, 12, 12),     // focus_ring
        rgb(29, 112, 184),   // selected
        rgb(255, 255, 255),  // on_selected
        rgb(255, 221, 0),    // focus_halo
        rgb(11, 12, 12),     // input_border
        rgb(255, 255, 255),  // input_fill
        rgb(11, 12, 12),     // mark
        rgb(212, 53, 28),    // error
        rgb(29, 112, 184),   // link
        rgb(111, 119, 123),  // disabled_text
        rgb(177, 180, 182),  // panel_bar
        rgb(243, 242, 241),  // card
        rgb(80, 90, 95),     // card_border
        rgb(29, 112, 184),   // highlight
        rgb(255, 255, 255),  // on_highlight
        rgb(180, 213, 254),  // text_selection
    };
    return theme;
}

const Theme& high_contrast_theme() {
    static const Theme theme{
        rgb(0, 0, 0),        // background
        rgb(255, 255, 255),  // text
        rgb(224, 224, 224),  // secondary_text
        rgb(255, 221, 0),    // primary
        rgb(255, 235, 102),  // primary_hovered
        rgb(0, 0, 0),        // on_primary
        rgb(26, 26, 26),     // secondary
        rgb(51, 51, 51),     // secondary_hovered
        rgb(255, 255, 255),  // border
        rgb(0, 0, 0),        // focus_ring
        rgb(255, 221, 0),    // selected
        rgb(0, 0, 0),        // on_selected
        rgb(255, 221, 0),    // focus_halo
        rgb(255, 255, 255),  // input_border
        rgb(0, 0, 0),        // input_fill
        rgb(255, 255, 255),  // mark
        rgb(255, 143, 143),  // error
        rgb(140, 200, 255),  // link
        rgb(168, 168, 168),  // disabled_text
        rgb(255, 255, 255),  // panel_bar
        rgb(26, 26, 26),     // card
        rgb(255, 255, 255),  // card_border
        rgb(255, 221, 0),    // highlight
        rgb(0, 0, 0),        // on_highlight
        rgb(29, 112, 184),   // text_selection
    };
    return theme;
}

}  // namespace canvass::web
