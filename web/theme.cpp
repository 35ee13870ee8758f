// ImGui's style from a palette (web/palette.h, where the contrast figures are).
#include "web/theme.h"

namespace canvass::web {

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
