// What the collector (`canvass serve`, docs/api.md) decides about a request, as pure functions:
// reading and checking one posted response or a kiosk bundle against the surveys the server
// hosts, whether a response is new, a retry or a conflict, and the JSON replies with their
// status codes. No HTTP, no clock and no store here: the server binding (server/) passes the
// body, `now` and what the store holds, and sends back what these return.
//
// Sections:
//   1. Limits and replies
//   2. Reading a posted response
//   3. Reading a posted bundle
//   4. New, retry or conflict
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/store/bundle.h"
#include "core/store/response_store.h"
#include "core/survey/model.h"

namespace canvass::collect {

// --- 1. Limits and replies ------------------------------------------------------------------

// A response is a few kilobytes; 256 KiB leaves room for long comments and refuses anything else
// before it is parsed.
inline constexpr std::size_t kMaxResponseBodyBytes = 256 * 1024;
// A kiosk's day is a few hundred responses; 32 MiB is some 30,000 of them.
inline constexpr std::size_t kMaxBundleBodyBytes = 32 * 1024 * 1024;
// The device of a posted response that names none (a kiosk names its own with "device"): the
// Board report lists it as a source.
inline constexpr std::string_view kOnlineDevice = "online";
// A refused response lists at most this many reasons.
inline constexpr std::size_t kMaxReasons = 20;

// An HTTP answer as data: its status and its JSON body.
struct Reply {
    int status = 200;
    nlohmann::json body;
};

// {"error": message}: every refusal says what is wrong and what to fix.
Reply error_reply(int status, std::string message);

// 422 with {"error": ..., "reasons": [{"at": "data.q1", "problem": "..."}]}.
Reply invalid_reply(std::string message, const std::vector<Error>& reasons);

// Either the checked value, or the reply that refuses the request.
template <class T>
using Checked = std::variant<T, Reply>;

// The surveys this server takes answers for, by id.
using HostedSurveys = std::map<std::string, survey::Survey, std::less<>>;

// --- 2. Reading a posted response -----------------------------------------------------------

// POST /api/v1/responses: one element of a canvass.responses bundle's responses[] plus
// "survey_id". 413 when larger than `max_bytes`; 400 when it is not JSON (the message gives line
// and column); 422 when it is not a response (the field and what it must be), answers a survey
// not hosted here, or does not fit the survey as `canvass check` judges it (every reason, up to
// kMaxReasons). `now_ms` feeds any today() in the survey's rules.
Checked<StoredResponse> read_posted_response(std::string_view body, const HostedSurveys& surveys, std::int64_t now_ms,
                                             std::size_t max_bytes = kMaxResponseBodyBytes);

// --- 3. Reading a posted bundle -------------------------------------------------------------

// POST /api/v1/bundles: a whole canvass.responses bundle (a kiosk's export), checked as
// `canvass aggregate` checks it. 413, 400 and 422 as above; a bundle is taken whole or not at all.
Checked<ResponseBundle> read_posted_bundle(std::string_view body, const HostedSurveys& surveys, std::int64_t now_ms,
                                           std::size_t max_bytes = kMaxBundleBodyBytes);

// --- 4. New, retry or conflict --------------------------------------------------------------

enum class Arrival {
    New,       // stored now: 201
    Retry,     // the same response was stored before: 200, not stored again
    Conflict,  // the id is taken by a response with other content: 409, nothing changes
};

// Whether two copies are the same response: every stored field, and the answers as JSON values
// (so key order and spacing do not matter).
bool same_response(const StoredResponse& a, const StoredResponse& b);

// What to do with `incoming` given what the store holds under its id.
Arrival classify_arrival(const std::optional<StoredResponse>& held, const StoredResponse& incoming);

// The reply to a posted response: 201 {"id", "status": "stored"}, 200 {"id", "status":
// "already stored"} or 409 {"error", "id"}.
Reply arrival_reply(Arrival arrival, const std::string& id);

// The reply to a posted bundle: 200 {"survey_id", "added", "already_there"}, or 409 naming the
// first response whose id is held with other content (then nothing of the bundle is stored).
Reply bundle_reply(const std::string& survey_id, const std::vector<Arrival>& arrivals, const std::vector<StoredResponse>& responses);

}  // namespace canvass::collect
