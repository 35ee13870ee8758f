// The one platform seam: what the host (a browser, or a native process) provides to the app.
// CMake compiles exactly one implementation (platform/native or platform/web), so views and
// core never test for __EMSCRIPTEN__. Core itself does not call these: the app passes their
// results (the time, random bytes, paths) into core's pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/util/time.h"

namespace canvass::platform {

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

}  // namespace canvass::platform
