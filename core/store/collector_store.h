// The collector's store (`canvass serve`): every response the server has accepted, in one SQLite
// file in its data folder. Unlike the browser's ResponseStore it keeps each response's device
// (a kiosk's id, so the Board report can list its sources) and no drafts, and it runs in WAL
// mode with synchronous=FULL: a commit is on disk before the server says so, and the report and
// export read while the writer writes. Only the server's one writer thread writes to it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/store/database.h"
#include "core/store/response_store.h"

namespace canvass {

class CollectorStore {
public:
    static constexpr int current_schema_version = 1;

    // Opens (creating if needed) the store at `path`; a store from a newer Canvass is refused.
    static Result<CollectorStore> open(const std::string& path);

    const std::string& path() const { return db_.path(); }

    // Storing an id twice is refused with an error naming the id. `received_at` (ISO-8601 UTC)
    // is when the server took it; no address or other trace of the sender is kept.
    Status insert(const StoredResponse& response, const std::string& received_at);
    Result<std::optional<StoredResponse>> find(const std::string& id) const;
    // Every response to the survey, oldest submission first (ties by id): what an export holds.
    Result<std::vector<StoredResponse>> responses_of(const std::string& survey_id) const;
    Result<std::int64_t> count_responses() const;  // reads the whole table: at start-up only
    // Whether the store can be read at all, at the cost of a page or two (the health check).
    Status probe() const;

    // Runs `work` as one transaction: one commit (one fsync) for a whole group of writes.
    template <class Work>
    Status in_batch(Work&& work) { return in_transaction(db_, std::forward<Work>(work)); }
    // As in_batch, nested inside it: a failing `work` is undone alone.
    template <class Work>
    Status in_part(Work&& work) { return in_savepoint(db_, std::forward<Work>(work)); }

private:
    explicit CollectorStore(Database db) : db_(std::move(db)) {}
    Status prepare_schema();

    Database db_;
};

}  // namespace canvass
