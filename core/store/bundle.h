// The raw response bundle, "canvass.responses" (docs/schemas/canvass.responses.schema.json):
// what a kiosk's staff export writes and what the staff screen re-opens to check before deleting.
// Each response carries its own survey version, because a kiosk can collect across a survey
// update. Pure: text in, values or located errors out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/store/response_store.h"

namespace canvass {

inline constexpr int kBundleFormatVersion = 1;
// A bundle is read whole into memory: about 100,000 responses at a kilobyte each.
inline constexpr std::size_t kMaxBundleBytes = 128 * 1024 * 1024;

struct ResponseBundle {
    std::string survey_id;
    std::string device_id;
    std::string exported_at;  // ISO-8601 UTC
    std::vector<StoredResponse> responses;  // started_at and segment are not in a bundle
};

// The bundle's JSON text: keys in a fixed order, one response per line, so two exports of the
// same responses are byte for byte the same and a diff shows what changed.
std::string write_bundle(const ResponseBundle& bundle);

// The body of POST /api/v1/responses (docs/api.md) for one response: a bundle's response plus
// "survey_id", and "device" when `device_id` is not empty (a kiosk names itself).
std::string posted_response_body(const StoredResponse& response, const std::string& device_id);

// Reads a bundle; errors name `file_name` and the place in it ("responses[3].channel").
Result<ResponseBundle> read_bundle(std::string_view text, std::string_view file_name);

// One element of a bundle's responses[], already parsed, read as read_bundle reads it (`head`
// gives the bundle's survey and device). The error's place is "responses[INDEX]...", without the
// file's name. Shared with BundleReader (core/store/bundle_reader.h), which reads a large bundle
// a slice at a time.
Result<StoredResponse> read_bundle_response(const nlohmann::json& item, std::size_t index, const ResponseBundle& head);

// The ids in `ids` that the bundle does not hold (with the same content), in their order: empty
// means every one of them is safely in the file.
std::vector<std::string> missing_from_bundle(const ResponseBundle& bundle, const std::vector<StoredResponse>& held);

}  // namespace canvass
