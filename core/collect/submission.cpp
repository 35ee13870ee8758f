// The collector's decisions about posted responses and bundles.
//
// Sections: 1. Replies; 2. A posted response; 3. A posted bundle; 4. New, retry or conflict.
#include "core/collect/submission.h"

#include <utility>

#include "core/io/json_document.h"
#include "core/results/merge.h"

namespace canvass::collect {

using nlohmann::json;

namespace {

// Nested deeper than this is no survey's answers (a matrix is an object of rows).
constexpr int kMaxBodyDepth = 16;

std::string size_text(std::size_t bytes) {
    return bytes >= 1024 * 1024 ? std::to_string(bytes / (1024 * 1024)) + " MiB" : std::to_string(bytes / 1024) + " KiB";
}

Reply too_large(std::size_t max_bytes, std::string_view what) {
    return error_reply(413, "the body is larger than " + size_text(max_bytes) + ", the most " + std::string(what) +
                                " may be; send less");
}

// "body: responses[0].channel" is where read_bundle puts a field; a posted response is the
// element itself, so the client is told "channel".
std::string without_element_prefix(const std::string& location) {
    constexpr std::string_view prefix = "body: responses[0]";
    if (location.rfind(prefix, 0) != 0) return location;
    std::string rest = location.substr(prefix.size());
    if (!rest.empty() && rest.front() == '.') rest.erase(0, 1);
    return rest;
}

}  // namespace

// --- 1. Replies -----------------------------------------------------------------------------

Reply error_reply(int status, std::string message) { return Reply{status, json{{"error", std::move(message)}}}; }

Reply invalid_reply(std::string message, const std::vector<Error>& reasons) {
    json listed = json::array();
    for (const Error& reason : reasons) listed.push_back({{"at", reason.location}, {"problem", reason.message}});
    return Reply{422, json{{"error", std::move(message)}, {"reasons", std::move(listed)}}};
}

// --- 2. A posted response -------------------------------------------------------------------

Checked<StoredResponse> read_posted_response(std::string_view body, const HostedSurveys& surveys, std::int64_t now_ms,
                                             std::size_t max_bytes) {
    if (body.size() > max_bytes) return too_large(max_bytes, "one response");
    Result<json> parsed = parse_json_document(body, "body", JsonLimits{max_bytes, kMaxBodyDepth});
    if (!parsed) return error_reply(400, "the body is not valid JSON: " + parsed.error().to_string());
    json& item = *parsed;
    if (!item.is_object()) return error_reply(400, "the body must be one response as a JSON object");
    const auto survey_field = item.find("survey_id");
    if (survey_field == item.end() || !survey_field->is_string()) {
        return invalid_reply("the response does not say which survey it answers",
                             {make_error("\"survey_id\" is missing: add the id of the survey it answers", "survey_id")});
    }
    const std::string survey_id = survey_field->get<std::string>();
    const auto hosted = surveys.find(survey_id);
    if (hosted == surveys.end()) {
        const std::string shown = survey_id.size() > 64 ? survey_id.substr(0, 64) + "…" : survey_id;
        return invalid_reply("this server takes no answers for survey '" + shown + "'",
                             {make_error("no survey with this id is hosted here; check the link the answers came from", "survey_id")});
    }
    // Read as one element of a bundle, so a posted response meets exactly the bundle's rules.
    item.erase("survey_id");
    const json wrapped = {{"format", "canvass.responses"}, {"format_version", kBundleFormatVersion}, {"survey_id", survey_id},
                          {"device_id", kOnlineDevice}, {"responses", json::array({std::move(item)})}};
    Result<ResponseBundle> read = read_bundle(wrapped.dump(), "body");
    if (!read) {
        Error reason = read.error();
        reason.location = without_element_prefix(reason.location);
        return invalid_reply("the response is not in the canvass.responses form: fix the field named in reasons", {reason});
    }
    Result<StoredResponse> response = std::move(read->responses.front());
    std::vector<Error> problems = results::response_problems(hosted->second, *response, "", now_ms, kMaxReasons);
    if (!problems.empty()) {
        return invalid_reply("the response does not fit survey '" + survey_id + "': fix the reasons listed", problems);
    }
    return std::move(response).value();
}

// --- 3. A posted bundle ---------------------------------------------------------------------

Checked<ResponseBundle> read_posted_bundle(std::string_view body, const HostedSurveys& surveys, std::int64_t now_ms,
                                           std::size_t max_bytes) {
    if (body.size() > max_bytes) return too_large(max_bytes, "a bundle");
    // Syntax first, so a broken upload is a 400 and a well-formed wrong one a 422.
    if (Result<json> parsed = parse_json_document(body, "body", JsonLimits{max_bytes, kMaxBodyDepth}); !parsed) {
        return error_reply(400, "the body is not valid JSON: " + parsed.error().to_string());
    }
    Result<ResponseBundle> bundle = read_bundle(body, "bundle");
    if (!bundle) {
        return invalid_reply("the body is not a canvass.responses bundle: fix the field named in reasons", {bundle.error()});
    }
    const auto hosted = surveys.find(bundle->survey_id);
    if (hosted == surveys.end()) {
        return invalid_reply("this server takes no answers for survey '" + bundle->survey_id + "'",
                             {make_error("no survey with this id is hosted here; upload it to the server that hosts it",
                                         "bundle: survey_id")});
    }
    std::vector<Error> problems;
    for (std::size_t i = 0; i < bundle->responses.size() && problems.size() < kMaxReasons; ++i) {
        std::vector<Error> found = results::response_problems(hosted->second, bundle->responses[i],
                                                              "bundle: responses[" + std::to_string(i) + "]", now_ms,
                                                              kMaxReasons - problems.size());
        problems.insert(problems.end(), found.begin(), found.end());
    }
    if (!problems.empty()) {
        return invalid_reply("the bundle has responses that do not fit survey '" + bundle->survey_id +
                                 "': nothing was stored; fix the reasons listed (or export again from the kiosk)",
                             problems);
    }
    return std::move(bundle).value();
}

// --- 4. New, retry or conflict --------------------------------------------------------------

bool same_response(const StoredResponse& a, const StoredResponse& b) {
    return a.id == b.id && a.survey_id == b.survey_id && a.survey_version == b.survey_version && a.submitted_at == b.submitted_at &&
           a.locale == b.locale && a.channel == b.channel && a.device_id == b.device_id &&
           (a.data_json == b.data_json || json::parse(a.data_json, nullptr, false) == json::parse(b.data_json, nullptr, false));
}

Arrival classify_arrival(const std::optional<StoredResponse>& held, const StoredResponse& incoming) {
    if (!held) return Arrival::New;
    return same_response(*held, incoming) ? Arrival::Retry : Arrival::Conflict;
}

Reply arrival_reply(Arrival arrival, const std::string& id) {
    switch (arrival) {
        case Arrival::New: return Reply{201, json{{"id", id}, {"status", "stored"}}};
        case Arrival::Retry: return Reply{200, json{{"id", id}, {"status", "already stored"}}};
        case Arrival::Conflict: break;
    }
    return Reply{409, json{{"error", "response " + id +
                                         " is already stored with different content; a response id names one response: "
                                         "send a new response with a new id"},
                           {"id", id}}};
}

Reply bundle_reply(const std::string& survey_id, const std::vector<Arrival>& arrivals, const std::vector<StoredResponse>& responses) {
    int added = 0, already = 0;
    for (std::size_t i = 0; i < arrivals.size(); ++i) {
        if (arrivals[i] == Arrival::Conflict) {
            const std::string id = i < responses.size() ? responses[i].id : std::string();
            return Reply{409, json{{"error", "response " + id + " (responses[" + std::to_string(i) +
                                                 "]) is already stored with different content; nothing of this bundle was stored: "
                                                 "find out which device's copy is right"},
                                   {"id", id}}};
        }
        (arrivals[i] == Arrival::New ? added : already) += 1;
    }
    return Reply{200, json{{"survey_id", survey_id}, {"added", added}, {"already_there", already}}};
}

}  // namespace canvass::collect
