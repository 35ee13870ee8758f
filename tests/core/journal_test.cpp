// Journal records and their replay, against real SQLite files: what the browser does after a
// reload (checkpoint file + journal records written after it) done natively.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/store/database.h"
#include "core/store/journal.h"
#include "core/store/response_store.h"
#include "temp_dir.h"

using namespace canvass;
using canvass::testing::TempDir;

namespace {

StoredResponse response(const std::string& id, const std::string& survey_id = "diz-digital-needs") {
    return {id, survey_id, "abc123", "pl", "resident", "kiosk",
            "2026-11-26T10:00:00Z", "2026-11-26T10:07:00Z", R"({"ideas":"Więcej Wi-Fi\n\"na rynku\""})"};
}

Draft draft(const std::string& id, std::int64_t updated_at_ms, const std::string& data = R"({"segment":["resident"]})") {
    Draft d;
    d.id = id;
    d.survey_id = "diz-digital-needs";
    d.survey_version = "abc123";
    d.locale = "en";
    d.channel = "kiosk";
    d.started_at = "2026-11-26T10:00:00Z";
    d.updated_at_ms = updated_at_ms;
    d.data_json = data;
    d.position_json = R"({"page":1})";
    return d;
}

ResponseStore open_store(const std::string& path) {
    Result<ResponseStore> store = ResponseStore::open(path);
    REQUIRE(store.ok());
    return std::move(store).value();
}

ReplayReport replay(ResponseStore& store, const std::vector<std::string>& records) {
    Result<ReplayReport> report = replay_journal(store, records);
    REQUIRE(report.ok());
    return std::move(report).value();
}

// Everything a store holds, as one comparable value.
struct Contents {
    std::vector<StoredResponse> responses;
    std::optional<Draft> draft;
    std::int64_t drafts = 0;
    bool operator==(const Contents&) const = default;
};

Contents contents(const ResponseStore& store, const std::vector<std::string>& ids) {
    Contents c;
    for (const std::string& id : ids) {
        if (std::optional<StoredResponse> r = *store.find(id)) c.responses.push_back(*r);
    }
    c.draft = *store.find_draft("diz-digital-needs");
    c.drafts = *store.count_drafts();
    return c;
}

}  // namespace

TEST_CASE("each kind of record replays to the change that wrote it, byte for byte") {
    TempDir dir;
    ResponseStore store = open_store(dir.file("replay.db"));
    const StoredResponse submitted = response("11111111-2222-4333-8444-555555555555");
    const Draft saved = draft("22222222-2222-4333-8444-555555555555", 1'800'000'000'123);
    ReplayReport report = replay(store, {journal_response_submitted(submitted), journal_draft_saved(saved)});
    CHECK(report.applied == 2);
    CHECK(report.skipped == 0);
    CHECK(report.rejected.empty());
    CHECK(**store.find(submitted.id) == submitted);
    CHECK(**store.find_draft("diz-digital-needs") == saved);
    report = replay(store, {journal_draft_discarded("diz-digital-needs")});
    CHECK(report.applied == 1);
    CHECK(*store.count_drafts() == 0);
}

TEST_CASE("a kiosk's records replay to the same store however often they are replayed") {
    TempDir dir;
    ResponseStore store = open_store(dir.file("kiosk.db"));
    const std::vector<std::string> journal = {
        journal_response_submitted(response("id-a")),
        journal_response_submitted(response("id-b")),
        journal_partial_discarded("id-walked-away", "2026-11-27"),
        journal_setting_changed("device_id", "kiosk-7"),
        journal_responses_exported({"id-a", "id-b"}, "2026-11-27T17:00:00Z"),
        journal_responses_deleted({"id-a"}),
    };
    for (int pass = 0; pass < 2; ++pass) {
        CAPTURE(pass);
        const ReplayReport report = replay(store, journal);
        CHECK(report.rejected.empty());
        CHECK_FALSE(store.find("id-a")->has_value());
        CHECK((*store.find("id-b"))->exported_at == "2026-11-27T17:00:00Z");
        CHECK(*store.count_discarded_partials() == 1);
        CHECK(**store.device_setting("device_id") == "kiosk-7");
    }
    CHECK(journal_responses_deleted({"id-a"}) == R"({"ids":["id-a"],"kind":"deleted","v":1})");
    // A response record replayed after its deletion (a checkpoint taken in between) stays deleted.
    const ReplayReport late = replay(store, {journal_response_submitted(response("id-a"))});
    CHECK(late.skipped == 1);
    CHECK_FALSE(store.find("id-a")->has_value());
}

TEST_CASE("replaying any suffix of a kiosk's journal onto a store holding the rest never restores what staff deleted") {
    const std::vector<std::string> journal = {
        journal_draft_saved(draft("id-x", 1000)),
        journal_response_submitted(response("id-x")),
        journal_responses_exported({"id-x"}, "2026-11-27T17:00:00Z"),
        journal_responses_deleted({"id-x"}),
    };
    for (std::size_t split = 0; split <= journal.size(); ++split) {
        CAPTURE(split);
        TempDir dir;
        ResponseStore store = open_store(dir.file("suffix.db"));
        replay(store, journal);  // the checkpoint: everything applied
        const ReplayReport report = replay(store, std::vector<std::string>(journal.begin() + static_cast<long>(split), journal.end()));
        CHECK(report.rejected.empty());
        CHECK_FALSE(store.find("id-x")->has_value());
        CHECK(*store.count_drafts() == 0);  // not even the draft of the deleted response comes back
    }
}

TEST_CASE("a kiosk record with a wrong field is refused naming the field") {
    TempDir dir;
    ResponseStore store = open_store(dir.file("kiosk-bad.db"));
    const ReplayReport report = replay(store, {R"({"v":1,"kind":"deleted","ids":"id-a"})", R"({"v":1,"kind":"exported","ids":[1],"at":"x"})"});
    REQUIRE(report.rejected.size() == 2);
    CHECK(report.rejected[0].message == "journal record 0: \"ids\" in the record is not a list");
    CHECK(report.rejected[1].message == "journal record 1: \"ids\" in the record holds something that is not text");
}

TEST_CASE("records are JSON text with a format version and a kind") {
    CHECK(journal_draft_discarded("diz-digital-needs") == R"({"kind":"discard","survey_id":"diz-digital-needs","v":1})");
    const std::string record = journal_response_submitted(response("id-1"));
    CHECK(record.find(R"("kind":"response")") != std::string::npos);
    CHECK(record.find(R"("data":"{\"ideas\":\"Więcej Wi-Fi\\n\\\"na rynku\\\"\"}")") != std::string::npos);
    CHECK(record.find('\n') == std::string::npos);  // one record, one line: a file journal can split on newlines
}

TEST_CASE("text that is not UTF-8 is written with U+FFFD instead of failing the write") {
    StoredResponse r = response("id-1");
    r.data_json = "{\"ideas\":\"\xED\xA0\x80\"}";  // a lone surrogate as a JavaScript string can carry
    const std::string record = journal_response_submitted(r);
    CHECK(record.find("\xEF\xBF\xBD") != std::string::npos);
    TempDir dir;
    ResponseStore store = open_store(dir.file("fffd.db"));
    CHECK(replay(store, {record}).applied == 1);
}

TEST_CASE("replaying the same journal twice changes nothing the second time") {
    TempDir dir;
    ResponseStore store = open_store(dir.file("twice.db"));
    const std::vector<std::string> journal = {
        journal_draft_saved(draft("id-a", 1000)),
        journal_response_submitted(response("id-a")),
        journal_draft_saved(draft("id-b", 2000)),
        journal_response_submitted(response("id-other", "library-feedback")),
    };
    ReplayReport first = replay(store, journal);
    CHECK(first.applied == 4);
    const Contents after_first = contents(store, {"id-a", "id-b", "id-other"});
    CHECK(after_first.responses.size() == 2);
    REQUIRE(after_first.draft.has_value());
    CHECK(after_first.draft->id == "id-b");  // the draft after the submit belongs to the next respondent

    ReplayReport second = replay(store, journal);
    CHECK(second.applied == 1);  // only id-b's draft, rewritten with the same values
    CHECK(second.skipped == 3);
    CHECK(contents(store, {"id-a", "id-b", "id-other"}) == after_first);
    CHECK(*store.count_responses() == 2);
}

TEST_CASE("replaying from any earlier point onto a store that has a later state ends in the same state") {
    // A checkpoint may already contain the effect of records written just before it was taken
    // (their IndexedDB transactions completed after the snapshot); they are replayed again.
    const std::vector<std::vector<std::string>> journals = {
        {
            journal_draft_saved(draft("id-a", 1000, R"({"q":1})")),
            journal_draft_saved(draft("id-a", 2000, R"({"q":2})")),
            journal_response_submitted(response("id-a")),
            journal_draft_saved(draft("id-b", 3000)),
            journal_draft_discarded("diz-digital-needs"),
            journal_draft_saved(draft("id-c", 4000, R"({"q":3})")),
            journal_draft_saved(draft("id-c", 5000, R"({"q":4})")),
        },
        {   // ends with a submit: its draft must not come back
            journal_draft_saved(draft("id-a", 1000)),
            journal_response_submitted(response("id-a")),
        },
        {   // ends with a discard
            journal_draft_saved(draft("id-a", 1000)),
            journal_draft_discarded("diz-digital-needs"),
        },
    };
    const std::vector<std::string> ids = {"id-a", "id-b", "id-c"};
    for (std::size_t j = 0; j < journals.size(); ++j) {
        CAPTURE(j);
        const std::vector<std::string>& journal = journals[j];
        TempDir dir;
        ResponseStore reference = open_store(dir.file("reference.db"));
        replay(reference, journal);
        const Contents expected = contents(reference, ids);
        CHECK(expected.draft.has_value() == (j == 0));
        for (std::size_t applied = 0; applied <= journal.size(); ++applied) {
            for (std::size_t from = 0; from <= applied; ++from) {
                CAPTURE(applied);
                CAPTURE(from);
                TempDir case_dir;
                ResponseStore store = open_store(case_dir.file("case.db"));
                replay(store, {journal.begin(), journal.begin() + static_cast<std::ptrdiff_t>(applied)});  // the checkpoint
                replay(store, {journal.begin() + static_cast<std::ptrdiff_t>(from), journal.end()});    // the pending journal
                CHECK(contents(store, ids) == expected);
            }
        }
    }
}

TEST_CASE("a malformed record is reported naming its index, kept, and does not stop the others") {
    struct Case { std::string record, message; };
    const Case cases[] = {
        {"", "journal record 1: invalid JSON: unexpected end of input; expected '[', '{', or a literal (at record:1:1)"},
        {"{\"v\":1,\"kind\":", "journal record 1: invalid JSON: unexpected end of input; expected '[', '{', or a literal (at record:1:15)"},
        {"[1,2]", "journal record 1: not a JSON object"},
        {R"({"kind":"discard","survey_id":"s"})", "journal record 1: \"v\" is missing from the record"},
        {R"({"v":"1","kind":"discard","survey_id":"s"})", "journal record 1: \"v\" in the record is not a whole number"},
        {R"({"v":2,"kind":"discard","survey_id":"s"})", "journal record 1: record format 2 is not one this Canvass reads (1 to 1)"},
        {R"({"v":1,"kind":"vote"})", "journal record 1: unknown kind \"vote\" (expected response, draft, discard, partial, exported, deleted, setting or outbox)"},
        {R"({"v":1,"kind":"discard"})", "journal record 1: \"survey_id\" is missing from the record"},
        {R"({"v":1,"kind":"response","response":[]})", "journal record 1: \"response\" is missing or not an object"},
        {R"({"v":1,"kind":"response","response":{"id":"x"}})", "journal record 1: \"survey_id\" is missing from \"response\""},
        {R"({"v":1,"kind":"draft","draft":{"id":"x","survey_id":"s","survey_version":"h","locale":"en","channel":"kiosk",)"
         R"("started_at":"t","updated_at_ms":1.5,"data":"{}","position":"{}"}})",
         "journal record 1: \"updated_at_ms\" in \"draft\" is not a whole number"},
        {R"({"v":1,"kind":"response","response":{"id":"x","survey_id":"s","survey_version":"h","locale":"en",)"
         R"("segment":"","channel":"fax","started_at":"t","submitted_at":"t","data":"{}"}})",
         "journal record 1: SQL step failed: CHECK constraint failed: channel IN ('online', 'kiosk', 'paper', 'phone')"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.record);
        TempDir dir;
        ResponseStore store = open_store(dir.file("malformed.db"));
        REQUIRE(store.insert(response("already-there")).ok());
        const std::vector<std::string> journal = {journal_response_submitted(response("before")), c.record,
                                                  journal_response_submitted(response("after"))};
        ReplayReport report = replay(store, journal);
        CHECK(report.applied == 2);
        REQUIRE(report.rejected.size() == 1);
        CHECK(report.rejected[0].message == c.message);
        CHECK(report.rejected[0].location == dir.file("malformed.db"));
        CHECK(*store.count_responses() == 3);  // the stored one, and both neighbours
        Result<std::vector<RejectedRecord>> kept = store.rejected_records();
        REQUIRE(kept.ok());
        REQUIRE(kept->size() == 1);
        CHECK(kept->front() == RejectedRecord{c.record, c.message});
    }
}

TEST_CASE("replay changes nothing when the store cannot be written") {
    TempDir dir;
    const std::string path = dir.file("locked.db");
    ResponseStore store = open_store(path);
    Result<Database> other = Database::open(path);  // another connection holding the write lock
    REQUIRE(other.ok());
    REQUIRE(other->exec("BEGIN EXCLUSIVE").ok());
    Result<ReplayReport> report = replay_journal(store, {journal_response_submitted(response("id-1"))});
    REQUIRE_FALSE(report.ok());
    CHECK(report.error().message == "replaying the journal: SQL failed: database is locked");
    CHECK(report.error().location == path);
    REQUIRE(other->exec("ROLLBACK").ok());
    CHECK(*store.count_responses() == 0);
}

TEST_CASE("an empty journal replays to an empty report without touching the store") {
    TempDir dir;
    ResponseStore store = open_store(dir.file("empty.db"));
    ReplayReport report = replay(store, {});
    CHECK(report.applied == 0);
    CHECK(report.skipped == 0);
    CHECK(report.rejected.empty());
}
