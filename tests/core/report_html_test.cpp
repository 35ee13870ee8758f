// The printable Board report (core/results/report_html.h) and `canvass report`: hostile labels are
// escaped, suppressed cells read "fewer than 10" and never a number, every chart is an SVG image
// with a text alternative, headings go in order, nothing is fetched, and the schema's example
// renders byte for byte as tests/golden/report-example.html.
//
// The golden file follows docs/schemas/canvass.report.example.json: after changing either on
// purpose, run the suite once with CANVASS_UPDATE_GOLDEN=1 to rewrite it, then look at the page.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "core/results/report.h"
#include "core/results/report_html.h"
#include "temp_dir.h"
#include "tests/core/cli_run.h"

using namespace canvass;
using namespace canvass::results;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string source(const std::string& relative) { return std::string(CANVASS_SOURCE_DIR) + "/" + relative; }

json suppressed() { return json{{"count", nullptr}, {"suppressed", true}, {"percent", nullptr}}; }

json group(int answered, int not_answered, const json& options) {
    return json{{"respondents", {{"count", answered + not_answered}}},
                {"answered", {{"count", answered}}},
                {"not_answered", {{"count", not_answered}}},
                {"options", options}};
}

// A report whose labels try to break out of the page, with a suppressed option ("Satellite")
// in every group, a matrix, a rating and a text question.
json hostile_report() {
    const json options = json::array({json{{"value", "full_fibre"}, {"count", 30}, {"percent", 75.0}},
                                      json{{"value", "satellite"}, {"count", nullptr}, {"suppressed", true}, {"percent", nullptr}},
                                      json{{"value", "none"}, {"count", 0}, {"percent", 0.0}}});
    json rating = group(
        30, 10,
        json::array({json{{"value", "1"}, {"count", 10}, {"percent", 33.3}}, json{{"value", "2"}, {"count", 20}, {"percent", 66.7}}}));
    rating["mean"] = 1.67;
    rating["median"] = 2;
    return json{
        {"format", "canvass.report"},
        {"format_version", 1},
        {"survey",
         {{"id", "diz-digital-needs"}, {"title", "Getting online <script>alert('survey')</script>"}, {"version", std::string(64, 'b')}}},
        {"generated", "2026-11-27"},
        {"period", {{"first", "2026-10-01"}, {"last", "2026-11-26"}}},
        {"response_count", 40},
        {"sources", json::array({json{{"id", "kiosk-harlow-1"}, {"responses", {{"count", 40}}}}})},
        {"suppression", {{"k", 10}, {"method", "canvass-cell-suppression-1"}}},
        {"notes", json::array({"Read <b>this</b> & that."})},
        {"summary",
         {{"segments", json::array({json{{"value", "resident"}, {"label", "I live here"}, {"count", 40}, {"percent", 100.0}}})},
          {"areas",
           json::array({json{{"value", "harlow"}, {"label", "Harlow\"><img src=x onerror=alert(1)>"}, {"count", 40}, {"percent", 100.0}}})},
          {"channels", json::array({json{{"value", "online"}, {"label", "Online"}, {"count", 40}, {"percent", 100.0}}})}}},
        {"questions",
         json::array({
             json{{"name", "home_broadband_type"},
                  {"title", "What kind of internet? </h2><script>alert(1)</script>"},
                  {"type", "radiogroup"},
                  {"measure", "choice"},
                  {"options",
                   json::array({json{{"value", "full_fibre"}, {"label", "Full <fibre> & \"more\""}},
                                json{{"value", "satellite"}, {"label", "Satellite"}}, json{{"value", "none"}, {"label", "No internet"}}})},
                  {"all", group(40, 0, options)},
                  {"by_segment", {{"resident", group(40, 0, options)}}},
                  {"by_area", {{"harlow", group(40, 0, options)}}}},
             json{{"name", "home_broadband_satisfaction"},
                  {"title", "How happy are you?"},
                  {"type", "rating"},
                  {"measure", "rating"},
                  {"options", json::array({json{{"value", "1"}, {"label", "1 <script>"}}, json{{"value", "2"}, {"label", "2"}}})},
                  {"all", rating}},
             json{{"name", "mobile_signal"},
                  {"title", "How good is your signal?"},
                  {"type", "matrix"},
                  {"measure", "matrix"},
                  {"options",
                   json::array({json{{"value", "full_fibre"}, {"label", "Good"}}, json{{"value", "satellite"}, {"label", "Satellite"}},
                                json{{"value", "none"}, {"label", "None"}}})},
                  {"rows", json::array({json{{"value", "indoors"}, {"label", "Indoors <i>"}, {"all", group(40, 0, options)}},
                                        json{{"value", "outdoors"}, {"label", "Outdoors"}, {"all", group(40, 0, options)}}})}},
             json{{"name", "ideas"},
                  {"title", "Any ideas?"},
                  {"type", "comment"},
                  {"measure", "text"},
                  {"all", {{"respondents", {{"count", 40}}}, {"answered", suppressed()}, {"not_answered", suppressed()}}}},
         })},
        {"crosstabs", json::array()},
    };
}

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t count = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++count;
    return count;
}

using Run = canvass::testing::CliRun;

// Runs the CLI with `args` (already shell-quoted).
Run run_cli(const std::string& args, const canvass::testing::TempDir&) { return canvass::testing::run_canvass(args); }

}  // namespace

TEST_CASE("the hostile report is one a reader accepts, so the page is tested on what it will really get") {
    const Result<json> read = read_report(hostile_report().dump(), "hostile.json");
    REQUIRE_MESSAGE(read.ok(), read.error().to_string());
}

TEST_CASE("every label and title is escaped, and the page has no script and fetches nothing") {
    const std::string page = render_report_html(hostile_report());
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("<img") == std::string::npos);
    CHECK(page.find("<b>") == std::string::npos);
    CHECK(page.find("<i>") == std::string::npos);
    CHECK(page.find("What kind of internet? &lt;/h2&gt;&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(page.find("Full &lt;fibre&gt; &amp; &quot;more&quot;") != std::string::npos);
    CHECK(page.find("Harlow&quot;&gt;&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
    CHECK(page.find("Read &lt;b&gt;this&lt;/b&gt; &amp; that.") != std::string::npos);
    for (const char* fetch : {"src=\"", "href=\"http", "href=\"//", "url(", "@import", "<link", "<iframe", "<object"}) {
        CAPTURE(std::string(fetch));
        CHECK(page.find(fetch) == std::string::npos);
    }
    CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
    CHECK(page.find("@page { size: A4;") != std::string::npos);
}

TEST_CASE("a suppressed cell reads \"fewer than 10\", never 0 or any number of its own") {
    const std::string page = render_report_html(hostile_report());
    // Every table row of the suppressed option, in every table, holds only the words.
    const std::regex row("<tr><th scope=\"row\">Satellite</th>(.*?)</tr>");
    std::size_t rows = 0;
    for (std::sregex_iterator it(page.begin(), page.end(), row), end; it != end; ++it, ++rows) {
        std::string cells = (*it)[1].str();
        CAPTURE(cells);
        CHECK(cells.find("fewer than\u00a010") != std::string::npos);
        for (std::size_t at; (at = cells.find("fewer than\u00a010")) != std::string::npos;)
            cells.erase(at, std::string("fewer than\u00a010").size());
        CHECK(std::regex_search(cells, std::regex("[0-9]")) == false);
    }
    CHECK(rows == 5);  // the question's chart table and its 2 breakdowns, and each matrix row's chart table
    // In the charts: the suppressed bar is the words, with no bar drawn.
    CHECK(occurrences(page, "class=\"bar-value suppressed\">fewer than\u00a010</text>") == 3);
    // The text question's hidden answered count.
    CHECK(page.find("The number who answered is fewer than\u00a010.") != std::string::npos);
}

TEST_CASE("a hidden total that its own published parts show to be large reads \"at least\", not \"fewer than 10\"") {
    json report = hostile_report();
    json& all = report["questions"][0]["all"];
    all["answered"] = all["not_answered"] = json{{"count", nullptr}, {"suppressed", true}};
    all["options"][0]["percent"] = all["options"][2]["percent"] = nullptr;  // a percentage would give the hidden total away
    REQUIRE_MESSAGE(read_report(report.dump(), "report.json").ok(), read_report(report.dump(), "report.json").error().to_string());
    const std::string page = render_report_html(report);
    CHECK(page.find("Answered by at least 30 of 40 people.") != std::string::npos);
    CHECK(occurrences(page, "The number who answered is fewer than\u00a010.") ==
          1);  // the free-text question, whose parts are not published
}

TEST_CASE("each chart is one SVG image with a text alternative, headings go in order, and tables have headers") {
    const std::string page = render_report_html(hostile_report());
    // 3 in the summary, 1 for the choice question, 1 for the rating, 1 per matrix row; none for free text.
    CHECK(occurrences(page, "<svg ") == 7);
    CHECK(occurrences(page, "<svg class=\"chart\" role=\"img\" aria-label=\"Bar chart of ") == 7);
    CHECK(page.find("aria-label=\"Bar chart of answers: What kind of internet? &lt;/h2&gt;&lt;script&gt;alert(1)&lt;/script&gt;, 3 bars. "
                    "Highest: Full &lt;fibre&gt; &amp; &quot;more&quot;, 30 (75.0%). The table that follows gives every figure.\"") !=
          std::string::npos);
    int previous = 1;
    std::size_t headings = 0;
    const std::regex heading("<h([1-6])[ >]");
    for (std::sregex_iterator it(page.begin(), page.end(), heading), end; it != end; ++it, ++headings) {
        const int level = std::stoi((*it)[1].str());
        CAPTURE(it->position());
        CHECK(level <= previous + 1);
        previous = level;
    }
    CHECK(headings > 10);
    CHECK(occurrences(page, "<h1") == 1);
    CHECK(occurrences(page, "<table") == occurrences(page, "<caption>"));
    CHECK(page.find("<td>Average (mean)") == std::string::npos);  // a row's name is its header, not a cell
    CHECK(page.find("Average (mean): 1.7. Middle value (median): 2.") != std::string::npos);
}

TEST_CASE("the schema's example renders as the golden page") {
    const std::string example = slurp(source("docs/schemas/canvass.report.example.json"));
    const Result<json> report = read_report(example, "canvass.report.example.json");
    REQUIRE_MESSAGE(report.ok(), report.error().to_string());
    const std::string page = render_report_html(*report);
    const fs::path golden = source("tests/golden/report-example.html");
    if (std::getenv("CANVASS_UPDATE_GOLDEN")) std::ofstream(golden, std::ios::binary) << page;
    CHECK(page == slurp(golden));
    CHECK(render_report_html(*report) == page);  // the same report, the same bytes
}

TEST_CASE("canvass report writes the page, and refuses an unsafe report with one line and no file") {
    const canvass::testing::TempDir dir;
    const std::string example = source("docs/schemas/canvass.report.example.json");
    const std::string page = dir.file("report.html");

    const Run help = run_cli("report --help", dir);
    CHECK(help.exit_code == 0);
    CHECK(help.out.rfind("Usage: canvass report REPORT.json -o REPORT.html", 0) == 0);

    const Run good = run_cli("report '" + example + "' -o '" + page + "'", dir);
    CHECK(good.exit_code == 0);
    CHECK(good.err.empty());
    CHECK(slurp(page) == slurp(source("tests/golden/report-example.html")));

    // A small count: refused, and the page already there is left as it was, with no temporary file beside it.
    json unsafe = hostile_report();
    unsafe["questions"][0]["all"]["options"][2]["count"] = 4;
    const std::string unsafe_path = dir.file("unsafe.json");
    std::ofstream(unsafe_path, std::ios::binary) << unsafe.dump(2);
    const Run refused = run_cli("report '" + unsafe_path + "' -o '" + page + "'", dir);
    CHECK(refused.exit_code == 2);
    CHECK(refused.out.empty());
    CHECK(refused.err == "canvass report: " + unsafe_path +
                             ": questions[0].all.options[2].count: a count of 4 is below k=10, so this report does not protect its "
                             "respondents; make it again with canvass aggregate\n");
    CHECK(slurp(page) == slurp(source("tests/golden/report-example.html")));
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(dir.path)) files += entry.path().filename() != "stderr.txt";
    CHECK(files == 2);  // report.html and unsafe.json

    const struct {
        std::string args, message;
    } usage[] = {
        {"report", "canvass report: no report file given; see 'canvass report --help'\n"},
        {"report '" + example + "'", "canvass report: say where to write the page with -o REPORT.html; see 'canvass report --help'\n"},
        {"report '" + example + "' -o", "canvass report: -o needs a file; see 'canvass report --help'\n"},
        {"report '" + example + "' --pdf -o x.html", "canvass report: unknown option '--pdf'; see 'canvass report --help'\n"},
        {"report '" + dir.file("missing.json") + "' -o '" + dir.file("x.html") + "'",
         "canvass report: " + dir.file("missing.json") + ": cannot open the file; check the path and that you may read it\n"},
        {"report '" + example + "' -o '" + dir.file("no-such-folder/x.html") + "'",
         "canvass report: " + dir.file("no-such-folder/x.html") +
             ": cannot write here; check the folder exists and that you may write to it\n"},
    };
    for (const auto& row : usage) {
        CAPTURE(row.args);
        const Run run = run_cli(row.args, dir);
        CHECK(run.exit_code == 2);
        CHECK(run.err == row.message);
    }
}
