// Writing and strictly reading canvass.responses bundles.
#include "core/store/bundle.h"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <set>

#include "core/io/json_document.h"
#include "core/util/sha256.h"
#include "core/util/time.h"
#include "core/util/uuid.h"

namespace canvass {
namespace {

using nlohmann::json;

constexpr std::string_view kFormat = "canvass.responses";

bool is_slug(std::string_view text) {
    return !text.empty() && text.size() <= 64 && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

bool is_version_hash(std::string_view text) { return is_lower_hex(text, 64); }

bool is_channel(std::string_view text) { return text == "online" || text == "kiosk" || text == "paper" || text == "phone"; }

// "en", "pl", "pt-br": two or three letters, then parts of letters and digits (as the schema says).
bool is_locale(std::string_view text) {
    const auto letter = [](char c) { return c >= 'a' && c <= 'z'; };
    std::size_t i = 0;
    while (i < text.size() && letter(text[i])) ++i;
    if (i < 2 || i > 3) return false;
    while (i < text.size()) {
        if (text[i++] != '-') return false;
        std::size_t part = 0;
        for (; i < text.size() && (letter(text[i]) || (text[i] >= '0' && text[i] <= '9')); ++i) ++part;
        if (part < 1 || part > 8) return false;
    }
    return true;
}

// A bundle holds nothing outside its documented fields: not a name, not a free-form note.
Status only_known_fields(const json& object, const std::string& place, std::initializer_list<std::string_view> known) {
    for (const auto& [key, value] : object.items()) {
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            const std::string shown = key.size() > 40 ? key.substr(0, 40) + "…" : key;
            return make_error("\"" + shown + "\" is not a field of a response bundle; remove it", place.empty() ? shown : place + "." + shown);
        }
    }
    return Ok{};
}

json response_json(const StoredResponse& r, const std::string& bundle_device) {
    json data = json::parse(r.data_json, nullptr, false);
    if (data.is_discarded()) data = json::object();
    // nlohmann's default object keeps keys sorted, so the order is fixed without extra work.
    json out = {{"id", r.id}, {"survey_version", r.survey_version}, {"submitted", r.submitted_at},
                {"locale", r.locale}, {"channel", r.channel}, {"data", std::move(data)}};
    // Only a merged bundle names each response's device; a kiosk's own export stays as it was.
    if (!r.device_id.empty() && r.device_id != bundle_device) out["device"] = r.device_id;
    return out;
}

}  // namespace

std::string posted_response_body(const StoredResponse& response, const std::string& device_id) {
    json body = response_json(response, "");
    body["survey_id"] = response.survey_id;
    if (!device_id.empty()) body["device"] = device_id;
    return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

namespace {

// Reads one field of an object as text that `valid` accepts; the error names its place.
Result<std::string> text_field(const json& object, const std::string& place, const char* key,
                               bool (*valid)(std::string_view), std::string_view what) {
    const auto found = object.find(key);
    const std::string where = place.empty() ? key : place + "." + key;
    if (found == object.end()) return make_error("\"" + std::string(key) + "\" is missing", where);
    if (!found->is_string()) return make_error("must be text: " + std::string(what), where);
    const std::string value = found->get<std::string>();
    if (valid && !valid(value)) {
        const std::string shown = value.size() > 40 ? value.substr(0, 40) + "…" : value;
        return make_error("'" + shown + "' is not " + std::string(what), where);
    }
    return value;
}

bool is_uuid(std::string_view text) { return Uuid::parse(text).ok(); }
bool is_instant(std::string_view text) { return parse_iso8601(text).ok() && text.size() >= 20 && text.back() == 'Z'; }

}  // namespace

std::string write_bundle(const ResponseBundle& bundle) {
    const json head = {{"format", kFormat}, {"format_version", kBundleFormatVersion}, {"survey_id", bundle.survey_id},
                       {"device_id", bundle.device_id}, {"exported_at", bundle.exported_at}};
    std::string text = "{\n";
    for (const auto& [key, value] : {std::pair<const char*, const json*>{"format", &head["format"]},
                                     {"format_version", &head["format_version"]}, {"survey_id", &head["survey_id"]},
                                     {"device_id", &head["device_id"]}, {"exported_at", &head["exported_at"]}}) {
        text += "  \"" + std::string(key) + "\": " + value->dump() + ",\n";
    }
    text += "  \"responses\": [";
    for (std::size_t i = 0; i < bundle.responses.size(); ++i) {
        text += i == 0 ? "\n    " : ",\n    ";
        text += response_json(bundle.responses[i], bundle.device_id).dump(-1, ' ', false, json::error_handler_t::replace);
    }
    text += bundle.responses.empty() ? "]\n}\n" : "\n  ]\n}\n";
    return text;
}

Result<StoredResponse> read_bundle_response(const json& item, std::size_t index, const ResponseBundle& head) {
    const std::string place = "responses[" + std::to_string(index) + "]";
    if (!item.is_object()) return make_error("must be a response object", place);
    if (Status known = only_known_fields(item, place, {"id", "survey_version", "submitted", "locale", "channel", "data", "device"});
        !known) {
        return known.error();
    }
    StoredResponse r;
    r.survey_id = head.survey_id;
    const struct {
        const char* key;
        bool (*valid)(std::string_view);
        std::string_view what;
        std::string* into;
    } fields[] = {
        {"id", is_uuid, "a response id (a UUID)", &r.id},
        {"survey_version", is_version_hash, "a survey version (64 hex digits)", &r.survey_version},
        {"submitted", is_instant, "a UTC time such as 2026-11-27T10:07:00Z", &r.submitted_at},
        {"locale", is_locale, "a language code such as en or pl", &r.locale},
        {"channel", is_channel, "one of online, kiosk, paper, phone", &r.channel},
    };
    for (const auto& field : fields) {
        Result<std::string> value = text_field(item, place, field.key, field.valid, field.what);
        if (!value) return value.error();
        *field.into = *value;
    }
    r.device_id = head.device_id;
    if (item.contains("device")) {
        Result<std::string> device = text_field(item, place, "device", is_slug, "a device id (a-z, 0-9 and -)");
        if (!device) return device.error();
        r.device_id = *device;
    }
    const auto data = item.find("data");
    if (data == item.end() || !data->is_object()) return make_error("must be the answers as a JSON object", place + ".data");
    r.data_json = data->dump();
    return r;
}

Result<ResponseBundle> read_bundle(std::string_view text, std::string_view file_name) {
    const std::string file(file_name);
    const auto located = [&](Error error) {
        error.location = error.location.empty() ? file : file + ": " + error.location;
        return error;
    };
    Result<json> parsed = parse_json_document(text, file_name, JsonLimits{kMaxBundleBytes, 64});
    if (!parsed) return parsed.error();
    const json& root = *parsed;
    if (!root.is_object()) return located(make_error("a response bundle is a JSON object; this file holds something else"));
    Result<std::string> format = text_field(root, "", "format", nullptr, "\"canvass.responses\"");
    if (!format) return located(format.error());
    if (*format != kFormat) {
        return located(make_error("this is a \"" + *format + "\" file, not a response bundle (\"canvass.responses\")", "format"));
    }
    const auto version = root.find("format_version");
    if (version == root.end() || !version->is_number_integer()) {
        return located(make_error("must be a whole number (this Canvass writes 1)", "format_version"));
    }
    if (*version < 1) return located(make_error("version " + version->dump() + " is not a bundle version (this Canvass writes 1)", "format_version"));
    if (*version > kBundleFormatVersion) {
        return located(make_error("version " + version->dump() + " is newer than this Canvass reads (1); open it with a newer Canvass",
                                  "format_version"));
    }
    if (Status known = only_known_fields(root, "", {"format", "format_version", "survey_id", "device_id", "exported_at", "responses"});
        !known) {
        return located(known.error());
    }
    ResponseBundle bundle;
    Result<std::string> survey_id = text_field(root, "", "survey_id", is_slug, "a survey id (a-z, 0-9 and -)");
    if (!survey_id) return located(survey_id.error());
    Result<std::string> device_id = text_field(root, "", "device_id", is_slug, "a device id (a-z, 0-9 and -)");
    if (!device_id) return located(device_id.error());
    bundle.survey_id = *survey_id;
    bundle.device_id = *device_id;
    if (root.contains("exported_at")) {
        Result<std::string> at = text_field(root, "", "exported_at", is_instant, "a UTC time such as 2026-11-27T17:00:00Z");
        if (!at) return located(at.error());
        bundle.exported_at = *at;
    }
    const auto responses = root.find("responses");
    if (responses == root.end() || !responses->is_array()) return located(make_error("must be a list of responses", "responses"));
    std::set<std::string> seen;
    for (std::size_t i = 0; i < responses->size(); ++i) {
        Result<StoredResponse> r = read_bundle_response((*responses)[i], i, bundle);
        if (!r) return located(r.error());
        if (!seen.insert(r->id).second) {
            return located(make_error("response " + r->id + " appears twice; a bundle holds each response once",
                                      "responses[" + std::to_string(i) + "].id"));
        }
        bundle.responses.push_back(std::move(r).value());
    }
    return bundle;
}

std::vector<std::string> missing_from_bundle(const ResponseBundle& bundle, const std::vector<StoredResponse>& held) {
    std::map<std::string_view, const StoredResponse*> in_file;
    for (const StoredResponse& r : bundle.responses) in_file.emplace(r.id, &r);
    std::vector<std::string> missing;
    for (const StoredResponse& r : held) {
        const auto found = in_file.find(r.id);
        const StoredResponse* b = found == in_file.end() ? nullptr : found->second;
        const bool same = b && b->survey_version == r.survey_version && b->submitted_at == r.submitted_at &&
                          b->channel == r.channel && b->locale == r.locale &&
                          json::parse(b->data_json, nullptr, false) == json::parse(r.data_json, nullptr, false);
        if (!same) missing.push_back(r.id);
    }
    return missing;
}

}  // namespace canvass
