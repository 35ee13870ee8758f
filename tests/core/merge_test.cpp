// Merging bundles and checking responses against their survey: what is counted once, what is
// refused, and the exact messages that name the file and the place.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/results/merge.h"
#include "core/survey/survey.h"

using nlohmann::json;
using namespace canvass;
using namespace canvass::results;

namespace {

const survey::Survey& small_survey() {
    static const survey::Survey survey = [] {
        std::ifstream in(std::string(CANVASS_SOURCE_DIR) + "/tests/surveys/results-small.json");
        std::ostringstream text;
        text << in.rdbuf();
        Result<survey::Survey> loaded = survey::load_survey(json::parse(text.str()), "results-small.json");
        REQUIRE(loaded.ok());
        return *loaded;
    }();
    return survey;
}

StoredResponse response(int i, json data = {{"segment", {"resident"}}, {"broadband", "fibre"}}) {
    StoredResponse r;
    r.id = "00000000-0000-4000-8000-00000000000" + std::to_string(i);
    r.survey_id = "results-small";
    r.survey_version = small_survey().version;
    r.locale = "en";
    r.channel = "kiosk";
    r.submitted_at = "2026-11-2" + std::to_string(i) + "T10:00:00Z";
    r.data_json = data.dump();
    return r;
}

BundleFile file(std::string name, std::string device, std::vector<StoredResponse> responses) {
    BundleFile f;
    f.name = std::move(name);
    f.bundle.survey_id = "results-small";
    f.bundle.device_id = device;
    f.bundle.exported_at = "2026-11-27T17:00:00Z";
    for (StoredResponse& r : responses) r.device_id = device;
    f.bundle.responses = std::move(responses);
    return f;
}

}  // namespace

TEST_CASE("merging counts each response once, keeps its device, and the same bundle twice changes nothing") {
    const BundleFile a = file("kiosk-a.json", "kiosk-a", {response(3), response(1)});
    const BundleFile b = file("kiosk-b.json", "kiosk-b", {response(2)});
    Result<ResponseBundle> once = merge_bundles({a, b});
    REQUIRE(once.ok());
    REQUIRE(once->responses.size() == 3);
    CHECK(once->device_id == "merged");
    CHECK(once->responses[0].id == response(1).id);  // by submission time
    CHECK(once->responses[1].device_id == "kiosk-b");
    Result<ResponseBundle> twice = merge_bundles({a, b, a, b});
    REQUIRE(twice.ok());
    CHECK(write_bundle(*twice) == write_bundle(*once));
    // A merged bundle merged again with one of its sources is the same merged bundle.
    Result<ResponseBundle> reread = read_bundle(write_bundle(*once), "merged.json");
    REQUIRE(reread.ok());
    Result<ResponseBundle> again = merge_bundles({BundleFile{"merged.json", *reread}, a});
    REQUIRE(again.ok());
    CHECK(write_bundle(*again) == write_bundle(*once));
}

TEST_CASE("merging refuses conflicting copies, other surveys and other survey versions, naming both places") {
    StoredResponse altered = response(1, {{"segment", {"business"}}});
    StoredResponse old_version = response(5);
    old_version.survey_version = std::string(64, 'a');
    BundleFile other_survey = file("other.json", "kiosk-c", {});
    other_survey.bundle.survey_id = "another-survey";
    struct Row {
        std::vector<BundleFile> files;
        std::string message;
    };
    const Row rows[] = {
        {{file("kiosk-a.json", "kiosk-a", {response(1)}), file("kiosk-b.json", "kiosk-a", {response(2), altered})},
         "kiosk-b.json: responses[1].id: response 00000000-0000-4000-8000-000000000001 is also in kiosk-a.json (responses[0]) with "
         "different answers or details; neither copy can be trusted over the other, so nothing was merged: find out which device's "
         "copy is right"},
        {{file("kiosk-a.json", "kiosk-a", {response(1)}), file("kiosk-b.json", "kiosk-b", {old_version})},
         "kiosk-b.json: responses[0].survey_version: this response answers survey version aaaaaaaaaaaa…, but kiosk-a.json "
         "responses[0] answers version " + small_survey().version.substr(0, 12) + "…; merge the bundles of one survey version at a time"},
        {{file("kiosk-a.json", "kiosk-a", {response(1)}), other_survey},
         "other.json: survey_id: this bundle is of survey 'another-survey', but kiosk-a.json is of 'results-small'; merge one "
         "survey's bundles at a time"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.message);
        Result<ResponseBundle> merged = merge_bundles(row.files);
        REQUIRE_FALSE(merged.ok());
        CHECK(merged.error().to_string() == row.message);
    }
}

TEST_CASE("a response the survey forbids is refused with the file and the answer named") {
    StoredResponse old_version = response(1);
    old_version.survey_version = std::string(64, 'b');
    struct Row {
        StoredResponse response;
        std::string message;
    };
    const Row rows[] = {
        {response(1, {{"segment", {"resident"}}, {"fullname", "Ann"}}),
         "kiosk.json: responses[0].data.fullname: the survey has no question 'fullname'; remove it"},
        {response(1, {{"segment", {"resident"}}, {"broadband", "satellite"}}),
         "kiosk.json: responses[0].data.broadband: 'satellite' is not one of the question's choices"},
        {response(1, {{"segment", {"martian"}}}), "kiosk.json: responses[0].data.segment: 'martian' is not one of the question's choices"},
        {response(1, {{"segment", {"resident"}}, {"happy", 9}}), "kiosk.json: responses[0].data.happy: 9 is not on the rating scale"},
        {response(1, {{"segment", {"resident"}}, {"signal", {{"attic", "good"}}}}),
         "kiosk.json: responses[0].data.signal: 'attic' is not one of the question's rows"},
        {response(1, {{"broadband", "fibre"}}),
         "kiosk.json: responses[0].data: the answers are not complete: a question the survey requires is unanswered"},
        {old_version, "kiosk.json: responses[0].survey_version: this response answers survey version bbbbbbbbbbbb…, and the survey "
                      "file is version " + small_survey().version.substr(0, 12) + "…; count it with the survey file it was collected with"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.message);
        Status fits = check_bundle_against_survey(small_survey(), file("kiosk.json", "kiosk-a", {row.response}), 0);
        REQUIRE_FALSE(fits.ok());
        CHECK(fits.error().to_string() == row.message);
    }
    CHECK(check_bundle_against_survey(small_survey(), file("kiosk.json", "kiosk-a", {response(1)}), 0).ok());
}
