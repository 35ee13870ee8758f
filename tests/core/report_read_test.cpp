// Reading canvass.report files (core/results/report_read.cpp): a small valid report and the
// schema's example read; each kind of damage, hostile input and privacy breach is refused with
// its exact message naming the file and the place.
#include <doctest/doctest.h>

#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "core/results/report.h"

using namespace canvass;
using namespace canvass::results;
using nlohmann::json;

namespace {

std::string slurp(const std::string& relative) {
    std::ifstream in(std::string(CANVASS_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// One question of every measure, k = 10, 40 responses: valid as it stands.
const char* const kValid = R"({
  "format": "canvass.report", "format_version": 1,
  "survey": {"id": "diz-digital-needs", "title": "Getting online", "version": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
  "generated": "2026-11-27",
  "period": {"first": "2026-10-01", "last": "2026-11-26"},
  "response_count": 40,
  "sources": [{"id": "kiosk-harlow-1", "responses": {"count": 40}}],
  "suppression": {"k": 10, "method": "canvass-cell-suppression-1"},
  "notes": ["Someone can answer as more than one of resident, business and commuter, so the segment columns can add up to more than the total."],
  "summary": {
    "segments": [{"value": "resident", "label": "I live in the area", "count": 40, "percent": 100.0}],
    "areas": [{"value": "harlow", "label": "Harlow", "count": 40, "percent": 100.0}],
    "channels": [{"value": "online", "label": "Online", "count": 40, "percent": 100.0}]
  },
  "questions": [
    {"name": "segment", "title": "Who are you answering as?", "type": "checkbox", "measure": "choices",
     "options": [{"value": "resident", "label": "I live in the area"}],
     "all": {"respondents": {"count": 40}, "answered": {"count": 40}, "not_answered": {"count": 0},
             "options": [{"value": "resident", "count": 40, "percent": 100.0}]}},
    {"name": "home_broadband_type", "title": "What kind of internet do you have at home?", "type": "radiogroup", "measure": "choice",
     "options": [{"value": "full_fibre", "label": "Full fibre"}, {"value": "other", "label": "Other"}],
     "all": {"respondents": {"count": 40}, "answered": {"count": 30}, "not_answered": {"count": 10},
             "options": [{"value": "full_fibre", "count": 20, "percent": 66.7}, {"value": "other", "count": 10, "percent": 33.3}]},
     "by_area": {"harlow": {"respondents": {"count": 40}, "answered": {"count": 30}, "not_answered": {"count": 10},
                            "options": [{"value": "full_fibre", "count": 20, "percent": 66.7}, {"value": "other", "count": 10, "percent": 33.3}]}}},
    {"name": "home_broadband_satisfaction", "title": "How happy are you?", "type": "rating", "measure": "rating",
     "options": [{"value": "1", "label": "1"}, {"value": "2", "label": "2"}],
     "all": {"respondents": {"count": 40}, "answered": {"count": 20}, "not_answered": {"count": 20},
             "options": [{"value": "1", "count": 10, "percent": 50.0}, {"value": "2", "count": 10, "percent": 50.0}], "mean": 1.5, "median": 1.5}},
    {"name": "priorities", "title": "What first?", "type": "ranking", "measure": "ranking",
     "options": [{"value": "full_fibre", "label": "Full fibre"}, {"value": "5g", "label": "5G"}],
     "all": {"respondents": {"count": 40}, "answered": {"count": 40}, "not_answered": {"count": 0},
             "options": [{"value": "full_fibre", "count": 30, "percent": 75.0}, {"value": "5g", "count": 10, "percent": 25.0}],
             "mean_rank": [1.25, 1.75]}},
    {"name": "mobile_signal", "title": "How good is your signal?", "type": "matrix", "measure": "matrix",
     "options": [{"value": "poor", "label": "Poor"}, {"value": "good", "label": "Good"}],
     "rows": [{"value": "indoors", "label": "Inside your home",
               "all": {"respondents": {"count": 40}, "answered": {"count": 40}, "not_answered": {"count": 0},
                       "options": [{"value": "poor", "count": 10, "percent": 25.0}, {"value": "good", "count": 30, "percent": 75.0}]}}]},
    {"name": "ideas", "title": "Any other ideas?", "type": "comment", "measure": "text",
     "all": {"respondents": {"count": 40}, "answered": {"count": 10}, "not_answered": {"count": 30}}}
  ],
  "crosstabs": [
    {"rows": "home_broadband_type", "columns": "home_broadband_satisfaction",
     "row_options": ["full_fibre", "other", "not_answered"], "column_options": ["1", "2", "not_answered"],
     "cells": [[{"count": 10}, {"count": null, "suppressed": true}, {"count": null, "suppressed": true}],
               [{"count": 0}, {"count": null, "suppressed": true}, {"count": null, "suppressed": true}],
               [{"count": 0}, {"count": 0}, {"count": 10}]],
     "row_totals": [{"count": 20}, {"count": 10}, {"count": 10}],
     "column_totals": [{"count": 10}, {"count": 10}, {"count": 20}],
     "total": {"count": 40}}
  ]
})";

json valid() { return json::parse(kValid); }

// The valid report with one change made to it.
std::string changed(const std::function<void(json&)>& change) {
    json report = valid();
    change(report);
    return report.dump(2);
}

}  // namespace

TEST_CASE("a valid report reads back as the JSON it holds") {
    const Result<json> read = read_report(kValid, "report.json");
    REQUIRE_MESSAGE(read.ok(), read.error().to_string());
    CHECK(*read == valid());
}

TEST_CASE("the schema's example is a report this Canvass reads") {
    const Result<json> example = read_report(slurp("docs/schemas/canvass.report.example.json"), "canvass.report.example.json");
    REQUIRE_MESSAGE(example.ok(), example.error().to_string());
    CHECK((*example)["format"] == "canvass.report");
}

TEST_CASE("the report canvass aggregate writes reads, percentages withheld where a total is hidden") {
    const Result<json> small = read_report(slurp("tests/golden/report-small.json"), "report-small.json");
    REQUIRE_MESSAGE(small.ok(), small.error().to_string());
    CHECK((*small)["response_count"] == 60);
}

TEST_CASE("a mean rank may be published beside a hidden answered count: its base is how many ranked the item") {
    json report = valid();
    json& all = report["questions"][3]["all"];
    all["answered"] = all["not_answered"] = json{{"count", nullptr}, {"suppressed", true}};
    all["options"][0]["percent"] = all["options"][1]["percent"] = nullptr;
    const Result<json> read = read_report(report.dump(), "report.json");
    CHECK_MESSAGE(read.ok(), read.error().to_string());
}

TEST_CASE("a damaged or unsafe report is refused with the file, the place and what is wrong") {
    const std::string big_string = "{\"format\": \"canvass.report\", \"x\": \"" + std::string(40u * 1024u * 1024u, 'a') + "\"}";
    struct Row {
        std::string text, message;
    };
    const Row rows[] = {
        // Not a report at all, or one this Canvass cannot read.
        {std::string(kValid).substr(0, 200),
         "report.json:4:1: invalid JSON: unexpected end of input; expected string literal"},  // a truncated file
        {"[]", "report.json: a report is a JSON object; this file holds something else"},
        {changed([](json& r) { r["format"] = "canvass.responses"; }),
         "report.json: format: this is a \"canvass.responses\" file, not a report (\"canvass.report\")"},
        {changed([](json& r) { r["format_version"] = 2; }),
         "report.json: format_version: version 2 is newer than this Canvass reads (1); open it with a newer Canvass"},
        {changed([](json& r) { r["format_version"] = 0; }),
         "report.json: format_version: version 0 is not a report version (this Canvass writes 1)"},
        {changed([](json& r) { r.erase("crosstabs"); }), "report.json: crosstabs: \"crosstabs\" is missing"},
        {changed([](json& r) { r["questions"][1]["all"].erase("not_answered"); }),
         "report.json: questions[1].all.not_answered: \"not_answered\" is missing"},
        // Unknown keys: nothing rides along in a field the reader would not show.
        {changed([](json& r) { r["x"] = 1; }), "report.json: x: \"x\" is not a field of a report; remove it"},
        {changed([](json& r) { r["questions"][1]["all"]["response_ids"] = {"0b7e4c52-54a4-4f0e-9d55-1c2f1f3b9a10"}; }),
         "report.json: questions[1].all.response_ids: \"response_ids\" is not a field of a report; remove it"},
        {changed([](json& r) { r["questions"][1]["all"]["options"][0]["id"] = "0b7e4c52-54a4-4f0e-9d55-1c2f1f3b9a10"; }),
         "report.json: questions[1].all.options[0].id: \"id\" is not a field of a report; remove it"},
        // Counts small enough to point at someone, and suppressed cells that give themselves away.
        {changed([](json& r) { r["questions"][1]["all"]["options"][1]["count"] = 3; }),
         "report.json: questions[1].all.options[1].count: a count of 3 is below k=10, so this report does not protect its respondents; "
         "make it again with canvass aggregate"},
        {changed([](json& r) { r["summary"]["channels"][0]["count"] = 1; }),
         "report.json: summary.channels[0].count: a count of 1 is below k=10, so this report does not protect its respondents; "
         "make it again with canvass aggregate"},
        {changed([](json& r) {
             r["questions"][1]["all"]["options"][1] = {{"value", "other"}, {"count", 0}, {"suppressed", true}, {"percent", nullptr}};
         }),
         "report.json: questions[1].all.options[1].count: a suppressed cell has \"count\": null, never a number (a 0 or a small number "
         "would give it away)"},
        {changed([](json& r) {
             r["questions"][4]["rows"][0]["all"]["options"][0] = {{"value", "poor"}, {"count", 4}, {"suppressed", true}};
         }),
         "report.json: questions[4].rows[0].all.options[0].count: a suppressed cell has \"count\": null, never a number (a 0 or a small "
         "number would give it away)"},
        {changed([](json& r) {
             r["questions"][1]["all"]["options"][1] = {{"value", "other"}, {"count", nullptr}, {"suppressed", true}, {"percent", 12.5}};
         }),
         "report.json: questions[1].all.options[1].percent: a suppressed cell has \"percent\": null (a percentage would give its count "
         "away)"},
        {changed([](json& r) {
             r["questions"][1]["all"]["options"][1] = {{"value", "other"}, {"count", nullptr}};
         }),
         "report.json: questions[1].all.options[1]: a hidden count is written {\"count\": null, \"suppressed\": true}"},
        {changed([](json& r) { r["questions"][1]["all"]["options"][1]["suppressed"] = false; }),
         "report.json: questions[1].all.options[1].suppressed: is only ever true, beside \"count\": null; a published count has no "
         "\"suppressed\""},
        {changed([](json& r) { r["response_count"] = 5; }),
         "report.json: response_count: a report is made from at least k=10 responses; this one counts 5, so it does not protect its "
         "respondents; make it again with canvass aggregate"},
        {changed([](json& r) { r["suppression"]["k"] = 2; }),
         "report.json: suppression.k: must be a whole number, 3 or more (the smallest count a report publishes)"},
        {changed([](json& r) { r["questions"][1]["all"]["options"][0]["count"] = 400; }),
         "report.json: questions[1].all.options[0].count: a count of 400 is more than the report's 40 responses"},
        {changed([](json& r) {
             r["questions"][2]["all"]["answered"] = {{"count", nullptr}, {"suppressed", true}};
             r["questions"][2]["all"]["not_answered"] = {{"count", nullptr}, {"suppressed", true}};
         }),
         "report.json: questions[2].all.options[0].percent: the group's answered count is suppressed, and a percentage of it would give it "
         "away; make it again with canvass aggregate"},
        {changed([](json& r) {
             json& all = r["questions"][2]["all"];
             all["answered"] = all["not_answered"] = {{"count", nullptr}, {"suppressed", true}};
             all["options"][0] = all["options"][1] = {{"count", nullptr}, {"suppressed", true}, {"percent", nullptr}};
             all["options"][0]["value"] = "1";
             all["options"][1]["value"] = "2";
         }),
         "report.json: questions[2].all.mean: must be null: the group's answered count is suppressed, and a figure from fewer than k=10 "
         "answers gives them away; make it again with canvass aggregate"},
        {changed([](json& r) { r["questions"][1]["all"]["not_answered"]["count"] = 20; }),
         "report.json: questions[1].all: answered (30) and not_answered (20) add up to 50, not respondents (40)"},
        // No time finer than a day.
        {changed([](json& r) { r["generated"] = "2026-11-27T10:07:00Z"; }),
         "report.json: generated: '2026-11-27T10:07:00Z' is not a day such as 2026-11-27; a report gives days, never times"},
        {changed([](json& r) { r["period"]["last"] = "2026-11-26 17:45"; }),
         "report.json: period.last: '2026-11-26 17:45' is not a day such as 2026-11-27; a report gives days, never times"},
        {changed([](json& r) { r["period"]["first"] = "2026-02-30"; }),
         "report.json: period.first: '2026-02-30' is not a day such as 2026-11-27; a report gives days, never times"},
        // No free text and no postcodes.
        {changed([](json& r) {
             r["questions"][5]["options"] = {{{"value", "More Wi-Fi at the station"}, {"label", "More Wi-Fi at the station"}}};
         }),
         "report.json: questions[5].options: a text question's answers are free text, which never leaves the device: a report counts them "
         "and has no options; remove it"},
        {changed([](json& r) { r["questions"][5]["all"]["options"] = json::array(); }),
         "report.json: questions[5].all.options: a text question's answers are free text, which never leaves the device: a report counts "
         "them and has no options; remove it"},
        {changed([](json& r) { r["questions"][1]["by_area"]["CM20"] = r["questions"][1]["all"]; }),
         "report.json: questions[1].by_area.CM20: \"CM20\" is not an area (harlow, epping_forest, east_hertfordshire, uttlesford, "
         "broxbourne, "
         "other, not_given); a report never names a postcode"},
        {changed([](json& r) { r["summary"]["areas"][0]["value"] = "CM20 1AB"; }),
         "report.json: summary.areas[0].value: \"CM20 1AB\" is not an area (harlow, epping_forest, east_hertfordshire, uttlesford, "
         "broxbourne, other, not_given); a report never names a postcode"},
        // The shape of questions and cross-tabulations.
        {changed([](json& r) { r["questions"][1]["type"] = "checkbox"; }),
         "report.json: questions[1].type: a \"checkbox\" question cannot have the measure \"choice\" (it is for radiogroup, dropdown, "
         "boolean)"},
        {changed([](json& r) { r["questions"][1]["all"]["options"][1]["value"] = "full_fibre"; }),
         "report.json: questions[1].all.options[1].value: must be \"other\", the question's option 2"},
        {changed([](json& r) { r["questions"][2]["options"][0]["value"] = 1; }),
         "report.json: questions[2].options[0].value: must be text: the option's value (a number or true/false is written as its JSON "
         "text, "
         "such as \"1\")"},
        {changed([](json& r) { r["questions"][1]["all"]["options"][0]["percent"] = 120; }),
         "report.json: questions[1].all.options[0].percent: must be a percentage from 0 to 100, or null when it is withheld"},
        {changed([](json& r) { r["questions"][3]["all"]["mean_rank"] = {1.25}; }),
         "report.json: questions[3].all.mean_rank: must list one mean rank per option of the question (2), in its order"},
        {changed([](json& r) { r["questions"][3]["name"] = "segment"; }),
         "report.json: questions[3].name: the question \"segment\" appears twice; a report holds each question once"},
        {changed([](json& r) { r["crosstabs"][0]["columns"] = "segment"; }),
         "report.json: crosstabs[0].columns: a cross-tabulation is of single-choice questions (choice or rating); \"segment\" is not one"},
        {changed([](json& r) { r["crosstabs"][0]["cells"][2].erase(2); }),
         "report.json: crosstabs[0].cells[2]: must be one cell per column option (3)"},
        // Hostile input: nested far too deep, or far too large.
        {std::string(100000, '['), "report.json: arrays and objects are nested more than 64 deep; flatten the structure"},
        {big_string, "report.json: the file is " + std::to_string(big_string.size()) +
                         " bytes, over the limit of 33554432 bytes; split it or remove what it does not need"},
        {"{\"format\": \"canvass.report\", \"survey\": \"\xC3\x28\"}",
         "report.json:1:41: not UTF-8 text: byte 0xC3 cannot start or continue a character; save the file as UTF-8"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.text.substr(0, 120));
        const Result<json> read = read_report(row.text, "report.json");
        REQUIRE_FALSE(read.ok());
        CHECK(read.error().to_string() == row.message);
    }
}
