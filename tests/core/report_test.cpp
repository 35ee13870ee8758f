// make_report: the aggregates of docs/reports.md, with disclosure control, from real columns.
// Responses here are made by a fixed rule, so every count is known; the golden file pins the
// whole report.
#include <doctest/doctest.h>

#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/results/report.h"
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

// Response i of a fixed population: every answer follows from i.
StoredResponse response(int i) {
    static const char* districts[] = {"CM20", "cm17 ", "EN9", "SG12", "CB11", "EN10", "E17", ""};
    static const char* channels[] = {"online", "online", "kiosk", "paper", "online", "kiosk", "phone"};
    json data;
    data["segment"] = i % 3 == 0 ? json{"resident"} : i % 3 == 1 ? json{"business"} : json{"resident", "commuter"};
    if (std::string(districts[i % 8]).size()) data["postcode_district"] = districts[i % 8];
    const char* broadband[] = {"fibre", "fibre", "fibre", "fibre", "copper", "copper", "other"};
    if (i % 11 != 10) data["broadband"] = broadband[i % 7];
    if (i % 7 == 6) data["broadband-Comment"] = "my neighbour Ann Smith's wifi";
    data["devices"] = i % 2 ? json{"phone", "laptop"} : json{"phone"};
    data["happy"] = 1 + (i * 7) % 5;
    data["priorities"] = i % 4 == 0 ? json{"skills", "fibre", "mobile"} : json{"fibre", "mobile", "skills"};
    data["signal"] = {{"indoors", i % 3 ? "good" : "poor"}, {"outdoors", "good"}};
    data["people"] = i % 4;
    if (i % 5 == 0) data["ideas"] = "call me on 07700 900123";
    StoredResponse r;
    char id[37];
    std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", i);
    r.id = id;
    r.survey_id = "results-small";
    r.survey_version = small_survey().version;
    r.locale = "en";
    r.channel = channels[i % 7];
    r.submitted_at = "2026-11-" + std::string(i % 20 < 9 ? "0" : "") + std::to_string(1 + i % 20) + "T23:30:00Z";
    r.data_json = data.dump();
    r.device_id = i % 2 ? "kiosk-harlow-1" : "";
    return r;
}

std::vector<StoredResponse> responses(int count) {
    std::vector<StoredResponse> all;
    for (int i = 0; i < count; ++i) all.push_back(response(i));
    return all;
}

json report_of(int count, ReportOptions options = {}) {
    if (options.generated_day.empty()) options.generated_day = "2026-11-27";
    Result<ResponseTable> table = ResponseTable::build(small_survey(), responses(count));
    REQUIRE(table.ok());
    Result<json> report = make_report(*table, options);
    REQUIRE(report.ok());
    return *report;
}

// Every cell in the report: anything with a "count" key.
void each_cell(const json& node, const std::string& place, const std::function<void(const json&, const std::string&)>& visit) {
    if (node.is_object()) {
        if (node.contains("count")) visit(node, place);
        for (const auto& [key, value] : node.items()) each_cell(value, place + "." + key, visit);
    } else if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i) each_cell(node[i], place + "[" + std::to_string(i) + "]", visit);
    }
}

// Published equations a reader can use to difference: a group's answered and not answered add up
// to its respondents, a single-choice group's options add up to answered, and the areas (and the
// channels) add up to everyone. None may have exactly one hidden term.
int count_lonely_hidden(const json& question_like, const std::string& measure) {
    int lonely = 0;
    const auto hidden = [](const json& cell) { return cell["count"].is_null(); };
    const auto check_sum = [&](std::vector<json> terms) {
        int unknown = 0;
        for (const json& t : terms) unknown += hidden(t);
        lonely += unknown == 1;
    };
    std::vector<const json*> groups{&question_like["all"]};
    for (const char* key : {"by_segment", "by_area", "by_channel"}) {
        if (question_like.contains(key)) {
            for (const auto& [name, group] : question_like[key].items()) groups.push_back(&group);
        }
    }
    for (const json* group : groups) {
        check_sum({(*group)["answered"], (*group)["not_answered"], (*group)["respondents"]});
        if (measure == "choice" || measure == "rating" || measure == "number" || measure == "ranking") {
            std::vector<json> terms{(*group)["answered"]};
            for (const json& option : (*group)["options"]) terms.push_back(option);
            check_sum(terms);
        }
    }
    for (const char* key : {"by_area", "by_channel"}) {
        if (!question_like.contains(key)) continue;
        const json& all = question_like["all"];
        for (const char* field : {"answered", "not_answered"}) {
            std::vector<json> terms{all[field]};
            for (const auto& [name, group] : question_like[key].items()) terms.push_back(group[field]);
            check_sum(terms);
        }
        for (std::size_t o = 0; all.contains("options") && o < all["options"].size(); ++o) {
            std::vector<json> terms{all["options"][o]};
            for (const auto& [name, group] : question_like[key].items()) terms.push_back(group["options"][o]);
            check_sum(terms);
        }
    }
    return lonely;
}

}  // namespace

TEST_CASE("a report is refused below the minimum k and below k responses, with the reason") {
    Result<ResponseTable> table = ResponseTable::build(small_survey(), responses(40));
    REQUIRE(table.ok());
    struct Row {
        int k;
        int segment;
        std::string message;
    };
    const Row rows[] = {
        {2, -1, "k must be at least 3 (it was 2): smaller counts would let people be recognised"},
        {50, -1, "only 40 responses match; a report needs at least k=50 so that no count points at anyone"},
        {20, 2, "only 13 responses match; a report needs at least k=20 so that no count points at anyone"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.k);
        ReportOptions options;
        options.k = row.k;
        options.filter.segment = row.segment;
        Result<json> report = make_report(*table, options);
        REQUIRE_FALSE(report.ok());
        CHECK(report.error().message == row.message);
    }
}

TEST_CASE("no count from 1 to k-1 is published, a suppressed cell is null and flagged, and its percentage goes too") {
    for (int k : {3, 5, 10, 25}) {
        CAPTURE(k);
        ReportOptions options;
        options.k = k;
        const json report = report_of(120, options);
        int hidden = 0;
        each_cell(report, "report", [&](const json& cell, const std::string& place) {
            CAPTURE(place);
            if (cell["count"].is_null()) {
                ++hidden;
                CHECK(cell["suppressed"] == true);
                if (cell.contains("percent")) CHECK(cell["percent"].is_null());
            } else {
                const std::int64_t count = cell["count"].get<std::int64_t>();
                CHECK_FALSE((count >= 1 && count < k));
                CHECK_FALSE(cell.contains("suppressed"));
            }
        });
        CHECK(hidden > 0);
        for (const json& question : report["questions"]) {
            CAPTURE(question["name"].get<std::string>());
            if (question["measure"] == "matrix") {
                for (const json& row : question["rows"]) CHECK(count_lonely_hidden(row, "choice") == 0);
            } else {
                CHECK(count_lonely_hidden(question, question["measure"].get<std::string>()) == 0);
            }
        }
    }
}

TEST_CASE("free text and anything finer than a day never reach a report") {
    const std::string text = write_report(report_of(120));
    CHECK(text.find("Ann Smith") == std::string::npos);
    CHECK(text.find("07700") == std::string::npos);
    CHECK(text.find("00000000-0000-4000") == std::string::npos);  // no response id
    CHECK(text.find("T23:30") == std::string::npos);               // no time of day
    CHECK(text.find("CM20") == std::string::npos);                 // areas, never districts
}

TEST_CASE("counts, means and periods are right for a known population") {
    // Without breakdowns, so that no small group's suppression hides an overall count here.
    ReportOptions options;
    options.k = 3;
    options.breakdowns = false;
    const json report = report_of(120, options);
    CHECK(report["response_count"] == 120);
    CHECK(report["period"] == json{{"first", "2026-11-01"}, {"last", "2026-11-20"}});  // 23:30 UTC in November is the same UK day
    const json& segments = report["summary"]["segments"];
    CHECK(segments[0] == json{{"value", "resident"}, {"label", "Resident"}, {"count", 80}, {"percent", 66.7}});
    CHECK(segments[1]["count"] == 40);
    CHECK(segments[2]["count"] == 40);
    const json& broadband = report["questions"][2];
    REQUIRE(broadband["name"] == "broadband");
    CHECK(broadband["measure"] == "choice");
    // i % 11 == 10 did not answer: 10 of 120.
    CHECK(broadband["all"]["answered"] == json{{"count", 110}});
    CHECK(broadband["options"].back() == json{{"value", "other"}, {"label", "Other"}});
    const json& happy = report["questions"][4];
    REQUIRE(happy["measure"] == "rating");
    CHECK(happy["all"]["mean"] == 3.0);  // 1 + 7i mod 5 takes each value 24 times
    CHECK(happy["all"]["median"] == 3.0);
    const json& priorities = report["questions"][5];
    REQUIRE(priorities["measure"] == "ranking");
    CHECK(priorities["all"]["options"][0]["count"] == 90);  // fibre first for three in four
    CHECK(priorities["all"]["mean_rank"][0] == 1.25);
    const json& ideas = report["questions"][8];
    CHECK(ideas["measure"] == "text");
    CHECK_FALSE(ideas.contains("options"));
    CHECK(ideas["all"]["answered"]["count"] == 24);
}

TEST_CASE("a cross-tab needs two single-choice questions, and its totals match the questions' own cells") {
    Result<ResponseTable> table = ResponseTable::build(small_survey(), responses(120));
    REQUIRE(table.ok());
    ReportOptions options;
    options.generated_day = "2026-11-27";
    options.crosstabs = {{"broadband", "devices"}};
    Result<json> refused = make_report(*table, options);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message == "'devices' is a checkbox question; a cross-tab needs two single-choice questions");
    options.crosstabs = {{"broadband", "nothing"}};
    CHECK(make_report(*table, options).error().message == "the survey has no question 'nothing' to cross-tabulate");
    options.crosstabs = {{"broadband", "happy"}};
    Result<json> report = make_report(*table, options);
    REQUIRE(report.ok());
    const json& crosstab = (*report)["crosstabs"][0];
    const json& all = (*report)["questions"][2]["all"];
    for (std::size_t o = 0; o < all["options"].size(); ++o) {
        CAPTURE(o);
        CHECK(crosstab["row_totals"][o]["count"] == all["options"][o]["count"]);
    }
    CHECK(crosstab["row_totals"].back()["count"] == all["not_answered"]["count"]);
    CHECK(crosstab["total"] == json{{"count", 120}});
}

TEST_CASE("a filter counts only the people it names, and the same input gives the same bytes") {
    ReportOptions options;
    options.filter.area = static_cast<int>(Area::Harlow);
    options.breakdowns = false;
    const json harlow = report_of(120, options);
    CHECK(harlow["response_count"] == 30);  // CM20 and cm17: two districts in eight
    CHECK_FALSE(harlow["questions"][2].contains("by_area"));
    CHECK(write_report(report_of(120)) == write_report(report_of(120)));
}

TEST_CASE("the report of a known population is the golden file") {
    const std::string text = write_report(report_of(60));
    if (text != slurp("tests/golden/report-small.json")) {
        std::ofstream(std::string(CANVASS_SOURCE_DIR) + "/build/report-small.actual.json", std::ios::binary) << text;
    }
    CHECK(text == slurp("tests/golden/report-small.json"));  // on a change: diff with build/report-small.actual.json
}
