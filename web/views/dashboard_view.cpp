// Drawing the results dashboard (see dashboard_view.h). Calm and plain, as GOV.UK draws data:
// one colour for bars, the figures written beside every bar, nothing that moves. On a wide
// screen a chart's labels sit to the left of their bars; on a narrow one (a phone) each label
// takes its own line with the bar below it, so text never overlaps a bar or another label. A
// suppressed count has no bar at all, only its words ("fewer than 10"): a bar of any length
// would hint at the number.
//
// Sections:
//   1. Layout helpers: the column, gaps, text measures
//   2. Controls: flowing toggle buttons, choice rows
//   3. A chart of bars
//   4. The cross-tab
//   5. draw_dashboard
#include "web/views/dashboard_view.h"

#include <algorithm>
#include <string>

#include "core/app/dashboard.h"
#include "imgui.h"
#include "web/views/view_controls.h"

namespace canvass::web {
namespace {

// --- 1. Layout helpers -----------------------------------------------------------------------------

constexpr float kMaxWidthPx = 1040.0f;   // wider than the survey's column: charts need the room
constexpr float kMaxCrosstabWidthPx = 1400.0f;
constexpr float kWideChartPx = 600.0f;   // from this width (at 100 % text) labels sit beside their bars
constexpr float kBarHeightPx = 22.0f;

struct Column {
    float left = 0;
    float width = 0;
};

// `max_px`: the cross-tab page takes the whole window, so a grid of ten columns fits a laptop.
Column column(const FrameContext& frame, float max_px) {
    const float window_width = ImGui::GetWindowWidth();
    const float margin = kPageMarginPx * std::min(frame.text_scale, 1.5f);
    const float width = std::min(max_px * frame.text_scale, window_width - 2 * margin);
    return {std::max(margin, (window_width - width) / 2), width};
}

void gap(const FrameContext& frame, float px) { ImGui::Dummy(ImVec2(0, px * frame.text_scale)); }

float text_height(ImFont* font, std::string_view text, float width) {
    if (text.empty()) return 0;
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, width, text.data(), text.data() + text.size()).y;
}

float text_width(ImFont* font, std::string_view text) {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text.data(), text.data() + text.size()).x;
}

// Wrapped text at an absolute place, not moving the cursor; returns its height.
float text_at(ImVec2 at, std::string_view text, ImFont* font, ImU32 colour, float width) {
    if (text.empty()) return 0;
    ImGui::GetWindowDrawList()->AddText(font, font->FontSize, at, colour, text.data(), text.data() + text.size(), width);
    return text_height(font, text, width);
}

float button_width(const FrameContext& frame, const std::string& label) {
    return text_width(frame.fonts.body_bold, label) + 40 * frame.text_scale;
}

// --- 2. Controls ----------------------------------------------------------------------------------------

// A choice as GOV.UK draws a radio: a circle, filled when chosen, and the label beside it,
// wrapping; the whole row takes the tap. For long choices (a question's title). A command (not a
// choice) whose label is too long for one line is drawn as a button whose label wraps.
void choice_rows(FrameContext& frame, const ViewModel& view, const std::vector<const ControlView*>& members, float width,
                 std::vector<Intent>& intents) {
    const Theme& theme = frame.theme;
    const float s = frame.text_scale;
    const float radius = 14 * s;
    for (const ControlView* c : members) {
        const bool toggle = c->kind == ControlKind::Toggle;
        ImFont* font = toggle && !c->selected ? frame.fonts.body : frame.fonts.body_bold;
        const float text_left = toggle ? 2 * radius + 14 * s : 20 * s;
        const float text_room = width - text_left - (toggle ? 0 : 20 * s);
        const float label_height = text_height(font, c->label, text_room);
        const float height = std::max(kMinTouchTargetPx, label_height + (toggle ? 12 : 20) * s);
        const ImVec2 top = ImGui::GetCursorScreenPos();
        const std::string id = "##" + c->id;
        const bool activated = ImGui::InvisibleButton(id.c_str(), ImVec2(width, height));
        take_requested_focus(frame, c->id);
        ImDrawList* draw = ImGui::GetWindowDrawList();
        if (toggle) {
            const ImVec2 centre(top.x + radius + 2, top.y + height / 2);
            draw->AddCircle(centre, radius, theme.input_border, 0, 2 * s);
            if (c->selected) draw->AddCircleFilled(centre, radius * 0.55f, theme.mark);
        } else {
            draw->AddRectFilled(top, ImVec2(top.x + width, top.y + height), ImGui::IsItemHovered() ? theme.secondary_hovered : theme.secondary);
            draw->AddRect(top, ImVec2(top.x + width, top.y + height), theme.border, 0, 0, 2);
        }
        text_at(ImVec2(top.x + text_left, top.y + (height - label_height) / 2), c->label, font, theme.text, text_room);
        const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        const bool focused = item_has_visible_focus();
        frame.rects.push_back({c->id, min, max, c->label, toggle ? "toggle" : "button", c->group, c->value, c->enabled, c->selected, focused});
        if (focused) draw_focus_ring(min, max);
        if (activated && c->enabled && !touch_was_scroll()) press(view, *c, intents);
        gap(frame, 4);
    }
}

// Toggle buttons left to right, wrapping to a new line when the next one would not fit: a
// filter's choices take two or three lines on a phone instead of one button a line.
void flow_buttons(FrameContext& frame, const ViewModel& view, const std::vector<const ControlView*>& members, float width,
                  std::vector<Intent>& intents) {
    if (members.empty()) return;
    // A label too long for a button across the column (a phone at 200 % text) would be cut off:
    // then the group is drawn as choice rows, whose labels wrap.
    const bool too_wide = std::any_of(members.begin(), members.end(), [&](const ControlView* c) { return button_width(frame, c->label) > width; });
    if (too_wide) {
        choice_rows(frame, view, members, width, intents);
        return;
    }
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float spacing = 8 * frame.text_scale;
    float x = 0, y = 0, line_height = 0;
    for (const ControlView* c : members) {
        const float w = std::min(width, button_width(frame, c->label));
        if (x > 0 && x + w > width) {
            x = 0;
            y += line_height + spacing;
            line_height = 0;
        }
        ImGui::SetCursorScreenPos(ImVec2(origin.x + x, origin.y + y));
        if (draw_button(frame, *c, c->selected ? ButtonStyle::Selected : ButtonStyle::Secondary, w)) press(view, *c, intents);
        line_height = std::max(line_height, ImGui::GetItemRectSize().y);
        x += w + spacing;
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + y + line_height));
    ImGui::Dummy(ImVec2(width, 0));
}

// What the last action found, or why nothing shows, in a bordered box so it is seen.
void message_box(FrameContext& frame, const std::string& text, float width, ImU32 border) {
    if (text.empty()) return;
    const float pad = 16 * frame.text_scale;
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const float height = text_height(frame.fonts.body_bold, text, width - 2 * pad) + 2 * pad;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRect(top, ImVec2(top.x + width, top.y + height), border, 0, 0, 4 * frame.text_scale);
    text_at(ImVec2(top.x + pad, top.y + pad), text, frame.fonts.body_bold, frame.theme.text, width - 2 * pad);
    ImGui::Dummy(ImVec2(width, height));
    gap(frame, 16);
}

// --- 3. A chart of bars ----------------------------------------------------------------------------------

// "35% (42)", or only the words of a suppressed count.
std::string figures(const DashboardBar& bar) { return bar.percent.empty() ? bar.count : bar.percent + " (" + bar.count + ")"; }

void draw_bars(FrameContext& frame, const DashboardChart& chart, float width) {
    const Theme& theme = frame.theme;
    ImFont* body = frame.fonts.body;
    ImFont* bold = frame.fonts.body_bold;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float s = frame.text_scale;
    const float spacing = 12 * s;
    // The figures column is as wide in every chart (bars then line up down the page), unless a
    // chart's own figures need more.
    float figure_width = text_width(bold, "100% (1,000)");
    for (const DashboardBar& bar : chart.bars) figure_width = std::max(figure_width, text_width(bold, figures(bar)));
    figure_width = std::min(figure_width, width * 0.45f);
    const bool wide = width >= kWideChartPx * s;
    const float label_width = wide ? std::floor(width * 0.38f) : width;
    const float bar_left = wide ? label_width + spacing : 0;
    const float bar_space = std::max(24 * s, width - bar_left - figure_width - spacing);
    const float line = body->FontSize;
    const float bar_height = std::min(line, kBarHeightPx * s);
    const float row_pad = 7 * s;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0));
    for (const DashboardBar& bar : chart.bars) {
        const ImVec2 top(ImGui::GetCursorScreenPos().x, ImGui::GetCursorScreenPos().y + row_pad);
        const std::string extra = bar.extra.empty() ? std::string() : "Average rank: " + bar.extra;
        // The label (and a ranking's average rank under it)...
        float label_height = text_at(top, bar.label, body, theme.text, label_width);
        if (!extra.empty()) label_height += text_at(ImVec2(top.x, top.y + label_height), extra, body, theme.secondary_text, label_width);
        // ...then, beside it or on the line below, the bar and its figures.
        const float bar_top = wide ? top.y : top.y + label_height + 4 * s;
        const ImVec2 track_min(top.x + bar_left, bar_top + (line - bar_height) / 2);
        const bool drawn = !bar.suppressed && chart.scaled;  // no bar without a share of a known whole
        if (drawn) {
            draw->AddRectFilled(track_min, ImVec2(track_min.x + bar_space, track_min.y + bar_height), theme.card);
            const float length = std::max(bar.fraction > 0 ? 2 * s : 0.0f, static_cast<float>(bar.fraction) * bar_space);
            draw->AddRectFilled(track_min, ImVec2(track_min.x + length, track_min.y + bar_height), theme.selected);
        }
        const float figure_left = drawn ? track_min.x + bar_space + spacing : top.x + bar_left;
        const float figure_room = drawn ? figure_width + 2 : width - bar_left;
        const float figure_height = text_at(ImVec2(figure_left, bar_top), figures(bar), bar.suppressed ? body : bold,
                                            bar.suppressed ? theme.secondary_text : theme.text, figure_room);
        const float bottom = (wide ? top.y + std::max(label_height, figure_height) : bar_top + std::max(line, figure_height)) + row_pad;
        ImGui::Dummy(ImVec2(width, bottom - top.y + row_pad));
        draw->AddLine(ImVec2(top.x, bottom), ImVec2(top.x + width, bottom), theme.card, 1);
    }
    ImGui::PopStyleVar();
    gap(frame, 2);
}

void draw_chart(FrameContext& frame, const ViewModel& view, const DashboardChart& chart, bool with_title, float width,
                std::vector<Intent>& intents) {
    const Theme& theme = frame.theme;
    if (with_title) draw_text_block(chart.title, frame.fonts.body_bold, theme.text, width);
    if (!chart.subtitle.empty()) draw_text_block(chart.subtitle, frame.fonts.body_bold, theme.secondary_text, width);
    if (!chart.message.empty()) draw_text_block(chart.message, frame.fonts.body, theme.secondary_text, width);
    draw_bars(frame, chart, width);
    for (const std::string& note : chart.notes) draw_text_block(note, frame.fonts.body, theme.secondary_text, width);
    if (const ControlView* details = chart.details.empty() ? nullptr : find_control(view, chart.details)) {
        if (draw_link(frame, *details, theme.link, width)) press(view, *details, intents);
    }
    gap(frame, 20);
}

// --- 4. The cross-tab ----------------------------------------------------------------------------------------

// A grid when every column fits at a readable width; else, on a phone, one block per row with
// each column's count on its own line.
void draw_crosstab(FrameContext& frame, const DashboardCrosstab& crosstab, float width) {
    const Theme& theme = frame.theme;
    ImFont* body = frame.fonts.body;
    ImFont* bold = frame.fonts.body_bold;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float s = frame.text_scale;
    draw_text_block(crosstab.title, bold, theme.text, width);
    gap(frame, 12);
    const std::size_t columns = crosstab.column_labels.size();
    const float pad = 8 * s;
    // Counts and labels wrap inside their cells ("fewer than" over "10"), so a column needs room
    // for its longest word, not a phrase: a word is never broken.
    float min_cell = 72 * s;
    const auto widest_word = [&](const std::string& text) {
        for (std::size_t start = 0; start < text.size();) {
            const std::size_t end = std::min(text.find(' ', start), text.size());
            min_cell = std::max(min_cell, text_width(bold, std::string_view(text).substr(start, end - start)) + 2 * pad);
            start = end + 1;
        }
    };
    for (const std::string& label : crosstab.column_labels) widest_word(label);
    for (const DashboardCrosstab::Row& row : crosstab.rows) {
        for (const std::string& text : row.cells) widest_word(text);
    }
    const float label_width = std::clamp(width - min_cell * static_cast<float>(columns), 170 * s, width * 0.3f);
    const bool grid = columns > 0 && label_width + min_cell * static_cast<float>(columns) <= width;
    if (grid) {
        const float cell = (width - label_width) / static_cast<float>(columns);
        // The header: each column's label, wrapping within its cell.
        ImVec2 top = ImGui::GetCursorScreenPos();
        float header = 0;
        for (std::size_t c = 0; c < columns; ++c) header = std::max(header, text_height(bold, crosstab.column_labels[c], cell - 2 * pad));
        for (std::size_t c = 0; c < columns; ++c) {
            text_at(ImVec2(top.x + label_width + cell * static_cast<float>(c) + pad, top.y), crosstab.column_labels[c], bold, theme.text, cell - 2 * pad);
        }
        ImGui::Dummy(ImVec2(width, header + pad));
        for (std::size_t r = 0; r < crosstab.rows.size(); ++r) {
            const DashboardCrosstab::Row& row = crosstab.rows[r];
            top = ImGui::GetCursorScreenPos();
            const bool total = r + 1 == crosstab.rows.size();
            draw->AddLine(top, ImVec2(top.x + width, top.y), total ? theme.border : theme.card, total ? 2.0f : 1.0f);
            float height = text_at(ImVec2(top.x, top.y + pad), row.label, total ? bold : body, theme.text, label_width - pad);
            for (std::size_t c = 0; c < row.cells.size() && c < columns; ++c) {
                const bool hidden = c < row.suppressed.size() && row.suppressed[c];
                height = std::max(height, text_at(ImVec2(top.x + label_width + cell * static_cast<float>(c) + pad, top.y + pad), row.cells[c],
                                                  total || c + 1 == columns ? bold : body, hidden ? theme.secondary_text : theme.text, cell - 2 * pad));
            }
            ImGui::Dummy(ImVec2(width, height + 2 * pad));
        }
        return;
    }
    for (const DashboardCrosstab::Row& row : crosstab.rows) {
        const ImVec2 top = ImGui::GetCursorScreenPos();
        draw->AddLine(top, ImVec2(top.x + width, top.y), theme.border, 1);
        gap(frame, 8);
        draw_text_block(row.label, bold, theme.text, width);
        for (std::size_t c = 0; c < row.cells.size() && c < columns; ++c) {
            const bool hidden = c < row.suppressed.size() && row.suppressed[c];
            const ImVec2 at = ImGui::GetCursorScreenPos();
            const float indent = 16 * s;
            const float name_width = std::min((width - indent) * 0.6f, 360 * s);
            const float h1 = text_at(ImVec2(at.x + indent, at.y), crosstab.column_labels[c], body, theme.secondary_text, name_width - pad);
            const float h2 = text_at(ImVec2(at.x + indent + name_width, at.y), row.cells[c], c + 1 == columns ? bold : body,
                                     hidden ? theme.secondary_text : theme.text, width - indent - name_width);
            ImGui::Dummy(ImVec2(width, std::max(h1, h2) + 2 * s));
        }
        gap(frame, 8);
    }
}

}  // namespace

// --- 5. draw_dashboard ---------------------------------------------------------------------------------------------

void draw_dashboard(FrameContext& frame, const ViewModel& view, std::vector<Intent>& intents) {
    const Theme& theme = frame.theme;
    const bool crosstab_page = view.dashboard && view.dashboard->page == "crosstab";
    const Column col = column(frame, crosstab_page ? kMaxCrosstabWidthPx : kMaxWidthPx);
    const float width = col.width;
    ImGui::SetCursorPos(ImVec2(col.left, 24 * frame.text_scale));
    ImGui::BeginGroup();
    if (const ControlView* back = find_control(view, "dashboard:back")) {
        if (draw_button(frame, *back, ButtonStyle::Secondary, std::min(width, button_width(frame, back->label)))) press(view, *back, intents);
        gap(frame, 12);
    }
    if (!view.errors.empty()) {
        // A results file that could not be opened: what happened, naming the file and the place.
        const float pad = 16 * frame.text_scale;
        const ImVec2 top = ImGui::GetCursorScreenPos();
        const float title = text_height(frame.fonts.title, view.error_title, width - 2 * pad);
        const float body = text_height(frame.fonts.body_bold, view.errors.front().message, width - 2 * pad);
        ImGui::GetWindowDrawList()->AddRect(top, ImVec2(top.x + width, top.y + title + body + 3 * pad), theme.error, 0, 0, 5 * frame.text_scale);
        text_at(ImVec2(top.x + pad, top.y + pad), view.error_title, frame.fonts.title, theme.text, width - 2 * pad);
        text_at(ImVec2(top.x + pad, top.y + 2 * pad + title), view.errors.front().message, frame.fonts.body_bold, theme.error, width - 2 * pad);
        ImGui::Dummy(ImVec2(width, title + body + 3 * pad));
        gap(frame, 16);
    }
    draw_text_block(view.heading, frame.fonts.heading, theme.text, width);
    gap(frame, 4);
    const DashboardView* dashboard = view.dashboard.get();
    if (dashboard) {
        // What the figures are, then (quieter) how to read them.
        for (const std::string& line : dashboard->summary) draw_text_block(line, frame.fonts.body, theme.text, width);
        if (!dashboard->notes.empty()) gap(frame, 4);
        for (const std::string& line : dashboard->notes) draw_text_block(line, frame.fonts.body, theme.secondary_text, width);
    }
    // Filters: who the charts count.
    const std::vector<const ControlView*> segments = group(view, "dashboard_segment"), areas = group(view, "dashboard_area");
    if (!segments.empty() || !areas.empty()) {
        gap(frame, 8);
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const ImVec2 rule = ImGui::GetCursorScreenPos();
        draw->AddLine(rule, ImVec2(rule.x + width, rule.y), theme.border, 1);
        gap(frame, 8);
        draw_text_block("Show the answers of", frame.fonts.title, theme.text, width);
        if (dashboard && dashboard->source == "file" && !segments.empty() && !areas.empty()) {
            draw_text_block("A results file shows one segment or one area at a time.", frame.fonts.body, theme.secondary_text, width);
        }
        if (!segments.empty()) {
            gap(frame, 4);
            draw_text_block("Segment", frame.fonts.body_bold, theme.text, width);
            flow_buttons(frame, view, segments, width, intents);
        }
        if (!areas.empty()) {
            gap(frame, 4);
            draw_text_block("Area", frame.fonts.body_bold, theme.text, width);
            flow_buttons(frame, view, areas, width, intents);
        }
    }
    std::vector<const ControlView*> nav;
    for (const char* id : {"dashboard:crosstab", "dashboard:download_report", "dashboard:open_file"}) {
        if (const ControlView* c = find_control(view, id)) nav.push_back(c);
    }
    if (!nav.empty()) {
        gap(frame, 8);
        flow_buttons(frame, view, nav, width, intents);
        gap(frame, 8);
    }
    // Choosing the two questions of a cross-tab.
    const std::vector<const ControlView*> rows = group(view, "dashboard_rows"), columns = group(view, "dashboard_columns");
    const std::vector<const ControlView*> crosstabs = group(view, "dashboard_crosstabs");
    if (!rows.empty()) {
        draw_text_block("Rows: the first question", frame.fonts.title, theme.text, width);
        gap(frame, 8);
        choice_rows(frame, view, rows, width, intents);
        gap(frame, 16);
        draw_text_block("Columns: the second question", frame.fonts.title, theme.text, width);
        gap(frame, 8);
        choice_rows(frame, view, columns, width, intents);
        gap(frame, 16);
    }
    if (!crosstabs.empty()) {
        choice_rows(frame, view, crosstabs, width, intents);
        gap(frame, 16);
    }
    if (!dashboard) {
        ImGui::EndGroup();
        return;
    }
    message_box(frame, dashboard->message, width, theme.primary);
    if (dashboard->crosstab) draw_crosstab(frame, *dashboard->crosstab, width);
    std::string section, question, title;
    for (const DashboardChart& chart : dashboard->charts) {
        if (chart.section != section) {
            section = chart.section;
            gap(frame, 8);
            const ImVec2 rule = ImGui::GetCursorScreenPos();
            ImGui::GetWindowDrawList()->AddLine(rule, ImVec2(rule.x + width, rule.y), theme.border, 2);
            gap(frame, 16);
            draw_text_block(section, frame.fonts.title, theme.text, width);
            gap(frame, 4);
            question.clear();
            title.clear();
        }
        // A matrix's rows follow one another under the question's (or the group's) title, shown once.
        const bool with_title = chart.subtitle.empty() || chart.question != question || chart.title != title;
        draw_chart(frame, view, chart, with_title, width, intents);
        question = chart.question;
        title = chart.title;
    }
    // Text size and contrast, as on every screen.
    gap(frame, 8);
    const ImVec2 rule = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine(rule, ImVec2(rule.x + width, rule.y), theme.border, 1);
    gap(frame, 16);
    draw_text_block(view.text_size_label + ": " + std::to_string(view.text_size_percent) + "%", frame.fonts.body_bold, theme.text, width);
    gap(frame, 4);
    std::vector<const ControlView*> settings = group(view, "text_size");
    for (const ControlView* c : group(view, "contrast")) settings.push_back(c);
    flow_buttons(frame, view, settings, width, intents);
    gap(frame, 24);
    ImGui::EndGroup();
}

}  // namespace canvass::web
