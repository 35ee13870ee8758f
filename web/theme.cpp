// The two palettes and ImGui's style from them.
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
#include "web/theme.h"

namespace canvass::web {

const Theme& default_theme() {
    static const Theme theme{
        IM_COL32(255, 255, 255, 255),  // background
        IM_COL32(11, 12, 12, 255),     // text
        IM_COL32(80, 90, 95, 255),     // secondary_text
        IM_COL32(0, 112, 60, 255),     // primary
        IM_COL32(0, 90, 48, 255),      // primary_hovered
        IM_COL32(255, 255, 255, 255),  // on_primary
        IM_COL32(243, 242, 241, 255),  // secondary
        IM_COL32(219, 218, 217, 255),  // secondary_hovered
        IM_COL32(80, 90, 95, 255),     // border
        IM_COL32(11, 12, 12, 255),     // focus_ring
        IM_COL32(29, 112, 184, 255),   // selected
        IM_COL32(255, 255, 255, 255),  // on_selected
        IM_COL32(255, 221, 0, 255),    // focus_halo
        IM_COL32(11, 12, 12, 255),     // input_border
        IM_COL32(255, 255, 255, 255),  // input_fill
        IM_COL32(11, 12, 12, 255),     // mark
        IM_COL32(212, 53, 28, 255),    // error
        IM_COL32(29, 112, 184, 255),   // link
        IM_COL32(111, 119, 123, 255),  // disabled_text
        IM_COL32(177, 180, 182, 255),  // panel_bar
        IM_COL32(243, 242, 241, 255),  // card
        IM_COL32(80, 90, 95, 255),     // card_border
        IM_COL32(29, 112, 184, 255),   // highlight
        IM_COL32(255, 255, 255, 255),  // on_highlight
        IM_COL32(180, 213, 254, 255),  // text_selection
    };
    return theme;
}

const Theme& high_contrast_theme() {
    static const Theme theme{
        IM_COL32(0, 0, 0, 255),        // background
        IM_COL32(255, 255, 255, 255),  // text
        IM_COL32(224, 224, 224, 255),  // secondary_text
        IM_COL32(255, 221, 0, 255),    // primary
        IM_COL32(255, 235, 102, 255),  // primary_hovered
        IM_COL32(0, 0, 0, 255),        // on_primary
        IM_COL32(26, 26, 26, 255),     // secondary
        IM_COL32(51, 51, 51, 255),     // secondary_hovered
        IM_COL32(255, 255, 255, 255),  // border
        IM_COL32(0, 0, 0, 255),        // focus_ring
        IM_COL32(255, 221, 0, 255),    // selected
        IM_COL32(0, 0, 0, 255),        // on_selected
        IM_COL32(255, 221, 0, 255),    // focus_halo
        IM_COL32(255, 255, 255, 255),  // input_border
        IM_COL32(0, 0, 0, 255),        // input_fill
        IM_COL32(255, 255, 255, 255),  // mark
        IM_COL32(255, 143, 143, 255),  // error
        IM_COL32(140, 200, 255, 255),  // link
        IM_COL32(168, 168, 168, 255),  // disabled_text
        IM_COL32(255, 255, 255, 255),  // panel_bar
        IM_COL32(26, 26, 26, 255),     // card
        IM_COL32(255, 255, 255, 255),  // card_border
        IM_COL32(255, 221, 0, 255),    // highlight
        IM_COL32(0, 0, 0, 255),        // on_highlight
        IM_COL32(29, 112, 184, 255),   // text_selection
    };
    return theme;
}

void apply_imgui_style(const Theme& theme, float text_scale) {
    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    style.WindowPadding = ImVec2(0, 0);
    style.WindowBorderSize = 0;
    style.FrameRounding = 0;  // square fields, as GOV.UK's
    style.FrameBorderSize = 2;
    style.FramePadding = ImVec2(10 * text_scale, 10 * text_scale);
    style.ItemSpacing = ImVec2(12 * text_scale, 14 * text_scale);
    style.ScrollbarSize = 18;
    style.ScrollbarRounding = 0;
    style.TouchExtraPadding = ImVec2(0, 0);
    const auto colour = [](ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); };
    ImVec4* colors = style.Colors;
    colors[ImGuiCol_WindowBg] = colour(theme.background);
    colors[ImGuiCol_ChildBg] = colour(theme.background);
    colors[ImGuiCol_PopupBg] = colour(theme.background);
    colors[ImGuiCol_Text] = colour(theme.text);
    colors[ImGuiCol_TextDisabled] = colour(theme.secondary_text);
    colors[ImGuiCol_Border] = colour(theme.input_border);
    colors[ImGuiCol_FrameBg] = colour(theme.input_fill);
    colors[ImGuiCol_FrameBgHovered] = colour(theme.input_fill);
    colors[ImGuiCol_FrameBgActive] = colour(theme.input_fill);
    colors[ImGuiCol_TextSelectedBg] = colour(theme.text_selection);
    colors[ImGuiCol_Button] = colour(theme.secondary);
    colors[ImGuiCol_ButtonHovered] = colour(theme.secondary_hovered);
    colors[ImGuiCol_ButtonActive] = colour(theme.secondary_hovered);
    colors[ImGuiCol_ScrollbarBg] = colour(theme.card);
    colors[ImGuiCol_ScrollbarGrab] = colour(theme.border);
    colors[ImGuiCol_ScrollbarGrabHovered] = colour(theme.text);
    colors[ImGuiCol_ScrollbarGrabActive] = colour(theme.text);
    // The app draws its own two-colour focus ring (widgets.h); ImGui's thin one would double it.
    colors[ImGuiCol_NavHighlight] = ImVec4(0, 0, 0, 0);
    ImGui::GetStyle() = style;
}

}  // namespace canvass::web
