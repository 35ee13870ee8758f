// Browser implementation of the platform seam. The JavaScript halves live in EM_JS blocks so
// the page's CSP (no eval) holds: Emscripten compiles them into canvass.js.
#include "platform/platform.h"

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <cstdlib>

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
// clang-format on

std::string boot_field(const char* name) {
    char* text = js_boot_field(name);
    std::string value(text);
    std::free(text);
    return value;
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

BootDocuments boot_documents() {
    // The field names are boot.js's (web/page/boot.js, fetchBootDocuments).
    return BootDocuments{boot_field("requestedSurveyId"), boot_field("manifestFile"), boot_field("manifestText"),
                         boot_field("surveyFile"),        boot_field("surveyText"),   boot_field("error")};
}

}  // namespace canvass::platform
