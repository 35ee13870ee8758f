// The one platform seam: what the host (a browser, or a native process) provides to the app.
// CMake compiles exactly one implementation (platform/native or platform/web), so views and
// core never test for __EMSCRIPTEN__. Core itself does not call these: the app passes their
// results (the time, random bytes, paths) into core's pure functions.
//
// Sections:
//   1. Time, randomness, storage, announcements, clipboard, title
//   2. Boot documents: the survey manifest and survey file fetched before start-up
//   3. Durable storage
//   4. The page: its address and the person's display preferences
//   5. Fetching files that sit beside the app
//   6. Text input through a real text element (phone keyboards, IME, paste)
//   7. Sending responses to the collector (the outbox, docs/outbox.md)
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/app/boot_documents.h"
#include "core/store/database.h"
#include "core/store/journal.h"
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

// The app draws only when something changes. The host calls `handler` when something arrives
// between frames that the app should look at, such as text typed into the text element
// (section 6). Natively nothing arrives that way.
void set_wake_handler(void (*handler)());

// --- 2. Boot documents: the survey manifest and survey file, fetched before start-up -------
// What the page fetched before the module started (docs/formats.md, "Survey manifest"): the
// link's ?survey= id, surveys/manifest.json and the survey file it names for that id, or a
// download error naming the file. Pass the result to canvass::load_boot_survey
// (core/app/survey_source.h).
//   web: what web/page/boot.js fetched (relative, same-origin URLs); the same on every call.
//   native: read on each call from the web folder in $CANVASS_SITE (default: the current folder), with the
//   id from $CANVASS_SURVEY (default: none, i.e. the manifest's default survey).
BootDocuments boot_documents();

// --- 3. Durable storage (docs/storage.md) ---------------------------------------------------
// On the web all of this is settled before main() runs: the page takes the one-tab lock, opens
// IndexedDB, checks it can write there, reads the last checkpoint (database_location()) and
// the journal written after it. Natively the SQLite file is itself durable.
enum class StorageState {
    Ready,        // changes are saved durably
    Unavailable,  // no durable storage (private mode, blocked, no IndexedDB or Web Locks): start no respondent
    Full,         // storage is full or nearly: stored responses can be read and exported, but start no respondent
    OtherTab,     // Canvass is open in another tab or window on this device: this one must not open the store
};

struct StorageInfo {
    StorageState state = StorageState::Unavailable;
    bool persisted = false;         // the browser will not evict the data under storage pressure
    std::int64_t usage_bytes = -1;  // this site's storage use and quota, as the browser estimates them; -1: unknown
    std::int64_t quota_bytes = -1;
    std::string detail;             // what was found, for staff (English)
};

// The current state: on the web a write that finds storage full changes it to Full, and
// `persisted`, usage and quota are refreshed as the browser answers.
StorageInfo storage_info();
// IndexedDB on the web; natively a writer that reports success at once (SQLite has synced).
JournalWriter& journal_writer();
// The journal records written after the restored checkpoint, oldest first, for
// DurableStore::open. Handed over once: later calls return nothing.
std::vector<std::string> pending_journal_records();
// The database to open. The web: memory, started from the last checkpoint's bytes (taken from the
// page on the first call; later calls start empty). Natively: the SQLite file in data_directory().
DatabaseLocation database_location();

// "ready", "unavailable", "full", "otherTab": as the automation view reports it.
inline std::string_view storage_state_name(StorageState state) {
    switch (state) {
        case StorageState::Ready: return "ready";
        case StorageState::Unavailable: return "unavailable";
        case StorageState::Full: return "full";
        case StorageState::OtherTab: return "otherTab";
    }
    return "unavailable";
}

// --- 4. The page ----------------------------------------------------------------------------

// The value of `name` in the page address's query ("?gallery=all-types" gives "all-types" for
// "gallery"), "" when absent. Natively: the environment variable CANVASS_<NAME> (upper-cased).
std::string url_parameter(std::string_view name);

// The person asked their system for more contrast (CSS prefers-contrast: more, or forced
// colours such as Windows high contrast). Natively: CANVASS_HIGH_CONTRAST=1.
bool prefers_more_contrast();

// The person wants the survey as a plain web page rather than drawn on the canvas: the page's
// address has ?view=html, or the system forces its own colours (CSS forced-colors: active).
// Natively false.
bool prefers_plain_page();

// The browser's own text-size setting, as a percentage of the usual 16 px (Chrome's "Font size",
// Firefox's default size): the size CSS calls "medium". Natively 100.
int browser_text_size_percent();

// Small settings the person chose (language, text size, contrast), kept on this device across
// visits: localStorage on the web (nothing when it is blocked), memory natively. Never answers.
std::string stored_preference(std::string_view key);
void store_preference(std::string_view key, std::string_view value);

// Opens a page of the web folder (the privacy notice) in a new tab, leaving the survey as it is.
void open_page(std::string_view relative_url);

// Offers `text` as a file download named `file_name` (a kiosk's staff export). A page cannot
// know whether the person saved it. Natively: written into data_directory().
void offer_download(std::string_view file_name, std::string_view text);
// Lets the person pick a file (staff re-opening an export) and calls `done` later, on the main
// thread, with its name and text, or an error naming the file. Nothing is called if they cancel.
// Files over `max_bytes` are refused unread. Natively: the file $CANVASS_CHOSEN_FILE, read at once.
struct ChosenFile {
    std::string name;
    std::string text;
};
void choose_file(std::size_t max_bytes, std::function<void(Result<ChosenFile>)> done);
// Files dragged onto the page (a Board member's results file, docs/dashboard.md): `on_drop` is
// called later, on the main thread, with the first dropped .json file's name and text, or an
// error naming it (not .json, over `max_bytes`, unreadable). An empty function stops accepting
// them. Either way a file dropped on the page never makes the browser leave it (and a
// respondent's answers with it). Natively nothing is ever dropped.
void accept_dropped_files(std::size_t max_bytes, std::function<void(Result<ChosenFile>)> on_drop);

// --- 5. Fetching files beside the app -------------------------------------------------------

// Reads `url` (relative to the page, same origin: the page's CSP allows nothing else) and calls
// `done` later, on the main thread, with the text or an error saying what failed. Natively
// `url` is a path, read at once.
void fetch_text(std::string_view url, std::function<void(Result<std::string>)> done);

// --- 6. Text input --------------------------------------------------------------------------
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

// --- 7. Sending responses to the collector (docs/outbox.md) ----------------------------------

struct HttpReply {
    int status = 0;    // the HTTP status; 0 when no answer came (offline, refused, timed out)
    std::string body;  // the answer's body; with status 0, what failed, in the browser's words
};

// A request with no answer after this long is given up (status 0): the outbox sends one at a
// time, so a connection that hangs must not hold the queue for ever.
inline constexpr int kPostTimeoutMs = 30'000;

// POSTs `body` as application/json to `url` (a path on this site, or an address on an origin the
// page's CSP connect-src allows), with no cookies or other credentials and no referrer, and
// calls `done` exactly once, later, on the main thread. Natively: an http:// address on this
// machine, posted with cpp-httplib before the call returns (tests); any other address answers
// status 0.
void post_json(std::string_view url, std::string_view body, std::function<void(HttpReply)> done);

// Whether the browser says it has a network (navigator.onLine); going on- or offline wakes the
// app (set_wake_handler), so it can send at once when the network is back. Natively true.
bool network_online();

}  // namespace canvass::platform
