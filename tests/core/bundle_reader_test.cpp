// BundleReader reads a bundle a slice at a time and must agree with read_bundle on every input:
// the same bundle from a good file, the same message from a bad one, whatever the slice size.
// Checked on simulated bundles, hand-made oddities and thousands of damaged copies.
#include <doctest/doctest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/results/simulate.h"
#include "core/store/bundle_reader.h"
#include "core/survey/survey.h"

using namespace canvass;

namespace {

std::string simulated_bundle(int count) {
    std::ifstream in(std::string(CANVASS_SOURCE_DIR) + "/assets/surveys/diz-digital-needs.json");
    std::ostringstream text;
    text << in.rdbuf();
    Result<survey::Survey> survey = survey::load_survey(nlohmann::json::parse(text.str()), "diz-digital-needs.json");
    REQUIRE(survey.ok());
    results::SimulateOptions options;
    options.count = count;
    options.seed = 3;
    Result<ResponseBundle> bundle = results::simulate_responses(*survey, options);
    REQUIRE(bundle.ok());
    return write_bundle(*bundle);
}

Result<ResponseBundle> read_in_slices(const std::string& text, std::size_t budget, int* steps = nullptr) {
    BundleReader reader(std::make_shared<const std::string>(text), "kiosk.json");
    int taken = 0;
    double last = -1;
    while (!reader.step(budget)) {
        ++taken;
        REQUIRE(reader.fraction() >= last);  // the progress bar never goes back
        last = reader.fraction();
        REQUIRE(taken < 10'000'000);
    }
    CHECK(reader.fraction() == 1.0);
    if (steps) *steps = taken;
    return reader.take();
}

void check_agrees(const std::string& text, std::size_t budget) {
    const Result<ResponseBundle> whole = read_bundle(text, "kiosk.json");
    const Result<ResponseBundle> sliced = read_in_slices(text, budget);
    REQUIRE(whole.ok() == sliced.ok());
    if (whole.ok()) {
        CHECK(whole->survey_id == sliced->survey_id);
        CHECK(whole->device_id == sliced->device_id);
        CHECK(whole->exported_at == sliced->exported_at);
        CHECK(whole->responses == sliced->responses);
    } else {
        CHECK(whole.error().to_string() == sliced.error().to_string());
    }
}

}  // namespace

TEST_CASE("a good bundle read in slices is the bundle read_bundle gives, in many steps") {
    const std::string text = simulated_bundle(200);
    for (std::size_t budget : {1, 7, 1000}) {
        CAPTURE(budget);
        check_agrees(text, budget);
    }
    int steps = 0;
    REQUIRE(read_in_slices(text, 1, &steps).ok());
    CHECK(steps > 200);  // at least one step per response: a large file never blocks in one go
    Result<ResponseBundle> read = read_in_slices(text, 1);
    CHECK(read->responses.size() == 200);
}

TEST_CASE("unusual but valid bundles, and bad ones, get read_bundle's own answer") {
    const std::string good = simulated_bundle(3);
    const auto replace = [&](const std::string& from, const std::string& to) {
        std::string text = good;
        const std::size_t at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
        return text;
    };
    const std::string cases[] = {
        good,
        "\xEF\xBB\xBF" + good,                                                  // a byte-order mark
        replace("\"responses\"", "\"respon\\u0073es\""),                       // an escaped member name
        replace("\"responses\": [", "\"responses\": [1,"),                     // a number among the responses
        replace("\"responses\": [", "\"responses\": [\"x\","),                 // text among the responses
        replace("\"responses\": [", "\"responses\": [,"),                      // a stray comma
        replace("\n  ]\n}", ",\n  ]\n}"),                                      // a trailing comma
        replace("\n  ]\n}", "\n  ]\n}x"),                                      // something after the end
        replace("\n  ]\n}", "\n  ],\n  \"responses\": []\n}"),                 // the responses twice
        replace("\"format_version\": 1", "\"format_version\": 2"),             // a newer format
        replace("\"format_version\": 1", "\"format_version\": tru"),           // broken JSON in the head
        replace("\"channel\":\"", "\"channel\":\"x"),                          // a bad channel in the first response
        replace("\"data\":{", "\"data\":{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],"),
        replace("\"data\":{", "\"data\":{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],"),
        "{\"responses\": [], \"format\": \"canvass.responses\", \"format_version\": 1, \"survey_id\": \"s\", \"device_id\": \"d\"}",
        "{\"format\": \"canvass.responses\", \"format_version\": 1, \"survey_id\": \"s\", \"device_id\": \"d\"}",
        "[]",
        "",
        "{",
        "{\"responses\": [{}",
    };
    for (const std::string& text : cases) {
        CAPTURE(text.substr(0, 300));
        check_agrees(text, 1);
        check_agrees(text, 64);
    }
}

TEST_CASE("thousands of damaged copies of a bundle get read_bundle's own answer") {
    const std::string good = simulated_bundle(4);
    std::mt19937 random(11);
    const char noise[] = {'{', '}', '[', ']', ',', ':', '"', '\\', ' ', 'x', '1', '\n', '\x80'};
    for (int round = 0; round < 3000; ++round) {
        std::string text = good;
        const std::size_t at = random() % text.size();
        switch (round % 4) {
            case 0: text.resize(at); break;                                      // truncated
            case 1: text[at] = noise[random() % sizeof noise]; break;            // a byte changed
            case 2: text.insert(at, 1, noise[random() % sizeof noise]); break;   // a byte added
            case 3: text.erase(at, 1); break;                                    // a byte lost
        }
        CAPTURE(round);
        CAPTURE(at);
        check_agrees(text, 1 + round % 5);
    }
}
