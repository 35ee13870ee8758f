// Commit, then journal; checkpoints by count. Changes are numbered in the order they are
// appended, so a checkpoint knows exactly which changes its copy of the file contains: every
// change numbered up to the count when it started.
#include "core/store/durable_store.h"

#include <algorithm>
#include <map>
#include <set>

namespace canvass {

struct DurableStore::State {
    ReplayReport replayed;
    std::int64_t appended = 0;     // changes appended so far, counting the journal pending at open
    std::int64_t covered = 0;      // changes the last successful checkpoint contains
    std::int64_t retry_after = 0;  // after a failed checkpoint, no automatic one before this count
    std::int64_t checkpoints = 0;
    int running = 0;
    std::int64_t in_flight = 0;
    std::set<std::int64_t> failed;                       // changes whose journal write failed
    std::map<std::string, std::int64_t> failed_submits;  // response id -> its change number
    std::string last_error;

    void forget_failures_up_to(std::int64_t number) { failed.erase(failed.begin(), failed.upper_bound(number)); }
};

Result<DurableStore> DurableStore::open(const DatabaseLocation& where, const std::vector<std::string>& pending_journal,
                                        JournalWriter& writer) {
    Result<ResponseStore> store = ResponseStore::open(where);
    if (!store) return store.error();
    Result<ReplayReport> replayed = replay_journal(*store, pending_journal);
    if (!replayed) return replayed.error();
    auto state = std::make_shared<State>();
    state->replayed = std::move(replayed).value();
    // The pending records stay in the journal until the next checkpoint covers them.
    state->appended = static_cast<std::int64_t>(pending_journal.size());
    return DurableStore(std::move(store).value(), writer, std::move(state));
}

void DurableStore::append(std::string record, std::function<void(Status)> on_durable) {
    const std::int64_t number = ++state_->appended;
    ++state_->in_flight;
    writer_->append(std::move(record), [state = state_, number, on_durable = std::move(on_durable)](Status written) {
        --state->in_flight;
        if (!written) {
            state->failed.insert(number);
            state->last_error = "saving a change: " + written.error().to_string();
        }
        if (on_durable) on_durable(std::move(written));
    });
}

void DurableStore::submit(const StoredResponse& response, std::function<void(Status)> on_durable) {
    submit_record(response, std::nullopt, std::move(on_durable));
}

void DurableStore::submit(const StoredResponse& response, const OutboxEntry& outbox, std::function<void(Status)> on_durable) {
    submit_record(response, outbox, std::move(on_durable));
}

void DurableStore::submit_record(const StoredResponse& response, const std::optional<OutboxEntry>& outbox,
                                 std::function<void(Status)> on_durable) {
    if (const auto retry = state_->failed_submits.find(response.id); retry != state_->failed_submits.end()) {
        Result<std::optional<StoredResponse>> stored = store_.find(response.id);
        if (!stored) return on_durable(stored.error());
        // Only the very response whose write failed is retried (pressed again, so with a later
        // submit time); anything else with its id is a duplicate.
        StoredResponse same_answers = response;
        if (stored->has_value()) same_answers.submitted_at = (*stored)->submitted_at;
        if (stored->has_value() && **stored == same_answers) {
            if (retry->second <= state_->covered) {
                state_->failed_submits.erase(retry);
                return on_durable(Ok{});
            }
            // The retried record carries the outbox entry the first commit queued, as that one did.
            Result<std::optional<OutboxEntry>> queued = store_.find_outbox(response.id);
            if (!queued) return on_durable(queued.error());
            const std::int64_t earlier = retry->second;
            const std::int64_t number = state_->appended + 1;
            append(queued->has_value() ? journal_response_submitted(**stored, **queued) : journal_response_submitted(**stored),
                   [state = state_, id = response.id, earlier, number, on_durable = std::move(on_durable)](Status written) {
                       if (written) {
                           state->failed.erase(earlier);
                           state->failed_submits.erase(id);
                       } else {
                           state->failed_submits[id] = number;
                       }
                       on_durable(std::move(written));
                   });
            return;
        }
    }
    if (Status committed = outbox ? store_.submit(response, *outbox) : store_.submit(response); !committed) return on_durable(committed);
    const std::int64_t number = state_->appended + 1;
    append(outbox ? journal_response_submitted(response, *outbox) : journal_response_submitted(response),
           [state = state_, id = response.id, number, on_durable = std::move(on_durable)](Status written) {
               if (!written) state->failed_submits[id] = number;
               on_durable(std::move(written));
           });
}

bool DurableStore::submit_failed(const std::string& id) const {
    const auto failed = state_->failed_submits.find(id);
    return failed != state_->failed_submits.end() && failed->second > state_->covered;
}

Status DurableStore::settle_outbox(const std::string& id, OutboxState state, const std::string& outcome) {
    if (Status settled = store_.settle_outbox(id, state, outcome); !settled) return settled;
    append(journal_outbox_settled(id, state, outcome), {});
    return Ok{};
}

Status DurableStore::save_draft(const Draft& draft) {
    if (Status saved = store_.save_draft(draft); !saved) return saved;
    append(journal_draft_saved(draft), {});
    return Ok{};
}

Result<std::optional<Draft>> DurableStore::take_live_draft(const std::string& survey_id, std::int64_t now_ms,
                                                           std::int64_t max_age_ms) {
    Result<std::optional<Draft>> found = store_.find_draft(survey_id);
    if (!found || !found->has_value() || !draft_expired(**found, now_ms, max_age_ms)) return found;
    if (Status discarded = discard_draft(survey_id); !discarded) return discarded.error();
    return std::optional<Draft>{};
}

Status DurableStore::discard_draft(const std::string& survey_id) {
    if (Status discarded = store_.discard_draft(survey_id); !discarded) return discarded;
    append(journal_draft_discarded(survey_id), {});
    return Ok{};
}

Status DurableStore::note_discarded_partial(const std::string& id, const std::string& day) {
    if (Status noted = store_.note_discarded_partial(id, day); !noted) return noted;
    append(journal_partial_discarded(id, day), {});
    return Ok{};
}

void DurableStore::mark_exported(const std::vector<std::string>& ids, const std::string& at,
                                 std::function<void(Status)> on_durable) {
    if (Status marked = store_.mark_exported(ids, at); !marked) {
        if (on_durable) on_durable(marked);
        return;
    }
    append(journal_responses_exported(ids, at), std::move(on_durable));
}

void DurableStore::delete_exported(const std::vector<std::string>& ids, std::function<void(Status)> on_durable) {
    if (Status deleted = store_.delete_exported(ids); !deleted) {
        if (on_durable) on_durable(deleted);
        return;
    }
    append(journal_responses_deleted(ids), std::move(on_durable));
}

void DurableStore::set_device_setting(const std::string& key, const std::string& value, std::function<void(Status)> on_durable) {
    if (Status set = store_.set_device_setting(key, value); !set) {
        if (on_durable) on_durable(set);
        return;
    }
    append(journal_setting_changed(key, value), std::move(on_durable));
}

void DurableStore::checkpoint_if_due() {
    const State& s = *state_;
    if (s.running > 0 || s.appended < s.retry_after) return;
    if (s.appended - s.covered >= kCheckpointEveryRecords || !s.failed.empty()) checkpoint({});
}

void DurableStore::checkpoint(std::function<void(Status)> done) {
    ++state_->running;
    const std::int64_t snapshot = state_->appended;
    auto finished = [state = state_, snapshot, done = std::move(done)](Status saved) {
        --state->running;
        if (saved) {
            state->covered = std::max(state->covered, snapshot);
            ++state->checkpoints;
            state->forget_failures_up_to(snapshot);
        } else {
            state->last_error = "saving a checkpoint: " + saved.error().to_string();
            state->retry_after = state->appended + kCheckpointRetryAfterRecords;
        }
        if (done) done(std::move(saved));
    };
    Result<std::string> image = store_.snapshot();
    if (!image) return finished(image.error());
    writer_->checkpoint(std::move(image).value(), std::move(finished));
}

DurableStatus DurableStore::status() const {
    return DurableStatus{state_->replayed,
                         state_->appended - state_->covered,
                         state_->checkpoints,
                         state_->running > 0,
                         state_->in_flight,
                         static_cast<std::int64_t>(state_->failed.size()),
                         state_->last_error};
}

}  // namespace canvass
