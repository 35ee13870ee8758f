// Group commit: the collector's one writer thread. Request threads queue their responses and
// wait; the writer takes everything queued, stores it in one transaction (one fsync), and only
// then answers every waiting request. Many requests share each commit, so throughput grows with
// load while every acknowledgement still means "on disk" (docs/api.md, "Durability").
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/collect/submission.h"
#include "core/result.h"
#include "core/store/collector_store.h"

namespace canvass::server {

class GroupCommitWriter {
public:
    // At most `max_batch` responses go into one transaction, so one huge bundle cannot keep
    // single responses waiting for long. `already_stored`: how many responses `store` holds.
    GroupCommitWriter(CollectorStore store, std::int64_t already_stored, std::size_t max_batch = 2048);
    ~GroupCommitWriter();  // stores what is queued, then stops
    GroupCommitWriter(const GroupCommitWriter&) = delete;
    GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

    // Stores each response not held yet and returns, once committed, what each one was (new,
    // retry or conflict). `all_or_nothing` (a bundle): one conflict stores none of them. An
    // error means nothing of this call was stored.
    Result<std::vector<collect::Arrival>> write(std::vector<StoredResponse> responses, std::string received_at,
                                                bool all_or_nothing);

    std::uint64_t commits() const { return commits_.load(); }
    // How many responses the store holds, committed: kept here so /health costs nothing (a
    // count(*) reads the whole table, and would make a monitoring probe as dear as a report).
    std::int64_t stored() const { return stored_.load(); }

private:
    struct Job {
        std::vector<StoredResponse> responses;
        std::string received_at;
        bool all_or_nothing = false;
        std::promise<Result<std::vector<collect::Arrival>>> done;
    };
    void run();
    Result<std::vector<collect::Arrival>> store_job(Job& job, std::int64_t& inserted);

    CollectorStore store_;
    std::size_t max_batch_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job*> queue_;
    bool stopping_ = false;
    std::atomic<std::uint64_t> commits_{0};
    std::atomic<std::int64_t> stored_;
    std::thread thread_;  // last: started once everything above exists
};

}  // namespace canvass::server
