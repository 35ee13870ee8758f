// The one platform seam: what the host (a browser, or a native process) provides to the app.
// CMake compiles exactly one implementation (platform/native or platform/web), so views and
// core never test for __EMSCRIPTEN__. Core itself does not call these: the app passes their
// results (the time, random bytes, paths) into core's pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/app/boot_documents.h"
#include "core/store/journal.h"
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

// --- Durable storage (docs/storage.md) ------------------------------------------------------
// On the web all of this is settled before main() runs: the page takes the one-tab lock, opens
// IndexedDB, checks it can write there, restores the last checkpoint to database_path() and
// reads the journal written after it. Natively the SQLite file is itself durable.
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
// Where the restored SQLite file is (the web: in the module's memory file system).
std::string database_path();

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

}  // namespace canvass::platform
