// canvass.responses bundles: the exact bytes written (a golden file), reading them back, the
// schema's example, a located message for each kind of damage, and the check made before a
// kiosk deletes what it exported.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "core/store/bundle.h"

using namespace canvass;

namespace {

std::string slurp(const std::string& relative) {
    std::ifstream in(std::string(CANVASS_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

const std::string kVersion(64, 'a');

StoredResponse response(std::string id, std::string channel, std::string data) {
    StoredResponse r;
    r.id = std::move(id);
    r.survey_id = "diz-digital-needs";
    r.survey_version = kVersion;
    r.locale = "pl";
    r.segment = "resident";            // not in a bundle: the answers hold it
    r.channel = std::move(channel);
    r.started_at = "2026-11-27T10:00:00Z";  // not in a bundle either
    r.submitted_at = "2026-11-27T10:07:00Z";
    r.data_json = std::move(data);
    return r;
}

ResponseBundle two_responses() {
    ResponseBundle bundle;
    bundle.survey_id = "diz-digital-needs";
    bundle.device_id = "kiosk-harlow-1";
    bundle.exported_at = "2026-11-27T17:00:00Z";
    bundle.responses = {response("0b7e4c52-54a4-4f0e-9d55-1c2f1f3b9a10", "kiosk", R"({"segment":["resident"],"ideas":"Więcej Wi-Fi"})"),
                        response("11111111-2222-4333-8444-555555555555", "paper", R"({"segment":["business"]})")};
    return bundle;
}

}  // namespace

TEST_CASE("a bundle is written byte for byte as the golden file, and reads back to the same responses") {
    const ResponseBundle bundle = two_responses();
    const std::string text = write_bundle(bundle);
    CHECK(text == slurp("tests/golden/bundle-two-responses.json"));
    const Result<ResponseBundle> read = read_bundle(text, "export.json");
    REQUIRE(read.ok());
    CHECK(read->survey_id == "diz-digital-needs");
    CHECK(read->device_id == "kiosk-harlow-1");
    CHECK(read->exported_at == "2026-11-27T17:00:00Z");
    REQUIRE(read->responses.size() == 2);
    CHECK(read->responses[1].channel == "paper");
    CHECK(missing_from_bundle(*read, bundle.responses).empty());
}

TEST_CASE("the schema's example is a bundle this Canvass reads") {
    const Result<ResponseBundle> example =
        read_bundle(slurp("docs/schemas/canvass.responses.example.json"), "canvass.responses.example.json");
    REQUIRE(example.ok());
    CHECK(example->responses.size() == 2);
}

TEST_CASE("a damaged bundle is refused with the file, the place and what is wrong") {
    const std::string good = write_bundle(two_responses());
    const auto changed = [&](std::string from, std::string to) {
        std::string text = good;
        const std::size_t at = text.find(from);
        REQUIRE(at != std::string::npos);
        return text.replace(at, from.size(), to);
    };
    struct Row {
        std::string text, message;
    };
    const Row rows[] = {
        {"[]", "export.json: a response bundle is a JSON object; this file holds something else"},
        {changed("canvass.responses", "canvass.report"),
         "export.json: format: this is a \"canvass.report\" file, not a response bundle (\"canvass.responses\")"},
        {changed("\"format_version\": 1", "\"format_version\": 2"),
         "export.json: format_version: version 2 is newer than this Canvass reads (1); open it with a newer Canvass"},
        {changed("\"kiosk-harlow-1\"", "\"Kiosk 1\""), "export.json: device_id: 'Kiosk 1' is not a device id (a-z, 0-9 and -)"},
        {changed("\"paper\"", "\"tablet\""), "export.json: responses[1].channel: 'tablet' is not one of online, kiosk, paper, phone"},
        {changed("\"format_version\": 1", "\"format_version\": 0"),
         "export.json: format_version: version 0 is not a bundle version (this Canvass writes 1)"},
        {changed("\"channel\":\"paper\"", "\"name\":\"Jo Bloggs\",\"channel\":\"paper\""),
         "export.json: responses[1].name: \"name\" is not a field of a response bundle; remove it"},
        {changed("\"device_id\"", "\"note\": \"x\",\n  \"device_id\""), "export.json: note: \"note\" is not a field of a response bundle; remove it"},
        {changed("\"locale\":\"pl\",\"submitted\":\"2026-11-27T10:07:00Z\",\"survey_version\":\"" + kVersion + "\"}\n  ]",
                 "\"locale\":\"--\",\"submitted\":\"2026-11-27T10:07:00Z\",\"survey_version\":\"" + kVersion + "\"}\n  ]"),
         "export.json: responses[1].locale: '--' is not a language code such as en or pl"},
        {changed("11111111-2222-4333-8444-555555555555", "0b7e4c52-54a4-4f0e-9d55-1c2f1f3b9a10"),
         "export.json: responses[1].id: response 0b7e4c52-54a4-4f0e-9d55-1c2f1f3b9a10 appears twice; a bundle holds each response once"},
        {changed("{\"segment\":[\"business\"]}", "\"business\""), "export.json: responses[1].data: must be the answers as a JSON object"},
        {changed("\"11111111-2222-4333-8444-555555555555\",\"locale\":\"pl\",\"submitted\":\"2026-11-27T10:07:00Z\",",
                 "\"11111111-2222-4333-8444-555555555555\",\"locale\":\"pl\","),
         "export.json: responses[1].submitted: \"submitted\" is missing"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.text.substr(0, 120));
        const Result<ResponseBundle> read = read_bundle(row.text, "export.json");
        REQUIRE_FALSE(read.ok());
        CHECK(read.error().to_string() == row.message);
    }
}

TEST_CASE("before deleting, every held response must be in the file with the same content") {
    const ResponseBundle bundle = two_responses();
    std::vector<StoredResponse> held = bundle.responses;
    held.push_back(response("22222222-2222-4333-8444-555555555555", "kiosk", "{}"));  // exported after this file
    held[0].data_json = R"({"segment":["resident"],"ideas":"changed"})";              // not what the file holds
    CHECK(missing_from_bundle(bundle, held) ==
          std::vector<std::string>{"0b7e4c52-54a4-4f0e-9d55-1c2f1f3b9a10", "22222222-2222-4333-8444-555555555555"});
}
