// Colours and sizes for the canvas UI. Colours are chosen for WCAG AA contrast against the
// page background (figures in theme.cpp); sizes are CSS pixels at 100 % text size.
#pragma once

#include "imgui.h"

namespace canvass::web {

struct Theme {
    ImU32 background;
    ImU32 text;
    ImU32 secondary_text;
    ImU32 primary;          // primary button fill
    ImU32 primary_hovered;
    ImU32 on_primary;       // text on the primary fill
    ImU32 secondary;        // secondary button fill
    ImU32 secondary_hovered;
    ImU32 border;           // UI component borders (3:1 against background)
    ImU32 focus_ring;
    ImU32 selected;         // the chosen item in a toggle group
    ImU32 on_selected;
};

const Theme& default_theme();

inline constexpr float kBodyFontPx = 20.0f;      // CSS font-size (em) at 100 % text size
inline constexpr float kHeadingFontPx = 32.0f;
inline constexpr float kMinTouchTargetPx = 48.0f;  // WCAG 2.5.5 asks 44; a little more for gloved fingers
inline constexpr float kColumnMaxWidthPx = 720.0f;
inline constexpr float kPageMarginPx = 20.0f;

void apply_imgui_style(const Theme& theme, float text_scale);

}  // namespace canvass::web
