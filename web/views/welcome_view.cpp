// Drawing the welcome screen from its view-model; clicks become intents.
#include "web/views/welcome_view.h"

#include <algorithm>
#include <string>

namespace canvass::web {
namespace {

// Lays out a group of controls in one row when they fit, otherwise one per line.
template <class OnActivate>
void draw_control_row(FrameContext& frame, const ViewModel& view, const std::string& group, float column_width,
                      OnActivate on_activate) {
    std::vector<const ControlView*> members;
    for (const ControlView& control : view.controls) {
        if (control.group == group) members.push_back(&control);
    }
    if (members.empty()) return;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float count = static_cast<float>(members.size());
    float widest = 0;
    ImGui::PushFont(frame.fonts.body_bold);
    for (const ControlView* control : members) widest = std::max(widest, ImGui::CalcTextSize(control->label.c_str()).x);
    ImGui::PopFont();
    const float button_width = widest + 48 * frame.text_scale;
    const bool one_row = button_width * count + spacing * (count - 1) <= column_width;
    for (std::size_t i = 0; i < members.size(); ++i) {
        const ControlView& control = *members[i];
        const ButtonStyle style = control.selected ? ButtonStyle::Selected : ButtonStyle::Secondary;
        if (draw_button(frame, control, style, one_row ? button_width : column_width)) on_activate(control);
        if (one_row && i + 1 < members.size()) ImGui::SameLine();
    }
}

}  // namespace

void draw_welcome(FrameContext& frame, const ViewModel& view, std::vector<Intent>& intents) {
    const Theme& theme = frame.theme;
    const float window_width = ImGui::GetWindowWidth();
    const float column_width = std::min(kColumnMaxWidthPx * frame.text_scale, window_width - 2 * kPageMarginPx);
    const float left = std::max(kPageMarginPx, (window_width - column_width) / 2);
    ImGui::SetCursorPos(ImVec2(left, 32 * frame.text_scale));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(left + column_width);

    draw_wrapped_text(view.heading, frame.fonts.heading, theme.text);
    ImGui::Dummy(ImVec2(0, 4 * frame.text_scale));
    for (const std::string& paragraph : view.paragraphs) draw_wrapped_text(paragraph, frame.fonts.body, theme.text);
    ImGui::Dummy(ImVec2(0, 8 * frame.text_scale));

    draw_wrapped_text(view.language_label, frame.fonts.body_bold, theme.text);
    draw_control_row(frame, view, "language", column_width, [&](const ControlView& control) {
        intents.push_back(intent::SetLocale{control.value});
    });
    ImGui::Dummy(ImVec2(0, 8 * frame.text_scale));

    draw_wrapped_text(view.text_size_label + ": " + std::to_string(view.text_size_percent) + "%",
                      frame.fonts.body_bold, theme.text);
    draw_control_row(frame, view, "text_size", column_width, [&](const ControlView& control) {
        intents.push_back(intent::ChangeTextSize{control.value == "larger" ? 1 : -1});
    });
    ImGui::Dummy(ImVec2(0, 12 * frame.text_scale));
    draw_wrapped_text(view.notice, frame.fonts.body, theme.secondary_text);

    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImGui::Dummy(ImVec2(0, 24 * frame.text_scale));
}

}  // namespace canvass::web
