// The store part of the automation view.
#include "web/store_view.h"

#include "platform/platform.h"

namespace canvass::web {

nlohmann::json store_view(const DurableStore* store, const std::string& error) {
    const platform::StorageInfo storage = platform::storage_info();
    nlohmann::json view = {{"open", store != nullptr},
                           {"error", error},
                           {"state", platform::storage_state_name(storage.state)},
                           {"persisted", storage.persisted},
                           {"usageBytes", storage.usage_bytes},
                           {"quotaBytes", storage.quota_bytes},
                           {"detail", storage.detail}};
    if (!store) return view;
    const ResponseStore& responses = store->store();
    const auto count = [](Result<std::int64_t> counted) { return counted ? nlohmann::json(*counted) : nlohmann::json(nullptr); };
    view["schemaVersion"] = responses.schema_version();
    view["responses"] = count(responses.count_responses());
    view["drafts"] = count(responses.count_drafts());
    view["discardedPartials"] = count(responses.count_discarded_partials());
    const DurableStatus status = store->status();
    nlohmann::json rejected = nlohmann::json::array();
    for (const Error& problem : status.replayed.rejected) rejected.push_back(problem.message);
    view["journal"] = {{"replayed", status.replayed.applied},
                       {"skipped", status.replayed.skipped},
                       {"rejected", rejected},
                       {"sinceCheckpoint", status.records_since_checkpoint},
                       {"checkpoints", status.checkpoints},
                       {"checkpointRunning", status.checkpoint_running},
                       {"writesInFlight", status.writes_in_flight},
                       {"unconfirmed", status.unconfirmed_changes},
                       {"lastError", status.last_error}};
    return view;
}

}  // namespace canvass::web
