// The response store: one SQLite database holding submitted responses and the drafts of
// responses in progress, with a versioned schema. Opening a store migrates it to the newest
// schema inside one transaction, so a store is never left half-migrated; a store from a newer
// Canvass is refused, not damaged.
//
// Sections: the stored records (StoredResponse, Draft, OutboxEntry, RejectedRecord); ResponseStore.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/store/database.h"

namespace canvass {

struct StoredResponse {
    std::string id;              // UUID
    std::string survey_id;
    std::string survey_version;  // SHA-256 of the survey's canonical JSON
    std::string locale;
    std::string segment;         // may be empty
    std::string channel;         // online, kiosk, paper, phone
    std::string started_at;      // ISO-8601 UTC
    std::string submitted_at;    // ISO-8601 UTC
    std::string data_json;       // SurveyJS data object
    std::string exported_at;     // ISO-8601 UTC when a staff member exported it; "" when not yet
    // The kiosk or device that collected it, when it came in a bundle from elsewhere (a merged
    // bundle keeps each response's own device); "" for this device's own responses. Not stored.
    std::string device_id;
    bool operator==(const StoredResponse&) const = default;
};

// A response in progress, saved as the respondent goes so a reload or crash can resume it.
// There is at most one per survey on a device: a kiosk serves one respondent at a time.
struct Draft {
    std::string id;              // the response UUID the draft will become
    std::string survey_id, survey_version, locale, channel;
    std::string started_at;      // ISO-8601 UTC
    std::int64_t updated_at_ms = 0;  // when it was last saved (ms since the Unix epoch): expiry counts from here
    std::string data_json;       // SurveyJS data so far
    std::string position_json;   // where the respondent was, opaque to the store
    bool operator==(const Draft&) const = default;
};

// A walked-away respondent's answers must not be offered to the next person at the kiosk.
inline constexpr std::int64_t kDefaultDraftMaxAgeMs = 2 * 60 * 60 * 1000;

// A draft expires `max_age_ms` after it was last saved. A draft saved "in the future" (the
// clock was set back) is live, so a clock change never loses a respondent's answers.
inline bool draft_expired(const Draft& draft, std::int64_t now_ms, std::int64_t max_age_ms) {
    return now_ms - draft.updated_at_ms >= max_age_ms;
}

// A response waiting to be sent to the collector, or sent, or refused (docs/outbox.md). It is
// queued in the same transaction as its response, so a response confirmed on screen is always
// queued; its body is fixed then, so every retry sends the same bytes and the collector's
// idempotence by id makes at-least-once sending store it exactly once.
enum class OutboxState { Queued, Sent, Refused };
const char* outbox_state_name(OutboxState state);  // "queued", "sent", "refused": as stored

struct OutboxEntry {
    std::string id;         // the response's id
    std::string url;        // where it is POSTed (the collector's /api/v1/responses)
    std::string body;       // the JSON POSTed; emptied once sent (the collector has it, the response row keeps its own copy)
    std::string queued_at;  // ISO-8601 UTC
    OutboxState state = OutboxState::Queued;
    std::string outcome;    // Refused: why, in the collector's words; Sent: when ("" while queued)
    bool operator==(const OutboxEntry&) const = default;
};

struct OutboxCounts {
    std::int64_t queued = 0, sent = 0, refused = 0;
    bool operator==(const OutboxCounts&) const = default;
};

// A journal record that could not be applied, kept so nothing the device once wrote is lost.
struct RejectedRecord {
    std::string record;   // the record's text, as written
    std::string problem;  // why it was not applied
    bool operator==(const RejectedRecord&) const = default;
};

class ResponseStore {
public:
    static constexpr int current_schema_version = 4;

    static Result<ResponseStore> open(const DatabaseLocation& where);

    int schema_version() const { return schema_version_; }
    const std::string& path() const { return db_.path(); }
    Result<std::string> snapshot() const { return db_.serialize(); }  // the database file's bytes now
    Result<std::int64_t> count_responses() const;
    Result<std::int64_t> count_drafts() const;

    // Storing the same id twice is refused with an error naming the id; nothing changes.
    Status insert(const StoredResponse& response);
    // As insert, and deletes the survey's draft in the same transaction: a submitted response
    // is never offered again as a draft.
    Status submit(const StoredResponse& response);
    // As submit, and queues `outbox` (its id is the response's) in the same transaction. An
    // entry already kept for that id is left as it is (replaying a journal twice queues once).
    Status submit(const StoredResponse& response, const OutboxEntry& outbox);
    Result<std::optional<StoredResponse>> find(const std::string& id) const;

    // One draft per survey_id: saving replaces the survey's previous draft.
    Status save_draft(const Draft& draft);
    Result<std::optional<Draft>> find_draft(const std::string& survey_id) const;
    // The survey's draft when it is live. A live draft stays stored until it is submitted,
    // replaced or discarded, so a crash right after resuming loses nothing; an expired one is
    // deleted, and nullopt returned, so it is never offered.
    Result<std::optional<Draft>> take_live_draft(const std::string& survey_id, std::int64_t now_ms, std::int64_t max_age_ms);
    Status discard_draft(const std::string& survey_id);  // no draft is not an error

    // Event kiosks (docs/kiosk.md). A discarded partial is counted by its response id (noting one
    // twice counts it once) and the UK day; nothing of its answers is kept.
    Status note_discarded_partial(const std::string& id, const std::string& day);
    Result<std::int64_t> count_discarded_partials() const;
    // Responses submitted in [from, to), both ISO-8601 UTC (the staff screen's "today").
    Result<std::int64_t> count_submitted_between(const std::string& from_iso, const std::string& to_iso) const;
    // Every response held for the survey, oldest first: what an export bundle carries.
    Result<std::vector<StoredResponse>> responses_of(const std::string& survey_id) const;
    // Marks the responses exported at `at` (keeping an earlier mark); unknown ids are ignored.
    Status mark_exported(const std::vector<std::string>& ids, const std::string& at);
    // Deletes those of the responses that were exported; the others stay.
    Status delete_exported(const std::vector<std::string>& ids);
    // When the latest export was made (ISO-8601 UTC), "" when never: the staff screen's last backup.
    Result<std::string> last_export_at() const;
    // Whether the response was ever exported (it may since have been deleted).
    Result<bool> exported_before(const std::string& id) const;
    // The device's own settings (its kiosk id, the staff PIN's hash).
    Status set_device_setting(const std::string& key, const std::string& value);
    Result<std::optional<std::string>> device_setting(const std::string& key) const;

    // The outbox (docs/outbox.md). Entries are never deleted, so replaying old records can
    // neither queue a sent response again nor lose a refusal.
    Status queue_outbox(const OutboxEntry& entry);  // insert-or-ignore by id
    // Entries still queued, in the order they were queued.
    Result<std::vector<OutboxEntry>> queued_outbox() const;
    Result<std::vector<OutboxEntry>> refused_outbox() const;
    Result<std::optional<OutboxEntry>> find_outbox(const std::string& id) const;
    // Marks a queued entry Sent or Refused with `outcome`; an entry already settled, or none,
    // is left as it is (the first answer stands), so replay in any order agrees.
    Status settle_outbox(const std::string& id, OutboxState state, const std::string& outcome);
    Result<OutboxCounts> count_outbox() const;

    // Keeping the same record twice keeps one copy.
    Status keep_rejected_record(const RejectedRecord& rejected);
    Result<std::vector<RejectedRecord>> rejected_records() const;

    // Runs `work` (several of the writes above) as one transaction: much faster than one
    // commit each, and each write inside still succeeds or fails alone.
    template <class Work>
    Status in_batch(Work&& work) { return in_transaction(db_, std::forward<Work>(work)); }

private:
    explicit ResponseStore(Database db) : db_(std::move(db)) {}
    Status migrate();
    Status insert_row(const StoredResponse& response);

    Database db_;
    int schema_version_ = 0;
};

}  // namespace canvass
