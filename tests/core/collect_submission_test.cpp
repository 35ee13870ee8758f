// The collector's decisions on a posted response or bundle (core/collect/submission.h): which
// status each kind of bad input gets, with the exact message, and new / retry / conflict.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/collect/submission.h"
#include "core/survey/survey.h"

using nlohmann::json;
using namespace canvass;
using namespace canvass::collect;

namespace {

const HostedSurveys& hosted() {
    static const HostedSurveys surveys = [] {
        std::ifstream in(std::string(CANVASS_SOURCE_DIR) + "/tests/surveys/results-small.json");
        std::ostringstream text;
        text << in.rdbuf();
        Result<survey::Survey> loaded = survey::load_survey(json::parse(text.str()), "results-small.json");
        REQUIRE(loaded.ok());
        HostedSurveys map;
        map.emplace("results-small", *loaded);
        return map;
    }();
    return surveys;
}

constexpr std::int64_t kNow = 1'795'000'000'000;  // 2026-11-18

json posted(json data = {{"segment", {"resident"}}, {"broadband", "fibre"}}) {
    return {{"survey_id", "results-small"},
            {"id", "3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b"},
            {"survey_version", hosted().at("results-small").version},
            {"submitted", "2026-11-18T10:00:00Z"},
            {"locale", "en"},
            {"channel", "online"},
            {"data", std::move(data)}};
}

Reply refusal(const Checked<StoredResponse>& checked) {
    REQUIRE(std::holds_alternative<Reply>(checked));
    return std::get<Reply>(checked);
}

}  // namespace

TEST_CASE("a valid posted response is read with its survey, and an unnamed device is 'online'") {
    Checked<StoredResponse> checked = read_posted_response(posted().dump(), hosted(), kNow);
    REQUIRE(std::holds_alternative<StoredResponse>(checked));
    const StoredResponse& r = std::get<StoredResponse>(checked);
    CHECK(r.id == "3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b");
    CHECK(r.survey_id == "results-small");
    CHECK(r.device_id == "online");
    CHECK(json::parse(r.data_json) == json{{"segment", {"resident"}}, {"broadband", "fibre"}});
    json from_kiosk = posted();
    from_kiosk["device"] = "kiosk-3";
    Checked<StoredResponse> kiosk = read_posted_response(from_kiosk.dump(), hosted(), kNow);
    REQUIRE(std::holds_alternative<StoredResponse>(kiosk));
    CHECK(std::get<StoredResponse>(kiosk).device_id == "kiosk-3");
}

TEST_CASE("bad bodies get 400, 413 or 422 with a message that says what to fix") {
    struct Case {
        std::string body;
        int status;
        std::string error;
    };
    json no_survey = posted();
    no_survey.erase("survey_id");
    json other_survey = posted();
    other_survey["survey_id"] = "transport";
    json bad_channel = posted();
    bad_channel["channel"] = "fax";
    json extra = posted();
    extra["name"] = "Ann";
    const std::vector<Case> cases = {
        {"{\"id\": ", 400, "the body is not valid JSON: body:1:8: invalid JSON: unexpected end of input; expected '[', '{', or a literal"},
        {"[1, 2]", 400, "the body must be one response as a JSON object"},
        {no_survey.dump(), 422, "the response does not say which survey it answers"},
        {other_survey.dump(), 422, "this server takes no answers for survey 'transport'"},
        {bad_channel.dump(), 422, "the response is not in the canvass.responses form: fix the field named in reasons"},
        {extra.dump(), 422, "the response is not in the canvass.responses form: fix the field named in reasons"},
        {std::string(300 * 1024, ' '), 413, "the body is larger than 256 KiB, the most one response may be; send less"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.body.substr(0, 80));
        const Reply reply = refusal(read_posted_response(c.body, hosted(), kNow));
        CHECK(reply.status == c.status);
        CHECK(reply.body.at("error").get<std::string>() == c.error);
    }
    const Reply channel = refusal(read_posted_response(bad_channel.dump(), hosted(), kNow));
    CHECK(channel.body.at("reasons") == json::array({{{"at", "channel"}, {"problem", "'fax' is not one of online, kiosk, paper, phone"}}}));
    const Reply named = refusal(read_posted_response(extra.dump(), hosted(), kNow));
    CHECK(named.body.at("reasons")[0] == json{{"at", "name"}, {"problem", "\"name\" is not a field of a response bundle; remove it"}});
}

TEST_CASE("a response that does not fit its survey gets 422 listing every reason") {
    const json data = {{"segment", {"resident"}}, {"broadband", "satellite"}, {"happy", 9}, {"colour", "blue"}};
    const Reply reply = refusal(read_posted_response(posted(data).dump(), hosted(), kNow));
    CHECK(reply.status == 422);
    CHECK(reply.body.at("error") == "the response does not fit survey 'results-small': fix the reasons listed");
    const json expected = json::array({
        {{"at", "data.broadband"}, {"problem", "'satellite' is not one of the question's choices"}},
        {{"at", "data.colour"}, {"problem", "the survey has no question 'colour'; remove it"}},
        {{"at", "data.happy"}, {"problem", "9 is not on the rating scale"}},
    });
    CHECK(reply.body.at("reasons") == expected);
    const Reply incomplete = refusal(read_posted_response(posted({{"broadband", "fibre"}}).dump(), hosted(), kNow));
    CHECK(incomplete.body.at("reasons") ==
          json::array({{{"at", "data"}, {"problem", "the answers are not complete: a question the survey requires is unanswered"}}}));
    json old_version = posted();
    old_version["survey_version"] = std::string(64, 'a');
    const Reply version = refusal(read_posted_response(old_version.dump(), hosted(), kNow));
    CHECK(version.body.at("reasons")[0].at("at") == "survey_version");
}

TEST_CASE("new, identical retry and same id with other content: 201, 200, 409") {
    const StoredResponse incoming = std::get<StoredResponse>(read_posted_response(posted().dump(), hosted(), kNow));
    CHECK(classify_arrival(std::nullopt, incoming) == Arrival::New);
    StoredResponse respaced = incoming;
    respaced.data_json = "{ \"broadband\" : \"fibre\", \"segment\": [\"resident\"] }";
    CHECK(classify_arrival(respaced, incoming) == Arrival::Retry);
    StoredResponse changed = incoming;
    changed.data_json = json{{"segment", {"business"}}}.dump();
    CHECK(classify_arrival(changed, incoming) == Arrival::Conflict);
    StoredResponse other_device = incoming;
    other_device.device_id = "kiosk-1";
    CHECK(classify_arrival(other_device, incoming) == Arrival::Conflict);

    CHECK(arrival_reply(Arrival::New, incoming.id).status == 201);
    CHECK(arrival_reply(Arrival::New, incoming.id).body == json{{"id", incoming.id}, {"status", "stored"}});
    CHECK(arrival_reply(Arrival::Retry, incoming.id).status == 200);
    CHECK(arrival_reply(Arrival::Retry, incoming.id).body.at("status") == "already stored");
    const Reply conflict = arrival_reply(Arrival::Conflict, incoming.id);
    CHECK(conflict.status == 409);
    CHECK(conflict.body.at("error") == "response " + incoming.id +
                                           " is already stored with different content; a response id names one response: "
                                           "send a new response with a new id");
}

TEST_CASE("a posted bundle is checked whole, and its reply counts added and already there") {
    const StoredResponse r = std::get<StoredResponse>(read_posted_response(posted().dump(), hosted(), kNow));
    ResponseBundle bundle{"results-small", "kiosk-2", "2026-11-18T17:00:00Z", {r}};
    bundle.responses[0].device_id = "kiosk-2";
    Checked<ResponseBundle> checked = read_posted_bundle(write_bundle(bundle), hosted(), kNow);
    REQUIRE(std::holds_alternative<ResponseBundle>(checked));
    CHECK(std::get<ResponseBundle>(checked).responses.at(0).device_id == "kiosk-2");

    ResponseBundle wrong = bundle;
    wrong.responses[0].data_json = json{{"segment", {"resident"}}, {"happy", 0}}.dump();
    Checked<ResponseBundle> refused = read_posted_bundle(write_bundle(wrong), hosted(), kNow);
    REQUIRE(std::holds_alternative<Reply>(refused));
    const Reply& reply = std::get<Reply>(refused);
    CHECK(reply.status == 422);
    CHECK(reply.body.at("reasons")[0] == json{{"at", "bundle: responses[0].data.happy"}, {"problem", "0 is not on the rating scale"}});
    CHECK(std::get<Reply>(read_posted_bundle("{", hosted(), kNow)).status == 400);
    CHECK(std::get<Reply>(read_posted_bundle("{}", hosted(), kNow)).status == 422);

    const Reply counted = bundle_reply("results-small", {Arrival::New, Arrival::Retry, Arrival::New}, {r, r, r});
    CHECK(counted.status == 200);
    CHECK(counted.body == json{{"survey_id", "results-small"}, {"added", 2}, {"already_there", 1}});
    const Reply conflict = bundle_reply("results-small", {Arrival::New, Arrival::Conflict}, {r, r});
    CHECK(conflict.status == 409);
    CHECK(conflict.body.at("error") == "response " + r.id +
                                           " (responses[1]) is already stored with different content; nothing of this bundle was "
                                           "stored: find out which device's copy is right");
}
