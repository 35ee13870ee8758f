// Text fields and their bridge to the platform's text element.
//
// Sections:
//   1. Frame hooks (the host calls these)
//   2. Keeping the element and ImGui's field in step (the InputText callback)
//   3. Drawing a field
#include "web/text_field.h"

#include <algorithm>
#include <cmath>

#include "core/text/unicode.h"
#include "imgui_internal.h"
#include "imgui_stdlib.h"

namespace canvass::web {
namespace {

platform::TextRect to_text_rect(const ImVec2& min, const ImVec2& max) {
    return {min.x, min.y, max.x - min.x, max.y - min.y};
}

bool same_target(const platform::TextTarget& a, const platform::TextTarget& b) {
    return a.binding.field == b.binding.field && a.binding.multiline == b.binding.multiline &&
           a.binding.keyboard == b.binding.keyboard && a.binding.max_length == b.binding.max_length &&
           a.binding.label == b.binding.label && a.text == b.text && std::fabs(a.rect.x - b.rect.x) < 0.5f &&
           std::fabs(a.rect.y - b.rect.y) < 0.5f && std::fabs(a.rect.width - b.rect.width) < 0.5f &&
           std::fabs(a.rect.height - b.rect.height) < 0.5f;
}

void press_key(ImGuiIO& io, ImGuiKey key, bool shift) {
    if (shift) io.AddKeyEvent(ImGuiMod_Shift, true);
    io.AddKeyEvent(key, true);
    io.AddKeyEvent(key, false);  // ImGui takes one event per key per frame: the release lands next frame
    if (shift) io.AddKeyEvent(ImGuiMod_Shift, false);
}

}  // namespace

// --- 1. Frame hooks -------------------------------------------------------------------------

void begin_text_input_frame(TextEditSession& session) {
    session.events = platform::text_input_take_events();
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigInputTextCursorBlink = false;  // frames are drawn only on input: a blinking caret would freeze half-way
    for (platform::TextKey key : session.events.keys) {
        switch (key) {
        case platform::TextKey::Tab: press_key(io, ImGuiKey_Tab, false); break;
        case platform::TextKey::ShiftTab: press_key(io, ImGuiKey_Tab, true); break;
        case platform::TextKey::Enter: press_key(io, ImGuiKey_Enter, false); break;
        case platform::TextKey::Escape: press_key(io, ImGuiKey_Escape, false); break;
        case platform::TextKey::Up: press_key(io, ImGuiKey_UpArrow, false); break;
        case platform::TextKey::Down: press_key(io, ImGuiKey_DownArrow, false); break;
        }
    }
    session.active_this_frame = false;
    session.targets.clear();
}

void end_text_input_frame(TextEditSession& session) {
    const bool element_in_use = session.bound != 0 || session.events.tapped || !session.events.field.empty();
    if (!session.active_this_frame && element_in_use) {
        platform::text_input_end();
        session.bound = 0;
        session.field.clear();
    }
    const bool changed = session.targets.size() != session.published.size() ||
                         !std::equal(session.targets.begin(), session.targets.end(), session.published.begin(), same_target);
    if (changed) {
        platform::text_input_set_targets(session.targets);
        session.published = session.targets;
    }
    session.display_height = ImGui::GetIO().DisplaySize.y;
}

namespace {

// The ImGui id of the field drawn for control `id` ("##field" inside the control's id scope).
ImGuiID field_imgui_id(const std::string& id) {
    ImGui::PushID(id.c_str());
    const ImGuiID field = ImGui::GetID("##field");
    ImGui::PopID();
    return field;
}

}  // namespace

bool text_field_active(const std::string& id) {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    return g.ActiveId != 0 && g.ActiveId == field_imgui_id(id);
}

// --- 2. Keeping the element and the field in step -------------------------------------------

namespace {

struct CallbackContext {
    TextEditSession* session;
    const TextFieldOptions* options;
    ImGuiID id;
    platform::TextRect rect;
    bool defer_binding;  // a finger is still down on the field: it may be a scroll, not a tap
};

platform::TextBinding binding_for(const TextFieldOptions& options) {
    return {options.id, options.label, options.multiline, options.keyboard, options.max_length, options.list_keys};
}

// Clamps a byte offset to the text and back onto a character boundary.
int clamp_offset(std::string_view text, int offset) {
    std::size_t at = static_cast<std::size_t>(std::clamp(offset, 0, static_cast<int>(text.size())));
    while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
    return static_cast<int>(at);
}

int sync_with_element(ImGuiInputTextCallbackData* data) {
    auto& context = *static_cast<CallbackContext*>(data->UserData);
    if (!context.session) return 0;
    TextEditSession& session = *context.session;
    const std::string_view buffer(data->Buf, static_cast<std::size_t>(data->BufTextLen));
    const int start = std::min(data->SelectionStart, data->SelectionEnd);
    const int end = std::max(data->SelectionStart, data->SelectionEnd);
    platform::TextInputEvents& events = session.events;
    const bool typed_before_binding = events.edited && events.field == context.options->id;
    if (session.bound != context.id || session.field != context.options->id) {
        if (context.defer_binding || context.options->read_only) return 0;
        session.bound = context.id;
        session.field = context.options->id;
        if (!typed_before_binding) {
            platform::text_input_begin(binding_for(*context.options), buffer, start, end, context.rect);
            session.synced_text.assign(buffer);
            session.synced_start = start;
            session.synced_end = end;
            return 0;
        }
        // A tap focused the element and the person typed before this frame: take their text.
        platform::text_input_begin(binding_for(*context.options), events.text, events.selection_start, events.selection_end,
                                   context.rect);
    }
    if (events.edited && events.field == session.field) {
        // The element changed (typing, an input method, paste, its own caret keys): it wins.
        events.edited = false;
        if (buffer != events.text) {
            data->DeleteChars(0, data->BufTextLen);
            data->InsertChars(0, events.text.data(), events.text.data() + events.text.size());
        }
        const std::string_view now(data->Buf, static_cast<std::size_t>(data->BufTextLen));
        data->SelectionStart = clamp_offset(now, events.selection_start);
        data->SelectionEnd = clamp_offset(now, events.selection_end);
        data->CursorPos = data->SelectionEnd;
        session.synced_text.assign(now);
        session.synced_start = data->SelectionStart;
        session.synced_end = data->SelectionEnd;
        return 0;
    }
    if (buffer != session.synced_text || start != session.synced_start || end != session.synced_end) {
        // The canvas moved the caret (a click or drag in the field) or changed the text: follow it.
        platform::text_input_set(buffer, start, end);
        session.synced_text.assign(buffer);
        session.synced_start = start;
        session.synced_end = end;
    }
    return 0;
}

}  // namespace

// --- 3. Drawing a field ---------------------------------------------------------------------

bool draw_text_field(FrameContext& frame, std::string& text, const TextFieldOptions& options) {
    const Theme& theme = frame.theme;
    ImGuiIO& io = ImGui::GetIO();
    TextEditSession* session = frame.text;
    const ImGuiID id = field_imgui_id(options.id);
    const float single_height = ImGui::GetFontSize() + 2 * ImGui::GetStyle().FramePadding.y;
    const float height = options.multiline ? std::max(options.height, single_height) : single_height;
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 max(min.x + options.width, min.y + height);

    if (session && session->events.blurred && session->bound == id && ImGui::GetActiveID() == id) {
        // Focus left the element (Escape, the phone keyboard's Done, another window): stop
        // editing but keep the text, and keep the keyboard focus on the field.
        ImGui::ClearActiveID();
        session->bound = 0;
        session->field.clear();
    }
    if (options.request_focus) ImGui::SetKeyboardFocusHere();

    CallbackContext context{session, &options, id, to_text_rect(min, max),
                            io.MouseSource == ImGuiMouseSource_TouchScreen && io.MouseDown[0]};
    ImGuiInputTextFlags flags = ImGuiInputTextFlags_CallbackAlways;
    if (options.list_keys && !options.multiline) flags |= ImGuiInputTextFlags_CallbackHistory;  // Up/Down stay with the field
    if (options.read_only) flags |= ImGuiInputTextFlags_ReadOnly;
    // A read-only field looks filled in for you: grey, with a quieter border.
    ImGui::PushStyleColor(ImGuiCol_Text, theme.text);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, options.read_only ? theme.card : theme.input_fill);
    ImGui::PushStyleColor(ImGuiCol_Border, options.read_only ? theme.card_border : theme.input_border);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 2.0f);
    ImGui::PushID(options.id.c_str());
    bool changed = false;
    if (options.multiline) {
        changed = ImGui::InputTextMultiline("##field", &text, ImVec2(options.width, height), flags, sync_with_element, &context);
    } else {
        ImGui::SetNextItemWidth(options.width);
        changed = ImGui::InputTextWithHint("##field", options.placeholder.c_str(), &text, flags, sync_with_element, &context);
    }
    ImGui::PopID();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(3);
    const ImGuiID item_id = id;
    const bool active = ImGui::IsItemActive();
    const bool focused = item_has_visible_focus() || active;

    if (options.multiline && text.empty() && !active && !options.placeholder.empty()) {
        const ImVec2 padding = ImGui::GetStyle().FramePadding;
        ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(min.x + padding.x, min.y + padding.y),
                                            theme.secondary_text, options.placeholder.c_str(), nullptr,
                                            options.width - 2 * padding.x);
    }
    if (session) {
        // A finger pressing the field activates it at once; a drag means it was a scroll after all.
        if (ImGui::IsItemActivated() && io.MouseSource == ImGuiMouseSource_TouchScreen) session->touch_pressed = item_id;
        if (session->touch_pressed == item_id) {
            if (active && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 8.0f)) {
                ImGui::ClearActiveID();
                session->touch_pressed = 0;
            } else if (!io.MouseDown[0]) {
                session->touch_pressed = 0;
            }
        }
        if (ImGui::IsItemActive()) {
            session->active_this_frame = true;
            if (session->bound == id) platform::text_input_move(to_text_rect(min, max));
            // A phone keyboard that resizes the page can hide the field: bring it back into view.
            if (session->display_height != io.DisplaySize.y) ImGui::ScrollToItem(ImGuiScrollFlags_KeepVisibleEdgeY);
        }
        if (!options.read_only) session->targets.push_back({binding_for(options), to_text_rect(min, max), text});
    }
    frame.rects.push_back({options.id, min, max, options.label, options.multiline ? "textarea" : options.list_keys ? "search" : "text",
                           options.group, text, !options.read_only, false, focused});
    // A thicker border while editing, as GOV.UK's focused fields (the ring is drawn around it).
    if (active) ImGui::GetWindowDrawList()->AddRect(min, max, theme.input_border, 0, 0, 4.0f);
    if (focused) draw_focus_ring(min, max);
    return changed && !options.read_only;
}

}  // namespace canvass::web
