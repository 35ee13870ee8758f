// Sizes for the canvas UI and ImGui's style from a palette (web/palette.h). Sizes are CSS pixels
// at 100 % text size.
#pragma once

#include "imgui.h"
#include "web/palette.h"

namespace canvass::web {


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
