// Text fields on the canvas, bridged to the platform's real text element (platform.h section 4)
// so phones open their keyboard and input methods, paste and non-ASCII letters work. ImGui's
// InputText draws the field and keeps its caret; while it is being edited, the element holds the
// same text and selection and is the source of truth for typing; caret moves made on the canvas
// (a click in the field) are sent back to it.
//
// The host (WebApp) owns one TextEditSession and calls begin_text_input_frame before
// ImGui::NewFrame and end_text_input_frame after drawing; views reach it through
// FrameContext::text. Without a session, fields still draw and take canvas keyboard input.
#pragma once

#include <string>
#include <vector>

#include "imgui.h"
#include "platform/platform.h"
#include "web/widgets.h"

namespace canvass::web {

struct TextEditSession {
    ImGuiID bound = 0;                 // the field the element is bound to (0: none)
    std::string field;                 // its control id
    std::string synced_text;           // what the element holds, as far as the app knows
    int synced_start = 0, synced_end = 0;
    platform::TextInputEvents events;  // what the element reported since the last frame
    bool active_this_frame = false;    // some field was being edited in the frame just drawn
    ImGuiID touch_pressed = 0;         // a field a finger is pressing: bound only if the finger lifts without a drag
    float display_height = 0;          // to bring the edited field back into view when a phone keyboard resizes the page
    std::vector<platform::TextTarget> targets, published;
};

// Before ImGui::NewFrame(): takes the element's events and passes its keys (Tab, Shift+Tab,
// Enter, and for list fields Escape/Up/Down) to ImGui.
void begin_text_input_frame(TextEditSession& session);
// After drawing: lets go of the element when nothing is being edited, and tells the page where
// the fields are (so a tap can open the keyboard at once).
void end_text_input_frame(TextEditSession& session);

struct TextFieldOptions {
    std::string id;           // control id (docs/automation.md); also the ImGui id
    std::string label;        // accessible name: the question's title
    std::string group;        // the question's name
    std::string placeholder;
    bool multiline = false;
    platform::Keyboard keyboard = platform::Keyboard::Text;
    int max_length = -1;      // UTF-16 units, as SurveyJS and HTML count
    bool list_keys = false;   // a search field: Up/Down/Escape/Enter drive a list instead
    bool read_only = false;
    bool request_focus = false;  // take the keyboard focus and start editing this frame
    float width = 0;
    float height = 0;         // multi-line only
};

// Draws the field at the cursor; true when the text changed (`text` holds the new text).
bool draw_text_field(FrameContext& frame, std::string& text, const TextFieldOptions& options);

// True while the field with this control id is being edited.
bool text_field_active(const std::string& id);

}  // namespace canvass::web
