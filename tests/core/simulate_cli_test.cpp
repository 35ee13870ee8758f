// `canvass simulate` run as a real process: one exact line on stderr and exit 2 for each kind
// of bad input, the same bytes for the same seed (on stdout and in a file), and a file that is
// written whole or not at all.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/store/bundle.h"
#include "tests/core/cli_run.h"

namespace fs = std::filesystem;

namespace {

using Run = canvass::testing::CliRun;

fs::path scratch() {
    const fs::path dir = fs::temp_directory_path() / "canvass_simulate_cli_test";
    fs::create_directories(dir);
    return dir;
}

std::string slurp(const fs::path& path) { return canvass::testing::read_whole_file(path); }

// Runs `canvass simulate` with `args` (already shell-quoted), capturing stdout and stderr.
Run simulate(const std::string& args) { return canvass::testing::run_canvass("simulate " + args); }

const std::string kSurvey = std::string(CANVASS_SOURCE_DIR) + "/assets/surveys/diz-digital-needs.json";

}  // namespace

TEST_CASE("canvass simulate: bad input gives one exact line and exit 2") {
    const fs::path invalid = scratch() / "invalid.json";
    std::ofstream(invalid) << R"({"pages":[{"elements":[{"type":"bogus","name":"x"}]}]})";
    const std::string survey = "--survey '" + kSurvey + "'";
    struct Row {
        const char* name;
        std::string args;
        std::string err;
    };
    const Row rows[] = {
        {"no survey", "--count 5", "no survey given; use --survey FILE (see 'canvass simulate --help')"},
        {"survey without a value", "--survey", "--survey needs a value; see 'canvass simulate --help'"},
        {"count zero", survey + " --count 0", "--count must be a whole number from 1 to 1,000,000; got '0'"},
        {"count negative", survey + " --count -5", "--count must be a whole number from 1 to 1,000,000; got '-5'"},
        {"count not a number", survey + " --count 12x", "--count must be a whole number from 1 to 1,000,000; got '12x'"},
        {"count too large", survey + " --count 1000001", "--count must be a whole number from 1 to 1,000,000; got '1000001'"},
        {"seed negative", survey + " --seed -1", "--seed must be a whole number from 0 to 18446744073709551615; got '-1'"},
        {"seed too large", survey + " --seed 18446744073709551616",
         "--seed must be a whole number from 0 to 18446744073709551615; got '18446744073709551616'"},
        {"days zero", survey + " --days 0", "--days must be a whole number from 1 to 3660; got '0'"},
        {"first day not a date", survey + " --first-day 2026-02-30", "--first-day must be a date such as 2026-11-02; got '2026-02-30'"},
        {"unknown option", survey + " --bogus", "unknown option '--bogus'; see 'canvass simulate --help'"},
        {"survey as an argument", "'" + kSurvey + "'", "unexpected argument '" + kSurvey + "'; give the survey as --survey FILE"},
        {"unreadable survey", "--survey '" + (scratch() / "missing.json").string() + "'",
         (scratch() / "missing.json").string() + ": cannot open the file; check the path and that you may read it"},
        {"invalid survey", "--survey '" + invalid.string() + "'",
         invalid.string() + ": invalid survey: pages[0].elements[0].type: unknown element type 'bogus' in element 'x' (supported: "
                            "radiogroup, checkbox, dropdown, boolean, rating, text, comment, ranking, matrix, html, expression, "
                            "panel) (run 'canvass validate' for every problem)"},
        {"output folder missing", survey + " --count 3 -o '" + (scratch() / "no-such-folder" / "out.json").string() + "'",
         "cannot write " + (scratch() / "no-such-folder" / "out.json").string() + ": No such file or directory"},
        {"output is a folder", survey + " --count 3 -o '" + scratch().string() + "'",
         "cannot write " + scratch().string() + ": Is a directory"},
    };
    for (const Row& row : rows) {
        CAPTURE(std::string(row.name));
        const Run run = simulate(row.args);
        CHECK(run.exit_code == 2);
        CHECK(run.out.empty());
        CHECK(run.err == "canvass simulate: " + row.err + "\n");
    }
    // A failed write leaves no temporary file behind.
    for (const auto& entry : fs::directory_iterator(scratch().parent_path())) {
        CHECK(entry.path().filename().string().find("canvass_simulate_cli_test.tmp-") == std::string::npos);
    }
}

TEST_CASE("canvass simulate: the same seed gives the same bytes, on stdout or in a file") {
    const std::string args = "--survey '" + kSurvey + "' --count 40 --seed 77";
    const Run first = simulate(args);
    const Run again = simulate(args + " -o -");
    const Run other = simulate("--survey '" + kSurvey + "' --count 40 --seed 78");
    REQUIRE(first.exit_code == 0);
    CHECK(first.err.empty());
    CHECK(first.out == again.out);
    CHECK(first.out != other.out);

    const fs::path file = scratch() / "bundle.json";
    std::ofstream(file) << "an older file, replaced whole";
    const Run to_file = simulate(args + " -o '" + file.string() + "'");
    CHECK(to_file.exit_code == 0);
    CHECK(to_file.out.empty());
    CHECK(to_file.err.empty());
    CHECK(slurp(file) == first.out);

    const canvass::Result<canvass::ResponseBundle> bundle = canvass::read_bundle(first.out, "stdout");
    REQUIRE(bundle.ok());
    CHECK(bundle->responses.size() == 40);
    CHECK(bundle->device_id == "simulated");
}

TEST_CASE("canvass simulate --help") {
    const Run run = simulate("--help");
    CHECK(run.exit_code == 0);
    CHECK(run.out.rfind("Usage: canvass simulate --survey SURVEY.json", 0) == 0);
    CHECK(run.err.empty());
}
