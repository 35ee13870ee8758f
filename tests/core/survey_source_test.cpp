// From the documents fetched at start-up to the survey the page runs
// (core/app/survey_source.h), and the native platform's boot_documents() reading a web folder.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/app/survey_source.h"
#include "core/io/json_document.h"
#include "core/survey/survey.h"
#include "platform/platform.h"

using namespace canvass;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const fs::path kAssets = fs::path(CANVASS_SOURCE_DIR) / "assets" / "surveys";

// What boot.js fetches for the shipped site with no ?survey=.
BootDocuments shipped() {
    BootDocuments d;
    d.manifest_file = "surveys/manifest.json";
    d.manifest_text = slurp(kAssets / "manifest.json");
    d.survey_file = "surveys/diz-digital-needs.json";
    d.survey_text = slurp(kAssets / "diz-digital-needs.json");
    return d;
}

std::int64_t at(const char* iso) { return parse_iso8601(iso)->unix_ms; }

}  // namespace

TEST_CASE("load_boot_survey loads the shipped default survey with its manifest entry") {
    BootFailure failure = BootFailure::BadSetup;
    const Result<LoadedSurvey> loaded = load_boot_survey(shipped(), at("2026-11-27T10:00:00Z"), &failure);
    REQUIRE_MESSAGE(loaded.ok(), loaded.error().to_string());
    CHECK(failure == BootFailure::None);
    CHECK(loaded->survey.id == "diz-digital-needs");
    // The version is the one `canvass validate` prints: SHA-256 of the canonical JSON.
    const Result<nlohmann::json> doc = read_json_file((kAssets / "diz-digital-needs.json").string());
    CHECK(loaded->survey.version == survey::load_survey(*doc, "diz-digital-needs.json")->version);
    CHECK(loaded->entry.id == "diz-digital-needs");
    CHECK(loaded->entry.estimated_minutes == 10);
    CHECK(loaded->survey_file == "surveys/diz-digital-needs.json");
    CHECK(loaded->availability.state == survey::AvailabilityState::Open);
    CHECK(loaded->manifest_warnings.size() == 2);  // the contact placeholders
}

TEST_CASE("load_boot_survey: a closed survey still loads, so the app can say when it closed") {
    BootDocuments d = shipped();
    nlohmann::json manifest = nlohmann::json::parse(d.manifest_text);
    manifest["surveys"][0]["opens"] = "2026-05-01";
    manifest["surveys"][0]["closes"] = "2026-07-31";
    d.manifest_text = manifest.dump();
    const Result<LoadedSurvey> closed = load_boot_survey(d, at("2026-08-01T00:00:00+01:00"));
    REQUIRE(closed.ok());
    CHECK(closed->availability.state == survey::AvailabilityState::Closed);
    CHECK(closed->availability.date->text == "2026-07-31");
    const Result<LoadedSurvey> early = load_boot_survey(d, at("2026-04-30T12:00:00Z"));
    REQUIRE(early.ok());
    CHECK(early->availability.state == survey::AvailabilityState::NotYetOpen);
    CHECK(early->availability.date->text == "2026-05-01");
}

TEST_CASE("load_boot_survey errors name the file and the place, and say what kind of failure it is") {
    const std::string survey_text = shipped().survey_text;
    struct Row {
        const char* name;
        BootDocuments documents;
        BootFailure failure;
        std::string error;
    };
    BootDocuments offline = shipped();
    offline.manifest_text.clear();
    offline.survey_file.clear();
    offline.survey_text.clear();
    offline.error = "surveys/manifest.json could not be downloaded: there is no connection to the server (the device may be offline)";
    BootDocuments broken_manifest = shipped();
    broken_manifest.manifest_text = "{\n  \"surveys\": [,]\n}";
    broken_manifest.survey_file.clear();
    BootDocuments unknown = shipped();
    unknown.requested_survey_id = "transport";
    unknown.survey_file.clear();
    unknown.survey_text.clear();
    BootDocuments invalid_id = unknown;
    invalid_id.requested_survey_id = "../manifest";
    BootDocuments wrong_file = shipped();
    wrong_file.survey_file = "surveys/other.json";
    BootDocuments bad_survey = shipped();
    bad_survey.survey_text = R"({"canvassId":"diz-digital-needs","pages":[{"name":"p","elements":[{"type":"signaturepad","name":"s"}]}]})";
    BootDocuments truncated = shipped();
    truncated.survey_text = survey_text.substr(0, 40);
    BootDocuments other_id = shipped();
    other_id.survey_text = R"({"canvassId":"transport","pages":[{"name":"p","elements":[{"type":"text","name":"q"}]}]})";
    BootDocuments manifest_error = shipped();
    {
        nlohmann::json m = nlohmann::json::parse(manifest_error.manifest_text);
        m["surveys"][0]["closes"] = "31/07/2026";
        manifest_error.manifest_text = m.dump(2);
    }

    const Row rows[] = {
        {"offline", offline, BootFailure::Download, offline.error},
        {"manifest not JSON", broken_manifest, BootFailure::BadSetup,
         "surveys/manifest.json:2:15: invalid JSON: unexpected ','; expected '[', '{', or a literal"},
        {"bad date in the manifest", manifest_error, BootFailure::BadSetup,
         "surveys/manifest.json: surveys[0].closes: '31/07/2026' is not an ISO-8601 date-time: expected a 4-digit year at character 3 (expected e.g. 2026-11-26 or 2026-11-26T14:30:00Z)"},
        {"unknown survey", unknown, BootFailure::UnknownSurvey,
         "there is no survey with the id 'transport' here; check the link you were given"},
        {"invalid id", invalid_id, BootFailure::UnknownSurvey,
         "the link's survey id is not valid: an id has 1 to 64 characters from a-z, 0-9 and '-'; check the link you were given"},
        {"page fetched another file", wrong_file, BootFailure::BadSetup,
         "surveys/manifest.json: surveys[0].file: the page fetched 'surveys/other.json', but the manifest names 'surveys/diz-digital-needs.json' for the survey 'diz-digital-needs'"},
        {"survey not JSON", truncated, BootFailure::BadSetup,
         "surveys/diz-digital-needs.json:3:3: invalid JSON: unexpected end of input; expected string literal"},
        {"invalid survey", bad_survey, BootFailure::BadSetup,
         "surveys/diz-digital-needs.json: pages[0].elements[0].type: invalid survey: unknown element type 'signaturepad' in element 's' (supported: radiogroup, checkbox, dropdown, boolean, rating, text, comment, ranking, matrix, html, expression, panel) (run 'canvass validate' for every problem)"},
        {"ids disagree", other_id, BootFailure::BadSetup,
         "surveys/manifest.json: surveys[0].id: the id 'diz-digital-needs' does not match the survey file: surveys/diz-digital-needs.json has the id 'transport' (its canvassId, else its file name); make them the same"},
    };
    for (const Row& row : rows) {
        CAPTURE(std::string(row.name));
        BootFailure failure = BootFailure::None;
        const Result<LoadedSurvey> loaded = load_boot_survey(row.documents, 0, &failure);
        REQUIRE_FALSE(loaded.ok());
        CHECK(boot_failure_id(failure) == std::string(boot_failure_id(row.failure)));
        CHECK(loaded.error().to_string() == row.error);
    }
}

TEST_CASE("manifest_folder is where survey files are fetched from") {
    CHECK(manifest_folder("surveys/manifest.json") == "surveys/");
    CHECK(manifest_folder("a/b/manifest.json") == "a/b/");
    CHECK(manifest_folder("manifest.json") == "");
}

TEST_CASE("native boot_documents reads the web folder in $CANVASS_SITE and the id in $CANVASS_SURVEY") {
    const fs::path site = fs::temp_directory_path() / "canvass_boot_documents_test";
    fs::remove_all(site);
    fs::create_directories(site / "surveys");
    fs::copy_file(kAssets / "manifest.json", site / "surveys" / "manifest.json");
    fs::copy_file(kAssets / "diz-digital-needs.json", site / "surveys" / "diz-digital-needs.json");
    ::setenv("CANVASS_SITE", site.c_str(), 1);
    ::unsetenv("CANVASS_SURVEY");

    BootDocuments d = platform::boot_documents();
    CHECK(d.error == "");
    CHECK(d.manifest_file == "surveys/manifest.json");
    CHECK(d.survey_file == "surveys/diz-digital-needs.json");
    CHECK(load_boot_survey(d, 0).ok());

    ::setenv("CANVASS_SURVEY", "transport", 1);
    d = platform::boot_documents();
    CHECK(d.requested_survey_id == "transport");
    CHECK(d.survey_file == "");
    CHECK(load_boot_survey(d, 0).error().to_string() == "there is no survey with the id 'transport' here; check the link you were given");

    ::unsetenv("CANVASS_SURVEY");
    fs::remove(site / "surveys" / "diz-digital-needs.json");
    d = platform::boot_documents();
    CHECK(d.error == "surveys/diz-digital-needs.json could not be read: cannot open the file; check the path and that you may read it");

    fs::remove_all(site);
    d = platform::boot_documents();
    CHECK(d.error == "surveys/manifest.json could not be read: cannot open the file; check the path and that you may read it");
    ::unsetenv("CANVASS_SITE");
}
