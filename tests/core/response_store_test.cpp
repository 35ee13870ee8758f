// The response store against real SQLite files in a temporary folder.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "core/store/database.h"
#include "core/store/response_store.h"
#include "temp_dir.h"

using namespace canvass;
namespace fs = std::filesystem;

namespace {

using canvass::testing::TempDir;

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
          "the store has schema version 99, newer than this Canvass understands (4); open it with a newer Canvass");
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

// --- schema 2: migration from a real version-1 file ------------------------------------------

namespace {

// Exactly what Canvass 0.1 (schema 1) created, so the migration is tested against a real v1 file.
constexpr const char* kSchema1 = R"sql(
    CREATE TABLE responses (
        id             TEXT PRIMARY KEY,
        survey_id      TEXT NOT NULL,
        survey_version TEXT NOT NULL,
        locale         TEXT NOT NULL,
        segment        TEXT NOT NULL DEFAULT '',
        channel        TEXT NOT NULL CHECK (channel IN ('online', 'kiosk', 'paper', 'phone')),
        started_at     TEXT NOT NULL,
        submitted_at   TEXT NOT NULL,
        data           TEXT NOT NULL
    ) STRICT;
    CREATE INDEX responses_by_survey ON responses (survey_id, submitted_at);
    PRAGMA user_version = 1;
)sql";

void write_v1_store(const std::string& path, const std::string& extra_sql = "") {
    Result<Database> db = Database::open(path);
    REQUIRE(db.ok());
    REQUIRE(db->exec(kSchema1).ok());
    REQUIRE(db->exec("INSERT INTO responses VALUES ('0b7e4c52-54a4-4f0e-9d55-1c2f1f3b9a10', 'diz-digital-needs', 'abc123',"
                     " 'pl', 'resident', 'kiosk', '2026-11-26T10:00:00Z', '2026-11-26T10:07:00Z', '{\"ideas\":\"Wi-Fi\"}')")
                .ok());
    if (!extra_sql.empty()) REQUIRE(db->exec(extra_sql).ok());
}

bool has_table(const std::string& path, const std::string& table) {
    Result<Database> db = Database::open(path);
    REQUIRE(db.ok());
    Result<Statement> query = db->prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1");
    REQUIRE(query.ok());
    query->bind(1, table);
    Result<bool> row = query->step();
    REQUIRE(row.ok());
    return *row;
}

int user_version(const std::string& path) {
    Result<Database> db = Database::open(path);
    REQUIRE(db.ok());
    Result<Statement> query = db->prepare("PRAGMA user_version");
    REQUIRE(query.ok());
    REQUIRE(query->step().ok());
    return static_cast<int>(query->column_int(0));
}

Draft sample_draft(const std::string& survey_id, const std::string& id, std::int64_t updated_at_ms) {
    Draft d;
    d.id = id;
    d.survey_id = survey_id;
    d.survey_version = "abc123";
    d.locale = "en";
    d.channel = "kiosk";
    d.started_at = "2026-11-26T10:00:00Z";
    d.updated_at_ms = updated_at_ms;
    d.data_json = R"({"segment":["resident"]})";
    d.position_json = R"({"page":2,"question":"ideas"})";
    return d;
}

}  // namespace

TEST_CASE("a version-1 store migrates to the current version keeping its responses, and gains drafts") {
    TempDir dir;
    const std::string path = dir.file("v1.db");
    write_v1_store(path);
    REQUIRE(user_version(path) == 1);
    {
        Result<ResponseStore> store = ResponseStore::open(path);
        REQUIRE(store.ok());
        CHECK(store->schema_version() == 4);
        CHECK(*store->count_responses() == 1);
        Result<std::optional<StoredResponse>> kept = store->find("0b7e4c52-54a4-4f0e-9d55-1c2f1f3b9a10");
        REQUIRE(kept.ok());
        REQUIRE(kept->has_value());
        CHECK((*kept)->channel == "kiosk");
        CHECK((*kept)->data_json == R"({"ideas":"Wi-Fi"})");
        CHECK(*store->count_drafts() == 0);
        CHECK(store->save_draft(sample_draft("diz-digital-needs", "draft-1", 1000)).ok());
    }
    CHECK(user_version(path) == 4);
    // Opening again finds nothing to migrate and keeps the draft.
    Result<ResponseStore> again = ResponseStore::open(path);
    REQUIRE(again.ok());
    CHECK(*again->count_drafts() == 1);
}

TEST_CASE("a migration that fails part-way leaves the version-1 store exactly as it was") {
    TempDir dir;
    const std::string path = dir.file("v1-clash.db");
    // A table the migration does not expect makes its second statement fail after the first ran.
    write_v1_store(path, "CREATE TABLE journal_rejects (x)");
    Result<ResponseStore> store = ResponseStore::open(path);
    REQUIRE_FALSE(store.ok());
    CHECK(store.error().message == "migrating to schema 2: SQL failed: table journal_rejects already exists");
    CHECK(store.error().location == path);
    CHECK(user_version(path) == 1);
    CHECK_FALSE(has_table(path, "drafts"));  // created by the same transaction, so rolled back
}

TEST_CASE("a new store goes from nothing to version 4 in one step") {
    TempDir dir;
    const std::string path = dir.file("fresh.db");
    REQUIRE(ResponseStore::open(path).ok());
    CHECK(user_version(path) == 4);
    for (const char* table : {"responses", "drafts", "journal_rejects", "discarded_partials", "response_exports", "device_settings", "outbox"}) {
        CAPTURE(table);
        CHECK(has_table(path, table));
    }
}

// --- event kiosks -----------------------------------------------------------------------------

TEST_CASE("a kiosk counts discarded partials by id, once each, keeping none of their answers") {
    TempDir dir;
    Result<ResponseStore> store = ResponseStore::open(dir.file("partials.db"));
    REQUIRE(store.ok());
    REQUIRE(store->note_discarded_partial("p-1", "2026-11-27").ok());
    REQUIRE(store->note_discarded_partial("p-1", "2026-11-27").ok());  // a replayed record
    REQUIRE(store->note_discarded_partial("p-2", "2026-11-27").ok());
    CHECK(*store->count_discarded_partials() == 2);
}

TEST_CASE("export marks, then deletes only responses that were exported") {
    TempDir dir;
    Result<ResponseStore> store = ResponseStore::open(dir.file("export.db"));
    REQUIRE(store.ok());
    StoredResponse early = sample("a-early"), late = sample("b-late"), other = sample("c-other");
    early.submitted_at = "2026-11-27T09:00:00Z";
    late.submitted_at = "2026-11-27T15:00:00Z";
    other.survey_id = "library-feedback";
    for (const StoredResponse& r : {late, early, other}) REQUIRE(store->insert(r).ok());

    Result<std::vector<StoredResponse>> held = store->responses_of("diz-digital-needs");
    REQUIRE(held.ok());
    REQUIRE(held->size() == 2);
    CHECK((*held)[0].id == "a-early");  // oldest first
    CHECK(*store->count_submitted_between("2026-11-27T00:00:00Z", "2026-11-27T12:00:00Z") == 1);

    REQUIRE(store->mark_exported({"a-early"}, "2026-11-27T16:00:00Z").ok());
    REQUIRE(store->mark_exported({"a-early", "no-such-id"}, "2026-11-27T17:00:00Z").ok());
    CHECK((*store->find("a-early"))->exported_at == "2026-11-27T16:00:00Z");  // the first export is kept
    CHECK((*store->find("b-late"))->exported_at.empty());

    REQUIRE(store->delete_exported({"a-early", "b-late"}).ok());
    CHECK_FALSE(store->find("a-early")->has_value());
    CHECK(*store->exported_before("a-early"));  // remembered, so a replayed journal cannot restore it
    CHECK_FALSE(*store->exported_before("b-late"));
    CHECK(store->find("b-late")->has_value());  // never exported: kept
    CHECK(*store->count_responses() == 2);
}

TEST_CASE("device settings are kept per key, the last value winning") {
    TempDir dir;
    Result<ResponseStore> store = ResponseStore::open(dir.file("settings.db"));
    REQUIRE(store.ok());
    CHECK_FALSE(store->device_setting("device_id")->has_value());
    REQUIRE(store->set_device_setting("device_id", "kiosk-1").ok());
    REQUIRE(store->set_device_setting("device_id", "kiosk-2").ok());
    CHECK(**store->device_setting("device_id") == "kiosk-2");
}

// --- drafts -----------------------------------------------------------------------------------

TEST_CASE("one draft per survey: saving replaces that survey's draft and leaves others alone") {
    TempDir dir;
    Result<ResponseStore> store = ResponseStore::open(dir.file("drafts.db"));
    REQUIRE(store.ok());
    REQUIRE(store->save_draft(sample_draft("diz-digital-needs", "draft-a", 1000)).ok());
    REQUIRE(store->save_draft(sample_draft("library-feedback", "draft-b", 1000)).ok());
    Draft newer = sample_draft("diz-digital-needs", "draft-c", 2000);
    newer.data_json = R"({"segment":["business"]})";
    REQUIRE(store->save_draft(newer).ok());
    CHECK(*store->count_drafts() == 2);
    CHECK(**store->find_draft("diz-digital-needs") == newer);
    CHECK((*store->find_draft("library-feedback"))->id == "draft-b");
    CHECK_FALSE(store->find_draft("transport")->has_value());
}

TEST_CASE("take_live_draft offers a live draft, keeps it stored, and deletes an expired one") {
    constexpr std::int64_t kSaved = 1'800'000'000'000;
    struct Case { std::string what; std::int64_t now_ms; bool live; };
    const Case cases[] = {
        {"just saved", kSaved, true},
        {"one millisecond before expiry", kSaved + kDefaultDraftMaxAgeMs - 1, true},
        {"exactly at expiry", kSaved + kDefaultDraftMaxAgeMs, false},
        {"a day later", kSaved + 24 * 60 * 60 * 1000, false},
        {"clock set back an hour", kSaved - 60 * 60 * 1000, true},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        TempDir dir;
        Result<ResponseStore> store = ResponseStore::open(dir.file("expiry.db"));
        REQUIRE(store.ok());
        const Draft saved = sample_draft("diz-digital-needs", "draft-1", kSaved);
        REQUIRE(store->save_draft(saved).ok());
        Result<std::optional<Draft>> taken = store->take_live_draft("diz-digital-needs", c.now_ms, kDefaultDraftMaxAgeMs);
        REQUIRE(taken.ok());
        CHECK(taken->has_value() == c.live);
        if (c.live) CHECK(**taken == saved);
        CHECK(*store->count_drafts() == (c.live ? 1 : 0));
    }
}

TEST_CASE("take_live_draft with no draft and discard_draft with no draft are not errors") {
    TempDir dir;
    Result<ResponseStore> store = ResponseStore::open(dir.file("none.db"));
    REQUIRE(store.ok());
    Result<std::optional<Draft>> taken = store->take_live_draft("diz-digital-needs", 0, kDefaultDraftMaxAgeMs);
    REQUIRE(taken.ok());
    CHECK_FALSE(taken->has_value());
    CHECK(store->discard_draft("diz-digital-needs").ok());
}

TEST_CASE("submit stores the response and deletes its survey's draft, not other surveys' drafts") {
    TempDir dir;
    Result<ResponseStore> store = ResponseStore::open(dir.file("submit.db"));
    REQUIRE(store.ok());
    REQUIRE(store->save_draft(sample_draft("diz-digital-needs", "11111111-2222-4333-8444-555555555555", 1000)).ok());
    REQUIRE(store->save_draft(sample_draft("library-feedback", "draft-b", 1000)).ok());
    StoredResponse response = sample("11111111-2222-4333-8444-555555555555");
    REQUIRE(store->submit(response).ok());
    CHECK(*store->count_responses() == 1);
    CHECK_FALSE(store->find_draft("diz-digital-needs")->has_value());
    CHECK(store->find_draft("library-feedback")->has_value());
}

TEST_CASE("submitting an id twice is refused naming the id, and changes nothing: not even the draft") {
    TempDir dir;
    Result<ResponseStore> store = ResponseStore::open(dir.file("submit-twice.db"));
    REQUIRE(store.ok());
    const StoredResponse first = sample("11111111-2222-4333-8444-555555555555");
    REQUIRE(store->submit(first).ok());
    const Draft next = sample_draft("diz-digital-needs", "22222222-2222-4333-8444-555555555555", 5000);
    REQUIRE(store->save_draft(next).ok());
    StoredResponse again = first;
    again.data_json = "{}";
    Status refused = store->submit(again);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message == "a response with id 11111111-2222-4333-8444-555555555555 is already stored");
    CHECK((*store->find(first.id))->data_json == first.data_json);
    CHECK(**store->find_draft("diz-digital-needs") == next);
}

TEST_CASE("a submit the schema refuses keeps the survey's draft") {
    TempDir dir;
    Result<ResponseStore> store = ResponseStore::open(dir.file("submit-bad.db"));
    REQUIRE(store.ok());
    REQUIRE(store->save_draft(sample_draft("diz-digital-needs", "draft-1", 1000)).ok());
    StoredResponse response = sample("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
    response.channel = "fax";
    Status refused = store->submit(response);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("CHECK constraint failed") != std::string::npos);
    CHECK(*store->count_drafts() == 1);
}

TEST_CASE("inside a batch a failing write is undone alone and the others commit together") {
    TempDir dir;
    const std::string path = dir.file("batch.db");
    Result<ResponseStore> store = ResponseStore::open(path);
    REQUIRE(store.ok());
    StoredResponse bad = sample("bad");
    bad.channel = "fax";
    Status batch = store->in_batch([&]() -> Status {
        CHECK(store->insert(sample("one")).ok());
        CHECK_FALSE(store->submit(bad).ok());
        CHECK(store->insert(sample("two")).ok());
        return Ok{};
    });
    REQUIRE(batch.ok());
    Result<ResponseStore> reopened = ResponseStore::open(path);
    REQUIRE(reopened.ok());
    CHECK(*reopened->count_responses() == 2);
    CHECK_FALSE(reopened->find("bad")->has_value());
}

TEST_CASE("a rejected journal record is kept once, however often it is kept") {
    TempDir dir;
    Result<ResponseStore> store = ResponseStore::open(dir.file("rejects.db"));
    REQUIRE(store.ok());
    const RejectedRecord rejected{"{not json", "journal record 0: invalid JSON"};
    REQUIRE(store->keep_rejected_record(rejected).ok());
    REQUIRE(store->keep_rejected_record({"{not json", "journal record 4: invalid JSON"}).ok());
    Result<std::vector<RejectedRecord>> kept = store->rejected_records();
    REQUIRE(kept.ok());
    REQUIRE(kept->size() == 1);
    CHECK(kept->front() == rejected);
}
