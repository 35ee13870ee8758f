// Colours and sizes for the canvas UI. Two palettes: the default (GOV.UK colours, WCAG AA) and
// a high-contrast one (white on black, yellow accents) for people who ask for more contrast.
// Every contrast figure is listed in theme.cpp; sizes are CSS pixels at 100 % text size.
#pragma once

#include "imgui.h"

namespace canvass::web {

struct Theme {
    ImU32 background;
    ImU32 text;
    ImU32 secondary_text;   // hint text
    ImU32 primary;          // primary button fill
    ImU32 primary_hovered;
    ImU32 on_primary;       // text on the primary fill
    ImU32 secondary;        // secondary button fill
    ImU32 secondary_hovered;
    ImU32 border;           // UI component borders (3:1 against background)
    ImU32 focus_ring;       // inner ring, inside the focus halo
    ImU32 selected;         // the chosen item in a toggle group
    ImU32 on_selected;
    // Question controls.
    ImU32 focus_halo;       // outer focus ring (GOV.UK yellow)
    ImU32 input_border;     // text fields, radios and checkboxes
    ImU32 input_fill;
    ImU32 mark;             // the radio dot and the checkbox tick
    ImU32 error;            // error text and the error bar beside a question
    ImU32 link;
    ImU32 disabled_text;
    ImU32 panel_bar;        // the bar beside a panel's questions and a revealed "Other" field (decorative)
    ImU32 card;             // ranking items, table stripes
    ImU32 card_border;
    ImU32 highlight;        // the keyboard's current item in an open list
    ImU32 on_highlight;
    ImU32 text_selection;   // selected text in a field
};

const Theme& default_theme();
const Theme& high_contrast_theme();
inline const Theme& theme_for(bool high_contrast) { return high_contrast ? high_contrast_theme() : default_theme(); }

inline constexpr float kBodyFontPx = 20.0f;      // CSS font-size (em) at 100 % text size
inline constexpr float kTitleFontPx = 24.0f;     // question titles
inline constexpr float kHeadingFontPx = 32.0f;
inline constexpr float kMinTouchTargetPx = 48.0f;  // WCAG 2.5.5 asks 44; a little more for gloved fingers
inline constexpr float kColumnMaxWidthPx = 720.0f;  // 36 em of body text: a readable line
inline constexpr float kPageMarginPx = 20.0f;
inline constexpr float kFocusHaloPx = 4.0f;     // focus ring widths: 3:1 against every background
inline constexpr float kFocusRingPx = 3.0f;

void apply_imgui_style(const Theme& theme, float text_scale);

}  // namespace canvass::web
