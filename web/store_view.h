// The automation view's "store" object (docs/automation.md): whether the store is open, the
// browser storage behind it (state, persistence, usage and quota, for the staff screen) and
// its journal and checkpoint counts.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/store/durable_store.h"

namespace canvass::web {

// `store` is null when it could not be opened; `error` then says why.
nlohmann::json store_view(const DurableStore* store, const std::string& error);

}  // namespace canvass::web
