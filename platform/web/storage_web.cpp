// The storage part of the browser's platform seam: C++ ends of platform/web/storage.pre.js,
// which did the start-up work (lock, probe, restore) before main() ran. Writes are asynchronous:
// each request gets an id, and the script calls canvass_storage_done(id, ...) when IndexedDB has
// completed or refused it. EM_JS and an exported function, so no eval is needed under the CSP.
#include <emscripten/emscripten.h>

#include <map>
#include <utility>

#include "platform/platform.h"

namespace canvass::platform {
namespace {

// clang-format off
EM_JS(int, js_storage_state, (), {
    const codes = { ready: 0, unavailable: 1, full: 2, otherTab: 3 };
    const state = Module['canvassStorage'].state;
    return state in codes ? codes[state] : 1;
});
EM_JS(int, js_storage_persisted, (), { return Module['canvassStorage'].persisted ? 1 : 0; });
EM_JS(double, js_storage_usage, (), { return Module['canvassStorage'].usage; });
EM_JS(double, js_storage_quota, (), { return Module['canvassStorage'].quota; });
// Copies text `which` (0: detail, 2 + i: pending record i) into `buffer` when it fits, and
// returns its length in UTF-8 bytes either way (-1: no such text).
EM_JS(int, js_storage_text, (int which, char* buffer, int capacity), {
    const storage = Module['canvassStorage'];
    const text = which === 0 ? storage.detail : storage.pending[which - 2];
    if (typeof text !== 'string') return -1;
    const length = lengthBytesUTF8(text);
    if (length < capacity) stringToUTF8(text, buffer, capacity);
    return length;
});
EM_JS(int, js_storage_pending_count, (), { return Module['canvassStorage'].pending.length; });
EM_JS(void, js_storage_release_pending, (), { Module['canvassStorage'].takePending(); });
EM_JS(void, js_storage_append, (const char* record, int id), {
    Module['canvassStorage'].append(UTF8ToString(record), id);
});
// The restored checkpoint's size, and a copy of it into `buffer`, after which the page lets it go.
EM_JS(double, js_storage_restored_size, (), {
    const bytes = Module['canvassStorage'].restored;
    return bytes ? bytes.length : 0;
});
EM_JS(void, js_storage_take_restored, (char* buffer), {
    const storage = Module['canvassStorage'];
    if (storage.restored) HEAPU8.set(storage.restored, buffer);
    storage.restored = null;
});
EM_JS(void, js_storage_checkpoint, (const char* image, int size, int id), {
    Module['canvassStorage'].checkpoint(HEAPU8.slice(image, image + size), id);
});
// clang-format on

std::string storage_text(int which) {
    std::string text(256, '\0');
    int length = js_storage_text(which, text.data(), static_cast<int>(text.size()));
    if (length < 0) return {};
    if (static_cast<std::size_t>(length) >= text.size()) {
        text.assign(static_cast<std::size_t>(length) + 1, '\0');
        length = js_storage_text(which, text.data(), static_cast<int>(text.size()));
    }
    text.resize(static_cast<std::size_t>(length));
    return text;
}

// Requests waiting for IndexedDB, by id. Single-threaded: the browser calls back on this thread.
std::map<int, std::function<void(Status)>> waiting;
int next_request = 1;

int remember(std::function<void(Status)> callback) {
    const int id = next_request++;
    waiting.emplace(id, std::move(callback));
    return id;
}

class IndexedDbJournal final : public JournalWriter {
public:
    void append(std::string record, std::function<void(Status)> on_durable) override {
        js_storage_append(record.c_str(), remember(std::move(on_durable)));
    }
    void checkpoint(std::string database_image, std::function<void(Status)> done) override {
        js_storage_checkpoint(database_image.data(), static_cast<int>(database_image.size()), remember(std::move(done)));
    }
};

}  // namespace

StorageInfo storage_info() {
    StorageInfo info;
    switch (js_storage_state()) {
        case 0: info.state = StorageState::Ready; break;
        case 2: info.state = StorageState::Full; break;
        case 3: info.state = StorageState::OtherTab; break;
        default: info.state = StorageState::Unavailable; break;
    }
    info.persisted = js_storage_persisted() != 0;
    info.usage_bytes = static_cast<std::int64_t>(js_storage_usage());
    info.quota_bytes = static_cast<std::int64_t>(js_storage_quota());
    info.detail = storage_text(0);
    return info;
}

JournalWriter& journal_writer() {
    static IndexedDbJournal writer;
    return writer;
}

std::vector<std::string> pending_journal_records() {
    const int count = js_storage_pending_count();
    std::vector<std::string> records;
    records.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) records.push_back(storage_text(2 + i));
    js_storage_release_pending();
    return records;
}

DatabaseLocation database_location() {
    std::string image(static_cast<std::size_t>(js_storage_restored_size()), '\0');
    js_storage_take_restored(image.data());
    return DatabaseLocation::memory("/canvass.db", std::move(image));
}

}  // namespace canvass::platform

extern "C" {

// Called by storage.pre.js when request `id` has completed (ok = 1) or failed (the message says why).
EMSCRIPTEN_KEEPALIVE void canvass_storage_done(int id, int ok, const char* message) {
    using namespace canvass;
    auto& waiting = platform::waiting;
    const auto found = waiting.find(id);
    if (found == waiting.end()) return;
    std::function<void(Status)> callback = std::move(found->second);
    waiting.erase(found);
    callback(ok ? Status(Ok{}) : Status(make_error(message ? message : "", "IndexedDB")));
}

}
