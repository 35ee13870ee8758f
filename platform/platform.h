// The one platform seam: what the host (a browser, or a native process) provides to the app.
// CMake compiles exactly one implementation (platform/native or platform/web), so views and
// core never test for __EMSCRIPTEN__. Core itself does not call these: the app passes their
// results (the time, random bytes, paths) into core's pure functions.
//
// Sections:
//   1. Time, randomness, storage, announcements, clipboard, title
//   2. The page: its address and the person's display preferences
//   3. Fetching files that sit beside the app
//   4. Text input through a real text element (phone keyboards, IME, paste)
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/util/time.h"

namespace canvass::platform {

// --- 1. Time, randomness, storage, announcements, clipboard, title ---------------------------

TimePoint now();                                  // wall clock, UTC
std::array<std::uint8_t, 16> random_bytes_16();   // from a cryptographic source

// Where the app keeps its SQLite database. On the web this is inside the module's file system.
std::string data_directory();

// Text for screen readers (an aria-live region on the web; stderr natively, for debugging).
void announce(std::string_view text);

void set_clipboard_text(std::string_view text);
std::string clipboard_text();  // the last text pasted into or copied from the app

// The page's title (on the web, document.title; a no-op natively).
void set_document_title(std::string_view title);

// --- 2. The page ----------------------------------------------------------------------------

// The value of `name` in the page address's query ("?gallery=all-types" gives "all-types" for
// "gallery"), "" when absent. Natively: the environment variable CANVASS_<NAME> (upper-cased).
std::string url_parameter(std::string_view name);

// The person asked their system for more contrast (CSS prefers-contrast: more, or forced
// colours such as Windows high contrast). Natively: CANVASS_HIGH_CONTRAST=1.
bool prefers_more_contrast();

// --- 3. Fetching files beside the app -------------------------------------------------------

// Reads `url` (relative to the page, same origin: the page's CSP allows nothing else) and calls
// `done` later, on the main thread, with the text or an error saying what failed. Natively
// `url` is a path, read at once.
void fetch_text(std::string_view url, std::function<void(Result<std::string>)> done);

// --- 4. Text input --------------------------------------------------------------------------
// A canvas cannot open a phone's on-screen keyboard, receive an input method's composition or
// a paste: a real text element can. While a canvas text field is edited, the platform keeps an
// invisible text element (an <input> or <textarea>) over it, focused, holding the same text
// and selection. The element is the source of truth for typing: its edits come back through
// text_input_take_events(); the app draws the field and sends back caret moves it made itself
// (a click inside the field). Offsets are bytes into the UTF-8 text. Natively all of this is
// inert (the CLI and tests have no text elements).

enum class Keyboard { Text, Number, Email, Tel, Url, Search };

struct TextRect {
    float x = 0, y = 0, width = 0, height = 0;  // CSS pixels relative to the canvas
};

struct TextBinding {
    std::string field;             // the canvas control's id, e.g. "q:postcode:input"
    std::string label;             // the element's accessible name
    bool multiline = false;
    Keyboard keyboard = Keyboard::Text;
    int max_length = -1;           // UTF-16 units, as HTML's maxlength counts; -1: no limit
    bool forward_list_keys = false;  // Up, Down and Escape go to the app (a search field driving a list)
};

// Binds the element to `binding.field` with this text and selection, over `rect`, and focuses
// it. Binding another field re-uses the element.
void text_input_begin(const TextBinding& binding, std::string_view text, int selection_start, int selection_end,
                      TextRect rect);
void text_input_move(TextRect rect);
// The app changed the text or moved the caret: the element follows.
void text_input_set(std::string_view text, int selection_start, int selection_end);
// Editing ended: the element empties, lets go of focus, and focus returns to the canvas.
void text_input_end();

enum class TextKey { Tab, ShiftTab, Enter, Escape, Up, Down };

struct TextInputEvents {
    std::string field;       // the field the element is bound to ("" when none)
    bool edited = false;     // the element's text or selection changed (typing, IME, paste, its caret keys)
    std::string text;        // when edited: the element's text and selection
    int selection_start = 0, selection_end = 0;
    std::vector<TextKey> keys;  // keys the element passes on instead of handling them
    bool blurred = false;    // focus left the element without the app asking (Escape, the keyboard's Done, another window)
    bool tapped = false;     // a tap or click focused the element on a target (see text_input_set_targets)
};

// Everything since the last call. has_events() is cheap, for deciding whether to draw a frame.
TextInputEvents text_input_take_events();
bool text_input_has_events();

// Where text fields are on screen now. Phones open their keyboard only for a focus made inside
// the person's own tap, so the page focuses the element in the tap's event handler when the
// tap lands on one of these, before the app has even seen the tap.
struct TextTarget {
    TextBinding binding;
    TextRect rect;
    std::string text;  // the field's text now, so the element holds it from the tap on
};
void text_input_set_targets(const std::vector<TextTarget>& targets);

// True while the text element is taking the keyboard focus from the canvas: the canvas's blur
// then is not the app losing focus (which would make the UI drop the keys it holds).
bool text_input_taking_focus();

}  // namespace canvass::platform
