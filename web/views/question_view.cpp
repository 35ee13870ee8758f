// Drawing each question type as a GOV.UK-style control: labels above fields, hint text, the
// error message above the control with a red bar beside the question, large targets, one
// visible focus ring. Every control records its rect and meaning (docs/automation.md).
//
// Sections:
//   1. Context, sizes and small helpers (ids, text, focus moves, arrow keys in groups)
//   2. Buttons and choice rows (the building blocks)
//   3. Titles, hints and errors
//   4. Radio groups and checkboxes (with "Other" and "None")
//   5. Dropdown with search
//   6. Rating and Yes/No
//   7. Text and comment fields
//   8. Ranking
//   9. Matrix
//  10. Html, expression and panel
//  11. draw_elements
#include "web/views/question_view.h"

#include <algorithm>
#include <cmath>

#include "core/app/question_text.h"
#include "core/survey/answer_edit.h"
#include "core/survey/values.h"
#include "core/text/html_subset.h"
#include "core/text/unicode.h"
#include "imgui_internal.h"
#include "platform/platform.h"
#include "web/text_field.h"

namespace canvass::web {
namespace {

using nlohmann::json;
using survey::ChoiceView;
using survey::ElementType;
using survey::ElementView;

// --- 1. Context, sizes and small helpers ----------------------------------------------------

struct Ctx {
    FrameContext& frame;
    const Theme& theme;
    std::string_view locale;
    QuestionUiState& ui;
    std::vector<Intent>& intents;
    float s;       // text scale
    float em;      // body font size, CSS px
    bool narrow;   // under 30 em wide: one column, stacked matrices
};

std::string control_id(const ElementView& q, std::string_view part) { return "q:" + q.name + ":" + std::string(part); }

std::string value_text(const json& value) { return value.dump(); }

float text_height(ImFont* font, std::string_view text, float width) {
    if (text.empty()) return 0;
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, width, text.data(), text.data() + text.size()).y;
}

float text_width(ImFont* font, std::string_view text) {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text.data(), text.data() + text.size()).x;
}

void gap(float height) { ImGui::Dummy(ImVec2(0, height)); }

// Gives the keyboard focus to the item just drawn when it is the one asked for.
void apply_focus_request(Ctx& c, const std::string& id) { take_requested_focus(c.ui.focus_request, c.ui.focus_visible, id); }

void request_focus(Ctx& c, std::string id) {
    c.ui.focus_request = std::move(id);
    c.ui.focus_visible = ImGui::GetIO().NavVisible;
}

// Arrow keys inside a choice group move within it (wrapping), as a browser's radio group does,
// instead of ImGui's spatial navigation. Returns the index to move to, or -1.
int group_arrow_move(ImGuiID owner, int focused, int count, bool vertical, bool horizontal) {
    if (focused < 0 || count <= 1) return -1;
    const ImGuiKey previous[] = {vertical ? ImGuiKey_UpArrow : ImGuiKey_None, horizontal ? ImGuiKey_LeftArrow : ImGuiKey_None};
    const ImGuiKey next[] = {vertical ? ImGuiKey_DownArrow : ImGuiKey_None, horizontal ? ImGuiKey_RightArrow : ImGuiKey_None};
    // Claimed every frame the group has focus, so the next press reaches us and not navigation.
    for (ImGuiKey key : previous) if (key != ImGuiKey_None) ImGui::SetKeyOwner(key, owner);
    for (ImGuiKey key : next) if (key != ImGuiKey_None) ImGui::SetKeyOwner(key, owner);
    for (ImGuiKey key : previous) {
        if (key != ImGuiKey_None && ImGui::IsKeyPressed(key, owner, ImGuiInputFlags_Repeat)) return (focused + count - 1) % count;
    }
    for (ImGuiKey key : next) {
        if (key != ImGuiKey_None && ImGui::IsKeyPressed(key, owner, ImGuiInputFlags_Repeat)) return (focused + 1) % count;
    }
    return -1;
}

void answer(Ctx& c, const ElementView& q, json value) { c.intents.push_back(intent::Answer{q.name, std::move(value)}); }

void set_comment(Ctx& c, const ElementView& q, std::string text) {
    c.intents.push_back(intent::SetComment{q.name, std::move(text)});
}

bool comment_empty(const ElementView& q) {
    return q.comment.is_null() || (q.comment.is_string() && q.comment.get<std::string>().empty());
}

// --- 2. Buttons and choice rows -------------------------------------------------------------

struct Interaction {
    bool pressed = false;
    bool focused = false;   // keyboard focus, ring visible
    bool nav_focused = false;  // keyboard focus, ring or not (for arrow keys)
};

// An invisible, focusable hit area at `pos`; the caller draws what it looks like.
Interaction hit_area(Ctx& c, const std::string& id, ImVec2 pos, ImVec2 size, bool enabled, bool tab_stop) {
    ImGui::SetCursorScreenPos(pos);
    ImGui::PushTabStop(tab_stop);
    ImGui::BeginDisabled(!enabled);
    Interaction result;
    result.pressed = ImGui::InvisibleButton(id.c_str(), size) && !touch_was_scroll();
    ImGui::EndDisabled();
    ImGui::PopTabStop();
    result.nav_focused = ImGui::IsItemFocused();
    result.focused = item_has_visible_focus();
    apply_focus_request(c, id);
    return result;
}

enum class Look { Secondary, Selected, Outline };
enum class Icon { None, Up, Down };

// An arrow drawn as shapes: the font subset has no arrow glyphs.
void draw_arrow(ImDrawList* draw, ImVec2 centre, float size, bool up, ImU32 colour) {
    const float h = size / 2, w = size * 0.42f, stem = size * 0.09f;
    const float dir = up ? -1.0f : 1.0f;
    const ImVec2 tip(centre.x, centre.y + dir * h);
    const float base_y = centre.y + dir * (h - size * 0.45f);
    draw->AddTriangleFilled(tip, ImVec2(centre.x - w, base_y), ImVec2(centre.x + w, base_y), colour);
    const float tail_y = centre.y - dir * h;
    draw->AddRectFilled(ImVec2(centre.x - stem, std::min(base_y, tail_y)), ImVec2(centre.x + stem, std::max(base_y, tail_y)), colour);
}

// A tick drawn as a line: the font subset has no tick glyph.
void draw_tick(ImDrawList* draw, ImVec2 min, float size, float thickness, ImU32 colour) {
    const ImVec2 points[] = {ImVec2(min.x + 0.16f * size, min.y + 0.52f * size), ImVec2(min.x + 0.40f * size, min.y + 0.74f * size),
                             ImVec2(min.x + 0.84f * size, min.y + 0.26f * size)};
    draw->AddPolyline(points, 3, colour, 0, thickness);
}

// A text button drawn by the app (ImGui's Button cannot wrap or take our border).
bool action_button(Ctx& c, const std::string& id, const std::string& label, const std::string& spoken_label, ImVec2 pos,
                   ImVec2 size, Look look, bool enabled, bool tab_stop, const std::string& group,
                   const std::string& value, bool selected, const char* kind, Icon icon = Icon::None) {
    const Interaction hit = hit_area(c, id, pos, size, enabled, tab_stop);
    const Theme& t = c.theme;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    const bool held = ImGui::IsItemActive() && ImGui::IsItemHovered();
    ImU32 fill = look == Look::Selected ? t.selected : look == Look::Outline ? t.input_fill : t.secondary;
    if (held && look != Look::Selected) fill = t.secondary_hovered;
    const ImU32 ink = !enabled ? t.disabled_text : look == Look::Selected ? t.on_selected : t.text;
    draw->AddRectFilled(pos, max, fill);
    draw->AddRect(pos, max, enabled ? (look == Look::Selected ? t.selected : t.input_border) : t.disabled_text, 0, 0, 2 * c.s);
    ImFont* font = c.frame.fonts.body_bold;
    const float icon_w = icon == Icon::None ? 0 : 0.9f * c.em;
    const float wrap = size.x - 16 * c.s - icon_w;
    const ImVec2 text_size = font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, label.c_str());
    const ImVec2 at(pos.x + icon_w + std::max(8 * c.s, (size.x - icon_w - text_size.x) / 2), pos.y + (size.y - text_size.y) / 2);
    if (icon != Icon::None) draw_arrow(draw, ImVec2(at.x - icon_w / 2 - 2 * c.s, pos.y + size.y / 2), 0.75f * c.em, icon == Icon::Up, ink);
    draw->AddText(font, font->FontSize, at, ink, label.c_str(), nullptr, wrap);
    c.frame.rects.push_back({id, pos, max, spoken_label, kind, group, value, enabled, selected, hit.focused});
    if (hit.focused) draw_focus_ring(pos, max);
    return hit.pressed && enabled;
}

struct ChoiceMetrics {
    float indicator, pad, gap, min_height;
};

ChoiceMetrics choice_metrics(const Ctx& c) { return {36 * c.s, 6 * c.s, 12 * c.s, kMinTouchTargetPx}; }

float choice_height(const Ctx& c, const std::string& label, float width) {
    const ChoiceMetrics m = choice_metrics(c);
    const float text = text_height(c.frame.fonts.body, label, width - m.indicator - m.gap);
    return std::max({m.min_height, m.indicator + 2 * m.pad, text + 2 * m.pad + (m.indicator - c.frame.fonts.body->FontSize) / 2});
}

// One radio button or checkbox with its label; the whole row is the target.
Interaction choice_row(Ctx& c, const std::string& id, const std::string& label, bool multi, bool selected, bool enabled,
                       bool tab_stop, ImVec2 pos, float width, float height, const std::string& group,
                       const std::string& value) {
    const ChoiceMetrics m = choice_metrics(c);
    const Interaction hit = hit_area(c, id, pos, ImVec2(width, height), enabled, tab_stop);
    const Theme& t = c.theme;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 edge = enabled ? t.input_border : t.disabled_text;
    const ImVec2 box_min(pos.x, pos.y + m.pad);
    const ImVec2 box_max(box_min.x + m.indicator, box_min.y + m.indicator);
    const float line = 2 * c.s;
    if (multi) {
        draw->AddRectFilled(box_min, box_max, t.input_fill);
        draw->AddRect(box_min, box_max, edge, 0, 0, line);
        if (selected) draw_tick(draw, box_min, m.indicator, 4.5f * c.s, enabled ? t.mark : t.disabled_text);
    } else {
        const ImVec2 centre((box_min.x + box_max.x) / 2, (box_min.y + box_max.y) / 2);
        const float radius = m.indicator / 2;
        draw->AddCircleFilled(centre, radius, t.input_fill, 48);
        draw->AddCircle(centre, radius - line / 2, edge, 48, line);
        if (selected) draw->AddCircleFilled(centre, radius / 2, enabled ? t.mark : t.disabled_text, 32);
    }
    ImFont* font = c.frame.fonts.body;
    const float text_x = pos.x + m.indicator + m.gap;
    const float wrap = width - m.indicator - m.gap;
    const ImVec2 at(text_x, box_min.y + (m.indicator - font->FontSize) / 2);
    draw->AddText(font, font->FontSize, at, enabled ? t.text : t.disabled_text, label.c_str(), nullptr, wrap);
    c.frame.rects.push_back({id, pos, ImVec2(pos.x + width, pos.y + height), label, multi ? "checkbox" : "radio", group,
                             value, enabled, selected, hit.focused});
    if (hit.focused) {
        const float text_w = std::min(wrap, font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, label.c_str()).x);
        draw_focus_ring(ImVec2(pos.x, pos.y + 2), ImVec2(text_x + text_w + 4 * c.s, pos.y + height - 2));
    }
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + height));
    return hit;
}

// --- 3. Titles, hints and errors -------------------------------------------------------------

void draw_title(Ctx& c, const ElementView& q, float width, ImFont* font) {
    std::string title;
    if (!q.number.empty()) title = q.number + " ";
    title += q.title;
    if (q.required) title += " " + question_text(c.locale, QuestionText::Required);
    draw_text_block(title, font, c.theme.text, width);
}

void draw_hint(Ctx& c, std::string_view text, float width) {
    if (text.empty()) return;
    draw_text_block(text, c.frame.fonts.body, c.theme.secondary_text, width);
}

void draw_errors(Ctx& c, const ElementView& q, float width) {
    for (const std::string& error : q.errors) draw_text_block(error, c.frame.fonts.body_bold, c.theme.error, width);
}

// --- 4. Radio groups and checkboxes ------------------------------------------------------------

platform::Keyboard keyboard_for(std::string_view input_type) {
    if (input_type == "number") return platform::Keyboard::Number;
    if (input_type == "email") return platform::Keyboard::Email;
    if (input_type == "tel") return platform::Keyboard::Tel;
    if (input_type == "url") return platform::Keyboard::Url;
    return platform::Keyboard::Text;
}

// The text field an "Other" choice reveals (GOV.UK's conditional reveal), bound to the comment.
void draw_other_field(Ctx& c, const ElementView& q, float x, float width) {
    const ChoiceMetrics m = choice_metrics(c);
    const float indent = m.indicator / 2;
    const float top = ImGui::GetCursorScreenPos().y;
    const float inner_x = x + indent + 4 * c.s + 16 * c.s;
    const float inner_w = std::max(8 * c.em, width - (inner_x - x));
    ImGui::SetCursorScreenPos(ImVec2(inner_x, top + 4 * c.s));
    const std::string label = question_text(c.locale, QuestionText::OtherSpecify);
    draw_text_block(label, c.frame.fonts.body, c.theme.text, inner_w);
    ImGui::SetCursorScreenPos(ImVec2(inner_x, ImGui::GetCursorScreenPos().y));
    const std::string id = control_id(q, "other");
    std::string& buffer = c.ui.text[id];
    if (!text_field_active(id)) buffer = q.comment.is_string() ? q.comment.get<std::string>() : std::string();
    TextFieldOptions options;
    options.id = id;
    options.label = q.title + ": " + label;
    options.group = q.name;
    options.placeholder = q.other_placeholder;
    options.read_only = q.read_only;
    options.width = std::min(inner_w, 30 * c.em);
    if (draw_text_field(c.frame, buffer, options)) set_comment(c, q, buffer);
    apply_focus_request(c, id);
    const float bottom = ImGui::GetCursorScreenPos().y;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(x + indent - 2 * c.s, top), ImVec2(x + indent + 2 * c.s, bottom),
                                              c.theme.panel_bar);
    ImGui::SetCursorScreenPos(ImVec2(x, bottom + 6 * c.s));
}

void draw_choices(Ctx& c, const ElementView& q, float x, float width) {
    const bool multi = q.type == ElementType::Checkbox;
    const int count = static_cast<int>(q.choices.size());
    // Ordinary choices go in columns (colCount on wide screens); "Other" and "None" follow,
    // full width, with GOV.UK's "or" before an exclusive "None".
    std::vector<int> ordinary, special;
    for (int i = 0; i < count; ++i) {
        const ChoiceView& choice = q.choices[i];
        (survey::is_other_choice(q, choice) || survey::is_none_choice(q, choice) ? special : ordinary).push_back(i);
    }
    int columns = c.narrow ? 1 : std::max(1, q.col_count);
    const float column_gap = 16 * c.s;
    while (columns > 1 && (width - column_gap * (columns - 1)) / columns < 12 * c.em) --columns;
    const float column_w = (width - column_gap * (columns - 1)) / columns;

    int selected_index = -1;
    for (int i = 0; i < count; ++i) {
        if (survey::is_choice_selected(q, q.choices[i].value)) { selected_index = i; break; }
    }
    const int tab_stop_index = selected_index >= 0 ? selected_index : (count > 0 ? 0 : -1);
    int focused = -1;

    auto activate = [&](int i) {
        const ChoiceView& choice = q.choices[i];
        if (multi) {
            const json next = survey::toggle_checkbox(q, choice.value);
            answer(c, q, next);
            const bool other_was = survey::is_choice_selected(q, survey::kOtherValue);
            ElementView after = q;
            after.value = next;
            if (q.show_other && other_was && !survey::is_choice_selected(after, survey::kOtherValue) && !comment_empty(q)) {
                set_comment(c, q, "");  // survey-core empties the other text when "Other" is unticked
            }
            if (survey::at_selection_limit(after) && c.ui.limit_announced != q.name) {
                c.ui.limit_announced = q.name;
                platform::announce(question_text(c.locale, QuestionText::LimitReached, std::to_string(q.max_selected_choices)));
            } else if (!survey::at_selection_limit(after) && c.ui.limit_announced == q.name) {
                c.ui.limit_announced.clear();
            }
        } else if (!survey::is_choice_selected(q, choice.value)) {
            answer(c, q, choice.value);
            if (q.show_other && !survey::is_other_choice(q, choice) && !comment_empty(q)) set_comment(c, q, "");
        }
    };

    auto row = [&](int i, ImVec2 pos, float w, float h) {
        const ChoiceView& choice = q.choices[i];
        const bool selected = survey::is_choice_selected(q, choice.value);
        const bool enabled = multi ? survey::is_choice_enabled(q, choice) : !q.read_only;
        const bool tab_stop = multi || i == tab_stop_index;
        const Interaction hit = choice_row(c, control_id(q, "choice:" + std::to_string(i)), choice.text, multi, selected,
                                           enabled, tab_stop, pos, w, h, q.name, value_text(choice.value));
        if (hit.nav_focused) focused = i;
        if (hit.pressed) activate(i);
    };

    float y = ImGui::GetCursorScreenPos().y;
    const float row_gap = 4 * c.s;
    for (std::size_t start = 0; start < ordinary.size(); start += columns) {
        float h = 0;
        for (int k = 0; k < columns && start + k < ordinary.size(); ++k) {
            h = std::max(h, choice_height(c, q.choices[ordinary[start + k]].text, column_w));
        }
        for (int k = 0; k < columns && start + k < ordinary.size(); ++k) {
            row(ordinary[start + k], ImVec2(x + k * (column_w + column_gap), y), column_w, h);
        }
        y += h + row_gap;
    }
    for (int i : special) {
        if (survey::is_none_choice(q, q.choices[i]) && !ordinary.empty()) {
            ImGui::SetCursorScreenPos(ImVec2(x + 4 * c.s, y + 2 * c.s));
            const std::string word = question_text(c.locale, QuestionText::Or);
            draw_text_block(word, c.frame.fonts.body, c.theme.text, width);
            y = ImGui::GetCursorScreenPos().y + 4 * c.s;
        }
        const float h = choice_height(c, q.choices[i].text, width);
        row(i, ImVec2(x, y), width, h);
        y += h + row_gap;
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        if (survey::is_other_choice(q, q.choices[i]) && survey::is_choice_selected(q, q.choices[i].value)) {
            draw_other_field(c, q, x, width);
            y = ImGui::GetCursorScreenPos().y;
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    gap(0);

    // Arrows move the choice in a radio group (and the focus with it), as browsers do.
    if (!multi && !q.read_only) {
        const int moved = group_arrow_move(ImGui::GetID(control_id(q, "group").c_str()), focused, count, true, true);
        if (moved >= 0) {
            answer(c, q, q.choices[moved].value);
            if (q.show_other && !survey::is_other_choice(q, q.choices[moved]) && !comment_empty(q)) set_comment(c, q, "");
            request_focus(c, control_id(q, "choice:" + std::to_string(moved)));
            c.ui.focus_visible = true;
        }
    }
}

// --- 5. Dropdown with search ------------------------------------------------------------------

void close_dropdown(Ctx& c, const ElementView& q, bool refocus) {
    c.ui.dropdown = {};
    if (refocus) request_focus(c, control_id(q, "combobox"));
}

void pick_dropdown(Ctx& c, const ElementView& q, int choice_index) {
    const ChoiceView& choice = q.choices[choice_index];
    if (!survey::is_choice_selected(q, choice.value)) answer(c, q, choice.value);
    if (q.show_other && !survey::is_other_choice(q, choice) && !comment_empty(q)) set_comment(c, q, "");
    close_dropdown(c, q, true);
}

void draw_dropdown(Ctx& c, const ElementView& q, float x, float width) {
    const Theme& t = c.theme;
    ImFont* font = c.frame.fonts.body;
    const std::string toggle_id = control_id(q, "combobox");
    const bool open = c.ui.dropdown.open == q.name;
    int selected_index = -1;
    for (std::size_t i = 0; i < q.choices.size(); ++i) {
        if (survey::is_choice_selected(q, q.choices[i].value)) selected_index = static_cast<int>(i);
    }
    const std::string shown = selected_index >= 0 ? q.choices[selected_index].text
                              : !q.placeholder.empty() ? q.placeholder
                                                       : question_text(c.locale, QuestionText::ChooseAnswer);
    const float box_w = std::min(width, 30 * c.em);
    const float pad = 10 * c.s;
    const float arrow_w = 2 * c.em;
    const float text_h = text_height(font, shown, box_w - 2 * pad - arrow_w);
    const ImVec2 pos(x, ImGui::GetCursorScreenPos().y);
    const ImVec2 size(box_w, std::max(kMinTouchTargetPx, text_h + 2 * pad));
    const Interaction hit = hit_area(c, toggle_id, pos, size, !q.read_only, true);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    draw->AddRectFilled(pos, max, t.input_fill);
    draw->AddRect(pos, max, q.read_only ? t.disabled_text : t.input_border, 0, 0, 2 * c.s);
    draw->AddText(font, font->FontSize, ImVec2(pos.x + pad, pos.y + (size.y - text_h) / 2),
                  selected_index >= 0 ? t.text : t.secondary_text, shown.c_str(), nullptr, box_w - 2 * pad - arrow_w);
    // The chevron: a triangle pointing down (up while the list is open).
    const ImVec2 centre(max.x - arrow_w / 2, pos.y + size.y / 2);
    const float r = 0.3f * c.em;
    if (open) {
        draw->AddTriangleFilled(ImVec2(centre.x - r, centre.y + r / 2), ImVec2(centre.x + r, centre.y + r / 2),
                                ImVec2(centre.x, centre.y - r / 2), t.text);
    } else {
        draw->AddTriangleFilled(ImVec2(centre.x - r, centre.y - r / 2), ImVec2(centre.x + r, centre.y - r / 2),
                                ImVec2(centre.x, centre.y + r / 2), t.text);
    }
    c.frame.rects.push_back({toggle_id, pos, max, q.title + ": " + shown, "combobox", q.name,
                             selected_index >= 0 ? value_text(q.choices[selected_index].value) : "", !q.read_only, open,
                             hit.focused});
    if (hit.focused) draw_focus_ring(pos, max);
    ImGui::SetCursorScreenPos(ImVec2(x, max.y));
    const bool toggle_focused = hit.nav_focused;
    if (hit.pressed) {
        if (open) {
            close_dropdown(c, q, false);
        } else {
            c.ui.dropdown = {q.name, "", selected_index, ImGui::GetIO().NavVisible, 3, false};
            platform::announce(question_text(c.locale, QuestionText::ListOpenHint, std::to_string(q.choices.size())));
        }
        return;
    }
    if (!open) {
        if (selected_index >= 0 && survey::is_other_choice(q, q.choices[selected_index])) {
            gap(6 * c.s);
            ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
            draw_other_field(c, q, x, width);
        }
        return;
    }

    // The open list: a search field, then the matching answers.
    DropdownUi& state = c.ui.dropdown;
    const std::string search_id = control_id(q, "search");
    const bool search_had_focus = text_field_active(search_id);
    gap(6 * c.s);
    ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
    const std::string search_label = question_text(c.locale, QuestionText::SearchLabel);
    draw_text_block(search_label, font, t.secondary_text, box_w);
    ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + 2 * c.s));
    TextFieldOptions options;
    options.id = search_id;
    options.label = q.title + ": " + search_label;
    options.group = q.name;
    options.keyboard = platform::Keyboard::Search;
    options.list_keys = true;
    options.request_focus = state.focus_search;
    options.width = box_w;
    state.focus_search = false;
    std::vector<int> matches = survey::filter_choices(q.choices, state.search);
    if (draw_text_field(c.frame, state.search, options)) {
        matches = survey::filter_choices(q.choices, state.search);
        state.highlighted = matches.empty() ? -1 : 0;
    }
    // Keys while typing in the search field: arrows move the highlight, Enter picks, Escape closes.
    const int match_count = static_cast<int>(matches.size());
    int highlight_pos = -1;
    for (int k = 0; k < match_count; ++k) {
        if (matches[k] == state.highlighted) highlight_pos = k;
    }
    if (search_had_focus || toggle_focused) {
        if (ImGui::IsKeyPressed(ImGuiKey_DownArrow) && match_count > 0) {
            highlight_pos = std::min(match_count - 1, highlight_pos + 1);
            state.highlighted = matches[highlight_pos];
            state.reveal_highlight = true;
        }
        if (ImGui::IsKeyPressed(ImGuiKey_UpArrow) && match_count > 0) {
            highlight_pos = std::max(0, highlight_pos - 1);
            state.highlighted = matches[highlight_pos];
            state.reveal_highlight = true;
        }
    }
    if (search_had_focus && ImGui::IsKeyPressed(ImGuiKey_Enter, false)) {
        const int pick = highlight_pos >= 0 ? matches[highlight_pos] : match_count == 1 ? matches[0] : -1;
        if (pick >= 0) {
            pick_dropdown(c, q, pick);
            return;
        }
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
        close_dropdown(c, q, true);
        return;
    }

    gap(4 * c.s);
    const float list_top = ImGui::GetCursorScreenPos().y;
    float y = list_top + 2 * c.s;
    if (matches.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(x + pad, y + pad));
        draw_text_block(question_text(c.locale, QuestionText::NoMatches), font, t.secondary_text, box_w - 2 * pad);
        y = ImGui::GetCursorScreenPos().y + pad;
    }
    int focused_option = -1;
    for (int k = 0; k < match_count; ++k) {
        const int i = matches[k];
        const ChoiceView& choice = q.choices[i];
        const bool selected = i == selected_index;
        const bool highlighted = i == state.highlighted;
        const float tick_w = 1.6f * c.em;
        const float label_w = box_w - 2 * pad - tick_w - 4 * c.s;
        const float h = std::max(kMinTouchTargetPx, text_height(selected ? c.frame.fonts.body_bold : font, choice.text, label_w) + 2 * pad);
        const std::string id = control_id(q, "option:" + std::to_string(i));
        const ImVec2 row_min(x + 2 * c.s, y), row_max(x + box_w - 2 * c.s, y + h);
        const Interaction option = hit_area(c, id, row_min, ImVec2(row_max.x - row_min.x, h), true, true);
        if (option.nav_focused) focused_option = k;
        if (highlighted) draw->AddRectFilled(row_min, row_max, t.highlight);
        const ImU32 ink = highlighted ? t.on_highlight : t.text;
        if (selected) draw_tick(draw, ImVec2(row_min.x + pad, y + pad), font->FontSize, 3 * c.s, ink);
        draw->AddText(selected ? c.frame.fonts.body_bold : font, font->FontSize, ImVec2(row_min.x + pad + tick_w, y + pad), ink,
                      choice.text.c_str(), nullptr, label_w);
        c.frame.rects.push_back({id, row_min, row_max, choice.text, "option", q.name, value_text(choice.value), true, selected,
                                 option.focused});
        if (highlighted && state.reveal_highlight) {
            ImGui::ScrollToRect(ImGui::GetCurrentWindow(), ImRect(row_min, row_max), ImGuiScrollFlags_KeepVisibleEdgeY);
            state.reveal_highlight = false;
        }
        if (option.focused) draw_focus_ring(row_min, row_max);
        if (option.pressed) {
            pick_dropdown(c, q, i);
            return;
        }
        y += h;
    }
    const float list_bottom = y + 2 * c.s;
    draw->AddRect(ImVec2(x, list_top), ImVec2(x + box_w, list_bottom), t.input_border, 0, 0, 2 * c.s);
    if (state.reveal_list > 0) {
        // Just opened: bring as much of the list into view as fits, keeping its button on screen.
        const float window_top = ImGui::GetWindowPos().y, window_h = ImGui::GetWindowHeight();
        const float bottom = std::min(list_bottom + 8 * c.s, pos.y + window_h - 16 * c.s);
        if (pos.y >= window_top && bottom <= window_top + window_h) {
            state.reveal_list = 0;
        } else {
            ImGui::ScrollToRect(ImGui::GetCurrentWindow(), ImRect(ImVec2(x, pos.y), ImVec2(x + box_w, bottom)),
                                ImGuiScrollFlags_KeepVisibleEdgeY);
            --state.reveal_list;
            c.frame.frames_wanted = std::max(c.frame.frames_wanted, 2);
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(x, list_bottom));
    gap(2 * c.s);
    if (focused_option >= 0) state.highlighted = matches[focused_option];
}

// --- 6. Rating and Yes/No ---------------------------------------------------------------------

void draw_rating(Ctx& c, const ElementView& q, float x, float width) {
    ImFont* bold = c.frame.fonts.body_bold;
    const int count = static_cast<int>(q.rate_values.size());
    const float spacing = 8 * c.s;
    float button_w = kMinTouchTargetPx;
    for (const ChoiceView& v : q.rate_values) button_w = std::max(button_w, text_width(bold, v.text) + 24 * c.s);
    // Roomier buttons when the whole scale still fits on one line.
    const float roomy = std::max(button_w, 3 * c.em);
    if (count * (roomy + spacing) - spacing <= width) button_w = roomy;
    button_w = std::min(button_w, width);
    const float button_h = std::max(kMinTouchTargetPx, bold->FontSize + 22 * c.s);
    const int per_row = std::max(1, static_cast<int>((width + spacing) / (button_w + spacing)));
    const bool one_row = per_row >= count;
    const float row_w = std::min(count, per_row) * (button_w + spacing) - spacing;
    const bool has_descriptions = !q.min_rate_description.empty() || !q.max_rate_description.empty();
    // The end words go under the end buttons when each fits on one line in half the row.
    const float half_row = row_w / 2 - 4 * c.s;
    const bool descriptions_below = one_row && text_width(c.frame.fonts.body, q.min_rate_description) <= half_row &&
                                    text_width(c.frame.fonts.body, q.max_rate_description) <= half_row;
    if (has_descriptions && !descriptions_below && count > 0) {
        // Otherwise say which number means what, above the buttons.
        for (int end = 0; end < 2; ++end) {
            const std::string& words = end == 0 ? q.min_rate_description : q.max_rate_description;
            if (words.empty()) continue;
            ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
            draw_hint(c, (end == 0 ? q.rate_values.front() : q.rate_values.back()).text + " \xE2\x80\x93 " + words, width);
        }
        gap(6 * c.s);
    }
    int selected_index = -1;
    for (int i = 0; i < count; ++i) {
        if (!q.value.is_null() && survey::values_equal(q.value, q.rate_values[i].value)) selected_index = i;
    }
    const float top = ImGui::GetCursorScreenPos().y;
    int focused = -1;
    for (int i = 0; i < count; ++i) {
        const int row = i / per_row, column = i % per_row;
        const ImVec2 pos(x + column * (button_w + spacing), top + row * (button_h + spacing));
        const std::string id = control_id(q, "rate:" + std::to_string(i));
        const ChoiceView& v = q.rate_values[i];
        std::string spoken = v.text;
        if (i == 0 && !q.min_rate_description.empty()) spoken += " (" + q.min_rate_description + ")";
        if (i == count - 1 && !q.max_rate_description.empty()) spoken += " (" + q.max_rate_description + ")";
        const bool selected = i == selected_index;
        const bool tab_stop = selected_index >= 0 ? selected : i == 0;
        if (action_button(c, id, v.text, spoken, pos, ImVec2(button_w, button_h), selected ? Look::Selected : Look::Outline,
                          !q.read_only, tab_stop, q.name, value_text(v.value), selected, "radio") &&
            !selected) {
            answer(c, q, v.value);
        }
        if (ImGui::IsItemFocused()) focused = i;
    }
    const int rows = (count + per_row - 1) / per_row;
    float y = top + rows * (button_h + spacing);
    if (has_descriptions && descriptions_below) {
        y -= spacing / 2;
        const float half = half_row;
        ImFont* font = c.frame.fonts.body;
        float h = 0;
        if (!q.min_rate_description.empty()) {
            ImGui::GetWindowDrawList()->AddText(font, font->FontSize, ImVec2(x, y), c.theme.secondary_text,
                                                q.min_rate_description.c_str(), nullptr, half);
            h = std::max(h, text_height(font, q.min_rate_description, half));
        }
        if (!q.max_rate_description.empty()) {
            const float w = std::min(half, text_width(font, q.max_rate_description));
            ImGui::GetWindowDrawList()->AddText(font, font->FontSize, ImVec2(x + row_w - w, y), c.theme.secondary_text,
                                                q.max_rate_description.c_str(), nullptr, half);
            h = std::max(h, text_height(font, q.max_rate_description, half));
        }
        y += h;
    }
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    gap(0);
    if (!q.read_only) {
        const int moved = group_arrow_move(ImGui::GetID(control_id(q, "group").c_str()), focused, count, true, true);
        if (moved >= 0) {
            answer(c, q, q.rate_values[moved].value);
            request_focus(c, control_id(q, "rate:" + std::to_string(moved)));
            c.ui.focus_visible = true;
        }
    }
}

void draw_boolean(Ctx& c, const ElementView& q, float x, float width) {
    ImFont* bold = c.frame.fonts.body_bold;
    const std::string labels[2] = {q.label_true, q.label_false};
    const bool values[2] = {true, false};
    const float spacing = 12 * c.s;
    float button_w = 6 * c.em;
    for (const std::string& label : labels) button_w = std::max(button_w, text_width(bold, label) + 32 * c.s);
    const bool side_by_side = 2 * button_w + spacing <= width;
    if (!side_by_side) button_w = width;
    const float button_h = std::max(kMinTouchTargetPx, bold->FontSize + 22 * c.s);
    const float top = ImGui::GetCursorScreenPos().y;
    int selected_index = -1;
    if (q.value.is_boolean()) selected_index = q.value.get<bool>() ? 0 : 1;
    int focused = -1;
    for (int i = 0; i < 2; ++i) {
        const ImVec2 pos = side_by_side ? ImVec2(x + i * (button_w + spacing), top) : ImVec2(x, top + i * (button_h + spacing));
        const bool selected = i == selected_index;
        const bool tab_stop = selected_index >= 0 ? selected : i == 0;
        if (action_button(c, control_id(q, values[i] ? "true" : "false"), labels[i], labels[i], pos, ImVec2(button_w, button_h),
                          selected ? Look::Selected : Look::Outline, !q.read_only, tab_stop, q.name, values[i] ? "true" : "false",
                          selected, "radio") &&
            !selected) {
            answer(c, q, values[i]);
        }
        if (ImGui::IsItemFocused()) focused = i;
    }
    ImGui::SetCursorScreenPos(ImVec2(x, top + (side_by_side ? button_h : 2 * button_h + spacing)));
    gap(0);
    if (!q.read_only) {
        const int moved = group_arrow_move(ImGui::GetID(control_id(q, "group").c_str()), focused, 2, true, true);
        if (moved >= 0) {
            answer(c, q, values[moved]);
            request_focus(c, control_id(q, values[moved] ? "true" : "false"));
            c.ui.focus_visible = true;
        }
    }
}

// --- 7. Text and comment fields ---------------------------------------------------------------

void draw_text_question(Ctx& c, const ElementView& q, float x, float width) {
    const std::string id = control_id(q, "input");
    std::string& buffer = c.ui.text[id];
    if (!text_field_active(id)) buffer = survey::answer_to_text(q.value);
    TextFieldOptions options;
    options.id = id;
    options.label = q.title;
    options.group = q.name;
    options.placeholder = q.placeholder;
    options.read_only = q.read_only;
    options.max_length = q.max_length;
    options.multiline = q.type == ElementType::Comment;
    ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
    if (options.multiline) {
        options.width = width;
        options.height = 5 * c.frame.fonts.body->FontSize + 2 * ImGui::GetStyle().FramePadding.y;
    } else {
        // Fields sized to what they hold tell people what is expected (GOV.UK's fixed widths).
        options.keyboard = keyboard_for(q.input_type);
        float chars = 40;
        if (q.max_length > 0) chars = std::min<float>(chars, q.max_length + 2.0f);
        if (q.input_type == "number") chars = std::min(chars, 12.0f);
        if (q.input_type == "tel") chars = std::min(chars, 20.0f);
        options.width = std::min(width, std::max(5.0f, chars) * 0.62f * c.em + 2 * ImGui::GetStyle().FramePadding.x);
    }
    if (draw_text_field(c.frame, buffer, options)) {
        answer(c, q, options.multiline ? (buffer.empty() ? json(nullptr) : json(buffer)) : survey::text_to_answer(buffer, q.input_type));
    }
    apply_focus_request(c, id);
    if (options.multiline && q.max_length > 0) {
        // GOV.UK's character count, counted as SurveyJS and HTML count (UTF-16 units).
        const int left = q.max_length - static_cast<int>(text::utf16_length(buffer));
        std::string message;
        if (left >= 0) {
            message = left == 1 ? question_text(c.locale, QuestionText::CharactersLeftOne)
                                : question_text(c.locale, QuestionText::CharactersLeft, std::to_string(left));
        } else {
            message = left == -1 ? question_text(c.locale, QuestionText::CharactersOverOne)
                                 : question_text(c.locale, QuestionText::CharactersOver, std::to_string(-left));
        }
        gap(2 * c.s);
        ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
        draw_text_block(message, left >= 0 ? c.frame.fonts.body : c.frame.fonts.body_bold,
                        left >= 0 ? c.theme.secondary_text : c.theme.error, width);
        c.frame.rects.push_back({control_id(q, "count"), ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), message, "status",
                                 q.name, std::to_string(left), true, false, false});
    }
}

// --- 8. Ranking -------------------------------------------------------------------------------

// The grip drawn on a drag handle: three short bars.
void draw_grip(ImDrawList* draw, ImVec2 centre, float size, ImU32 colour) {
    for (int i = -1; i <= 1; ++i) {
        const float y = centre.y + i * size * 0.32f;
        draw->AddRectFilled(ImVec2(centre.x - size / 2, y - size * 0.07f), ImVec2(centre.x + size / 2, y + size * 0.07f), colour);
    }
}

void move_ranked(Ctx& c, const ElementView& q, const std::vector<ChoiceView>& order, int from, int to, bool keyboard_focus) {
    if (to == from) return;
    answer(c, q, survey::move_in_ranking(q, from, to));
    platform::announce(question_text(c.locale, QuestionText::MovedTo, order[from].text, std::to_string(to + 1),
                                     std::to_string(order.size())));
    if (keyboard_focus) {
        // Focus follows the item, so pressing the same button again keeps moving it.
        const bool up = to < from;
        const int last = static_cast<int>(order.size()) - 1;
        std::string part = "rank:" + std::to_string(to) + ((up && to > 0) || (!up && to == last) ? ":up" : ":down");
        request_focus(c, control_id(q, part));
    }
}

// Where the parts of one ranking item go, relative to its card's top-left corner.
struct RankLayout {
    float height = 0;
    float handle_h = 0;     // the handle (and, with a mouse, the draggable row) is this tall
    ImVec2 number_pos, label_pos;
    float label_w = 0;
    ImVec2 up_pos, down_pos, button_size;
};

// Wide: handle, number, label, then both buttons on one line. Narrow: the buttons go under the
// label (side by side when they fit, else one above the other), and a label with too little room
// beside the handle goes under it too, so nothing is squeezed at 200 % text on a phone.
RankLayout rank_layout(const Ctx& c, const std::string& label, float width, float handle_w, float number_w, float button_w) {
    ImFont* font = c.frame.fonts.body;
    ImFont* bold = c.frame.fonts.body_bold;
    const float pad = 8 * c.s;
    const float icon_w = 0.9f * c.em;
    RankLayout l;
    const float wide_label_w = width - handle_w - number_w - 2 * button_w - 4 * pad;
    if (wide_label_w >= 10 * c.em) {
        l.label_w = wide_label_w;
        const float label_h = text_height(font, label, l.label_w);
        l.button_size = ImVec2(button_w, std::max(kMinTouchTargetPx, bold->FontSize + 20 * c.s));
        l.height = std::max(l.button_size.y + 2 * pad, label_h + 2 * pad);
        l.handle_h = l.height;
        l.label_pos = ImVec2(handle_w + number_w, (l.height - label_h) / 2);
        l.number_pos = ImVec2(handle_w, l.label_pos.y);
        l.up_pos = ImVec2(width - 2 * button_w - 2 * pad, (l.height - l.button_size.y) / 2);
        l.down_pos = ImVec2(l.up_pos.x + button_w + pad, l.up_pos.y);
        return l;
    }
    float y = 0;
    const float beside_w = width - handle_w - number_w - pad;
    if (beside_w >= 6 * c.em) {
        l.label_w = beside_w;
        const float label_h = text_height(font, label, l.label_w);
        l.handle_h = std::max(kMinTouchTargetPx, label_h + 2 * pad);
        l.label_pos = ImVec2(handle_w + number_w, (l.handle_h - label_h) / 2);
        l.number_pos = ImVec2(handle_w, l.label_pos.y);
        y = l.handle_h;
    } else {
        l.handle_h = kMinTouchTargetPx;
        l.number_pos = ImVec2(handle_w, (l.handle_h - bold->FontSize) / 2);
        l.label_w = width - 2 * pad;
        l.label_pos = ImVec2(pad, l.handle_h);
        y = l.handle_h + text_height(font, label, l.label_w) + pad;
    }
    const float area = width - 2 * pad;
    const bool side_by_side = 2 * button_w + pad <= area;
    const float bw = side_by_side ? (area - pad) / 2 : area;
    // Enough height for the button's words at this width (they wrap when they must).
    const float words_h = text_height(bold, question_text(c.locale, QuestionText::MoveDown), std::max(1.0f, bw - 16 * c.s - icon_w));
    l.button_size = ImVec2(bw, std::max(kMinTouchTargetPx, words_h + 20 * c.s));
    l.up_pos = ImVec2(pad, y);
    l.down_pos = side_by_side ? ImVec2(pad + bw + pad, y) : ImVec2(pad, y + l.button_size.y + pad);
    l.height = (side_by_side ? y + l.button_size.y : l.down_pos.y + l.button_size.y) + pad;
    return l;
}

void draw_ranking(Ctx& c, const ElementView& q, float x, float width) {
    const Theme& t = c.theme;
    ImFont* font = c.frame.fonts.body;
    ImFont* bold = c.frame.fonts.body_bold;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImGuiIO& io = ImGui::GetIO();
    const std::vector<ChoiceView> order = survey::ranking_order(q);
    const int count = static_cast<int>(order.size());
    draw_hint(c, question_text(c.locale, QuestionText::RankingHint), width);
    gap(6 * c.s);

    const float handle_w = kMinTouchTargetPx;
    const float number_w = text_width(bold, std::to_string(count)) + 16 * c.s;
    const std::string up_text = question_text(c.locale, QuestionText::MoveUp);
    const std::string down_text = question_text(c.locale, QuestionText::MoveDown);
    const float button_w = std::max(text_width(bold, up_text), text_width(bold, down_text)) + 24 * c.s + 0.9f * c.em;

    RankingDragUi& drag = c.ui.drag;
    const bool dragging_here = drag.question == q.name;
    std::vector<RankLayout> layouts(count);
    std::vector<float> tops(count), heights(count);
    float y = ImGui::GetCursorScreenPos().y;
    for (int i = 0; i < count; ++i) {
        layouts[i] = rank_layout(c, order[i].text, width, handle_w, number_w, button_w);
        heights[i] = layouts[i].height;
        tops[i] = y;
        y += heights[i] + 8 * c.s;
    }
    const float list_bottom = y;

    for (int i = 0; i < count; ++i) {
        const ChoiceView& item = order[i];
        const RankLayout& l = layouts[i];
        const ImVec2 card_min(x, tops[i]), card_max(x + width, tops[i] + heights[i]);
        const bool lifted = dragging_here && drag.moved && drag.from == i;
        const ImU32 ink = lifted ? t.disabled_text : t.text;
        draw->AddRectFilled(card_min, card_max, t.card);
        draw->AddRect(card_min, card_max, lifted ? t.disabled_text : t.card_border, 0, 0, 2 * c.s);
        const std::string position = std::to_string(i + 1);
        const std::string card_id = control_id(q, "rank:" + std::to_string(i));
        c.frame.rects.push_back({card_id, card_min, card_max, position + ". " + item.text, "item", q.name,
                                 value_text(item.value), !q.read_only, false, false});

        // The handle: drag with mouse or finger (a finger elsewhere on the item scrolls the page).
        const std::string handle_id = card_id + ":handle";
        hit_area(c, handle_id, card_min, ImVec2(handle_w, l.handle_h), !q.read_only, false);
        const bool handle_pressed = ImGui::IsItemActivated();
        draw_grip(draw, ImVec2(x + handle_w / 2, tops[i] + l.handle_h / 2), 0.9f * c.em, ink);
        c.frame.rects.push_back({handle_id, card_min, ImVec2(card_min.x + handle_w, card_min.y + l.handle_h), item.text, "handle",
                                 q.name, value_text(item.value), !q.read_only, false, false});
        // With a mouse, the item's first row drags too (up to its buttons when they share the row).
        const bool buttons_below = l.up_pos.y >= l.handle_h;
        const float body_w = buttons_below ? width - handle_w : l.up_pos.x - handle_w - 4 * c.s;
        hit_area(c, card_id + ":body", ImVec2(x + handle_w, tops[i]), ImVec2(std::max(1.0f, body_w), l.handle_h), !q.read_only, false);
        const bool body_pressed = ImGui::IsItemActivated() && io.MouseSource == ImGuiMouseSource_Mouse;
        if ((handle_pressed || body_pressed) && !q.read_only) drag = {q.name, i, io.MousePos.y - tops[i], false, i};

        draw->AddText(bold, bold->FontSize, ImVec2(x + l.number_pos.x, tops[i] + l.number_pos.y), ink, position.c_str());
        draw->AddText(font, font->FontSize, ImVec2(x + l.label_pos.x, tops[i] + l.label_pos.y), ink, item.text.c_str(), nullptr,
                      l.label_w);
        if (action_button(c, card_id + ":up", up_text, up_text + ": " + item.text, ImVec2(x + l.up_pos.x, tops[i] + l.up_pos.y),
                          l.button_size, Look::Outline, !q.read_only && i > 0, true, q.name, value_text(item.value), false,
                          "button", Icon::Up)) {
            move_ranked(c, q, order, i, i - 1, io.NavVisible);
        }
        if (action_button(c, card_id + ":down", down_text, down_text + ": " + item.text,
                          ImVec2(x + l.down_pos.x, tops[i] + l.down_pos.y), l.button_size, Look::Outline,
                          !q.read_only && i + 1 < count, true, q.name, value_text(item.value), false, "button", Icon::Down)) {
            move_ranked(c, q, order, i, i + 1, io.NavVisible);
        }
    }

    // An item being dragged: follow the pointer, show where it would land, drop on release.
    if (dragging_here && drag.from >= 0 && drag.from < count) {
        if (io.MouseDown[0]) {
            if (!drag.moved && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 4.0f)) drag.moved = true;
            if (drag.moved) {
                const RankLayout& l = layouts[drag.from];
                const float h = heights[drag.from];
                const float top = io.MousePos.y - drag.grab_offset;
                const float middle = top + h / 2;
                // It lands at the last position whose middle it has passed.
                int target = 0;
                for (int i = 0; i < count; ++i) {
                    if (middle > tops[i] + heights[i] / 2) target = i;
                }
                drag.target = std::clamp(target, 0, count - 1);
                const float line_y = drag.target > drag.from ? tops[drag.target] + heights[drag.target] + 4 * c.s
                                                             : tops[drag.target] - 4 * c.s;
                ImDrawList* over = ImGui::GetForegroundDrawList();
                const ImVec2 float_min(x + 6 * c.s, top), float_max(x + width + 6 * c.s, top + h);
                over->AddRectFilled(ImVec2(float_min.x + 4 * c.s, float_min.y + 4 * c.s),
                                    ImVec2(float_max.x + 4 * c.s, float_max.y + 4 * c.s), IM_COL32(0, 0, 0, 60));
                over->AddRectFilled(float_min, float_max, t.card);
                over->AddRect(float_min, float_max, t.selected, 0, 0, 3 * c.s);
                draw_grip(over, ImVec2(float_min.x + handle_w / 2, top + l.handle_h / 2), 0.9f * c.em, t.text);
                over->AddText(bold, bold->FontSize, ImVec2(float_min.x + l.number_pos.x, top + l.number_pos.y), t.text,
                              std::to_string(drag.from + 1).c_str());
                over->AddText(font, font->FontSize, ImVec2(float_min.x + l.label_pos.x, top + l.label_pos.y), t.text,
                              order[drag.from].text.c_str(), nullptr, l.label_w);
                // Where it lands, drawn over the lifted item so it always shows.
                over->AddRectFilled(ImVec2(x, line_y - 3 * c.s), ImVec2(x + width, line_y + 3 * c.s), t.selected);
                // Near the window's edges the page scrolls along with the drag.
                const float window_top = ImGui::GetWindowPos().y, window_bottom = window_top + ImGui::GetWindowHeight();
                const bool near_top = io.MousePos.y < window_top + 2 * c.em;
                const bool near_bottom = io.MousePos.y > window_bottom - 2 * c.em;
                if (near_top) ImGui::SetScrollY(ImGui::GetScrollY() - 8 * c.s);
                if (near_bottom) ImGui::SetScrollY(ImGui::GetScrollY() + 8 * c.s);
                if (near_top || near_bottom) c.frame.frames_wanted = std::max(c.frame.frames_wanted, 2);  // keep scrolling while held there
            }
        } else {
            if (drag.moved && drag.target >= 0 && drag.target != drag.from) move_ranked(c, q, order, drag.from, drag.target, false);
            drag = {};
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(x, list_bottom));
    gap(0);
}

// --- 9. Matrix ----------------------------------------------------------------------------------

void draw_matrix_table(Ctx& c, const ElementView& q, float x, float width, float label_w, float column_w) {
    const Theme& t = c.theme;
    ImFont* font = c.frame.fonts.body;
    ImFont* bold = c.frame.fonts.body_bold;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float pad = 8 * c.s;
    const int columns = static_cast<int>(q.columns.size());
    float y = ImGui::GetCursorScreenPos().y;
    // Header: the column texts, centred over their radios.
    float header_h = 0;
    for (const ChoiceView& column : q.columns) header_h = std::max(header_h, text_height(bold, column.text, column_w - 2 * pad));
    for (int k = 0; k < columns; ++k) {
        // Each wrapped line centred over the column's radios, the last line on the header's baseline.
        const std::string& text = q.columns[k].text;
        const float cell_x = x + label_w + k * column_w;
        const float wrap = column_w - 2 * pad;
        std::vector<std::pair<const char*, const char*>> lines;
        for (const char* p = text.c_str(), *end = p + text.size(); p < end;) {
            const char* cut = bold->CalcWordWrapPositionA(1.0f, p, end, wrap);
            if (cut <= p) cut = p + 1;
            lines.emplace_back(p, cut);
            p = cut;
            while (p < end && *p == ' ') ++p;
        }
        float line_y = y + header_h - static_cast<float>(lines.size()) * bold->FontSize;
        for (const auto& [from, to] : lines) {
            const char* visible_end = to;
            while (visible_end > from && visible_end[-1] == ' ') --visible_end;
            const float w = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, from, visible_end).x;
            draw->AddText(bold, bold->FontSize, ImVec2(cell_x + (column_w - w) / 2, line_y), t.text, from, visible_end);
            line_y += bold->FontSize;
        }
    }
    y += header_h + pad;
    draw->AddLine(ImVec2(x, y), ImVec2(x + width, y), t.card_border, 2 * c.s);
    y += 2 * c.s;
    const ChoiceMetrics m = choice_metrics(c);
    for (int r = 0; r < static_cast<int>(q.rows.size()); ++r) {
        const ChoiceView& row = q.rows[r];
        const json chosen = survey::matrix_cell(q, row.value);
        const float label_h = text_height(font, row.text, label_w - 2 * pad);
        const float row_h = std::max(kMinTouchTargetPx + 2 * pad, label_h + 2 * pad);
        if (r % 2 == 1) draw->AddRectFilled(ImVec2(x, y), ImVec2(x + width, y + row_h), t.card);
        draw->AddText(font, font->FontSize, ImVec2(x + pad, y + (row_h - label_h) / 2), t.text, row.text.c_str(), nullptr,
                      label_w - 2 * pad);
        int selected_column = -1;
        for (int k = 0; k < columns; ++k) {
            if (!chosen.is_null() && survey::values_equal(chosen, q.columns[k].value)) selected_column = k;
        }
        int focused = -1;
        for (int k = 0; k < columns; ++k) {
            const std::string id = control_id(q, "row:" + std::to_string(r) + ":col:" + std::to_string(k));
            const ImVec2 cell_min(x + label_w + k * column_w, y);
            const bool selected = k == selected_column;
            const bool tab_stop = selected_column >= 0 ? selected : k == 0;
            const Interaction hit = hit_area(c, id, cell_min, ImVec2(column_w, row_h), !q.read_only, tab_stop);
            if (hit.nav_focused) focused = k;
            const ImVec2 centre(cell_min.x + column_w / 2, y + row_h / 2);
            const float radius = m.indicator / 2;
            const ImU32 edge = q.read_only ? t.disabled_text : t.input_border;
            draw->AddCircleFilled(centre, radius, t.input_fill, 48);
            draw->AddCircle(centre, radius - c.s, edge, 48, 2 * c.s);
            if (selected) draw->AddCircleFilled(centre, radius / 2, q.read_only ? t.disabled_text : t.mark, 32);
            const ImVec2 cell_max(cell_min.x + column_w, y + row_h);
            c.frame.rects.push_back({id, cell_min, cell_max, row.text + ": " + q.columns[k].text, "radio", q.name + ":" + std::to_string(r),
                                     value_text(q.columns[k].value), !q.read_only, selected, hit.focused});
            if (hit.focused) draw_focus_ring(ImVec2(centre.x - radius - 2, centre.y - radius - 2), ImVec2(centre.x + radius + 2, centre.y + radius + 2));
            if (hit.pressed && !selected) answer(c, q, survey::answer_matrix_row(q, row.value, q.columns[k].value));
        }
        // Left and right move along the row (each row is its own radio group); up and down go
        // to the row above or below, as in a table.
        const int moved = q.read_only ? -1 : group_arrow_move(ImGui::GetID(control_id(q, "row:" + std::to_string(r)).c_str()),
                                                              focused, columns, false, true);
        if (moved >= 0) {
            answer(c, q, survey::answer_matrix_row(q, row.value, q.columns[moved].value));
            request_focus(c, control_id(q, "row:" + std::to_string(r) + ":col:" + std::to_string(moved)));
            c.ui.focus_visible = true;
        }
        y += row_h;
    }
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    gap(0);
}

// On narrow screens each row becomes its own group of radio buttons, the row as its legend.
void draw_matrix_stacked(Ctx& c, const ElementView& q, float x, float width) {
    for (int r = 0; r < static_cast<int>(q.rows.size()); ++r) {
        const ChoiceView& row = q.rows[r];
        if (r > 0) gap(10 * c.s);
        ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
        draw_text_block(row.text, c.frame.fonts.body_bold, c.theme.text, width);
        gap(4 * c.s);
        const json chosen = survey::matrix_cell(q, row.value);
        int selected_column = -1;
        for (std::size_t k = 0; k < q.columns.size(); ++k) {
            if (!chosen.is_null() && survey::values_equal(chosen, q.columns[k].value)) selected_column = static_cast<int>(k);
        }
        int focused = -1;
        float y = ImGui::GetCursorScreenPos().y;
        for (int k = 0; k < static_cast<int>(q.columns.size()); ++k) {
            const float h = choice_height(c, q.columns[k].text, width);
            const bool selected = k == selected_column;
            const std::string id = control_id(q, "row:" + std::to_string(r) + ":col:" + std::to_string(k));
            const Interaction hit = choice_row(c, id, q.columns[k].text, false, selected, !q.read_only,
                                               selected_column >= 0 ? selected : k == 0, ImVec2(x, y), width, h,
                                               q.name + ":" + std::to_string(r), value_text(q.columns[k].value));
            c.frame.rects.back().label = row.text + ": " + q.columns[k].text;
            if (hit.nav_focused) focused = k;
            if (hit.pressed && !selected) answer(c, q, survey::answer_matrix_row(q, row.value, q.columns[k].value));
            y += h + 4 * c.s;
        }
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        const int moved = q.read_only ? -1 : group_arrow_move(ImGui::GetID(control_id(q, "row:" + std::to_string(r)).c_str()),
                                                              focused, static_cast<int>(q.columns.size()), true, true);
        if (moved >= 0) {
            answer(c, q, survey::answer_matrix_row(q, row.value, q.columns[moved].value));
            request_focus(c, control_id(q, "row:" + std::to_string(r) + ":col:" + std::to_string(moved)));
            c.ui.focus_visible = true;
        }
    }
    gap(0);
}

void draw_matrix(Ctx& c, const ElementView& q, float x, float width) {
    ImFont* bold = c.frame.fonts.body_bold;
    const float pad = 8 * c.s;
    // A table when every column fits its longest word and the row labels keep 8 em.
    float column_w = std::max(kMinTouchTargetPx + 2 * pad, 4 * c.em);
    for (const ChoiceView& column : q.columns) {
        std::string_view text = column.text;
        std::size_t start = 0;
        while (start < text.size()) {
            std::size_t end = text.find(' ', start);
            if (end == std::string_view::npos) end = text.size();
            column_w = std::max(column_w, text_width(bold, text.substr(start, end - start)) + 2 * pad);
            start = end + 1;
        }
    }
    const float n = static_cast<float>(q.columns.size());
    const float label_w = width - column_w * n;
    if (!c.narrow && label_w >= 8 * c.em && !q.columns.empty()) {
        // Wider columns, so headers keep to one line, while the row labels keep 12 em.
        float header_w = column_w;
        for (const ChoiceView& column : q.columns) header_w = std::max(header_w, std::min(9 * c.em, text_width(bold, column.text) + 2 * pad));
        const float roomy = std::max(column_w, std::min(header_w, (width - 12 * c.em) / n));
        draw_matrix_table(c, q, x, width, width - roomy * n, roomy);
    } else {
        draw_matrix_stacked(c, q, x, width);
    }
}

// --- 10. Html, expression and panel --------------------------------------------------------------

void draw_html(Ctx& c, const ElementView& q, float x, float width) {
    const std::vector<text::HtmlBlock> blocks = text::parse_html_subset(q.html);
    const float top = ImGui::GetCursorScreenPos().y;
    const Theme& t = c.theme;
    bool first = true;
    for (const text::HtmlBlock& block : blocks) {
        if (!first) gap(block.kind == text::HtmlBlockKind::Paragraph || block.kind == text::HtmlBlockKind::Heading ? 8 * c.s : 2 * c.s);
        first = false;
        ImFont* base = c.frame.fonts.body;
        ImFont* strong = c.frame.fonts.body_bold;
        if (block.kind == text::HtmlBlockKind::Heading) {
            // The page's own title is the largest text; survey headings sit below it.
            base = strong = block.level == 2 ? c.frame.fonts.title : c.frame.fonts.body_bold;
            if (block.level == 2) gap(4 * c.s);
        }
        float indent = 0;
        std::string marker;
        if (block.kind == text::HtmlBlockKind::BulletItem || block.kind == text::HtmlBlockKind::NumberedItem) {
            indent = 1.5f * c.em * static_cast<float>(block.level);
            marker = block.kind == text::HtmlBlockKind::BulletItem ? "\xE2\x80\xA2" : std::to_string(block.number) + ".";
        }
        const float y = ImGui::GetCursorScreenPos().y;
        if (!marker.empty()) {
            const float marker_w = text_width(base, marker);
            ImGui::GetWindowDrawList()->AddText(base, base->FontSize, ImVec2(x + indent - marker_w - 0.5f * c.em, y), t.text,
                                                marker.c_str());
        }
        std::vector<TextSpan> spans;
        for (const text::HtmlRun& run : block.runs) {
            TextSpan span;
            span.text = run.text;
            span.font = run.bold ? strong : base;
            span.colour = run.href.empty() ? t.text : t.link;
            span.underline = !run.href.empty() && !run.is_address;
            spans.push_back(span);
        }
        ImGui::SetCursorScreenPos(ImVec2(x + indent, y));
        draw_spans(spans, width - indent);
    }
    c.frame.rects.push_back({control_id(q, "html"), ImVec2(x, top), ImVec2(x + width, ImGui::GetCursorScreenPos().y),
                             text::html_plain_text(blocks), "text", q.name, "", true, false, false});
}

void draw_expression(Ctx& c, const ElementView& q, float x, float width) {
    const bool empty = q.display_value.empty();
    const std::string shown = empty ? question_text(c.locale, QuestionText::NoValue) : q.display_value;
    const float pad = 10 * c.s;
    const ImVec2 min(x, ImGui::GetCursorScreenPos().y);
    const float h = text_height(c.frame.fonts.body_bold, shown, width - 2 * pad - 5 * c.s) + 2 * pad;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, ImVec2(x + width, min.y + h), c.theme.card);
    draw->AddRectFilled(min, ImVec2(x + 5 * c.s, min.y + h), c.theme.card_border);
    ImGui::SetCursorScreenPos(ImVec2(x + 5 * c.s + pad, min.y + pad));
    draw_text_block(shown, empty ? c.frame.fonts.body : c.frame.fonts.body_bold, empty ? c.theme.secondary_text : c.theme.text,
                    width - 2 * pad - 5 * c.s);
    c.frame.rects.push_back({control_id(q, "value"), min, ImVec2(x + width, min.y + h), shown, "status", q.name,
                             value_text(q.value), true, false, false});
    ImGui::SetCursorScreenPos(ImVec2(x, min.y + h));
    gap(0);
}

// --- 11. draw_elements ---------------------------------------------------------------------------

void draw_element(Ctx& c, const ElementView& q, float x, float width) {
    const float y0 = ImGui::GetCursorScreenPos().y;
    const bool has_errors = !q.errors.empty();
    // GOV.UK's error style: a thick red bar beside the whole question, the message above the control.
    const float bar = has_errors ? 5 * c.s + 15 * c.s : 0;
    const float cx = x + bar, cw = width - bar;
    ImGui::SetCursorScreenPos(ImVec2(cx, y0));
    if (q.type == ElementType::Html) {
        draw_html(c, q, cx, cw);
    } else {
        draw_title(c, q, cw, c.frame.fonts.title);
        if (!q.description.empty()) {
            gap(2 * c.s);
            ImGui::SetCursorScreenPos(ImVec2(cx, ImGui::GetCursorScreenPos().y));
            draw_hint(c, q.description, cw);
        }
        const std::string limits = choice_limit_hint(c.locale, q);
        if (!limits.empty()) {
            ImGui::SetCursorScreenPos(ImVec2(cx, ImGui::GetCursorScreenPos().y));
            draw_text_block(limits, survey::at_selection_limit(q) ? c.frame.fonts.body_bold : c.frame.fonts.body,
                            c.theme.secondary_text, cw);
        }
        if (has_errors) {
            gap(2 * c.s);
            ImGui::SetCursorScreenPos(ImVec2(cx, ImGui::GetCursorScreenPos().y));
            draw_errors(c, q, cw);
        }
        gap(6 * c.s);
        ImGui::SetCursorScreenPos(ImVec2(cx, ImGui::GetCursorScreenPos().y));
        switch (q.type) {
        case ElementType::Radiogroup: case ElementType::Checkbox: draw_choices(c, q, cx, cw); break;
        case ElementType::Dropdown: draw_dropdown(c, q, cx, cw); break;
        case ElementType::Rating: draw_rating(c, q, cx, cw); break;
        case ElementType::Boolean: draw_boolean(c, q, cx, cw); break;
        case ElementType::Text: case ElementType::Comment: draw_text_question(c, q, cx, cw); break;
        case ElementType::Ranking: draw_ranking(c, q, cx, cw); break;
        case ElementType::Matrix: draw_matrix(c, q, cx, cw); break;
        case ElementType::Expression: draw_expression(c, q, cx, cw); break;
        case ElementType::Panel: case ElementType::Html: break;
        }
    }
    const float y1 = ImGui::GetCursorScreenPos().y;
    if (has_errors) ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(x, y0), ImVec2(x + 5 * c.s, y1), c.theme.error);
    c.frame.rects.push_back({control_id(q, "question"), ImVec2(x, y0), ImVec2(x + width, y1), q.title, "question", q.name,
                             std::string(survey::type_name(q.type)), !q.read_only, false, false});
}

}  // namespace

void draw_elements(FrameContext& frame, const std::vector<survey::ElementView>& elements, std::string_view locale,
                   float width, QuestionUiState& ui, std::vector<Intent>& intents) {
    const float em = kBodyFontPx * frame.text_scale;
    Ctx c{frame, frame.theme, locale, ui, intents, frame.text_scale, em, width < 30 * em};
    const float left = ImGui::GetCursorScreenPos().x;
    const float indent_step = 1.2f * em;
    // Every gap below is explicit: ImGui's own spacing after each item would add to it.
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0));
    // A dropdown whose question left the screen cannot stay open.
    if (!ui.dropdown.open.empty() &&
        std::none_of(elements.begin(), elements.end(), [&](const ElementView& e) { return e.name == ui.dropdown.open; })) {
        ui.dropdown = {};
    }
    for (std::size_t i = 0; i < elements.size(); ++i) {
        const ElementView& q = elements[i];
        const float indent = indent_step * static_cast<float>(q.depth);
        const float x = left + indent, w = width - indent;
        const float y0 = ImGui::GetCursorScreenPos().y;
        if (q.type == ElementType::Panel) {
            // A panel is a titled group (GOV.UK fieldset): its title, hint and error; its
            // questions follow, indented one step, with a bar beside them.
            ImGui::SetCursorScreenPos(ImVec2(x, y0));
            const bool has_errors = !q.errors.empty();
            const float bar = has_errors ? 20 * c.s : 0;
            ImGui::SetCursorScreenPos(ImVec2(x + bar, y0));
            draw_text_block(q.title, frame.fonts.title, frame.theme.text, w - bar);
            if (!q.description.empty()) {
                ImGui::SetCursorScreenPos(ImVec2(x + bar, ImGui::GetCursorScreenPos().y));
                draw_hint(c, q.description, w - bar);
            }
            if (has_errors) {
                ImGui::SetCursorScreenPos(ImVec2(x + bar, ImGui::GetCursorScreenPos().y));
                draw_errors(c, q, w - bar);
                ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(x, y0), ImVec2(x + 5 * c.s, ImGui::GetCursorScreenPos().y),
                                                          frame.theme.error);
            }
            frame.rects.push_back({control_id(q, "question"), ImVec2(x, y0), ImVec2(x + w, ImGui::GetCursorScreenPos().y), q.title,
                                   "panel", q.name, "panel", !q.read_only, false, false});
            gap(0.8f * em);
        } else {
            ImGui::SetCursorScreenPos(ImVec2(x, y0));
            draw_element(c, q, x, w);
        }
        // The bars of the panels this element sits in, joined to the next element when it is
        // in the same panel.
        const float y1 = ImGui::GetCursorScreenPos().y;
        const bool last = i + 1 == elements.size();
        const float after = last ? 0 : q.type == ElementType::Panel ? 0 : q.type == ElementType::Html ? 1.0f * em : 1.75f * em;
        const int next_depth = last ? 0 : elements[i + 1].depth;
        for (int d = 0; d < q.depth; ++d) {
            const float bar_x = left + indent_step * static_cast<float>(d) + 0.35f * em;
            const float bottom = d < next_depth ? y1 + after : y1;
            ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(bar_x, y0), ImVec2(bar_x + 4 * c.s, bottom), frame.theme.panel_bar);
        }
        ImGui::SetCursorScreenPos(ImVec2(left, y1));
        if (after > 0) gap(after);
    }
    ImGui::PopStyleVar();
    gap(0);
}

}  // namespace canvass::web
