// The default theme. Contrast ratios against the white background (WCAG relative luminance):
//   text #0B0C0C 19.4:1, secondary text #505A5F 7.0:1, primary fill #00703C with white text 6.0:1,
//   borders #505A5F 7.0:1, focus ring #0B0C0C on yellow #FFDD00 halo, selected fill #1D70B8 with
//   white text 5.2:1. (Values follow the GOV.UK palette, which residents already know.)
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
    };
    return theme;
}

void apply_imgui_style(const Theme& theme, float text_scale) {
    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    style.WindowPadding = ImVec2(0, 0);
    style.WindowBorderSize = 0;
    style.FrameRounding = 4;
    style.FrameBorderSize = 2;
    style.FramePadding = ImVec2(16 * text_scale, 10 * text_scale);
    style.ItemSpacing = ImVec2(12 * text_scale, 14 * text_scale);
    style.ScrollbarSize = 18;
    style.TouchExtraPadding = ImVec2(0, 0);
    ImVec4* colors = style.Colors;
    colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(theme.background);
    colors[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(theme.text);
    colors[ImGuiCol_TextDisabled] = ImGui::ColorConvertU32ToFloat4(theme.secondary_text);
    colors[ImGuiCol_Border] = ImGui::ColorConvertU32ToFloat4(theme.border);
    colors[ImGuiCol_Button] = ImGui::ColorConvertU32ToFloat4(theme.secondary);
    colors[ImGuiCol_ButtonHovered] = ImGui::ColorConvertU32ToFloat4(theme.secondary_hovered);
    colors[ImGuiCol_ButtonActive] = ImGui::ColorConvertU32ToFloat4(theme.secondary_hovered);
    colors[ImGuiCol_NavHighlight] = ImGui::ColorConvertU32ToFloat4(theme.focus_ring);
    ImGui::GetStyle() = style;
}

}  // namespace canvass::web
