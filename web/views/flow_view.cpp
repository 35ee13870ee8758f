// Drawing the respondent screens from the view-model (see flow_view.h).
//
// Sections:
//   1. Layout helpers: the column, headings, control groups
//   2. Parts shared by screens: error summary, settings footer
//   3. One function per screen
//   4. draw_screen
#include "web/views/flow_view.h"

#include <algorithm>
#include <string>

#include "imgui.h"
#include "web/views/view_controls.h"
#include "web/views/dashboard_view.h"

namespace canvass::web {
namespace {

// --- 1. Layout helpers ----------------------------------------------------------------------------

struct Column {
    float left = 0;
    float width = 0;
};

Column column(const FrameContext& frame) {
    const float window_width = ImGui::GetWindowWidth();
    const float margin = kPageMarginPx * std::min(frame.text_scale, 1.5f);
    const float width = std::min(kColumnMaxWidthPx * frame.text_scale, window_width - 2 * margin);
    return {std::max(margin, (window_width - width) / 2), width};
}

void gap(const FrameContext& frame, float px) { ImGui::Dummy(ImVec2(0, px * frame.text_scale)); }

void heading(const FrameContext& frame, const std::string& text, const Column& col) {
    if (text.empty()) return;
    draw_text_block(text, frame.fonts.heading, frame.theme.text, col.width);
    gap(frame, 8);
}

void paragraphs(const FrameContext& frame, const std::vector<std::string>& texts, const Column& col) {
    for (const std::string& text : texts) {
        draw_text_block(text, frame.fonts.body, frame.theme.text, col.width);
        gap(frame, 8);
    }
}

float label_width(const FrameContext& frame, const std::string& label) {
    ImGui::PushFont(frame.fonts.body_bold);
    const float w = ImGui::CalcTextSize(label.c_str()).x + 48 * frame.text_scale;
    ImGui::PopFont();
    return w;
}

// A row of buttons when they fit the column, else one per line at full width.
template <class OnActivate>
void button_row(FrameContext& frame, const std::vector<const ControlView*>& members, const Column& col,
                OnActivate on_activate) {
    if (members.empty()) return;
    float total = 0;
    for (const ControlView* c : members) total += label_width(frame, c->label) + ImGui::GetStyle().ItemSpacing.x;
    const bool one_row = total <= col.width;
    for (std::size_t i = 0; i < members.size(); ++i) {
        const ControlView& c = *members[i];
        ButtonStyle style = c.selected ? ButtonStyle::Selected : ButtonStyle::Secondary;
        if (c.id == "start" || c.id == "continue" || c.id == "submit" || c.id == "resume" || c.id == "still_here") {
            style = ButtonStyle::Primary;
        }
        if (draw_button(frame, c, style, one_row ? label_width(frame, c.label) : col.width)) on_activate(c);
        if (one_row && i + 1 < members.size()) ImGui::SameLine();
    }
}

// --- 2. Parts shared by screens ---------------------------------------------------------------------

// Draws `contents` inset by `pad` in a box as wide as the column, then `paint(draw, top, bottom)`
// behind them once the box's height is known (the draw list's back channel).
template <class Contents, class Paint>
void boxed(const Column& col, float pad, Contents&& contents, Paint&& paint) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(top.x + pad, top.y + pad));
    ImGui::BeginGroup();
    contents();
    ImGui::EndGroup();
    const ImVec2 bottom(top.x + col.width, ImGui::GetItemRectMax().y + pad);
    draw->ChannelsSetCurrent(0);
    paint(draw, top, bottom);
    draw->ChannelsMerge();
    ImGui::SetCursorScreenPos(ImVec2(top.x, bottom.y));
}

// GOV.UK's error summary: a red-bordered box at the top listing each problem as a link that
// takes the keyboard focus to the question.
void error_summary(FrameContext& frame, const ViewModel& view, const Column& col, QuestionUiState& ui) {
    if (view.errors.empty()) return;
    const Theme& theme = frame.theme;
    const float pad = 16 * frame.text_scale;
    const float inner = col.width - 2 * pad;
    boxed(col, pad, [&] {
        draw_text_block(view.error_title, frame.fonts.heading, theme.text, inner);
        for (const ErrorLink& error : view.errors) {
            ControlView link{"error:" + error.target, error.message, ControlKind::Link, true, false, "errors", error.target};
            if (error.target.empty()) {
                draw_text_block(error.message, frame.fonts.body_bold, theme.error, inner);
                continue;
            }
            if (draw_link(frame, link, theme.error, inner)) {
                ui.focus_request = first_control_id(view, error.target);
                ui.focus_visible = true;
            }
        }
    }, [&](ImDrawList* draw, ImVec2 top, ImVec2 bottom) {
        draw->AddRectFilled(top, bottom, theme.background);
        draw->AddRect(top, bottom, theme.error, 0, 0, 5 * frame.text_scale);
    });
    gap(frame, 16);
}

// Text size, contrast and Start again: on every screen, at the foot.
void settings_footer(FrameContext& frame, const ViewModel& view, const Column& col, std::vector<Intent>& intents) {
    gap(frame, 24);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 rule = ImGui::GetCursorScreenPos();
    draw->AddLine(rule, ImVec2(rule.x + col.width, rule.y), frame.theme.border, 1);
    gap(frame, 16);
    if (const ControlView* again = find_control(view, "start_again")) {
        if (draw_button(frame, *again, ButtonStyle::Secondary, label_width(frame, again->label))) press(view, *again, intents);
        gap(frame, 12);
    }
    draw_text_block(view.text_size_label + ": " + std::to_string(view.text_size_percent) + "%", frame.fonts.body_bold,
                    frame.theme.text, col.width);
    std::vector<const ControlView*> display = group(view, "text_size");
    for (const ControlView* c : group(view, "contrast")) display.push_back(c);
    button_row(frame, display, col, [&](const ControlView& c) {
        press(view, c, intents);
    });
    gap(frame, 24);
}

// The language choice heads every screen, so someone who reads Polish finds it before
// anything else. Each toggle is labelled in its own language.
void language_header(FrameContext& frame, const ViewModel& view, const Column& col, std::vector<Intent>& intents) {
    const std::vector<const ControlView*> languages = group(view, "language");
    if (languages.empty()) return;
    float width = 0;
    for (const ControlView* c : languages) width += label_width(frame, c->label) + ImGui::GetStyle().ItemSpacing.x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, col.width - width));
    button_row(frame, languages, Column{col.left, width}, [&](const ControlView& c) { press(view, c, intents); });
    gap(frame, 8);
}

// "Open a results file", for council staff and the DIZ Board (not on a kiosk): below what the
// screen is for, so residents read their own part first.
void results_file(FrameContext& frame, const ViewModel& view, const Column& col, std::vector<Intent>& intents) {
    const ControlView* open = find_control(view, "open_results_file");
    if (!open) return;
    gap(frame, 32);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 rule = ImGui::GetCursorScreenPos();
    draw->AddLine(rule, ImVec2(rule.x + col.width, rule.y), frame.theme.border, 1);
    gap(frame, 16);
    draw_text_block(view.results_hint, frame.fonts.body, frame.theme.secondary_text, col.width);
    gap(frame, 8);
    if (draw_button(frame, *open, ButtonStyle::Secondary, std::min(col.width, label_width(frame, open->label)))) press(view, *open, intents);
}

// --- 3. One function per screen ------------------------------------------------------------------------

void welcome(FrameContext& frame, const ViewModel& view, const Column& col, QuestionUiState& ui,
             std::vector<Intent>& intents, FlowOutput& output) {
    heading(frame, view.heading, col);
    paragraphs(frame, view.paragraphs, col);
    if (!view.privacy_summary.empty() || !view.privacy_url.empty()) {
        draw_text_block(view.privacy_heading, frame.fonts.body_bold, frame.theme.text, col.width);
        gap(frame, 4);
        if (!view.privacy_summary.empty()) paragraphs(frame, {view.privacy_summary}, col);
        if (const ControlView* link = find_control(view, "privacy_notice")) {
            if (draw_link(frame, *link, frame.theme.link, col.width)) {
                output.open_url = link->value;
            }
        }
    }
    gap(frame, 16);
    if (const ControlView* start = find_control(view, "start")) {
        // A kiosk's "Tap to start" spans the column: the one thing to do, from across a stand.
        const float width = view.kiosk ? col.width : std::min(col.width, label_width(frame, start->label) + 40 * frame.text_scale);
        if (draw_button(frame, *start, ButtonStyle::Primary, width, view.kiosk ? ButtonSize::Large : ButtonSize::Normal)) {
            press(view, *start, intents);
        }
    }
    // The survey's own start page: more about the survey, for those who want to read on.
    if (!view.elements.empty()) {
        gap(frame, 24);
        draw_elements(frame, view.elements, view.locale, col.width, ui, intents);
    }
}

void question(FrameContext& frame, const ViewModel& view, const Column& col, QuestionUiState& ui,
              std::vector<Intent>& intents) {
    if (const ControlView* back = find_control(view, "back")) {
        if (draw_button(frame, *back, ButtonStyle::Secondary, label_width(frame, back->label))) press(view, *back, intents);
        gap(frame, 8);
    }
    if (!view.progress.empty()) {
        draw_text_block(view.progress, frame.fonts.body, frame.theme.secondary_text, col.width);
        gap(frame, 8);
    }
    error_summary(frame, view, col, ui);
    heading(frame, view.heading, col);
    paragraphs(frame, view.paragraphs, col);
    draw_elements(frame, view.elements, view.locale, col.width, ui, intents);
    gap(frame, 16);
    if (const ControlView* next = find_control(view, "continue")) {
        if (draw_button(frame, *next, ButtonStyle::Primary, std::min(col.width, label_width(frame, next->label) + 40 * frame.text_scale))) {
            press(view, *next, intents);
        }
    }
}

void check_answers(FrameContext& frame, const ViewModel& view, const Column& col, QuestionUiState& ui,
                   std::vector<Intent>& intents) {
    if (const ControlView* back = find_control(view, "back")) {
        if (draw_button(frame, *back, ButtonStyle::Secondary, label_width(frame, back->label))) press(view, *back, intents);
        gap(frame, 8);
    }
    error_summary(frame, view, col, ui);
    heading(frame, view.heading, col);
    paragraphs(frame, view.paragraphs, col);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (const AnswerRowView& row : view.answers) {
        const ImVec2 top = ImGui::GetCursorScreenPos();
        draw->AddLine(top, ImVec2(top.x + col.width, top.y), frame.theme.border, 1);
        gap(frame, 10);
        draw_text_block(row.question, frame.fonts.body_bold, frame.theme.text, col.width);
        draw_text_block(row.answer, frame.fonts.body, row.answered ? frame.theme.text : frame.theme.secondary_text, col.width);
        if (const ControlView* change = find_control(view, "change:" + row.name)) {
            if (draw_link(frame, *change, frame.theme.link, col.width)) {
                press(view, *change, intents);
            }
        }
        gap(frame, 10);
    }
    gap(frame, 16);
    if (const ControlView* submit = find_control(view, "submit")) {
        if (draw_button(frame, *submit, ButtonStyle::Primary, std::min(col.width, label_width(frame, submit->label) + 40 * frame.text_scale))) {
            press(view, *submit, intents);
        }
    }
}

// A heading, a few sentences and one way on: "Continue where you left off?", and a kiosk's
// "Are you still there?".
void prompt(FrameContext& frame, const ViewModel& view, const Column& col, std::vector<Intent>& intents) {
    heading(frame, view.heading, col);
    paragraphs(frame, view.paragraphs, col);
    gap(frame, 8);
    std::vector<const ControlView*> choices;
    for (const char* id : {"resume", "still_here"}) {
        if (const ControlView* c = find_control(view, id)) choices.push_back(c);
    }
    button_row(frame, choices, col, [&](const ControlView& c) { press(view, c, intents); });
}

// GOV.UK's confirmation panel: a coloured block with the heading and the reference.
void confirmation(FrameContext& frame, const ViewModel& view, const Column& col, QuestionUiState& ui,
                  std::vector<Intent>& intents) {
    const Theme& theme = frame.theme;
    const float pad = 24 * frame.text_scale;
    const float inner = col.width - 2 * pad;
    boxed(col, pad, [&] {
        draw_text_block(view.heading, frame.fonts.heading, theme.on_primary, inner);
        gap(frame, 8);
        draw_text_block(view.reference_label, frame.fonts.body, theme.on_primary, inner);
        draw_text_block(view.reference, frame.fonts.heading, theme.on_primary, inner);
    }, [&](ImDrawList* draw, ImVec2 top, ImVec2 bottom) { draw->AddRectFilled(top, bottom, theme.primary); });
    gap(frame, 16);
    paragraphs(frame, view.paragraphs, col);  // a kiosk's countdown to the next person
    if (!view.completed_html.empty()) {
        survey::ElementView completed;
        completed.type = survey::ElementType::Html;
        completed.name = "completed";
        completed.html = view.completed_html;
        draw_elements(frame, {completed}, view.locale, col.width, ui, intents);
    }
}

// --- A kiosk's staff screens (docs/kiosk.md): English only, no respondent settings ---------------

// What the last try or staff action found, in a bordered box so it is seen.
void staff_status(FrameContext& frame, const ViewModel& view, const Column& col) {
    if (view.status.empty()) return;
    const float pad = 16 * frame.text_scale;
    boxed(col, pad, [&] { draw_text_block(view.status, frame.fonts.body_bold, frame.theme.text, col.width - 2 * pad); },
          [&](ImDrawList* draw, ImVec2 top, ImVec2 bottom) {
              draw->AddRectFilled(top, bottom, frame.theme.background);
              draw->AddRect(top, bottom, frame.theme.primary, 0, 0, 4 * frame.text_scale);
          });
    gap(frame, 16);
}

// The PIN as dots in a box: how many digits are typed, never which.
void pin_dots(FrameContext& frame, const ViewModel& view, float width) {
    const float height = 56 * frame.text_scale;
    const ImVec2 top = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRect(top, ImVec2(top.x + width, top.y + height), frame.theme.border, 0, 0, 2 * frame.text_scale);
    const float radius = 8 * frame.text_scale, step = 28 * frame.text_scale;
    for (int i = 0; i < view.pin_digits; ++i) {
        draw->AddCircleFilled(ImVec2(top.x + 24 * frame.text_scale + i * step, top.y + height / 2), radius, frame.theme.text);
    }
    ImGui::Dummy(ImVec2(width, height));
    gap(frame, 12);
}

// A phone-style keypad, three keys a row, big enough for a finger; typed digits on a keyboard
// (when the canvas has the focus) press the same keys.
void staff_pin(FrameContext& frame, const ViewModel& view, const Column& col, std::vector<Intent>& intents) {
    heading(frame, view.heading, col);
    paragraphs(frame, view.paragraphs, col);
    staff_status(frame, view, col);
    const float width = std::min(col.width, 420 * frame.text_scale);
    pin_dots(frame, view, width);
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float key_width = (width - 2 * spacing) / 3;
    const char* rows[4][3] = {{"pin:1", "pin:2", "pin:3"}, {"pin:4", "pin:5", "pin:6"}, {"pin:7", "pin:8", "pin:9"}, {"pin:erase", "pin:0", "pin:enter"}};
    for (const auto& row : rows) {
        for (int k = 0; k < 3; ++k) {
            const ControlView* key = find_control(view, row[k]);
            if (!key) continue;
            const ButtonStyle style = key->id == "pin:enter" ? ButtonStyle::Primary : ButtonStyle::Secondary;
            if (draw_button(frame, *key, style, key_width, ButtonSize::Large)) press(view, *key, intents);
            if (k < 2) ImGui::SameLine();
        }
    }
    for (int digit = 0; digit <= 9; ++digit) {
        const bool typed = ImGui::IsKeyPressed(static_cast<ImGuiKey>(ImGuiKey_0 + digit), false) ||
                           ImGui::IsKeyPressed(static_cast<ImGuiKey>(ImGuiKey_Keypad0 + digit), false);
        if (typed) press(view, *find_control(view, "pin:" + std::to_string(digit)), intents);
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Backspace, false)) press(view, *find_control(view, "pin:erase"), intents);
    const bool enter = ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false);
    if (enter && !ImGui::IsAnyItemFocused()) press(view, *find_control(view, "pin:enter"), intents);
    if (const ControlView* close = find_control(view, "staff:close")) {
        gap(frame, 16);
        if (draw_button(frame, *close, ButtonStyle::Secondary, label_width(frame, close->label))) press(view, *close, intents);
    }
}

// Results being counted: what is being done, then a bar and the percentage (the DOM layer has a
// <progress> element for screen readers).
void loading_bar(FrameContext& frame, const ViewModel& view, const Column& col) {
    draw_text_block(view.loading_stage, frame.fonts.body_bold, frame.theme.text, col.width);
    gap(frame, 8);
    const float height = 24 * frame.text_scale;
    const std::string percent = std::to_string(view.loading_percent) + "%";
    const float label = ImGui::CalcTextSize("100%").x + 12 * frame.text_scale;
    const float width = std::max(40.0f, std::min(col.width, 420 * frame.text_scale) - label);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float filled = width * static_cast<float>(std::clamp(view.loading_percent, 0, 100)) / 100.0f;
    draw->AddRectFilled(top, ImVec2(top.x + filled, top.y + height), frame.theme.primary);
    draw->AddRect(top, ImVec2(top.x + width, top.y + height), frame.theme.border, 0, 0, 2 * frame.text_scale);
    ImGui::Dummy(ImVec2(width, height));
    ImGui::SameLine(0, 12 * frame.text_scale);
    draw_text_block(percent, frame.fonts.body, frame.theme.text, label);
    gap(frame, 16);
}

// The staff screen and its results: figures, the last action's outcome, then one command a line.
void staff_screen(FrameContext& frame, const ViewModel& view, const Column& col, std::vector<Intent>& intents) {
    heading(frame, view.heading, col);
    staff_status(frame, view, col);
    paragraphs(frame, view.paragraphs, col);
    gap(frame, 8);
    if (view.loading_percent >= 0) loading_bar(frame, view, col);
    for (const ControlView* c : group(view, "staff")) {
        const ButtonStyle style = c->id == "staff:export" ? ButtonStyle::Primary : ButtonStyle::Secondary;
        if (draw_button(frame, *c, style, std::min(col.width, 420 * frame.text_scale))) press(view, *c, intents);
    }
}

}  // namespace

// --- 4. draw_screen and the first control of a question ------------------------------------------------------------------------------------------

std::string first_control_id(const ViewModel& view, const std::string& name) {
    for (const survey::ElementView& e : view.elements) {
        if (e.name != name) continue;
        switch (e.type) {
            case survey::ElementType::Radiogroup: case survey::ElementType::Checkbox: return "q:" + name + ":choice:0";
            case survey::ElementType::Dropdown: return "q:" + name + ":combobox";
            case survey::ElementType::Rating: return "q:" + name + ":rate:0";
            case survey::ElementType::Boolean: return "q:" + name + ":true";
            case survey::ElementType::Ranking: return "q:" + name + ":rank:0";
            case survey::ElementType::Matrix: return "q:" + name + ":row:0:col:0";
            default: return "q:" + name + ":input";
        }
    }
    return {};
}

void draw_screen(FrameContext& frame, const ViewModel& view, QuestionUiState& ui, std::vector<Intent>& intents,
                 FlowOutput& output) {
    const std::string& screen = view.screen;
    if (screen == "dashboard") {  // its own, wider column (web/views/dashboard_view.h)
        draw_dashboard(frame, view, intents);
        return;
    }
    const Column col = column(frame);
    ImGui::SetCursorPos(ImVec2(col.left, 24 * frame.text_scale));
    ImGui::BeginGroup();
    if (screen == "staff-pin" || screen == "staff") {
        if (screen == "staff-pin") staff_pin(frame, view, col, intents);
        else staff_screen(frame, view, col, intents);
        ImGui::EndGroup();
        return;
    }
    if (screen != "loading" && screen != "submitting") language_header(frame, view, col, intents);
    // A results file that could not be opened (welcome, closed, unavailable): said at the top.
    if (screen == "welcome" || screen == "closed" || screen == "unavailable") error_summary(frame, view, col, ui);
    if (screen == "welcome") welcome(frame, view, col, ui, intents, output);
    else if (screen == "resume" || screen == "still-there") prompt(frame, view, col, intents);
    else if (screen == "question") question(frame, view, col, ui, intents);
    else if (screen == "check-answers") check_answers(frame, view, col, ui, intents);
    else if (screen == "confirmation") confirmation(frame, view, col, ui, intents);
    else {
        heading(frame, view.heading, col);
        paragraphs(frame, view.paragraphs, col);
    }
    results_file(frame, view, col, intents);
    if (screen != "loading" && screen != "submitting") settings_footer(frame, view, col, intents);
    ImGui::EndGroup();
}

}  // namespace canvass::web
