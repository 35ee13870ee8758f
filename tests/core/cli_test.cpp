// Tests for the canvass command-line tool, run as a real process: `validate` and `check`
// output formats, exit codes and error lines. Expected JSON output lives in tests/golden/.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/core/cli_run.h"

namespace fs = std::filesystem;

namespace {

using Run = canvass::testing::CliRun;

std::string slurp(const fs::path& path) { return canvass::testing::read_whole_file(path); }

// Runs the CLI with `args` (already shell-quoted), capturing stdout and stderr separately.
Run run_cli(const std::string& args) { return canvass::testing::run_canvass(args); }

std::string source(const std::string& relative) { return std::string(CANVASS_SOURCE_DIR) + "/" + relative; }

fs::path write_temp(const std::string& name, const std::string& content) {
    const fs::path dir = fs::temp_directory_path() / "canvass_cli_test";
    fs::create_directories(dir);
    const fs::path path = dir / name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

}  // namespace

TEST_CASE("canvass validate accepts the default survey") {
    const Run run = run_cli("validate '" + source("assets/surveys/diz-digital-needs.json") + "'");
    CHECK(run.exit_code == 0);
    CHECK(run.err.empty());
    CHECK(run.out.rfind("ok: diz-digital-needs ", 0) == 0);
    CHECK(run.out.size() == std::string("ok: diz-digital-needs ").size() + 64 + 1);
}

TEST_CASE("canvass validate lists errors and warnings with JSON paths") {
    const fs::path bad = write_temp("bad-survey.json", R"j({"pages":[{"name":"p","elements":[
        {"type":"text","name":"a","foo":1},
        {"type":"text","name":"b","visibleIf":"({a} = 1))"},
        {"type":"signaturepad","name":"sig"}]}]})j");
    const Run run = run_cli("validate '" + bad.string() + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.out == slurp(source("tests/golden/validate-bad-survey.txt")));
}

TEST_CASE("canvass validate and check name FILE:LINE:COL for unreadable JSON") {
    const fs::path broken = write_temp("broken.json", "{\n  \"pages\": [,]\n}");
    struct Row {
        const char* command;
        const char* prefix;
    };
    const Row rows[] = {{"validate", "canvass validate: "}, {"check", "canvass check: "}};
    for (const Row& row : rows) {
        CAPTURE(std::string(row.command));
        std::string args = std::string(row.command) + " '" + broken.string() + "'";
        if (std::string(row.command) == "check") args += " --answers -";
        const Run run = run_cli(args + " </dev/null");
        CHECK(run.exit_code == 2);
        CHECK(run.out.empty());
        CHECK(run.err == std::string(row.prefix) + broken.string() + ":2:13: invalid JSON: unexpected ','; expected '[', '{', or a literal\n");
    }
}

TEST_CASE("canvass check prints one JSON line; --batch one per input line") {
    const std::string survey = source("assets/surveys/diz-digital-needs.json");
    const fs::path answers = write_temp("answers.json", R"({"segment":["resident"],"postcode_district":"not a district!"})");
    const Run one = run_cli("check '" + survey + "' --answers '" + answers.string() + "' --now 2026-06-15T12:00:00Z");
    CHECK(one.exit_code == 0);
    CHECK(one.out ==
          R"({"visible":["intro","segment","postcode_district","home_broadband_type","home_broadband_speed","home_broadband_satisfaction","home_broadband_reliability","mobile_network","mobile_signal","home_devices","digital_skills","online_services_used","barriers","skills_sessions_interest","priorities","ideas","equality_intro","age_band","disability"],"required":["segment"],"invalid":["postcode_district"],"complete":false})"
          "\n");

    const Run batch = run_cli("check '" + survey + "' --batch '" + source("tests/golden/check-diz.answers.jsonl") + "' --now 2026-06-15T12:00:00Z");
    CHECK(batch.exit_code == 0);
    CHECK(batch.err.empty());
    CHECK(batch.out == slurp(source("tests/golden/check-diz.expected.jsonl")));
}

TEST_CASE("canvass check refuses bad input with exit 2") {
    const std::string survey = source("assets/surveys/diz-digital-needs.json");
    const fs::path array = write_temp("array.json", "[1]");
    struct Row {
        const char* name;
        std::string args;
        std::string err;
    };
    const Row rows[] = {
        {"answers not an object", "check '" + survey + "' --answers '" + array.string() + "'",
         "canvass check: " + array.string() + ": the answers must be a JSON object, such as {\"q1\": 2}\n"},
        {"no answers option", "check '" + survey + "'", "canvass check: give exactly one of --answers FILE or --batch FILE\n"},
        {"bad --now", "check '" + survey + "' --answers - --now yesterday", ""},
        {"invalid survey", "check '" + write_temp("invalid.json", R"({"pages":[{"elements":[{"type":"bogus","name":"x"}]}]})").string() + "' --answers -", ""},
    };
    for (const Row& row : rows) {
        CAPTURE(std::string(row.name));
        const Run run = run_cli(row.args + " </dev/null");
        CHECK(run.exit_code == 2);
        CHECK(run.out.empty());
        if (!row.err.empty()) CHECK(run.err == row.err);
        CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
    }
}

TEST_CASE("every new command has --help") {
    for (const char* command : {"validate", "check"}) {
        CAPTURE(std::string(command));
        const Run run = run_cli(std::string(command) + " --help");
        CHECK(run.exit_code == 0);
        CHECK(run.out.rfind(std::string("Usage: canvass ") + command, 0) == 0);
    }
}

namespace {

// A web folder like build/web/site: index.html, a privacy page, and surveys/ with a manifest.
fs::path make_site(const std::string& name, const std::string& manifest) {
    const fs::path site = fs::temp_directory_path() / "canvass_cli_test" / name;
    fs::remove_all(site);
    fs::create_directories(site / "surveys");
    std::ofstream(site / "index.html") << "<!doctype html>";
    std::ofstream(site / "privacy.html") << "<!doctype html><p>Contact [DPO email] or see <a href=\"#x\">[1]</a>";
    std::ofstream(site / "surveys" / "manifest.json") << manifest;
    fs::copy_file(source("assets/surveys/diz-digital-needs.json"), site / "surveys" / "diz-digital-needs.json");
    return site;
}

std::string manifest_entry(const std::string& id, const std::string& file, const std::string& extra = "") {
    return R"({"id":")" + id + R"(","file":")" + file + R"(","title":"T","purpose":"P","estimatedMinutes":5,)" +
           R"("privacySummary":"S","privacyContact":"dpo@example.gov.uk","privacyNotice":"privacy.html")" + extra + "}";
}

}  // namespace

TEST_CASE("canvass validate checks a manifest and every survey it lists, given the file or its folder") {
    const std::string manifest = source("assets/surveys/manifest.json");
    const std::string first_survey_line = "ok: diz-digital-needs ";
    for (const std::string& argument : {manifest, source("assets/surveys")}) {
        CAPTURE(argument);
        const Run run = run_cli("validate '" + argument + "'");
        CHECK(run.exit_code == 0);
        CHECK(run.err.empty());
        const std::string shown = argument == manifest ? manifest : (fs::path(argument) / "manifest.json").string();
        const std::string placeholder = "still has a placeholder in [brackets]: fill it in before the survey goes live\n";
        const std::string expected_start = "warning: " + shown + ": surveys[0].privacyContact.default: " + placeholder +
                                           "warning: " + shown + ": surveys[0].privacyContact.pl: " + placeholder + first_survey_line;
        CHECK(run.out.rfind(expected_start, 0) == 0);
        const std::string expected_end = "\nok: " + shown + ": 1 survey, default diz-digital-needs\n";
        CHECK(run.out.size() > expected_end.size());
        CHECK(run.out.substr(run.out.size() - expected_end.size()) == expected_end);
    }
}

TEST_CASE("canvass validate on a web folder: missing survey files, ids that disagree, broken privacy links") {
    const fs::path site = make_site("site-bad", R"({"default":"diz-digital-needs","surveys":[)" +
                                                    manifest_entry("diz-digital-needs", "diz-digital-needs.json") + "," +
                                                    manifest_entry("transport", "transport.json") + "," +
                                                    manifest_entry("skills", "diz-digital-needs.json") + "," +
                                                    manifest_entry("library", "library.json", R"(,"privacyNotice":{"default":"privacy.html","pl":"privacy-pl.html"})") +
                                                    "]}");
    std::ofstream(site / "surveys" / "library.json") << R"({"pages":[{"name":"p","elements":[{"type":"text","name":"q"}]}]})";
    const std::string m = (site / "surveys" / "manifest.json").string();
    const Run run = run_cli("validate '" + site.string() + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.err.empty());
    const std::string version = run.out.substr(run.out.find("ok: diz-digital-needs ") + 22, 64);
    const std::string placeholders = "warning: " + (site / "privacy.html").string() +
                                     ": still has placeholders in [brackets], such as '[DPO email]': fill them in before the survey goes live\n";
    CHECK(run.out ==
          placeholders + "ok: diz-digital-needs " + version + "\n"
          "error: " + m + ": surveys[1].file: cannot read the survey: " + (site / "surveys" / "transport.json").string() +
              ": cannot open the file; check the path and that you may read it\n"
          "error: " + m + ": surveys[2].id: the id 'skills' does not match the survey file: " +
              (site / "surveys" / "diz-digital-needs.json").string() +
              " has the id 'diz-digital-needs' (its canvassId, else its file name); make them the same\n"
          "error: " + m + ": surveys[3].privacyNotice.pl: 'privacy-pl.html' is not in the web folder " + site.string() +
              ": the welcome screen's link would be broken\n");
}

TEST_CASE("canvass validate lists every manifest problem with the file and JSON path; bad folders exit 2") {
    const fs::path site = make_site("site-invalid", R"({"surveys":[)" +
                                                        manifest_entry("diz-digital-needs", "../diz-digital-needs.json",
                                                                       R"(,"opens":"2026-06-01","closes":"2026-05-01","colour":"red")") +
                                                        "]}");
    const std::string m = (site / "surveys" / "manifest.json").string();
    const Run run = run_cli("validate '" + m + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.err.empty());
    CHECK(run.out ==
          "error: " + m + ": surveys[0].file: '../diz-digital-needs.json' must not leave the folder ('..' is not allowed): write a path inside the folder, such as \"transport.json\"\n"
          "error: " + m + ": surveys[0].closes: '2026-05-01' must be after opens ('2026-06-01'): as written the survey is never open\n"
          "warning: " + m + ": surveys[0].colour: unknown property 'colour' (ignored)\n");

    const fs::path empty = fs::temp_directory_path() / "canvass_cli_test" / "no-manifest";
    fs::create_directories(empty);
    const Run none = run_cli("validate '" + empty.string() + "'");
    CHECK(none.exit_code == 2);
    CHECK(none.out.empty());
    CHECK(none.err == "canvass validate: " + empty.string() + ": no manifest.json or surveys/manifest.json in this folder; give a survey or manifest file\n");
}
