// The one platform seam: what the host (a browser, or a native process) provides to the app.
// CMake compiles exactly one implementation (platform/native or platform/web), so views and
// core never test for __EMSCRIPTEN__. Core itself does not call these: the app passes their
// results (the time, random bytes, paths) into core's pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/app/boot_documents.h"
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

// --- Boot documents: the survey manifest and survey file, fetched before start-up ----------
// What the page fetched before the module started (docs/formats.md, "Survey manifest"): the
// link's ?survey= id, surveys/manifest.json and the survey file it names for that id, or a
// download error naming the file. Pass the result to canvass::load_boot_survey
// (core/app/survey_source.h).
//   web: what web/page/boot.js fetched (relative, same-origin URLs); the same on every call.
//   native: read on each call from the web folder in $CANVASS_SITE (default: the current folder), with the
//   id from $CANVASS_SURVEY (default: none, i.e. the manifest's default survey).
BootDocuments boot_documents();

}  // namespace canvass::platform
