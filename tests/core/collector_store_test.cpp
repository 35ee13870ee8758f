// The collector's store (core/store/collector_store.h): devices kept, order, batches, and a
// store from a newer Canvass refused.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <unistd.h>

#include "core/store/collector_store.h"

using namespace canvass;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("canvass-collector-store-" + std::to_string(::getpid()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() { fs::remove_all(path); }
};

StoredResponse response(std::string id, std::string submitted, std::string device) {
    StoredResponse r;
    r.id = std::move(id);
    r.survey_id = "s";
    r.survey_version = std::string(64, 'b');
    r.locale = "en";
    r.channel = "kiosk";
    r.submitted_at = std::move(submitted);
    r.data_json = "{\"q\":1}";
    r.device_id = std::move(device);
    return r;
}

}  // namespace

TEST_CASE("the collector store keeps each response's device, once, in submission order, across reopening") {
    TempDir dir;
    const std::string path = (dir.path / "collector.sqlite").string();
    {
        Result<CollectorStore> store = CollectorStore::open(path);
        REQUIRE(store.ok());
        Status batch = store->in_batch([&]() -> Status {
            if (Status a = store->insert(response("id-2", "2026-11-02T10:00:00Z", "kiosk-1"), "2026-11-27T10:00:00Z"); !a) return a;
            return store->insert(response("id-1", "2026-11-01T10:00:00Z", "online"), "2026-11-27T10:00:00Z");
        });
        REQUIRE(batch.ok());
        const Status twice = store->insert(response("id-1", "2026-11-01T10:00:00Z", "online"), "2026-11-27T10:00:01Z");
        REQUIRE_FALSE(twice.ok());
        CHECK(twice.error().message.rfind("response id-1 could not be stored: ", 0) == 0);
    }
    Result<CollectorStore> reopened = CollectorStore::open(path);
    REQUIRE(reopened.ok());
    CHECK(reopened->count_responses().value() == 2);
    const std::vector<StoredResponse> held = reopened->responses_of("s").value();
    REQUIRE(held.size() == 2);
    CHECK(held[0].id == "id-1");
    CHECK(held[1].device_id == "kiosk-1");
    CHECK(reopened->find("id-2").value()->device_id == "kiosk-1");
    CHECK_FALSE(reopened->find("id-3").value().has_value());
}

TEST_CASE("a collector store from a newer Canvass is refused, not changed") {
    TempDir dir;
    const std::string path = (dir.path / "collector.sqlite").string();
    {
        Result<Database> db = Database::open(path);
        REQUIRE(db.ok());
        REQUIRE(db->exec("PRAGMA user_version = 7").ok());
    }
    const Result<CollectorStore> store = CollectorStore::open(path);
    REQUIRE_FALSE(store.ok());
    CHECK(store.error().to_string() == path + ": this collector store was written by a newer Canvass (schema 7); run that version, or restore a backup");
}
