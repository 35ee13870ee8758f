// DurableStore against real SQLite files and a stand-in for the browser's IndexedDB: a journal
// with sequence numbers, a single checkpoint holding the database file's bytes, completions that
// can be held back, failures on demand, and a "crash" that keeps only what was completed.
//
// Sections: the stand-in; submit and crashes; checkpoints; failures; drafts; the native writer.
#include <doctest/doctest.h>

#include <cstdlib>
#include <deque>
#include <fstream>
#include <map>
#include <sstream>

#include "core/store/durable_store.h"
#include "platform/platform.h"
#include "temp_dir.h"

using namespace canvass;
using canvass::testing::TempDir;

namespace {

// --- the stand-in ------------------------------------------------------------------------------
// Behaves as platform/web/storage.pre.js does with IndexedDB: records get increasing sequence
// numbers; a checkpoint reads the file when called and covers the records completed by then; a
// completed checkpoint deletes the journal records it covers.
class FakeIndexedDb final : public JournalWriter {
public:
    bool hold = false;  // keep completions queued until complete_all()
    std::optional<std::string> fail_appends;
    std::optional<std::string> fail_checkpoints;

    std::map<std::int64_t, std::string> journal;  // completed records
    std::optional<std::string> checkpoint_bytes;
    std::int64_t checkpoint_seq = 0;
    int checkpoints_started = 0;

    void append(std::string record, std::function<void(Status)> on_durable) override {
        const std::int64_t seq = next_seq_++;
        const std::optional<std::string> failure = fail_appends;
        queue([this, seq, failure, record = std::move(record), on_durable = std::move(on_durable)] {
            if (failure) return on_durable(make_error(*failure));
            journal[seq] = record;
            last_completed_ = seq;
            on_durable(Ok{});
        });
    }

    void checkpoint(std::string database_image, std::function<void(Status)> done) override {
        ++checkpoints_started;
        const std::int64_t covered = last_completed_;
        const std::optional<std::string> failure = fail_checkpoints;
        queue([this, covered, failure, bytes = std::move(database_image), done = std::move(done)] {
            if (failure) return done(make_error(*failure));
            checkpoint_bytes = bytes;
            checkpoint_seq = covered;
            journal.erase(journal.begin(), journal.upper_bound(covered));
            done(Ok{});
        });
    }

    void complete_all() {
        while (!pending_.empty()) {
            auto next = std::move(pending_.front());
            pending_.pop_front();
            next();
        }
    }

    // A reload or crash: writes that had not completed are gone; the checkpoint is restored to a
    // fresh file and the newer records returned. (The browser restores it into memory instead:
    // see crash_and_restore_in_memory.)
    std::vector<std::string> crash_and_restore(const std::string& database_path) {
        pending_.clear();
        if (checkpoint_bytes && !database_path.empty()) {
            std::ofstream file(database_path, std::ios::binary | std::ios::trunc);
            file << *checkpoint_bytes;
        }
        std::vector<std::string> records;
        for (const auto& [seq, record] : journal) {
            if (seq > checkpoint_seq) records.push_back(record);
        }
        return records;
    }

private:
    void queue(std::function<void()> completion) {
        pending_.push_back(std::move(completion));
        if (!hold) complete_all();
    }

    std::deque<std::function<void()>> pending_;
    std::int64_t next_seq_ = 1;
    std::int64_t last_completed_ = 0;
};

StoredResponse response(int n, const std::string& survey_id = "diz-digital-needs") {
    const std::string id = "00000000-0000-4000-8000-" + std::string(12 - std::to_string(n).size(), '0') + std::to_string(n);
    return {id, survey_id, "abc123", "en", "resident", "kiosk",
            "2026-11-26T10:00:00Z", "2026-11-26T10:07:00Z", R"({"n":)" + std::to_string(n) + "}"};
}

Draft draft(const std::string& id, std::int64_t updated_at_ms) {
    Draft d;
    d.id = id;
    d.survey_id = "diz-digital-needs";
    d.survey_version = "abc123";
    d.locale = "en";
    d.channel = "kiosk";
    d.started_at = "2026-11-26T10:00:00Z";
    d.updated_at_ms = updated_at_ms;
    d.data_json = R"({"segment":["resident"]})";
    d.position_json = R"({"page":3})";
    return d;
}

DurableStore open_durable(const DatabaseLocation& where, const std::vector<std::string>& pending, JournalWriter& writer) {
    Result<DurableStore> store = DurableStore::open(where, pending, writer);
    REQUIRE(store.ok());
    return std::move(store).value();
}

// Submits and returns what on_durable reported, or nullopt while it has not been called.
struct Outcome {
    std::shared_ptr<std::optional<Status>> result = std::make_shared<std::optional<Status>>();
    std::function<void(Status)> callback() {
        return [result = result](Status s) {
            REQUIRE_FALSE(result->has_value());  // exactly once
            *result = std::move(s);
        };
    }
    bool called() const { return result->has_value(); }
    bool ok() const { return called() && (*result)->ok(); }
    std::string message() const { return called() && !(*result)->ok() ? (*result)->error().message : ""; }
};

Outcome submit(DurableStore& store, const StoredResponse& r) {
    Outcome outcome;
    store.submit(r, outcome.callback());
    return outcome;
}

}  // namespace

// --- submit and crashes --------------------------------------------------------------------------

TEST_CASE("submit reports durable only when the journal write completes, and a crash after that loses nothing") {
    TempDir dir;
    FakeIndexedDb idb;
    idb.hold = true;
    {
        DurableStore store = open_durable(dir.file("a.db"), {}, idb);
        Outcome outcome = submit(store, response(1));
        CHECK(*store.store().count_responses() == 1);  // committed to SQLite at once
        CHECK_FALSE(outcome.called());                // but not yet durable: no confirmation screen
        CHECK(store.status().writes_in_flight == 1);
        idb.complete_all();
        CHECK(outcome.ok());
        CHECK(store.status().writes_in_flight == 0);
    }
    const std::vector<std::string> pending = idb.crash_and_restore(dir.file("b.db"));
    CHECK(pending.size() == 1);
    DurableStore restored = open_durable(dir.file("b.db"), pending, idb);
    CHECK(*restored.store().count_responses() == 1);
    CHECK(**restored.store().find(response(1).id) == response(1));
    CHECK(restored.status().replayed.applied == 1);
    CHECK(restored.status().records_since_checkpoint == 1);
}

TEST_CASE("a crash before the journal write completes loses only a response that was never confirmed") {
    TempDir dir;
    FakeIndexedDb idb;
    idb.hold = true;
    Outcome outcome;
    {
        DurableStore store = open_durable(dir.file("a.db"), {}, idb);
        outcome = submit(store, response(1));
    }
    const std::vector<std::string> pending = idb.crash_and_restore(dir.file("b.db"));
    CHECK_FALSE(outcome.called());
    CHECK(pending.empty());
    DurableStore restored = open_durable(dir.file("b.db"), pending, idb);
    CHECK(*restored.store().count_responses() == 0);
}

TEST_CASE("reloading twice before any checkpoint replays the same journal onto the same checkpoint: each response once") {
    TempDir dir;
    FakeIndexedDb idb;
    {
        DurableStore store = open_durable(dir.file("0.db"), {}, idb);
        for (int n = 1; n <= 3; ++n) CHECK(submit(store, response(n)).ok());
    }
    for (int reload = 1; reload <= 2; ++reload) {
        CAPTURE(reload);
        const std::string path = dir.file(reload == 1 ? "1.db" : "2.db");
        DurableStore store = open_durable(path, idb.crash_and_restore(path), idb);
        CHECK(*store.store().count_responses() == 3);
        CHECK(store.status().replayed.applied == 3);
    }
}

TEST_CASE("submitting an id already stored is refused naming the id, and writes no journal record") {
    TempDir dir;
    FakeIndexedDb idb;
    DurableStore store = open_durable(dir.file("dup.db"), {}, idb);
    REQUIRE(submit(store, response(1)).ok());
    StoredResponse again = response(1);
    again.data_json = "{}";
    Outcome refused = submit(store, again);
    CHECK(refused.message() == "a response with id 00000000-0000-4000-8000-000000000001 is already stored");
    CHECK(idb.journal.size() == 1);
    CHECK(store.status().records_since_checkpoint == 1);
}

TEST_CASE("callbacks arriving after the store was moved or destroyed are safe") {
    TempDir dir;
    FakeIndexedDb idb;
    idb.hold = true;
    Outcome first, second;
    {
        DurableStore store = open_durable(dir.file("moved.db"), {}, idb);
        first = submit(store, response(1));
        std::optional<DurableStore> moved;
        moved.emplace(std::move(store));
        second = submit(*moved, response(2));
        moved->checkpoint({});
    }
    idb.complete_all();  // AddressSanitizer would catch a callback touching a dead store
    CHECK(first.ok());
    CHECK(second.ok());
    CHECK(idb.checkpoint_bytes.has_value());
}

// --- checkpoints ---------------------------------------------------------------------------------

TEST_CASE("a checkpoint starts after kCheckpointEveryRecords changes and drops the journal it covers") {
    TempDir dir;
    FakeIndexedDb idb;
    DurableStore store = open_durable(dir.file("cp.db"), {}, idb);
    for (int n = 1; n < DurableStore::kCheckpointEveryRecords; ++n) REQUIRE(submit(store, response(n)).ok());
    store.checkpoint_if_due();
    CHECK(idb.checkpoints_started == 0);
    REQUIRE(submit(store, response(static_cast<int>(DurableStore::kCheckpointEveryRecords))).ok());
    store.checkpoint_if_due();
    CHECK(idb.checkpoints_started == 1);
    CHECK(store.status().checkpoints == 1);
    CHECK(store.status().records_since_checkpoint == 0);
    CHECK(idb.journal.empty());
    store.checkpoint_if_due();
    CHECK(idb.checkpoints_started == 1);  // nothing new to save

    const std::vector<std::string> pending = idb.crash_and_restore(dir.file("restored.db"));
    CHECK(pending.empty());
    DurableStore restored = open_durable(dir.file("restored.db"), pending, idb);
    CHECK(*restored.store().count_responses() == DurableStore::kCheckpointEveryRecords);
}

TEST_CASE("in the browser the database lives in memory: a reload opens the checkpoint's bytes and replays the journal after it") {
    FakeIndexedDb idb;
    {
        DurableStore store = open_durable(DatabaseLocation::memory("/before-reload.db", ""), {}, idb);
        for (int n = 1; n <= 2; ++n) REQUIRE(submit(store, response(n)).ok());
        store.checkpoint({});
        REQUIRE(idb.checkpoint_bytes.has_value());
        CHECK(idb.checkpoint_bytes->size() % 4096 == 0);  // whole pages of a SQLite file
        CHECK(idb.checkpoint_bytes->rfind("SQLite format 3", 0) == 0);
        REQUIRE(submit(store, response(3)).ok());  // after the checkpoint: only in the journal
    }
    const std::vector<std::string> pending = idb.crash_and_restore("");
    REQUIRE(pending.size() == 1);
    DurableStore restored = open_durable(DatabaseLocation::memory("/after-reload.db", *idb.checkpoint_bytes), pending, idb);
    CHECK(*restored.store().count_responses() == 3);
    CHECK(**restored.store().find(response(1).id) == response(1));
    CHECK(restored.status().replayed.applied == 1);
    // The restored database keeps growing past the bytes it started from.
    for (int n = 4; n <= 60; ++n) REQUIRE(submit(restored, response(n)).ok());
    CHECK(*restored.store().count_responses() == 60);
}

TEST_CASE("a memory database that cannot be restored says so and names it") {
    FakeIndexedDb idb;
    Result<DurableStore> store = DurableStore::open(DatabaseLocation::memory("/damaged.db", std::string(4096, 'x')), {}, idb);
    REQUIRE_FALSE(store.ok());
    CHECK(store.error().location == "/damaged.db");
    CHECK(store.error().message == "SQL failed: file is not a database");
}

TEST_CASE("a long journal pending at start-up makes a checkpoint due at once") {
    TempDir dir;
    FakeIndexedDb idb;
    {
        DurableStore store = open_durable(dir.file("a.db"), {}, idb);
        for (int n = 1; n <= DurableStore::kCheckpointEveryRecords; ++n) REQUIRE(submit(store, response(n)).ok());
    }
    const std::vector<std::string> pending = idb.crash_and_restore(dir.file("b.db"));
    DurableStore restored = open_durable(dir.file("b.db"), pending, idb);
    CHECK(restored.status().records_since_checkpoint == DurableStore::kCheckpointEveryRecords);
    restored.checkpoint_if_due();
    CHECK(idb.checkpoints_started == 1);
    CHECK(idb.journal.empty());
}

TEST_CASE("records still being written when a checkpoint starts are replayed harmlessly after it") {
    TempDir dir;
    FakeIndexedDb idb;
    idb.hold = true;
    {
        DurableStore store = open_durable(dir.file("a.db"), {}, idb);
        Outcome one = submit(store, response(1));
        Outcome two = submit(store, response(2));
        Outcome cp;
        store.checkpoint(cp.callback());  // the file already holds both; neither record has completed
        Outcome three = submit(store, response(3));
        CHECK(store.status().checkpoint_running);
        idb.complete_all();
        CHECK((one.ok() && two.ok() && three.ok() && cp.ok()));
        CHECK_FALSE(store.status().checkpoint_running);
        CHECK(idb.journal.size() == 3);  // the checkpoint covered none of them
        CHECK(store.status().records_since_checkpoint == 1);
    }
    const std::vector<std::string> pending = idb.crash_and_restore(dir.file("b.db"));
    CHECK(pending.size() == 3);
    DurableStore restored = open_durable(dir.file("b.db"), pending, idb);
    CHECK(*restored.store().count_responses() == 3);
    CHECK(restored.status().replayed.skipped == 2);
    CHECK(restored.status().replayed.applied == 1);
}

// --- failures ------------------------------------------------------------------------------------

TEST_CASE("a failed journal write is reported, and resubmitting the same response retries the write") {
    TempDir dir;
    FakeIndexedDb idb;
    DurableStore store = open_durable(dir.file("fail.db"), {}, idb);
    idb.fail_appends = "QuotaExceededError: the quota has been exceeded";
    Outcome failed = submit(store, response(1));
    CHECK(failed.message() == "QuotaExceededError: the quota has been exceeded");
    CHECK(store.status().unconfirmed_changes == 1);
    CHECK(store.status().last_error == "saving a change: QuotaExceededError: the quota has been exceeded");
    CHECK(store.submit_failed(response(1).id));
    idb.fail_appends.reset();
    // Pressed again a little later: the same answers with a later submit time are the retry,
    // and the first stored copy is what the journal gets.
    StoredResponse pressed_again = response(1);
    pressed_again.submitted_at = "2099-01-01T00:00:00Z";
    REQUIRE(pressed_again.submitted_at != response(1).submitted_at);
    Outcome retried = submit(store, pressed_again);
    CHECK(retried.ok());
    CHECK_FALSE(store.submit_failed(response(1).id));
    CHECK(store.status().unconfirmed_changes == 0);
    CHECK(idb.journal.size() == 1);
    CHECK(idb.journal.begin()->second.find(response(1).submitted_at) != std::string::npos);
    // Once durable, the same id is a duplicate again.
    CHECK(submit(store, response(1)).message() == "a response with id 00000000-0000-4000-8000-000000000001 is already stored");
    // A different response under a failed id is not a retry.
    idb.fail_appends = "AbortError";
    REQUIRE_FALSE(submit(store, response(2)).ok());
    idb.fail_appends.reset();
    StoredResponse changed = response(2);
    changed.data_json = "{}";
    CHECK(submit(store, changed).message() == "a response with id 00000000-0000-4000-8000-000000000002 is already stored");
}

TEST_CASE("a failed journal write makes a checkpoint due, and a resubmit after it succeeds at once") {
    TempDir dir;
    FakeIndexedDb idb;
    DurableStore store = open_durable(dir.file("fail-cp.db"), {}, idb);
    idb.fail_appends = "UnknownError";
    REQUIRE_FALSE(submit(store, response(1)).ok());
    idb.fail_appends.reset();
    store.checkpoint_if_due();
    CHECK(idb.checkpoints_started == 1);
    CHECK(store.status().unconfirmed_changes == 0);
    Outcome retried = submit(store, response(1));
    CHECK(retried.ok());
    CHECK(idb.journal.empty());  // no write needed: the checkpoint holds it
    DurableStore restored = open_durable(dir.file("restored.db"), idb.crash_and_restore(dir.file("restored.db")), idb);
    CHECK(*restored.store().count_responses() == 1);
}

TEST_CASE("after a failed checkpoint the next automatic one waits for more changes") {
    TempDir dir;
    FakeIndexedDb idb;
    DurableStore store = open_durable(dir.file("cp-fail.db"), {}, idb);
    for (int n = 1; n <= DurableStore::kCheckpointEveryRecords; ++n) REQUIRE(submit(store, response(n)).ok());
    idb.fail_checkpoints = "QuotaExceededError";
    store.checkpoint_if_due();
    CHECK(idb.checkpoints_started == 1);
    CHECK(store.status().last_error == "saving a checkpoint: QuotaExceededError");
    CHECK(store.status().records_since_checkpoint == DurableStore::kCheckpointEveryRecords);
    idb.fail_checkpoints.reset();
    int n = static_cast<int>(DurableStore::kCheckpointEveryRecords);
    for (int more = 1; more < DurableStore::kCheckpointRetryAfterRecords; ++more) {
        REQUIRE(submit(store, response(++n)).ok());
        store.checkpoint_if_due();
    }
    CHECK(idb.checkpoints_started == 1);
    REQUIRE(submit(store, response(++n)).ok());
    store.checkpoint_if_due();
    CHECK(idb.checkpoints_started == 2);
    CHECK(store.status().records_since_checkpoint == 0);
}

TEST_CASE("a malformed pending record does not stop the store opening, and is reported and kept") {
    TempDir dir;
    FakeIndexedDb idb;
    const std::vector<std::string> pending = {journal_response_submitted(response(1)), "{oops", journal_response_submitted(response(2))};
    DurableStore store = open_durable(dir.file("bad.db"), pending, idb);
    CHECK(*store.store().count_responses() == 2);
    REQUIRE(store.status().replayed.rejected.size() == 1);
    CHECK(store.status().replayed.rejected[0].message ==
          "journal record 1: invalid JSON: invalid literal; last read: '{o'; expected string literal (at record:1:2)");
    CHECK(store.store().rejected_records()->size() == 1);
}

TEST_CASE("a store that cannot be opened is an error naming the file") {
    TempDir dir;
    FakeIndexedDb idb;
    const std::string path = dir.file("garbage.db");
    std::ofstream(path, std::ios::binary) << std::string(4096, 'x');
    Result<DurableStore> store = DurableStore::open(path, {}, idb);
    REQUIRE_FALSE(store.ok());
    CHECK(store.error().location == path);
    CHECK(store.error().message == "SQL failed: file is not a database");
}

// --- drafts --------------------------------------------------------------------------------------

TEST_CASE("a saved draft survives a crash, is resumed while live, and goes with its submit") {
    constexpr std::int64_t kNow = 1'800'000'000'000;
    TempDir dir;
    FakeIndexedDb idb;
    const Draft saved = draft(response(1).id, kNow);
    {
        DurableStore store = open_durable(dir.file("a.db"), {}, idb);
        REQUIRE(store.save_draft(saved).ok());
    }
    {
        DurableStore store = open_durable(dir.file("b.db"), idb.crash_and_restore(dir.file("b.db")), idb);
        Result<std::optional<Draft>> resumed = store.take_live_draft("diz-digital-needs", kNow + 60'000, kDefaultDraftMaxAgeMs);
        REQUIRE(resumed.ok());
        REQUIRE(resumed->has_value());
        CHECK(**resumed == saved);
        REQUIRE(submit(store, response(1)).ok());
    }
    DurableStore store = open_durable(dir.file("c.db"), idb.crash_and_restore(dir.file("c.db")), idb);
    CHECK(*store.store().count_responses() == 1);
    CHECK(*store.store().count_drafts() == 0);
}

TEST_CASE("an expired draft is deleted durably: it is not offered after a crash either") {
    constexpr std::int64_t kSaved = 1'800'000'000'000;
    TempDir dir;
    FakeIndexedDb idb;
    {
        DurableStore store = open_durable(dir.file("a.db"), {}, idb);
        REQUIRE(store.save_draft(draft("id-1", kSaved)).ok());
        Result<std::optional<Draft>> taken = store.take_live_draft("diz-digital-needs", kSaved + kDefaultDraftMaxAgeMs, kDefaultDraftMaxAgeMs);
        REQUIRE(taken.ok());
        CHECK_FALSE(taken->has_value());
        CHECK(idb.journal.size() == 2);  // the draft, then its discard
    }
    DurableStore store = open_durable(dir.file("b.db"), idb.crash_and_restore(dir.file("b.db")), idb);
    CHECK(*store.store().count_drafts() == 0);
}

TEST_CASE("discarding a draft is journalled") {
    TempDir dir;
    FakeIndexedDb idb;
    {
        DurableStore store = open_durable(dir.file("a.db"), {}, idb);
        REQUIRE(store.save_draft(draft("id-1", 1000)).ok());
        REQUIRE(store.discard_draft("diz-digital-needs").ok());
    }
    DurableStore store = open_durable(dir.file("b.db"), idb.crash_and_restore(dir.file("b.db")), idb);
    CHECK(*store.store().count_drafts() == 0);
    CHECK(store.status().replayed.applied == 2);
}

// --- the native writer ---------------------------------------------------------------------------

TEST_CASE("natively a change is durable when SQLite commits: submit reports Ok before it returns") {
    TempDir dir;
    ::setenv("CANVASS_DATA_DIR", dir.path.string().c_str(), 1);
    const platform::StorageInfo info = platform::storage_info();
    CHECK(info.state == platform::StorageState::Ready);
    CHECK(platform::storage_state_name(info.state) == "ready");
    CHECK(info.persisted);
    CHECK(info.quota_bytes > 0);
    CHECK(platform::database_location().path == dir.file("canvass.db"));
    CHECK_FALSE(platform::database_location().in_memory);
    CHECK(platform::pending_journal_records().empty());
    {
        DurableStore store = open_durable(platform::database_location(), {}, platform::journal_writer());
        Outcome outcome = submit(store, response(1));
        CHECK(outcome.ok());
        store.checkpoint_if_due();
    }
    Result<ResponseStore> reopened = ResponseStore::open(platform::database_location());
    REQUIRE(reopened.ok());
    CHECK(*reopened->count_responses() == 1);
    CHECK(platform::storage_info().usage_bytes > 0);
    ::unsetenv("CANVASS_DATA_DIR");
}
