// Buttons and text for the canvas UI.
#include "web/widgets.h"

#include <algorithm>

namespace canvass::web {

bool draw_button(FrameContext& frame, const ControlView& control, ButtonStyle style, float width) {
    const Theme& theme = frame.theme;
    ImU32 fill = theme.secondary, hovered = theme.secondary_hovered, text = theme.text;
    if (style == ButtonStyle::Primary) fill = theme.primary, hovered = theme.primary_hovered, text = theme.on_primary;
    if (style == ButtonStyle::Selected) fill = theme.selected, hovered = theme.selected, text = theme.on_selected;
    ImGui::PushStyleColor(ImGuiCol_Button, fill);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, hovered);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, hovered);
    ImGui::PushStyleColor(ImGuiCol_Text, text);
    ImGui::PushFont(frame.fonts.body_bold);
    const float height = std::max(kMinTouchTargetPx, ImGui::GetTextLineHeight() + 20 * frame.text_scale);
    ImGui::BeginDisabled(!control.enabled);
    const std::string label = control.label + "##" + control.id;
    const bool activated = ImGui::Button(label.c_str(), ImVec2(width, height));
    ImGui::EndDisabled();
    ImGui::PopFont();
    ImGui::PopStyleColor(4);
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    frame.rects.push_back({control.id, min, max});
    // A thick two-colour ring (black inside yellow) that shows on any background.
    if (ImGui::IsItemFocused() && ImGui::GetIO().NavVisible) {
        ImDrawList* draw = ImGui::GetWindowDrawList();
        draw->AddRect(ImVec2(min.x - 5, min.y - 5), ImVec2(max.x + 5, max.y + 5), IM_COL32(255, 221, 0, 255), 6, 0, 4);
        draw->AddRect(ImVec2(min.x - 2, min.y - 2), ImVec2(max.x + 2, max.y + 2), theme.focus_ring, 4, 0, 3);
    }
    return activated && control.enabled;
}

void draw_wrapped_text(const std::string& text, ImFont* font, ImU32 colour) {
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

}  // namespace canvass::web
