// The Board's pipeline from a clean clone, as real processes: simulate -> merge -> aggregate ->
// report, and the exact lines bad input gets from merge and aggregate.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "tests/core/cli_run.h"
#include "tests/core/temp_dir.h"

using canvass::testing::read_whole_file;
using canvass::testing::run_canvass;
using canvass::testing::shell_quoted;

namespace {

const std::string kSurvey = std::string(CANVASS_SOURCE_DIR) + "/assets/surveys/diz-digital-needs.json";

}  // namespace

TEST_CASE("simulate, merge, aggregate and report work end to end, and merging a bundle twice changes nothing") {
    canvass::testing::TempDir dir;
    const std::string a = dir.file("kiosk-a.json"), b = dir.file("kiosk-b.json"), merged = dir.file("merged.json"),
                      twice = dir.file("twice.json"), report = dir.file("report.json"), html = dir.file("report.html");
    REQUIRE(run_canvass("simulate --survey " + shell_quoted(kSurvey) + " --count 300 --seed 1 -o " + shell_quoted(a)).exit_code == 0);
    REQUIRE(run_canvass("simulate --survey " + shell_quoted(kSurvey) + " --count 200 --seed 2 -o " + shell_quoted(b)).exit_code == 0);
    const auto merge = run_canvass("merge " + shell_quoted(a) + " " + shell_quoted(b) + " -o " + shell_quoted(merged));
    REQUIRE(merge.exit_code == 0);
    CHECK(merge.err == "canvass merge: 500 responses from 2 bundles\n");
    REQUIRE(run_canvass("merge " + shell_quoted(merged) + " " + shell_quoted(a) + " " + shell_quoted(merged) + " -o " + shell_quoted(twice)).exit_code == 0);
    CHECK(read_whole_file(twice) == read_whole_file(merged));
    const auto aggregate = run_canvass("aggregate --survey " + shell_quoted(kSurvey) + " " + shell_quoted(merged) + " -o " +
                                       shell_quoted(report) + " --now 2026-11-27T12:00:00Z --crosstab age_band:disability");
    REQUIRE(aggregate.exit_code == 0);
    const nlohmann::json parsed = nlohmann::json::parse(read_whole_file(report));
    CHECK(parsed["response_count"] == 500);
    CHECK(parsed["generated"] == "2026-11-27");
    CHECK(parsed["suppression"]["k"] == 10);
    CHECK(parsed["crosstabs"].size() == 1);
    // The kiosks' bundles straight into aggregate give the same report as their merge.
    const std::string direct = dir.file("direct.json");
    REQUIRE(run_canvass("aggregate --survey " + shell_quoted(kSurvey) + " " + shell_quoted(a) + " " + shell_quoted(b) + " -o " +
                        shell_quoted(direct) + " --now 2026-11-27T12:00:00Z --crosstab age_band:disability").exit_code == 0);
    CHECK(read_whole_file(direct) == read_whole_file(report));
    const auto rendered = run_canvass("report " + shell_quoted(report) + " -o " + shell_quoted(html));
    REQUIRE(rendered.exit_code == 0);
    CHECK(read_whole_file(html).find("<svg") != std::string::npos);
}

TEST_CASE("merge and aggregate refuse bad input with one exact line, exit 2, and write nothing") {
    canvass::testing::TempDir dir;
    const std::string bundle = dir.file("kiosk.json"), out = dir.file("out.json");
    REQUIRE(run_canvass("simulate --survey " + shell_quoted(kSurvey) + " --count 20 --seed 3 -o " + shell_quoted(bundle)).exit_code == 0);
    std::string truncated_text = read_whole_file(bundle);
    truncated_text.resize(truncated_text.size() / 2);
    const std::string truncated = dir.file("truncated.json");
    std::ofstream(truncated, std::ios::binary) << truncated_text;
    const std::string other = dir.file("other-survey.json");
    std::ofstream(other, std::ios::binary) << R"({"canvassId":"other","pages":[{"name":"p","elements":[{"type":"text","name":"q"}]}]})";
    struct Row {
        std::string args;
        std::string err;
    };
    const Row rows[] = {
        {"merge -o " + shell_quoted(out), "canvass merge: no bundles given; see 'canvass merge --help'\n"},
        {"merge " + shell_quoted(bundle), "canvass merge: no output file given: add -o MERGED.json\n"},
        {"aggregate --survey " + shell_quoted(kSurvey) + " " + shell_quoted(bundle) + " -o " + shell_quoted(out) + " --k 2",
         "canvass aggregate: --k 2 is below 3: smaller counts would let people be recognised\n"},
        {"aggregate " + shell_quoted(bundle) + " -o " + shell_quoted(out), "canvass aggregate: no survey given: add --survey SURVEY.json\n"},
        {"aggregate --survey " + shell_quoted(kSurvey) + " " + shell_quoted(bundle) + " -o " + shell_quoted(out) + " --k 30",
         "canvass aggregate: only 20 responses match; a report needs at least k=30 so that no count points at anyone\n"},
        {"aggregate --survey " + shell_quoted(other) + " " + shell_quoted(bundle) + " -o " + shell_quoted(out),
         "canvass aggregate: " + bundle + ": survey_id: this bundle is of survey 'diz-digital-needs', not 'other'; give the survey "
         "file it was collected with\n"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.args);
        const auto run = run_canvass(row.args);
        CHECK(run.exit_code == 2);
        CHECK(run.err == row.err);
        CHECK_FALSE(std::filesystem::exists(out));
    }
    const auto cut = run_canvass("merge " + shell_quoted(truncated) + " -o " + shell_quoted(out));
    CHECK(cut.exit_code == 2);
    CHECK(cut.err.rfind("canvass merge: " + truncated + ":", 0) == 0);  // the file, then line and column
    CHECK_FALSE(std::filesystem::exists(out));
}
