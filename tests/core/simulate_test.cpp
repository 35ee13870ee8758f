// Simulated respondents (core/results/simulate.h): the same seed gives the same bytes, every
// response is complete and valid as `canvass check` judges it, hidden questions are never
// answered, the default survey's segments, districts, channels and locales are mixed, and the
// bundle reads back.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>

#include "core/io/json_document.h"
#include "core/results/simulate.h"
#include "core/store/bundle.h"
#include "core/survey/survey.h"
#include "core/util/time.h"
#include "core/util/uuid.h"

using namespace canvass;
using nlohmann::json;

namespace {

survey::Survey load(const std::string& relative) {
    const std::string path = std::string(CANVASS_SOURCE_DIR) + "/" + relative;
    Result<json> doc = read_json_file(path);
    REQUIRE(doc.ok());
    Result<survey::Survey> loaded = survey::load_survey(*doc, path);
    REQUIRE(loaded.ok());
    return std::move(loaded).value();
}

const survey::Survey& default_survey() {
    static const survey::Survey survey = load("assets/surveys/diz-digital-needs.json");
    return survey;
}

ResponseBundle simulate(const survey::Survey& survey, int count, std::uint64_t seed) {
    results::SimulateOptions options;
    options.count = count;
    options.seed = seed;
    Result<ResponseBundle> bundle = results::simulate_responses(survey, options);
    if (!bundle) FAIL(bundle.error().to_string());
    return std::move(bundle).value();
}

// The bundle the data checks below share: a few hundred respondents of the default survey.
const ResponseBundle& sample() {
    static const ResponseBundle bundle = simulate(default_survey(), 400, 20261102);
    return bundle;
}

json data_of(const StoredResponse& r) { return json::parse(r.data_json); }

// The value at `key`, or null when the response does not answer it.
const json& answer_at(const json& data, const std::string& key) {
    static const json kNull;
    const auto it = data.find(key);
    return it == data.end() ? kNull : *it;
}

bool has(const json& array, const char* value) {
    return array.is_array() && std::find(array.begin(), array.end(), json(value)) != array.end();
}

// What a report keeps of a typed district: trimmed and upper-cased; "" when it is not the
// form of a district (e.g. a full postcode).
std::string district_of(std::string typed) {
    const auto space = [](char c) { return c == ' ' || c == '\t'; };
    while (!typed.empty() && space(typed.back())) typed.pop_back();
    typed.erase(typed.begin(), std::find_if_not(typed.begin(), typed.end(), space));
    for (char& c : typed) c = char(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    std::size_t i = 0;
    while (i < typed.size() && typed[i] >= 'A' && typed[i] <= 'Z') ++i;
    if (i < 1 || i > 2 || i >= typed.size() || typed[i] < '0' || typed[i] > '9') return {};
    if (typed.size() > i + 2) return {};
    if (typed.size() == i + 2 && !std::isalnum(static_cast<unsigned char>(typed[i + 1]))) return {};
    return typed;
}

}  // namespace

TEST_CASE("simulate: the same seed gives the same bundle byte for byte; another seed another") {
    const std::string first = write_bundle(simulate(default_survey(), 60, 42));
    const std::string again = write_bundle(simulate(default_survey(), 60, 42));
    const std::string other = write_bundle(simulate(default_survey(), 60, 43));
    CHECK(first == again);
    CHECK(first != other);
    CHECK(first.find("\"device_id\": \"simulated\"") != std::string::npos);
}

TEST_CASE("simulate: respondent i is the same whatever the count") {
    const ResponseBundle few = simulate(default_survey(), 20, 9);
    const ResponseBundle more = simulate(default_survey(), 45, 9);
    std::map<std::string, const StoredResponse*> by_id;
    for (const StoredResponse& r : more.responses) by_id[r.id] = &r;
    for (const StoredResponse& r : few.responses) {
        CAPTURE(r.id);
        REQUIRE(by_id.count(r.id) == 1);
        CHECK(*by_id[r.id] == r);
    }
}

TEST_CASE("simulate: every response is complete and valid as canvass check judges it, with no hidden answers") {
    const survey::Survey& s = default_survey();
    REQUIRE(sample().responses.size() == 400);
    for (const StoredResponse& r : sample().responses) {
        CAPTURE(r.data_json);
        const json data = data_of(r);
        const Result<TimePoint> at = parse_iso8601(r.submitted_at);
        REQUIRE(at.ok());
        const survey::CheckResult result = survey::check(s, data, at->unix_ms);
        CHECK(result.complete);
        CHECK(result.invalid.empty());
        // Every key answers a question shown at the end (or is its "other" text).
        for (const auto& [key, value] : data.items()) {
            CAPTURE(key);
            const bool comment = key.size() > 8 && key.compare(key.size() - 8, 8, "-Comment") == 0;
            const std::string name = comment ? key.substr(0, key.size() - 8) : key;
            CHECK(std::find(result.visible.begin(), result.visible.end(), name) != result.visible.end());
            if (comment) CHECK((answer_at(data, name) == "other" || has(answer_at(data, name), "other")));
            CHECK(!value.is_null());
        }
    }
}

TEST_CASE("simulate: questions hidden by the survey's logic are never answered") {
    for (const StoredResponse& r : sample().responses) {
        CAPTURE(r.data_json);
        const json data = data_of(r);
        const json& segment = answer_at(data, "segment");
        if (!has(segment, "business")) CHECK(!data.contains("business_size"));
        if (!has(segment, "business")) CHECK(!data.contains("business_sector"));
        if (!has(segment, "resident")) CHECK(!data.contains("home_broadband_type"));
        if (!has(segment, "commuter")) CHECK(!data.contains("commute_mode"));
        if (data.value("home_broadband_type", "") == "none") CHECK(!data.contains("home_broadband_speed"));
        if (data.value("mobile_network", "") == "no_mobile") CHECK(!data.contains("mobile_signal"));
        CHECK(r.segment == [&] {
            std::string joined;
            for (const char* key : {"resident", "business", "commuter"}) {
                if (has(segment, key)) joined += (joined.empty() ? "" : ",") + std::string(key);
            }
            return joined;
        }());
    }
}

TEST_CASE("simulate: segments are mixed: mostly one, some two or three, each segment seen") {
    std::map<std::size_t, int> by_count;
    std::map<std::string, int> by_segment;
    for (const StoredResponse& r : sample().responses) {
        const json segment = data_of(r)["segment"];
        REQUIRE(segment.is_array());
        ++by_count[segment.size()];
        for (const json& v : segment) ++by_segment[v.get<std::string>()];
    }
    CHECK(by_count[1] > 240);
    CHECK(by_count[2] > 20);
    CHECK(by_count[3] > 2);
    CHECK(by_count.size() == 3);
    CHECK(by_segment["resident"] > by_segment["business"]);
    CHECK(by_segment["business"] > 30);
    CHECK(by_segment["commuter"] > 30);
}

TEST_CASE("simulate: answers respect the question types") {
    int others = 0, nones = 0, comments = 0, rankings = 0;
    for (const StoredResponse& r : sample().responses) {
        CAPTURE(r.data_json);
        const json data = data_of(r);
        if (data.contains("priorities")) {
            ++rankings;
            std::set<std::string> items;
            for (const json& v : data["priorities"]) items.insert(v.get<std::string>());
            CHECK(items == std::set<std::string>{"full_fibre", "5g", "public_wifi", "skills", "online_services", "smart_transport"});
            CHECK(data["priorities"].size() == 6);
        }
        for (const char* name : {"home_devices", "online_services_used", "barriers", "staff_skills_gaps"}) {
            if (!has(answer_at(data, name), "none")) continue;
            ++nones;
            CHECK(answer_at(data, name).size() == 1);
        }
        for (const char* name : {"mobile_network", "barriers", "business_sector", "commute_mode", "commute_route", "better_connectivity_uses"}) {
            const bool other = answer_at(data, name) == "other" || has(answer_at(data, name), "other");
            others += other;
            CHECK(other == data.contains(std::string(name) + "-Comment"));
        }
        for (const char* name : {"home_broadband_satisfaction", "cyber_confidence", "journey_connectivity"}) {
            if (data.contains(name)) CHECK((answer_at(data, name).is_number_integer() && answer_at(data, name) >= 1 && answer_at(data, name) <= 5));
        }
        if (data.contains("ideas")) {
            ++comments;
            CHECK(data["ideas"].get<std::string>().size() < 80);
        }
    }
    CHECK(rankings > 300);
    CHECK(others > 5);
    CHECK(nones > 5);
    CHECK(comments > 40);
    CHECK(comments < 160);  // mostly blank
}

TEST_CASE("simulate: postcode districts are districts, mostly in the DIZ, some typed loosely, some blank") {
    const std::set<std::string> diz = {"CM17", "CM18", "CM19", "CM20", "CM16", "IG10", "EN9", "CM5", "SG9", "SG10", "SG11", "SG12",
                                       "SG13", "SG14", "CM21", "CM23", "CB10", "CB11", "CM6", "CM22", "CM24", "EN8", "EN10", "EN11"};
    int blank = 0, in_diz = 0, elsewhere = 0, loose = 0;
    for (const StoredResponse& r : sample().responses) {
        const json data = data_of(r);
        if (!data.contains("postcode_district")) {
            ++blank;
            continue;
        }
        const std::string typed = data["postcode_district"].get<std::string>();
        CAPTURE(typed);
        const std::string district = district_of(typed);
        CHECK(!district.empty());
        if (typed != district) ++loose;
        (diz.count(district) ? in_diz : elsewhere) += 1;
    }
    CHECK(blank > 15);
    CHECK(blank < 80);
    CHECK(elsewhere > 5);
    CHECK(elsewhere < 50);
    CHECK(in_diz > 280);
    CHECK(loose > 30);
}

TEST_CASE("simulate: channels, devices, locales, ids and times") {
    const ResponseBundle& bundle = sample();
    CHECK(bundle.survey_id == "diz-digital-needs");
    CHECK(bundle.device_id == "simulated");
    CHECK(bundle.exported_at == "2026-11-29T23:59:59Z");
    std::map<std::string, std::set<std::string>> devices_by_channel;
    std::map<std::string, int> locales;
    std::set<std::string> ids;
    std::string previous;
    for (const StoredResponse& r : bundle.responses) {
        CAPTURE(r.id);
        devices_by_channel[r.channel].insert(r.device_id);
        ++locales[r.locale];
        CHECK(ids.insert(r.id).second);
        CHECK(Uuid::parse(r.id).ok());
        CHECK(r.id[14] == '4');
        CHECK(r.survey_version == default_survey().version);
        CHECK(r.submitted_at.size() == 20);
        CHECK(r.submitted_at >= "2026-11-02T00:00:00Z");
        CHECK(r.submitted_at <= bundle.exported_at);
        CHECK(previous <= r.submitted_at);  // oldest first
        previous = r.submitted_at;
        CHECK(r.started_at < r.submitted_at);
    }
    CHECK(devices_by_channel["online"] == std::set<std::string>{"sim-online"});
    CHECK(devices_by_channel["kiosk"] == std::set<std::string>{"sim-kiosk-1", "sim-kiosk-2", "sim-kiosk-3"});
    CHECK(devices_by_channel["paper"].size() >= 2);
    CHECK(devices_by_channel["phone"].size() >= 2);
    CHECK(devices_by_channel.size() == 4);
    CHECK(locales["en"] > locales["pl"]);
    CHECK(locales["pl"] > 20);
}

TEST_CASE("simulate: the bundle round-trips through read_bundle") {
    const std::string text = write_bundle(sample());
    Result<ResponseBundle> read = read_bundle(text, "simulated.json");
    REQUIRE(read.ok());
    CHECK(read->responses.size() == sample().responses.size());
    CHECK(write_bundle(*read) == text);
    CHECK(read->responses[0].device_id == sample().responses[0].device_id);
    CHECK(missing_from_bundle(*read, sample().responses).empty());
}

TEST_CASE("simulate: the period and the first day are options") {
    results::SimulateOptions options;
    options.count = 60;
    options.first_day = {2027, 2, 27};
    options.days = 3;
    Result<ResponseBundle> bundle = results::simulate_responses(default_survey(), options);
    REQUIRE(bundle.ok());
    CHECK(bundle->exported_at == "2027-03-01T23:59:59Z");
    for (const StoredResponse& r : bundle->responses) {
        CHECK(r.submitted_at >= "2027-02-27T00:00:00Z");
        CHECK(r.submitted_at <= "2027-03-01T23:59:59Z");
    }
    options.count = 0;
    bundle = results::simulate_responses(default_survey(), options);
    REQUIRE(bundle.ok());
    CHECK(bundle->responses.empty());
}

TEST_CASE("simulate: options out of range are refused with a message") {
    struct Row {
        const char* name;
        results::SimulateOptions options;
        std::string message;
    };
    results::SimulateOptions too_many, negative, no_days, bad_day, bad_device;
    too_many.count = 1'000'001;
    negative.count = -1;
    no_days.days = 0;
    bad_day.first_day = {2026, 2, 30};
    bad_device.device_id = "Kiosk 1";
    const Row rows[] = {
        {"too many", too_many, "count must be from 0 to 1000000; got 1000001"},
        {"negative", negative, "count must be from 0 to 1000000; got -1"},
        {"no days", no_days, "days must be from 1 to 3660; got 0"},
        {"bad day", bad_day, "first_day is not a date in the calendar"},
        {"bad device", bad_device, "device id 'Kiosk 1' is not a slug (a-z, 0-9 and -)"},
    };
    for (const Row& row : rows) {
        CAPTURE(std::string(row.name));
        const Result<ResponseBundle> bundle = results::simulate_responses(default_survey(), row.options);
        REQUIRE(!bundle.ok());
        CHECK(bundle.error().message == row.message);
    }
}

TEST_CASE("simulate: other surveys' logic is followed too (panels, validators, other/none, numbers, matrices)") {
    struct Row {
        const char* file;
        int count;  // skills-audit's many expressions make its evaluation slow under the sanitizers
    };
    const Row rows[] = {{"tests/surveys/all-types.json", 30},        {"tests/surveys/transport.json", 30},
                        {"tests/surveys/library-feedback.json", 30}, {"tests/surveys/skills-audit.json", 12},
                        {"tests/surveys/event-registration.json", 30}, {"tests/surveys/edge-cases.json", 30}};
    for (const Row& row : rows) {
        CAPTURE(std::string(row.file));
        const survey::Survey s = load(row.file);
        const ResponseBundle bundle = simulate(s, row.count, 5);
        REQUIRE(bundle.responses.size() == std::size_t(row.count));
        for (const StoredResponse& r : bundle.responses) {
            CAPTURE(r.data_json);
            const survey::CheckResult result = survey::check(s, data_of(r), parse_iso8601(r.submitted_at)->unix_ms);
            CHECK(result.complete);
            CHECK(result.invalid.empty());
        }
    }
}
