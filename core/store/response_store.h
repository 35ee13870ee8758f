// The response store: one SQLite database holding submitted responses, with a versioned
// schema. Opening a store migrates it to the newest schema inside a transaction, so a store
// is never left half-migrated; a store from a newer Canvass is refused, not damaged.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

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
    bool operator==(const StoredResponse&) const = default;
};

// A response not yet submitted, saved as the respondent goes so a reload can resume it.
struct Draft {
    std::string id;              // the response UUID the draft will become
    std::string survey_id, survey_version, locale, channel;
    std::string started_at;      // ISO-8601 UTC
    std::int64_t updated_at_ms = 0;
    std::string data_json;       // SurveyJS data so far
    std::string position_json;   // where the respondent was, opaque to the store
    bool operator==(const Draft&) const = default;
};

class ResponseStore {
public:
    static constexpr int current_schema_version = 1;

    static Result<ResponseStore> open(const std::string& path);

    int schema_version() const { return schema_version_; }
    Result<std::int64_t> count_responses() const;
    // Storing the same id twice is refused with an error naming the id; nothing changes.
    Status insert(const StoredResponse& response);
    Result<std::optional<StoredResponse>> find(const std::string& id) const;

private:
    explicit ResponseStore(Database db) : db_(std::move(db)) {}
    Status migrate();

    Database db_;
    int schema_version_ = 0;
};

}  // namespace canvass
