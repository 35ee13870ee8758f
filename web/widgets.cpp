// Buttons, text and the focus ring for the canvas UI.
#include "web/widgets.h"

#include <algorithm>

#include "imgui_internal.h"

namespace canvass::web {

bool item_has_visible_focus() { return ImGui::IsItemFocused() && ImGui::GetIO().NavVisible; }

void take_requested_focus(std::string& request, bool visible, std::string_view id) {
    if (request != id) return;
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGui::SetFocusID(ImGui::GetItemID(), ImGui::GetCurrentWindow());
    g.NavDisableHighlight = !visible;
    if (visible) g.NavDisableMouseHover = true;
    ImGui::ScrollToItem(ImGuiScrollFlags_KeepVisibleEdgeY);
    request.clear();
}

void take_requested_focus(FrameContext& frame, std::string_view id) {
    if (frame.focus_request) take_requested_focus(*frame.focus_request, frame.focus_visible && *frame.focus_visible, id);
}

bool touch_was_scroll() {
    constexpr float kTapSlopPx = 8.0f;  // the same threshold the page uses to start scrolling
    const ImGuiIO& io = ImGui::GetIO();
    return io.MouseSource == ImGuiMouseSource_TouchScreen && io.MouseDragMaxDistanceSqr[0] > kTapSlopPx * kTapSlopPx;
}

void draw_focus_ring(const ImVec2& min, const ImVec2& max) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float halo = kFocusHaloPx, ring = kFocusRingPx;
    // A thick two-colour ring (dark inside yellow) that shows on any background.
    draw->AddRect(ImVec2(min.x - ring - halo / 2, min.y - ring - halo / 2), ImVec2(max.x + ring + halo / 2, max.y + ring + halo / 2),
                  IM_COL32(255, 221, 0, 255), 2, 0, halo);
    draw->AddRect(ImVec2(min.x - ring / 2, min.y - ring / 2), ImVec2(max.x + ring / 2, max.y + ring / 2),
                  IM_COL32(11, 12, 12, 255), 0, 0, ring);
}

bool draw_button(FrameContext& frame, const ControlView& control, ButtonStyle style, float width, ButtonSize size) {
    const Theme& theme = frame.theme;
    ImU32 fill = theme.secondary, hovered = theme.secondary_hovered, text = theme.text;
    if (style == ButtonStyle::Primary) fill = theme.primary, hovered = theme.primary_hovered, text = theme.on_primary;
    if (style == ButtonStyle::Selected) fill = theme.selected, hovered = theme.selected, text = theme.on_selected;
    ImGui::PushStyleColor(ImGuiCol_Button, fill);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, hovered);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, hovered);
    ImGui::PushStyleColor(ImGuiCol_Text, text);
    ImGui::PushStyleColor(ImGuiCol_Border, theme.border);
    const bool large = size == ButtonSize::Large;
    ImGui::PushFont(large ? frame.fonts.heading : frame.fonts.body_bold);
    const float height = std::max(kMinTouchTargetPx, ImGui::GetTextLineHeight() + (large ? 60 : 20) * frame.text_scale);
    ImGui::BeginDisabled(!control.enabled);
    const std::string label = control.label + "##" + control.id;
    const bool activated = ImGui::Button(label.c_str(), ImVec2(width, height));
    ImGui::EndDisabled();
    ImGui::PopFont();
    ImGui::PopStyleColor(5);
    take_requested_focus(frame, control.id);
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const bool focused = item_has_visible_focus();
    frame.rects.push_back({control.id, min, max, control.label, control.kind == ControlKind::Toggle ? "toggle" : "button",
                           control.group, control.value, control.enabled, control.selected, focused});
    if (focused) draw_focus_ring(min, max);
    return activated && control.enabled && !touch_was_scroll();
}

void draw_wrapped_text(const std::string& text, ImFont* font, ImU32 colour) {
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

void draw_text_block(std::string_view text, ImFont* font, ImU32 colour, float width) {
    if (text.empty()) return;
    const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, width, text.data(), text.data() + text.size());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddText(font, font->FontSize, pos, colour, text.data(), text.data() + text.size(), width);
    ImGui::Dummy(ImVec2(std::min(size.x, width), size.y));
}

// Lays words out left to right, breaking lines at spaces (and inside a word too long for a
// line), each word in its span's font.
bool draw_link(FrameContext& frame, const ControlView& control, ImU32 colour, float width) {
    ImFont* font = frame.fonts.body_bold;
    const ImVec2 text_size = font->CalcTextSizeA(font->FontSize, FLT_MAX, width, control.label.c_str());
    const float height = std::max(kMinTouchTargetPx, text_size.y + 8 * frame.text_scale);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + (height - text_size.y) / 2));
    draw_spans({{control.label, font, colour, true}}, width);
    ImGui::SetCursorScreenPos(start);
    const std::string id = "##" + control.id;
    const bool activated = ImGui::InvisibleButton(id.c_str(), ImVec2(std::max(kMinTouchTargetPx, std::min(width, text_size.x)), height));
    take_requested_focus(frame, control.id);
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const bool focused = item_has_visible_focus();
    frame.rects.push_back({control.id, min, max, control.label, "link", control.group, control.value, control.enabled,
                           control.selected, focused});
    if (focused) draw_focus_ring(min, max);
    return activated && control.enabled && !touch_was_scroll();
}

void draw_spans(const std::vector<TextSpan>& spans, float width) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    float x = 0, y = 0, line_height = 0;
    for (const TextSpan& span : spans) line_height = std::max(line_height, span.font->FontSize);
    for (const TextSpan& span : spans) {
        ImFont* font = span.font;
        const float size = font->FontSize;
        const char* p = span.text.data();
        const char* end = p + span.text.size();
        while (p < end) {
            if (*p == '\n') {
                x = 0;
                y += line_height;
                ++p;
                continue;
            }
            const char* word_end = p;
            while (word_end < end && *word_end != ' ' && *word_end != '\n') ++word_end;
            if (word_end < end && *word_end == ' ') ++word_end;  // the space travels with its word
            float word_width = font->CalcTextSizeA(size, FLT_MAX, 0, p, word_end).x;
            const char* visible_end = word_end;
            while (visible_end > p && visible_end[-1] == ' ') --visible_end;
            const float visible_width = font->CalcTextSizeA(size, FLT_MAX, 0, p, visible_end).x;
            if (x > 0 && x + visible_width > width) {
                x = 0;
                y += line_height;
            }
            if (visible_width > width) {  // a word longer than the line: break it where it must
                const char* cut = font->CalcWordWrapPositionA(1.0f, p, word_end, width - x);
                if (cut <= p) cut = p + 1;
                word_end = cut;
                word_width = font->CalcTextSizeA(size, FLT_MAX, 0, p, word_end).x;
                visible_end = word_end;
            }
            const ImVec2 at(origin.x + x, origin.y + y);
            draw->AddText(font, size, at, span.colour, p, word_end);
            if (span.underline && visible_end > p) {
                // Spaces inside a link are underlined too; the one after its last word is not.
                const char* underline_end = word_end == end ? visible_end : word_end;
                const float w = font->CalcTextSizeA(size, FLT_MAX, 0, p, underline_end).x;
                const float underline_y = at.y + size - std::max(1.0f, size * 0.08f);
                draw->AddLine(ImVec2(at.x, underline_y), ImVec2(at.x + w, underline_y), span.colour, std::max(1.0f, size / 16));
            }
            x += word_width;
            p = word_end;
        }
    }
    ImGui::Dummy(ImVec2(width, y + line_height));
}

}  // namespace canvass::web
