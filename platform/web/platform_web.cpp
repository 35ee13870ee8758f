// Browser implementation of the platform seam. The JavaScript halves live in EM_JS blocks and
// in platform/web/text_input.js (an Emscripten JS library), so the page's CSP (no eval, no
// inline script) holds: Emscripten compiles them into canvass.js.
#include "platform/platform.h"

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <cstdlib>
#include <map>
#include <memory>

// platform/web/text_input.js
extern "C" {
void canvass_text_begin(const char* field, const char* label, int multiline, int keyboard, int max_length,
                        int forward_list_keys, const char* text, int start, int end, float x, float y, float width,
                        float height);
void canvass_text_move(float x, float y, float width, float height);
void canvass_text_set(const char* text, int start, int end);
void canvass_text_end();
int canvass_text_has_events();
char* canvass_text_take(int* info);
char* canvass_text_field();
void canvass_text_clear_targets();
void canvass_text_add_target(const char* field, const char* label, int multiline, int keyboard, int max_length,
                             int forward_list_keys, float x, float y, float width, float height, const char* text);
int canvass_text_taking_focus();
}

namespace canvass::platform {
namespace {

std::string clipboard;  // browsers only give the clipboard on a paste event; we keep the last one

// clang-format off
EM_JS(void, js_random_fill, (std::uint8_t* out, int count), {
    crypto.getRandomValues(HEAPU8.subarray(out, out + count));
});
EM_JS(void, js_announce, (const char* text), {
    const region = document.getElementById('canvass-announcer');
    if (region) { region.textContent = ""; region.textContent = UTF8ToString(text); }
});
EM_JS(void, js_write_clipboard, (const char* text), {
    if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(UTF8ToString(text)).catch(() => {});
    }
});
EM_JS(void, js_set_title, (const char* text), { document.title = UTF8ToString(text); });
// One field of what boot.js fetched (Module.canvassBoot), as a malloc'ed UTF-8 copy.
EM_JS(char*, js_boot_field, (const char* name), {
    const boot = Module.canvassBoot;
    let text = "";
    if (!boot) {
        if (UTF8ToString(name) === "error") text = "the page did not fetch the survey files before starting (boot.js did not run)";
    } else if (typeof boot[UTF8ToString(name)] === "string") {
        text = boot[UTF8ToString(name)];
    }
    const size = lengthBytesUTF8(text) + 1;
    const out = _malloc(size);
    stringToUTF8(text, out, size);
    return out;
});
// The export as a download: a Blob and a link with `download`, clicked once and let go.
EM_JS(void, js_offer_download, (const char* name, const char* text), {
    const blob = new Blob([UTF8ToString(text)], {type: "application/json"});
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = UTF8ToString(name);
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
});
// A file input, clicked (the staff member's tap is the user gesture it needs); its file is read
// whole and handed to canvass_file_chosen(ticket, name, text, error), each a malloc'ed string.
EM_JS(void, js_choose_file, (int ticket, double max_bytes), {
    const input = document.createElement("input");
    input.type = "file";
    input.accept = ".json,application/json";
    input.style.display = "none";
    const give = (name, text, error) => {
        const copy = (value) => {
            const size = lengthBytesUTF8(value) + 1;
            const pointer = _malloc(size);
            stringToUTF8(value, pointer, size);
            return pointer;
        };
        _canvass_file_chosen(ticket, copy(name), copy(text), copy(error));
    };
    input.addEventListener("change", () => {
        const file = input.files && input.files[0];
        input.remove();
        if (!file) return;
        if (file.size > max_bytes) {
            give(file.name, "", "the file is " + file.size + " bytes, more than Canvass can open here (" + max_bytes + " bytes)");
            return;
        }
        file.text().then((text) => give(file.name, text, ""), (e) => give(file.name, "", "the file could not be read (" + e + ")"));
    });
    input.addEventListener("cancel", () => input.remove());
    document.body.appendChild(input);
    input.click();
});
// The outbox's POST (platform.h, section 7): fetch with no credentials, cookies or referrer, and
// a time limit; the answer (or the failure, as status 0) comes back through canvass_post_done.
EM_JS(void, js_post_json, (int ticket, const char* url, const char* body, int timeout_ms), {
    const copy = (value) => {
        const size = lengthBytesUTF8(value) + 1;
        const pointer = _malloc(size);
        stringToUTF8(value, pointer, size);
        return pointer;
    };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeout_ms);
    fetch(UTF8ToString(url), {method: "POST", body: UTF8ToString(body), headers: {"Content-Type": "application/json"},
                              credentials: "omit", cache: "no-store", redirect: "error", referrerPolicy: "no-referrer",
                              signal: controller.signal})
        .then((reply) => reply.text().then((text) => [reply.status, text]))
        .catch((e) => [0, controller.signal.aborted ? "no answer within " + (timeout_ms / 1000) + " s" : String((e && e.message) || e)])
        .then(([status, text]) => {
            clearTimeout(timer);
            _canvass_post_done(ticket, status, copy(text));
        });
});
// Going on- or offline wakes the app (installed once).
EM_JS(void, js_watch_network, (), {
    const wake = () => _canvass_wake();
    addEventListener("online", wake);
    addEventListener("offline", wake);
});
EM_JS(int, js_network_online, (), { return navigator.onLine === false ? 0 : 1; });
// Files dropped on the page (platform.h, accept_dropped_files): installed once; `accepting` says
// whether a drop is wanted now. A dropped file is always kept from the browser, which would
// otherwise open it in place of the app. While a wanted file is dragged over the page,
// #canvass-drop-zone (shell.html) says where it can go.
EM_JS(void, js_accept_dropped_files, (int ticket, double max_bytes, int accepting), {
    const drop = Module.canvassDrop || (Module.canvassDrop = { installed: false });
    Object.assign(drop, { ticket, maxBytes: max_bytes, accepting: !!accepting });
    if (drop.installed) return;
    drop.installed = true;
    const zone = () => document.getElementById("canvass-drop-zone");
    const show = (on) => { const z = zone(); if (z) z.hidden = !on; };
    const carriesFiles = (event) => event.dataTransfer && Array.from(event.dataTransfer.types || []).includes("Files");
    const give = (name, text, error) => {
        const copy = (value) => {
            const size = lengthBytesUTF8(value) + 1;
            const pointer = _malloc(size);
            stringToUTF8(value, pointer, size);
            return pointer;
        };
        _canvass_file_chosen(drop.ticket, copy(name), copy(text), copy(error));
    };
    document.addEventListener("dragover", (event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = drop.accepting ? "copy" : "none";
        show(drop.accepting);
    });
    document.addEventListener("dragleave", (event) => { if (!event.relatedTarget) show(false); });
    document.addEventListener("drop", (event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        show(false);
        const file = event.dataTransfer.files && event.dataTransfer.files[0];
        if (!drop.accepting || !file) return;
        if (!file.name.toLowerCase().endsWith(".json")) {
            give(file.name, "", "only a results file (.json) can be opened here");
            return;
        }
        if (file.size > drop.maxBytes) {
            give(file.name, "", "the file is " + file.size + " bytes, more than Canvass can open here (" + drop.maxBytes + " bytes)");
            return;
        }
        file.text().then((text) => give(file.name, text, ""), (e) => give(file.name, "", "the file could not be read (" + e + ")"));
    });
});
// clang-format on

std::string boot_field(const char* name) {
    char* text = js_boot_field(name);
    std::string value(text);
    std::free(text);
    return value;
}

EM_JS(char*, js_url_parameter, (const char* name), {
    const value = new URLSearchParams(location.search).get(UTF8ToString(name));
    if (value === null) return 0;
    const size = lengthBytesUTF8(value) + 1;
    const pointer = _malloc(size);
    stringToUTF8(value, pointer, size);
    return pointer;
});
EM_JS(char*, js_stored_preference, (const char* key), {
    let value = null;
    try { value = localStorage.getItem("canvass." + UTF8ToString(key)); } catch (e) {}
    if (value === null) return 0;
    const size = lengthBytesUTF8(value) + 1;
    const pointer = _malloc(size);
    stringToUTF8(value, pointer, size);
    return pointer;
});
EM_JS(void, js_store_preference, (const char* key, const char* value), {
    try { localStorage.setItem("canvass." + UTF8ToString(key), UTF8ToString(value)); } catch (e) {}
});
EM_JS(void, js_open_page, (const char* url), {
    const target = new URL(UTF8ToString(url), location.href);
    if (target.origin === location.origin) window.open(target.href, "_blank", "noopener");
});
EM_JS(int, js_prefers_more_contrast, (), {
    const query = (q) => typeof matchMedia === 'function' && matchMedia(q).matches;
    return query('(prefers-contrast: more)') || query('(forced-colors: active)') ? 1 : 0;
});
EM_JS(int, js_prefers_plain_page, (), {
    const forced = typeof matchMedia === 'function' && matchMedia('(forced-colors: active)').matches;
    return forced || new URLSearchParams(location.search).get('view') === 'html' ? 1 : 0;
});
// "medium" is the browser's default size, whatever the page's own styles say.
EM_JS(int, js_root_font_size_percent, (), {
    const probe = document.createElement('div');
    Object.assign(probe.style, {position: 'absolute', visibility: 'hidden', fontSize: 'medium'});
    document.body.appendChild(probe);
    const px = parseFloat(getComputedStyle(probe).fontSize);
    probe.remove();
    return px > 0 ? Math.round(px / 16 * 100) : 100;
});
// clang-format on

std::string take_string(char* pointer) {
    if (!pointer) return {};
    std::string text(pointer);
    std::free(pointer);
    return text;
}

using FetchDone = std::function<void(Result<std::string>)>;

void on_fetched(void* arg, void* data, int size) {
    std::unique_ptr<FetchDone> done(static_cast<FetchDone*>(arg));
    (*done)(std::string(static_cast<const char*>(data), static_cast<std::size_t>(size)));
}

void on_fetch_failed(void* arg) {
    std::unique_ptr<FetchDone> done(static_cast<FetchDone*>(arg));
    (*done)(make_error("could not download the file (check the address and the connection)"));
}

}  // namespace

TimePoint now() { return TimePoint{static_cast<std::int64_t>(emscripten_date_now())}; }

std::array<std::uint8_t, 16> random_bytes_16() {
    std::array<std::uint8_t, 16> bytes{};
    js_random_fill(bytes.data(), static_cast<int>(bytes.size()));
    return bytes;
}

std::string data_directory() { return "/data"; }

void announce(std::string_view text) { js_announce(std::string(text).c_str()); }

void set_clipboard_text(std::string_view text) {
    clipboard = text;
    js_write_clipboard(clipboard.c_str());
}

std::string clipboard_text() { return clipboard; }

void set_document_title(std::string_view title) { js_set_title(std::string(title).c_str()); }

namespace {
void (*wake_handler)() = nullptr;
}
void set_wake_handler(void (*handler)()) { wake_handler = handler; }
void wake() {
    if (wake_handler) wake_handler();
}

BootDocuments boot_documents() {
    // The field names are boot.js's (web/page/boot.js, fetchBootDocuments).
    return BootDocuments{boot_field("requestedSurveyId"), boot_field("manifestFile"), boot_field("manifestText"),
                         boot_field("surveyFile"),        boot_field("surveyText"),   boot_field("error")};
}

std::string url_parameter(std::string_view name) { return take_string(js_url_parameter(std::string(name).c_str())); }

bool prefers_more_contrast() { return js_prefers_more_contrast() != 0; }

int browser_text_size_percent() { return js_root_font_size_percent(); }

bool prefers_plain_page() { return js_prefers_plain_page() != 0; }

std::string stored_preference(std::string_view key) { return take_string(js_stored_preference(std::string(key).c_str())); }

void store_preference(std::string_view key, std::string_view value) {
    js_store_preference(std::string(key).c_str(), std::string(value).c_str());
}

void open_page(std::string_view relative_url) { js_open_page(std::string(relative_url).c_str()); }

namespace {
std::map<int, std::function<void(Result<ChosenFile>)>> files_awaited;
int next_file_ticket = 0;
}  // namespace

void offer_download(std::string_view file_name, std::string_view text) {
    js_offer_download(std::string(file_name).c_str(), std::string(text).c_str());
}

void choose_file(std::size_t max_bytes, std::function<void(Result<ChosenFile>)> done) {
    const int ticket = ++next_file_ticket;
    files_awaited[ticket] = std::move(done);
    js_choose_file(ticket, static_cast<double>(max_bytes));
}

namespace {
constexpr int kDropTicket = 0;  // choose_file's tickets count from 1
std::function<void(Result<ChosenFile>)> drop_handler;
}  // namespace

void accept_dropped_files(std::size_t max_bytes, std::function<void(Result<ChosenFile>)> on_drop) {
    drop_handler = std::move(on_drop);
    js_accept_dropped_files(kDropTicket, static_cast<double>(max_bytes), drop_handler ? 1 : 0);
}

// The file input's answer (js_choose_file), or a dropped file's: its strings were malloc'ed for us.
void file_chosen(int ticket, char* name, char* text, char* error) {
    const std::string file_name = take_string(name), file_text = take_string(text), problem = take_string(error);
    if (ticket == kDropTicket) {
        if (!drop_handler) return;
        if (problem.empty()) drop_handler(ChosenFile{file_name, file_text});
        else drop_handler(make_error(problem, file_name));
        wake();
        return;
    }
    const auto waiting = files_awaited.find(ticket);
    if (waiting == files_awaited.end()) return;
    auto done = std::move(waiting->second);
    files_awaited.erase(waiting);
    if (problem.empty()) done(ChosenFile{file_name, file_text});
    else done(make_error(problem, file_name));
    wake();
}

namespace {
std::map<int, std::function<void(HttpReply)>> posts_awaited;
int next_post_ticket = 0;
}  // namespace

void post_json(std::string_view url, std::string_view body, std::function<void(HttpReply)> done) {
    const int ticket = ++next_post_ticket;
    posts_awaited[ticket] = std::move(done);
    js_post_json(ticket, std::string(url).c_str(), std::string(body).c_str(), kPostTimeoutMs);
}

// js_post_json's answer: its text was malloc'ed for us.
void post_done(int ticket, int status, char* text) {
    const std::string body = take_string(text);
    const auto waiting = posts_awaited.find(ticket);
    if (waiting == posts_awaited.end()) return;
    auto done = std::move(waiting->second);
    posts_awaited.erase(waiting);
    done(HttpReply{status, body});
    wake();
}

bool network_online() {
    static const bool watching = (js_watch_network(), true);
    (void)watching;
    return js_network_online() != 0;
}

void fetch_text(std::string_view url, std::function<void(Result<std::string>)> done) {
    auto* pending = new FetchDone(std::move(done));
    emscripten_async_wget_data(std::string(url).c_str(), pending, on_fetched, on_fetch_failed);
}

void text_input_begin(const TextBinding& binding, std::string_view text, int selection_start, int selection_end,
                      TextRect rect) {
    const std::string copy(text);
    canvass_text_begin(binding.field.c_str(), binding.label.c_str(), binding.multiline, static_cast<int>(binding.keyboard),
                       binding.max_length, binding.forward_list_keys, copy.c_str(), selection_start, selection_end,
                       rect.x, rect.y, rect.width, rect.height);
}

void text_input_move(TextRect rect) { canvass_text_move(rect.x, rect.y, rect.width, rect.height); }

void text_input_set(std::string_view text, int selection_start, int selection_end) {
    const std::string copy(text);
    canvass_text_set(copy.c_str(), selection_start, selection_end);
}

void text_input_end() { canvass_text_end(); }

bool text_input_has_events() { return canvass_text_has_events() != 0; }

TextInputEvents text_input_take_events() {
    TextInputEvents events;
    int info[40] = {};
    char* text = canvass_text_take(info);
    events.edited = info[0] != 0;
    events.selection_start = info[1];
    events.selection_end = info[2];
    events.blurred = info[3] != 0;
    events.tapped = info[4] != 0;
    for (int i = 0; i < info[5] && i < 34; ++i) events.keys.push_back(static_cast<TextKey>(info[6 + i]));
    events.text = take_string(text);
    events.field = take_string(canvass_text_field());
    return events;
}

bool text_input_taking_focus() { return canvass_text_taking_focus() != 0; }

void text_input_set_targets(const std::vector<TextTarget>& targets) {
    canvass_text_clear_targets();
    for (const TextTarget& target : targets) {
        const TextBinding& b = target.binding;
        canvass_text_add_target(b.field.c_str(), b.label.c_str(), b.multiline, static_cast<int>(b.keyboard), b.max_length,
                                b.forward_list_keys, target.rect.x, target.rect.y, target.rect.width, target.rect.height,
                                target.text.c_str());
    }
}

}  // namespace canvass::platform

extern "C" {

// platform/web/text_input.js calls this when its element has events for the app.
EMSCRIPTEN_KEEPALIVE void canvass_wake() { canvass::platform::wake(); }
EMSCRIPTEN_KEEPALIVE void canvass_file_chosen(int ticket, char* name, char* text, char* error) {
    canvass::platform::file_chosen(ticket, name, text, error);
}
EMSCRIPTEN_KEEPALIVE void canvass_post_done(int ticket, int status, char* text) {
    canvass::platform::post_done(ticket, status, text);
}

}
