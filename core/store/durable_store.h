// DurableStore: the response store as the app uses it. Every change is committed to SQLite and
// then appended to the journal; a submit reports success only once its journal record is
// durable. Now and then, when the app is idle, the whole SQLite file is saved as a checkpoint and
// the journal records it covers are dropped. In the browser the database lives in memory, so
// the journal and the checkpoint are what survive a reload; docs/storage.md explains the design.
//
// How the app uses it:
//   start-up  DurableStore::open(platform::database_location(), platform::pending_journal_records(),
//             platform::journal_writer()), after checking platform::storage_info();
//   respondent  take_live_draft() to resume, save_draft() after each answer, submit() at the end,
//             showing the confirmation only when submit's callback says Ok;
//   idle      checkpoint_if_due() (every few frames is fine: it is a counter check).
//
// Sections: DurableStatus; DurableStore.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/store/journal.h"
#include "core/store/response_store.h"

namespace canvass {

// For the staff screen and the automation view.
struct DurableStatus {
    ReplayReport replayed;                     // what opening replayed from the journal
    std::int64_t records_since_checkpoint = 0; // journal records a reload would replay (or more, while writes are in flight)
    std::int64_t checkpoints = 0;              // checkpoints completed since opening
    bool checkpoint_running = false;
    std::int64_t writes_in_flight = 0;         // journal writes not yet durable (or failed)
    std::int64_t unconfirmed_changes = 0;      // changes whose journal write failed and no checkpoint covers yet
    std::string last_error;                    // the last journal or checkpoint failure; empty when none
};

class DurableStore {
public:
    // A checkpoint copies the whole database, so it waits for this many journal records: a
    // reload then replays at most about this many, and the copying is shared among them.
    static constexpr std::int64_t kCheckpointEveryRecords = 100;
    // After a failed checkpoint (storage full, say), wait for this many more changes before
    // trying again rather than copying the database on every idle frame.
    static constexpr std::int64_t kCheckpointRetryAfterRecords = 10;

    // Opens (creating or migrating) the SQLite database `where`, then replays `pending_journal`:
    // the records written after the checkpoint that database was restored from.
    // Records that cannot be replayed are reported in status().replayed and kept in the store.
    // `writer` must outlive the store.
    static Result<DurableStore> open(const DatabaseLocation& where, const std::vector<std::string>& pending_journal,
                                     JournalWriter& writer);

    // Commits the response (deleting its survey's draft), then appends it to the journal.
    // `on_durable` gets Ok once the response would survive a reload, crash or power cut, or the
    // error: the id already stored (nothing changed), or the journal write failed. After a
    // failed journal write, submitting the same response again retries the write (and reports
    // Ok at once if a checkpoint has saved it meanwhile). "The same" allows a later submit time:
    // the person pressed Submit again; the first stored copy is the one kept and journalled.
    void submit(const StoredResponse& response, std::function<void(Status)> on_durable);
    // As submit, and queues `outbox` in the same SQLite transaction and the same journal record:
    // once `on_durable` says Ok, the response and its place in the outbox survive together.
    void submit(const StoredResponse& response, const OutboxEntry& outbox, std::function<void(Status)> on_durable);
    // Records the collector's answer for a queued entry (ResponseStore::settle_outbox), then
    // journals it. A lost answer record only means the entry is sent again after a reload,
    // which the collector answers with 200 ("already stored").
    Status settle_outbox(const std::string& id, OutboxState state, const std::string& outcome);
    // Whether response `id` was submitted here and its journal write failed, with no retry or
    // checkpoint since: the person was told it could not be saved, so it is not sent yet.
    bool submit_failed(const std::string& id) const;

    // Commits and appends without waiting: losing the last few seconds of a draft is acceptable.
    Status save_draft(const Draft& draft);
    // As ResponseStore::take_live_draft; deleting an expired draft is journalled too.
    Result<std::optional<Draft>> take_live_draft(const std::string& survey_id, std::int64_t now_ms,
                                                 std::int64_t max_age_ms);
    Status discard_draft(const std::string& survey_id);

    // Event kiosks (ResponseStore has the details). Each commits, then journals; `on_durable`
    // (may be empty) hears when the change would survive a reload.
    Status note_discarded_partial(const std::string& id, const std::string& day);
    void mark_exported(const std::vector<std::string>& ids, const std::string& at, std::function<void(Status)> on_durable);
    void delete_exported(const std::vector<std::string>& ids, std::function<void(Status)> on_durable);
    void set_device_setting(const std::string& key, const std::string& value, std::function<void(Status)> on_durable);

    // For reads (counts, exports). Writing through it bypasses the journal: a reload loses such
    // writes unless a checkpoint saves them first.
    ResponseStore& store() { return store_; }
    const ResponseStore& store() const { return store_; }

    // Starts a checkpoint when kCheckpointEveryRecords records have been written since the last
    // one, or a journal write failed; does nothing while one is running.
    void checkpoint_if_due();
    // Starts a checkpoint now (staff "save now", before an export, tests). `done` may be empty.
    void checkpoint(std::function<void(Status)> done);

    DurableStatus status() const;

private:
    struct State;
    DurableStore(ResponseStore store, JournalWriter& writer, std::shared_ptr<State> state)
        : store_(std::move(store)), writer_(&writer), state_(std::move(state)) {}
    // Appends `record`, keeping count for checkpoints; `on_durable` may be empty.
    void append(std::string record, std::function<void(Status)> on_durable);
    void submit_record(const StoredResponse& response, const std::optional<OutboxEntry>& outbox,
                       std::function<void(Status)> on_durable);

    ResponseStore store_;
    JournalWriter* writer_;
    // Shared with callbacks in flight, which may outlive a moved-from or destroyed store.
    std::shared_ptr<State> state_;
};

}  // namespace canvass
