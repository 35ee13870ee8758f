// Canvas widgets built on Dear ImGui, sized for touch and drawn with a visible focus ring.
// Every control records where it was drawn and what it is, so the automation API (and, later,
// the DOM accessibility layer) can say where each control is and what it does.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/app/view_model.h"
#include "imgui.h"
#include "web/fonts.h"
#include "web/theme.h"

namespace canvass::web {

struct TextEditSession;  // web/text_field.h

struct ControlRect {
    std::string id;
    ImVec2 min;  // CSS pixels, relative to the canvas's top-left corner
    ImVec2 max;
    // What the control is (the welcome screen's controls take these from their view-model
    // instead). kind: button, toggle, radio, checkbox, option, combobox, text, textarea,
    // search, handle.
    std::string label;
    std::string kind;
    std::string group;   // the question (or group of controls) it belongs to
    std::string value;   // what choosing it means, as JSON text for question choices
    bool enabled = true;
    bool selected = false;
    bool focused = false;  // has the keyboard focus (ImGui's nav focus)
};

struct FrameContext {
    const Theme& theme;
    const Fonts& fonts;
    float text_scale;
    std::vector<ControlRect>& rects;
    TextEditSession* text = nullptr;  // set by hosts that draw text fields (web/text_field.h)
    // Frames the view still needs after this one with no new input (a scroll that lands a frame
    // later); the host draws at least that many more.
    int frames_wanted = 0;
    // A control id to give ImGui's keyboard focus to when it is drawn (the screen's UI state owns
    // it), and whether to show the ring there: keyboard moves, and focus in the DOM layer.
    std::string* focus_request = nullptr;
    bool* focus_visible = nullptr;
};

enum class ButtonStyle { Primary, Secondary, Selected };
enum class ButtonSize { Normal, Large };  // Large: a kiosk's "Tap to start", in heading type, twice as tall

// Draws a button for the control; true when it was activated (click, tap, Enter or Space).
bool draw_button(FrameContext& frame, const ControlView& control, ButtonStyle style, float width,
                 ButtonSize size = ButtonSize::Normal);

// A link as GOV.UK draws one: bold, underlined text in `colour`, wrapping within `width`, with a
// hit area as wide as the text and at least a touch target high. True when it was activated.
bool draw_link(FrameContext& frame, const ControlView& control, ImU32 colour, float width);

// Word-wrapped text in the given font and colour, wrapping at the column's right edge.
void draw_wrapped_text(const std::string& text, ImFont* font, ImU32 colour);
// The same, wrapping at `width` from the cursor, without ImGui's wrap-position stack.
void draw_text_block(std::string_view text, ImFont* font, ImU32 colour, float width);

// Gives ImGui's keyboard focus to the item just drawn when `request` names it (then clears the
// request), scrolling it into view; the ring shows when `visible`.
void take_requested_focus(std::string& request, bool visible, std::string_view id);
// The same, with the request the frame carries.
void take_requested_focus(FrameContext& frame, std::string_view id);

// The two-colour focus ring (yellow halo, dark ring) around [min, max], drawn when the last
// item has the keyboard focus and the person is using the keyboard.
bool item_has_visible_focus();

// True when the finger that was just lifted had moved: it scrolled the page, so the control it
// lifted from (which scrolled along under it) was not tapped.
bool touch_was_scroll();
void draw_focus_ring(const ImVec2& min, const ImVec2& max);

// Inline text with mixed fonts and link underlines, word-wrapped at `width` from the cursor.
struct TextSpan {
    std::string_view text;
    ImFont* font = nullptr;
    ImU32 colour = 0;
    bool underline = false;
};
void draw_spans(const std::vector<TextSpan>& spans, float width);

}  // namespace canvass::web
