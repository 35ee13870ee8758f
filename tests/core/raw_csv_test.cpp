// write_raw_csv: the raw responses as a spreadsheet (docs/reports.md, "Raw CSV"). Every case
// compares exact bytes: the BOM, the marker row, the header, RFC 4180 quoting, the formula guard,
// and the columns of checkbox, ranking and matrix questions; the golden file pins a whole file.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/results/raw_csv.h"
#include "core/survey/survey.h"

using nlohmann::json;
using namespace canvass;
using namespace canvass::results;

namespace {

std::string slurp(const std::string& relative) {
    std::ifstream in(std::string(CANVASS_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const survey::Survey& small_survey() {
    static const survey::Survey survey = [] {
        Result<survey::Survey> loaded = survey::load_survey(json::parse(slurp("tests/surveys/results-small.json")), "results-small.json");
        REQUIRE(loaded.ok());
        return *loaded;
    }();
    return survey;
}

const std::string kBom = "\xEF\xBB\xBF";
const std::string kMarkerRow =
    "PERSONAL DATA - for Canvass staff only. Do not share or publish. Delete when no longer needed (see the privacy notice).\r\n";
const std::string kHeader =
    "response_id,survey_version,submitted,channel,locale,device,"
    "segment/resident,segment/business,segment/commuter,postcode_district,broadband,broadband-Comment,"
    "devices/phone,devices/laptop,devices/tablet,happy,priorities/fibre,priorities/mobile,priorities/skills,"
    "signal/indoors,signal/outdoors,people,ideas\r\n";

StoredResponse response(int i, const json& data, const std::string& device = "kiosk-harlow-1") {
    StoredResponse r;
    char id[37];
    std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", i);
    r.id = id;
    r.survey_id = "results-small";
    r.survey_version = small_survey().version;
    r.locale = "en";
    r.channel = "kiosk";
    r.submitted_at = "2026-11-27T10:07:00Z";
    r.data_json = data.dump();
    r.device_id = device;
    return r;
}

// The metadata cells of response(1, ...): six cells, no trailing comma.
std::string meta(int i = 1) {
    char id[37];
    std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", i);
    return std::string(id) + "," + small_survey().version + ",2026-11-27T10:07:00Z,kiosk,en,kiosk-harlow-1";
}

// What follows the marker and header rows, after checking they are exact.
std::string body_of(const std::string& csv) {
    const std::string head = kBom + kMarkerRow + kHeader;
    REQUIRE(csv.size() >= head.size());
    CHECK(csv.substr(0, head.size()) == head);
    return csv.substr(head.size());
}

}  // namespace

TEST_CASE("raw CSV: BOM, marker row and header, and nothing else for no responses") {
    const std::string csv = write_raw_csv(small_survey(), {});
    CHECK(csv == kBom + kMarkerRow + kHeader);
    CHECK(csv.rfind("\xEF\xBB\xBFPERSONAL DATA - for Canvass staff only.", 0) == 0);
    CHECK(std::string(kRawCsvMarker) + "\r\n" == kMarkerRow);
}

TEST_CASE("raw CSV: free text is quoted as RFC 4180 says and formulas are neutralised") {
    struct Row {
        const char* name;
        std::string typed;     // the respondent's text
        std::string expected;  // the cell as written in the file
    };
    const Row rows[] = {
        {"plain text", "More Wi-Fi", "More Wi-Fi"},
        {"empty text", "", ""},
        {"comma", "fibre, please", "\"fibre, please\""},
        {"quotes doubled", "say \"hi\"", "\"say \"\"hi\"\"\""},
        {"only a quote", "\"", "\"\"\"\""},
        {"LF", "line one\nline two", "\"line one\nline two\""},
        {"CRLF", "line one\r\nline two", "\"line one\r\nline two\""},
        {"equals", "=1+1", "'=1+1"},
        {"plus", "+44 7700 900123", "'+44 7700 900123"},
        {"minus", "-2", "'-2"},
        {"at", "@SUM(A1:A9)", "'@SUM(A1:A9)"},
        {"tab", "\t=1+1", "'\t=1+1"},
        {"carriage return", "\r=1+1", "\"'\r=1+1\""},
        {"formula with quotes and commas", "=HYPERLINK(\"http://evil.example\",\"click\")",
         "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""},
        {"DDE", "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"},
        {"not at the start", "a=b+c", "a=b+c"},
        {"already quoted", "'=1", "'=1"},
        {"Polish", "Więcej Wi-Fi w Łodzi, proszę: źdźbło żółć", "\"Więcej Wi-Fi w Łodzi, proszę: źdźbło żółć\""},
    };
    for (const Row& row : rows) {
        CAPTURE(std::string(row.name));
        const std::string csv = write_raw_csv(small_survey(), {response(1, {{"ideas", row.typed}})});
        // ideas is the last of 17 answer columns: 16 empty cells come before it.
        CHECK(body_of(csv) == meta() + std::string(16, ',') + "," + row.expected + "\r\n");
    }
}

TEST_CASE("raw CSV: checkbox, ranking and matrix columns, Other's text, and values as text") {
    const std::vector<StoredResponse> responses = {
        response(1, {{"segment", {"resident", "commuter"}},
                     {"postcode_district", "CM20"},
                     {"broadband", "other"},
                     {"broadband-Comment", "my neighbour's wifi, sometimes"},
                     {"devices", {"laptop"}},
                     {"happy", 4},
                     {"priorities", {"skills", "fibre", "mobile"}},
                     {"signal", {{"indoors", "poor"}, {"outdoors", "good"}}},
                     {"people", 2},
                     {"ideas", "none"}}),
        // A partial ranking, one matrix row, a negative number (a number, not a formula), a
        // whole float, and answers this survey does not list (an older version): not written.
        response(2, {{"segment", {"business"}},
                     {"devices", {"phone", "fax", "tablet"}},
                     {"happy", 2.0},
                     {"priorities", {"mobile", "5g"}},
                     {"signal", {{"outdoors", "poor"}, {"cellar", "good"}}},
                     {"people", -3},
                     {"broadband", "copper"},
                     {"old_question", "=gone"}}),
        response(3, {{"people", 2.5}, {"segment", "commuter"}}, ""),
        response(4, json::object()),
    };
    const std::string csv = write_raw_csv(small_survey(), responses);
    CHECK(body_of(csv) ==
          meta(1) + ",1,,1,CM20,other,\"my neighbour's wifi, sometimes\",,1,,4,2,3,1,poor,good,2,none\r\n" +
          meta(2) + ",,1,,,copper,,1,,1,2,,1,,,poor,-3,\r\n" +
          meta(3).substr(0, meta(3).size() - std::string("kiosk-harlow-1").size()) + ",,,1,,,,,,,,,,,,,2.5,\r\n" +
          meta(4) + std::string(17, ',') + "\r\n");
}

TEST_CASE("raw CSV: answers that are not an object leave the answer cells empty") {
    StoredResponse broken = response(1, json::object());
    broken.data_json = "[1, 2]";
    CHECK(body_of(write_raw_csv(small_survey(), {broken})) == meta() + std::string(17, ',') + "\r\n");
}

TEST_CASE("raw CSV: Other and None columns of a checkbox, rating values, booleans and dropdowns") {
    Result<survey::Survey> loaded = survey::load_survey(json::parse(R"({"canvassId":"csv-types","pages":[{"name":"p","elements":[
        {"type":"html","name":"intro","html":"<p>Hello</p>"},
        {"type":"checkbox","name":"help","choices":[1,2],"showOtherItem":true,"showNoneItem":true},
        {"type":"boolean","name":"ok"},
        {"type":"dropdown","name":"pick","choices":["a","=b"]},
        {"type":"panel","name":"more","elements":[{"type":"rating","name":"stars","rateValues":[{"value":"-1","text":"Bad"},{"value":"1","text":"Good"}]}]},
        {"type":"expression","name":"sum","expression":"1 + 1"}
      ]}]})"),
                                                        "csv-types.json");
    REQUIRE(loaded.ok());
    StoredResponse r = response(1, {{"help", {2, "other"}}, {"help-Comment", "@home"}, {"ok", false}, {"pick", "=b"}, {"stars", "-1"}});
    r.survey_id = "csv-types";
    StoredResponse none = response(2, {{"help", {"none"}}, {"ok", true}, {"stars", "1"}});
    none.survey_id = "csv-types";
    const std::string csv = write_raw_csv(*loaded, {r, none});
    const std::string expected_head = kBom + kMarkerRow + "response_id,survey_version,submitted,channel,locale,device," +
                                      "help/1,help/2,help/other,help/none,help-Comment,ok,pick,stars\r\n";
    CHECK(csv == expected_head + meta(1) + ",,1,1,,'@home,false,'=b,'-1\r\n" + meta(2) + ",,,,1,,true,,1\r\n");
}

TEST_CASE("raw CSV of a few known responses is the golden file") {
    StoredResponse old_version = response(6, {{"segment", {"resident"}}, {"wifi_at_library", "yes"}, {"happy", 5}}, "kiosk-epping-2");
    old_version.survey_version = std::string(64, 'b');
    old_version.channel = "paper";
    std::vector<StoredResponse> responses = {
        response(1, {{"segment", {"resident"}}, {"postcode_district", "CM20"}, {"broadband", "fibre"}, {"devices", {"phone", "laptop"}},
                     {"happy", 5}, {"priorities", {"fibre", "mobile", "skills"}}, {"signal", {{"indoors", "good"}, {"outdoors", "good"}}},
                     {"people", 3}, {"ideas", "Free Wi-Fi in the town centre, please"}}),
        response(2, {{"segment", {"business", "commuter"}}, {"postcode_district", "EN9"}, {"broadband", "other"},
                     {"broadband-Comment", "Starlink \"satellite\""}, {"devices", {"tablet"}}, {"happy", 1},
                     {"priorities", {"skills", "mobile", "fibre"}}, {"signal", {{"indoors", "poor"}}}, {"people", 0},
                     {"ideas", "=HYPERLINK(\"http://evil.example\",\"Click\")"}},
                 ""),
        response(3, {{"segment", {"resident"}}, {"postcode_district", "SG12"}, {"broadband", "none"}, {"happy", 3},
                     {"ideas", "Więcej szkoleń dla seniorów.\nDziękuję!"}}),
        response(4, {{"segment", {"commuter"}}, {"broadband", "copper"}, {"priorities", {"mobile"}}, {"ideas", "-"}}),
        response(5, json::object()),
        old_version,
    };
    responses[2].locale = "pl";
    responses[3].channel = "online";
    responses[3].submitted_at = "2026-11-28T23:59:59Z";
    const std::string csv = write_raw_csv(small_survey(), responses);
    if (csv != slurp("tests/golden/raw-small.csv")) {
        std::ofstream(std::string(CANVASS_SOURCE_DIR) + "/build/raw-small.actual.csv", std::ios::binary) << csv;
    }
    CHECK(csv == slurp("tests/golden/raw-small.csv"));  // on a change: diff with build/raw-small.actual.csv
}
