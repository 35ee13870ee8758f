// Tests for `canvass csv`, run as a real process: exact usage errors, bundles of another survey
// refused, the reminder that the file is personal data, and a file written whole.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/store/bundle.h"
#include "core/survey/survey.h"
#include "temp_dir.h"
#include "tests/core/cli_run.h"

namespace fs = std::filesystem;
using namespace canvass;

namespace {

using Run = testing::CliRun;

std::string slurp(const fs::path& path) { return testing::read_whole_file(path); }

// Runs the CLI with `args` (already shell-quoted), with nothing on its standard input.
Run run_cli(const testing::TempDir&, const std::string& args) { return testing::run_canvass(args + " </dev/null"); }

std::string source(const std::string& relative) { return std::string(CANVASS_SOURCE_DIR) + "/" + relative; }
std::string quoted(const std::string& text) { return "'" + text + "'"; }

std::string small_version() {
    Result<survey::Survey> loaded = survey::load_survey(nlohmann::json::parse(slurp(source("tests/surveys/results-small.json"))), "s");
    REQUIRE(loaded.ok());
    return loaded->version;
}

StoredResponse response(int i, const std::string& ideas) {
    StoredResponse r;
    char id[37];
    std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", i);
    r.id = id;
    r.survey_id = "results-small";
    r.survey_version = small_version();
    r.locale = "en";
    r.channel = "kiosk";
    r.submitted_at = "2026-11-27T10:07:00Z";
    r.data_json = nlohmann::json{{"ideas", ideas}}.dump();
    return r;
}

std::string write_bundle_file(const testing::TempDir& dir, const char* name, const std::string& survey_id,
                              const std::vector<StoredResponse>& responses) {
    ResponseBundle bundle{survey_id, "kiosk-harlow-1", "2026-11-27T17:00:00Z", responses};
    for (StoredResponse& r : bundle.responses) r.survey_id = survey_id;
    const std::string path = dir.file(name);
    std::ofstream(path, std::ios::binary) << write_bundle(bundle);
    return path;
}

const std::string kReminderTail =
    ". It is PERSONAL DATA: for Canvass staff only; do not share or publish it, and delete it when no longer needed.\n";

}  // namespace

TEST_CASE("canvass csv: usage errors are one exact line and exit 2") {
    testing::TempDir dir;
    const std::string survey = quoted(source("tests/surveys/results-small.json"));
    const std::string bundle = write_bundle_file(dir, "kiosk.json", "results-small", {response(1, "hello")});
    const std::string out = dir.file("out.csv");
    struct Row {
        const char* name;
        std::string args;
        std::string err;
    };
    const Row rows[] = {
        {"nothing", "csv", "canvass csv: no survey given; use --survey FILE (see 'canvass csv --help')\n"},
        {"no bundles", "csv --survey " + survey + " -o " + quoted(out),
         "canvass csv: no response bundles given; name one or more BUNDLE.json files (see 'canvass csv --help')\n"},
        {"no output", "csv --survey " + survey + " " + quoted(bundle),
         "canvass csv: say where to write the file with -o RESPONSES.csv (see 'canvass csv --help')\n"},
        {"-o without a file", "csv --survey " + survey + " " + quoted(bundle) + " -o", "canvass csv: -o needs a file; see 'canvass csv --help'\n"},
        {"--survey without a file", "csv --survey", "canvass csv: --survey needs a file; see 'canvass csv --help'\n"},
        {"unknown option", "csv --survey " + survey + " --tabs " + quoted(bundle) + " -o " + quoted(out),
         "canvass csv: unknown option '--tabs'; see 'canvass csv --help'\n"},
        {"output is a bundle", "csv --survey " + survey + " " + quoted(bundle) + " -o " + quoted(bundle),
         "canvass csv: " + bundle + ": is one of the bundles; write the CSV to another file\n"},
        {"missing bundle", "csv --survey " + survey + " " + quoted(dir.file("absent.json")) + " -o " + quoted(out),
         "canvass csv: " + dir.file("absent.json") + ": cannot open the file; check the path and that you may read it\n"},
    };
    for (const Row& row : rows) {
        CAPTURE(std::string(row.name));
        const Run run = run_cli(dir, row.args);
        CHECK(run.exit_code == 2);
        CHECK(run.out.empty());
        CHECK(run.err == row.err);
        CHECK_FALSE(fs::exists(out));
    }
}

TEST_CASE("canvass csv: a bundle of another survey, a broken bundle and conflicting copies are refused") {
    testing::TempDir dir;
    const std::string survey = quoted(source("tests/surveys/results-small.json"));
    const std::string good = write_bundle_file(dir, "good.json", "results-small", {response(1, "hello")});
    const std::string other = write_bundle_file(dir, "other.json", "diz-digital-needs", {response(2, "hi")});
    const std::string changed = write_bundle_file(dir, "changed.json", "results-small", {response(1, "hello again")});
    std::string broken_text = slurp(good);
    broken_text.replace(broken_text.find("\"kiosk\""), 7, "\"fax\"");
    const std::string broken = dir.file("broken.json");
    std::ofstream(broken, std::ios::binary) << broken_text;
    const std::string out = dir.file("out.csv");
    struct Row {
        const char* name;
        std::string bundles;
        std::string err;
    };
    const Row rows[] = {
        {"another survey", quoted(good) + " " + quoted(other),
         "canvass csv: " + other +
             ": survey_id: this bundle is of survey 'diz-digital-needs', not 'results-small' (the --survey file); write each survey's "
             "responses on their own\n"},
        {"broken bundle", quoted(broken), "canvass csv: " + broken + ": responses[0].channel: 'fax' is not one of online, kiosk, paper, phone\n"},
        {"same id, different answers", quoted(good) + " " + quoted(changed),
         "canvass csv: " + changed + ": responses[0].id: response 00000000-0000-4000-8000-000000000001 is also in " + good +
             " (responses[0]) with different answers or details; find out which device's copy is right and leave the other out\n"},
    };
    for (const Row& row : rows) {
        CAPTURE(std::string(row.name));
        const Run run = run_cli(dir, "csv --survey " + survey + " " + row.bundles + " -o " + quoted(out));
        CHECK(run.exit_code == 2);
        CHECK(run.out.empty());
        CHECK(run.err == row.err);
        CHECK_FALSE(fs::exists(out));
    }
}

TEST_CASE("canvass csv: writes the whole file owner-only, once per response, and says it is personal data") {
    testing::TempDir dir;
    const std::string survey = quoted(source("tests/surveys/results-small.json"));
    const std::string monday = write_bundle_file(dir, "monday.json", "results-small", {response(1, "one"), response(2, "=two")});
    const std::string tuesday = write_bundle_file(dir, "tuesday.json", "results-small", {response(2, "=two"), response(3, "three")});
    const std::string out = dir.file("responses.csv");
    std::ofstream(out) << "an older file";  // replaced whole

    const Run run = run_cli(dir, "csv --survey " + survey + " " + quoted(monday) + " " + quoted(tuesday) + " -o " + quoted(out));
    CHECK(run.exit_code == 0);
    CHECK(run.out.empty());
    CHECK(run.err == "canvass csv: wrote 3 responses (1 found in more than one bundle, written once) to " + out + kReminderTail);
    const std::string csv = slurp(out);
    CHECK(csv.rfind("\xEF\xBB\xBFPERSONAL DATA - for Canvass staff only.", 0) == 0);
    CHECK(std::count(csv.begin(), csv.end(), '\n') == 5);  // marker, header, three responses
    CHECK(csv.find(",'=two\r\n") != std::string::npos);
    CHECK((fs::status(out).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
    std::vector<std::string> left;
    for (const auto& entry : fs::directory_iterator(dir.path)) left.push_back(entry.path().filename().string());
    std::sort(left.begin(), left.end());
    CHECK(left == std::vector<std::string>{"monday.json", "responses.csv", "tuesday.json"});

    const Run to_stdout = run_cli(dir, "csv --survey " + survey + " " + quoted(monday) + " -o -");
    CHECK(to_stdout.exit_code == 0);
    CHECK(to_stdout.out.rfind("\xEF\xBB\xBFPERSONAL DATA", 0) == 0);
    CHECK(to_stdout.err == "canvass csv: wrote 2 responses to standard output" + kReminderTail);
}

TEST_CASE("canvass csv: --help, and the command list names csv") {
    testing::TempDir dir;
    const Run help = run_cli(dir, "csv --help");
    CHECK(help.exit_code == 0);
    CHECK(help.out.rfind("Usage: canvass csv --survey SURVEY.json BUNDLE.json... -o RESPONSES.csv\n", 0) == 0);
    CHECK(help.out.find("PERSONAL DATA") != std::string::npos);
    const Run list = run_cli(dir, "--help");
    CHECK(list.out.find("\n  csv        write raw responses") != std::string::npos);
}
