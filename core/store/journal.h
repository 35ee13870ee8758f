// The journal: one small record per change to the store, written somewhere durable as the change
// happens, so the change survives even though the SQLite file itself is only saved now and then
// (docs/storage.md). Records are JSON text; replaying them onto a store that already has some or
// all of their effects is harmless, which is what lets the browser stay simple about crashes.
//
// Sections: record encoding; replay; JournalWriter (where records go, implemented per platform).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/store/response_store.h"

namespace canvass {

// --- Record encoding ---------------------------------------------------------------------------
// {"v":1,"kind":"response","response":{...}}   a response was submitted (its survey's draft went with it);
//                                              with "outbox":{"url","body","queued_at"} when it was queued to send too
// {"v":1,"kind":"outbox","id":"...","state":"sent"|"refused","outcome":"..."}  the collector answered
// {"v":1,"kind":"draft","draft":{...}}         a draft was saved (replacing the survey's previous one)
// {"v":1,"kind":"discard","survey_id":"..."}   a survey's draft was discarded or expired
// {"v":1,"kind":"partial","id":"...","day":"YYYY-MM-DD"}  a kiosk discarded a respondent's partial answers
// {"v":1,"kind":"exported","ids":[...],"at":"..."}        a staff member exported these responses
// {"v":1,"kind":"deleted","ids":[...]}                    ...and, once the file was checked, deleted them
// {"v":1,"kind":"setting","key":"...","value":"..."}     a device setting (kiosk id, PIN hash) changed
inline constexpr int kJournalFormatVersion = 1;

std::string journal_response_submitted(const StoredResponse& response);
std::string journal_response_submitted(const StoredResponse& response, const OutboxEntry& outbox);
std::string journal_outbox_settled(const std::string& id, OutboxState state, const std::string& outcome);
std::string journal_draft_saved(const Draft& draft);
std::string journal_draft_discarded(const std::string& survey_id);
std::string journal_partial_discarded(const std::string& id, const std::string& day);
std::string journal_responses_exported(const std::vector<std::string>& ids, const std::string& at);
std::string journal_responses_deleted(const std::vector<std::string>& ids);
std::string journal_setting_changed(const std::string& key, const std::string& value);

// --- Replay ------------------------------------------------------------------------------------
struct ReplayReport {
    std::size_t applied = 0;  // records that were applied
    std::size_t skipped = 0;  // records whose response was already stored: replayed before, or in the checkpoint
    // One error per record that could not be applied, its message naming the record's index in
    // the list. Each such record is also kept in the store (rejected_records()): nothing is lost.
    std::vector<Error> rejected;
};

// Applies `records` in order, in one transaction: a response is inserted unless its id is
// already stored (its outbox entry is queued unless one is kept for its id, whether or not the
// response was inserted); an outbox answer settles a queued entry and leaves a settled one; a draft replaces the survey's draft (the last one in the journal wins)
// unless its response is already stored; a discard deletes the survey's draft. A malformed or
// refused record is reported and kept, and does not stop the others. Fails only when the store
// itself cannot be written, and then changes nothing.
Result<ReplayReport> replay_journal(ResponseStore& store, const std::vector<std::string>& records);

// --- JournalWriter -----------------------------------------------------------------------------
// Where journal records and checkpoints go: IndexedDB in the browser, nowhere natively (there the
// SQLite file is itself durable). Callbacks may run later (the browser's storage is
// asynchronous) or before the call returns; each runs exactly once.
class JournalWriter {
public:
    virtual ~JournalWriter() = default;
    // Appends one record; `on_durable` gets Ok once the record would survive a crash or power loss.
    virtual void append(std::string record, std::function<void(Status)> on_durable) = 0;
    // Saves `database_image`, the bytes of the SQLite file taken just before this call, as a
    // checkpoint, after which the records appended before this call are no longer needed.
    virtual void checkpoint(std::string database_image, std::function<void(Status)> done) = 0;
};

}  // namespace canvass
