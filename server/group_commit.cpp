// The writer thread and its batches.
#include "server/group_commit.h"

#include <optional>
#include <utility>

namespace canvass::server {

GroupCommitWriter::GroupCommitWriter(CollectorStore store, std::int64_t already_stored, std::size_t max_batch)
    : store_(std::move(store)), max_batch_(max_batch), stored_(already_stored), thread_([this] { run(); }) {}

GroupCommitWriter::~GroupCommitWriter() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

Result<std::vector<collect::Arrival>> GroupCommitWriter::write(std::vector<StoredResponse> responses, std::string received_at,
                                                               bool all_or_nothing) {
    Job job{std::move(responses), std::move(received_at), all_or_nothing, {}};
    std::future<Result<std::vector<collect::Arrival>>> done = job.done.get_future();
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return make_error("the server is shutting down; send it again in a moment");
        queue_.push_back(&job);
    }
    wake_.notify_one();
    return done.get();
}

// One job inside the batch's transaction, in its own savepoint: the same id twice in one batch
// is judged against the first (already inserted), and a failed job leaves the others alone.
// `inserted` grows by what the job added, once its savepoint stands.
Result<std::vector<collect::Arrival>> GroupCommitWriter::store_job(Job& job, std::int64_t& inserted) {
    std::int64_t added = 0;
    std::vector<collect::Arrival> arrivals;
    arrivals.reserve(job.responses.size());
    bool conflict = false;
    Status stored = store_.in_part([&]() -> Status {
        for (const StoredResponse& response : job.responses) {
            Result<std::optional<StoredResponse>> held = store_.find(response.id);
            if (!held) return held.error();
            const collect::Arrival arrival = collect::classify_arrival(*held, response);
            arrivals.push_back(arrival);
            if (arrival == collect::Arrival::Conflict) conflict = true;
            if (arrival != collect::Arrival::New) continue;
            if (Status put = store_.insert(response, job.received_at); !put) return put;
            ++added;
        }
        // Undoing the savepoint keeps a conflicting bundle out whole.
        if (conflict && job.all_or_nothing) return make_error("conflict");
        return Ok{};
    });
    if (!stored && !(conflict && job.all_or_nothing)) return stored.error();
    if (stored) inserted += added;
    return arrivals;
}

void GroupCommitWriter::run() {
    for (;;) {
        std::vector<Job*> batch;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, and everything queued was answered
            std::size_t responses = 0;
            while (!queue_.empty() && (batch.empty() || responses + queue_.front()->responses.size() <= max_batch_)) {
                responses += queue_.front()->responses.size();
                batch.push_back(queue_.front());
                queue_.pop_front();
            }
        }
        std::vector<std::optional<Result<std::vector<collect::Arrival>>>> outcomes(batch.size());
        std::int64_t inserted = 0;
        const Status committed = store_.in_batch([&]() -> Status {
            for (std::size_t i = 0; i < batch.size(); ++i) outcomes[i].emplace(store_job(*batch[i], inserted));
            return Ok{};
        });
        if (committed) {
            commits_.fetch_add(1);
            stored_.fetch_add(inserted);
        }
        // Only now, after COMMIT returned (synchronous=FULL: the log is on disk), are the
        // requests answered.
        for (std::size_t i = 0; i < batch.size(); ++i) {
            if (!committed) {
                batch[i]->done.set_value(make_error("the store could not commit (" + committed.error().to_string() +
                                                    "); nothing was stored, send it again"));
            } else {
                batch[i]->done.set_value(std::move(*outcomes[i]));
            }
        }
    }
}

}  // namespace canvass::server
