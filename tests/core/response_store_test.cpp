// The response store against real SQLite files in a temporary folder.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "core/store/database.h"
#include "core/store/response_store.h"

using namespace canvass;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("canvass-test-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) +
                                            "-" + std::to_string(std::rand()));
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    std::string file(const char* name) const { return (path / name).string(); }
};

StoredResponse sample(const std::string& id) {
    return {id, "diz-digital-needs", "abc123", "pl", "resident", "online",
            "2026-11-26T10:00:00Z", "2026-11-26T10:07:00Z", R"({"segment":["resident"],"ideas":"Więcej Wi-Fi"})"};
}

}  // namespace

TEST_CASE("a new store is created at the current schema and starts empty") {
    TempDir dir;
    Result<ResponseStore> store = ResponseStore::open(dir.file("new.db"));
    REQUIRE(store.ok());
    CHECK(store->schema_version() == ResponseStore::current_schema_version);
    CHECK(*store->count_responses() == 0);
}

TEST_CASE("responses survive closing and reopening the file, byte for byte") {
    TempDir dir;
    const StoredResponse response = sample("0b7e4c52-54a4-4f0e-9d55-1c2f1f3b9a10");
    {
        Result<ResponseStore> store = ResponseStore::open(dir.file("store.db"));
        REQUIRE(store.ok());
        REQUIRE(store->insert(response).ok());
    }
    Result<ResponseStore> reopened = ResponseStore::open(dir.file("store.db"));
    REQUIRE(reopened.ok());
    CHECK(*reopened->count_responses() == 1);
    Result<std::optional<StoredResponse>> found = reopened->find(response.id);
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    CHECK(**found == response);
}

TEST_CASE("storing the same id twice is refused and keeps the first copy") {
    TempDir dir;
    Result<ResponseStore> store = ResponseStore::open(dir.file("dup.db"));
    REQUIRE(store.ok());
    StoredResponse first = sample("11111111-2222-4333-8444-555555555555");
    REQUIRE(store->insert(first).ok());
    StoredResponse second = first;
    second.data_json = "{}";
    Status again = store->insert(second);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().message == "a response with id 11111111-2222-4333-8444-555555555555 is already stored");
    CHECK(again.error().location == dir.file("dup.db"));
    CHECK((*store->find(first.id))->data_json == first.data_json);
}

TEST_CASE("a channel outside online/kiosk/paper/phone is rejected by the schema") {
    TempDir dir;
    Result<ResponseStore> store = ResponseStore::open(dir.file("channel.db"));
    REQUIRE(store.ok());
    StoredResponse response = sample("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
    response.channel = "carrier-pigeon";
    Status inserted = store->insert(response);
    REQUIRE_FALSE(inserted.ok());
    CHECK(inserted.error().message.find("CHECK constraint failed") != std::string::npos);
    CHECK(*store->count_responses() == 0);
}

TEST_CASE("a store from a newer Canvass is refused, not altered") {
    TempDir dir;
    const std::string path = dir.file("future.db");
    {
        Result<Database> db = Database::open(path);
        REQUIRE(db.ok());
        REQUIRE(db->exec("CREATE TABLE keep (x); PRAGMA user_version = 99;").ok());
    }
    Result<ResponseStore> store = ResponseStore::open(path);
    REQUIRE_FALSE(store.ok());
    CHECK(store.error().message ==
          "the store has schema version 99, newer than this Canvass understands (1); open it with a newer Canvass");
    Result<Database> db = Database::open(path);
    REQUIRE(db.ok());
    CHECK(db->prepare("SELECT * FROM keep").ok());
}

TEST_CASE("a file that is not a database gives a clear error naming it") {
    TempDir dir;
    const std::string path = dir.file("notes.txt");
    {
        std::FILE* file = std::fopen(path.c_str(), "wb");
        REQUIRE(file);
        const std::string text(4096, 'x');
        std::fwrite(text.data(), 1, text.size(), file);
        std::fclose(file);
    }
    Result<ResponseStore> store = ResponseStore::open(path);
    REQUIRE_FALSE(store.ok());
    CHECK(store.error().location == path);
    CHECK(store.error().message.find("file is not a database") != std::string::npos);
}
