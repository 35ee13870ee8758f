// The gallery screen: a centred column with the tool bar, then the page's questions.
#include "web/views/gallery_view.h"

#include <algorithm>

#include "web/views/question_view.h"

namespace canvass::web {
namespace {

// The gallery is a developer's preview, so its own words are English only.
struct Tool {
    ControlView control;
    ButtonStyle style;
};

void draw_tool_row(FrameContext& frame, std::vector<Tool>& tools, float left, float width, std::vector<Tool*>& activated) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    float x = 0;
    ImGui::PushFont(frame.fonts.body_bold);
    std::vector<float> widths;
    for (const Tool& tool : tools) widths.push_back(std::min(width, ImGui::CalcTextSize(tool.control.label.c_str()).x + 32 * frame.text_scale));
    ImGui::PopFont();
    float y = ImGui::GetCursorScreenPos().y;
    float row_h = 0;
    for (std::size_t i = 0; i < tools.size(); ++i) {
        if (x > 0 && x + widths[i] > width) {
            x = 0;
            y += row_h + spacing;
        }
        ImGui::SetCursorScreenPos(ImVec2(left + x, y));
        if (draw_button(frame, tools[i].control, tools[i].style, widths[i])) activated.push_back(&tools[i]);
        row_h = ImGui::GetItemRectSize().y;
        x += widths[i] + spacing;
    }
    ImGui::SetCursorScreenPos(ImVec2(left, y + row_h));
}

}  // namespace

void draw_gallery(FrameContext& frame, const Gallery& gallery, const GallerySettings& settings, QuestionUiState& ui,
                  std::vector<Intent>& intents, std::vector<GalleryAction>& actions) {
    const Theme& theme = frame.theme;
    const float s = frame.text_scale;
    const float window_width = ImGui::GetWindowWidth();
    const float margin = kPageMarginPx;
    const float column_width = std::min(kColumnMaxWidthPx * s, window_width - 2 * margin);
    const float left = ImGui::GetWindowPos().x + std::max(margin, (window_width - column_width) / 2);
    ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y + 24 * s));

    draw_text_block("Question gallery (a preview for testing, not the survey)", frame.fonts.body, theme.secondary_text, column_width);
    if (gallery.status != Gallery::Status::Ready) {
        ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y));
        draw_text_block(gallery.status == Gallery::Status::Loading ? "Loading " + gallery.source + "\xE2\x80\xA6"
                                                                   : "Could not load the survey: " + gallery.error,
                        frame.fonts.body_bold, gallery.status == Gallery::Status::Failed ? theme.error : theme.text, column_width);
        return;
    }
    const survey::PageView* page = gallery.page < static_cast<int>(gallery.pages.size()) ? &gallery.pages[gallery.page] : nullptr;
    const int page_count = static_cast<int>(gallery.survey->pages.size());

    ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y + 4 * s));
    std::vector<Tool> tools = {
        {{"gallery_previous", "Previous page", ControlKind::Button, gallery.page > 0, false, "gallery", "previous"}, ButtonStyle::Secondary},
        {{"gallery_next", "Next page", ControlKind::Button, gallery.page + 1 < page_count, false, "gallery", "next"}, ButtonStyle::Secondary},
        {{"gallery_check", "Check this page", ControlKind::Button, true, false, "gallery", "check"}, ButtonStyle::Primary},
        {{"gallery_contrast", settings.high_contrast ? "High contrast: on" : "High contrast: off", ControlKind::Toggle, true,
          settings.high_contrast, "contrast", "high"}, settings.high_contrast ? ButtonStyle::Selected : ButtonStyle::Secondary},
        {{"text_smaller", "Smaller text", ControlKind::Button, settings.text_size_percent > kMinTextSizePercent, false, "text_size",
          "smaller"}, ButtonStyle::Secondary},
        {{"text_larger", "Larger text", ControlKind::Button, settings.text_size_percent < kMaxTextSizePercent, false, "text_size",
          "larger"}, ButtonStyle::Secondary},
        {{settings.locale == "pl" ? "language_en" : "language_pl", settings.locale == "pl" ? "English" : "Polski",
          ControlKind::Button, true, false, "language", settings.locale == "pl" ? "en" : "pl"}, ButtonStyle::Secondary},
    };
    std::vector<Tool*> activated;
    draw_tool_row(frame, tools, left, column_width, activated);
    for (const Tool* tool : activated) {
        const std::string& id = tool->control.id;
        if (id == "gallery_previous") actions.push_back(GalleryAction::PreviousPage);
        if (id == "gallery_next") actions.push_back(GalleryAction::NextPage);
        if (id == "gallery_check") actions.push_back(GalleryAction::CheckPage);
        if (id == "gallery_contrast") actions.push_back(GalleryAction::ToggleContrast);
        if (id == "text_smaller") intents.push_back(intent::ChangeTextSize{-1});
        if (id == "text_larger") intents.push_back(intent::ChangeTextSize{1});
        if (tool->control.group == "language") intents.push_back(intent::SetLocale{tool->control.value});
    }

    ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y + 16 * s));
    std::string where = "Page " + std::to_string(gallery.page + 1) + " of " + std::to_string(page_count) + " (" +
                        gallery.survey->pages[gallery.page].name + ")";
    if (page && !page->visible) where += ": hidden by the survey's conditions for these answers";
    draw_text_block(where, frame.fonts.body, theme.secondary_text, column_width);
    if (page && !page->title.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y + 4 * s));
        draw_text_block(page->title, frame.fonts.heading, theme.text, column_width);
    }
    if (page && !page->description.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y));
        draw_text_block(page->description, frame.fonts.body, theme.secondary_text, column_width);
    }
    ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y + 20 * s));
    draw_elements(frame, gallery.elements, settings.locale, column_width, ui, intents);
    ImGui::Dummy(ImVec2(0, 48 * s));
}

}  // namespace canvass::web
