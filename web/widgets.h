// Canvas widgets built on Dear ImGui, sized for touch and drawn with a visible focus ring.
// Every control records where it was drawn, so the automation API (and, later, the DOM
// accessibility layer) can say where each control is.
#pragma once

#include <string>
#include <vector>

#include "core/app/view_model.h"
#include "imgui.h"
#include "web/fonts.h"
#include "web/theme.h"

namespace canvass::web {

struct ControlRect {
    std::string id;
    ImVec2 min;  // CSS pixels, relative to the canvas's top-left corner
    ImVec2 max;
};

struct FrameContext {
    const Theme& theme;
    const Fonts& fonts;
    float text_scale;
    std::vector<ControlRect>& rects;
};

enum class ButtonStyle { Primary, Secondary, Selected };

// Draws a button for the control; true when it was activated (click, tap, Enter or Space).
bool draw_button(FrameContext& frame, const ControlView& control, ButtonStyle style, float width);

// Word-wrapped text in the given font and colour, wrapping at the column's right edge.
void draw_wrapped_text(const std::string& text, ImFont* font, ImU32 colour);

}  // namespace canvass::web
