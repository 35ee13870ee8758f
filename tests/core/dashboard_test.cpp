// The results dashboard (core/app/dashboard.h): its view-model from a Board report file (what a
// suppressed cell reads, filters one breakdown at a time, a bad file named with its place) and
// from a kiosk's own responses (counted again only when a filter changes, and a group of fewer
// than k shown as a message, never as charts).
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/app/dashboard.h"
#include "core/app/semantic_intents.h"
#include "core/results/simulate.h"
#include "tests/core/default_survey_session.h"

using namespace canvass;
using namespace canvass::testing;
using nlohmann::json;

namespace {

constexpr const char* kFixture = "tests/e2e/fixtures/diz-board-report.json";

std::string read_text(const std::string& relative) {
    std::ifstream in(std::string(CANVASS_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const std::string& fixture_text() {
    static const std::string text = read_text(kFixture);
    return text;
}

const json& fixture() {
    static const json report = json::parse(fixture_text());
    return report;
}

const DashboardView& dashboard_of(const Session& session) {
    REQUIRE(session.state.dashboard);
    REQUIRE(session.state.dashboard->view);
    return *session.state.dashboard->view;
}

const DashboardChart* chart(const DashboardView& view, const std::string& id) {
    const auto found = std::find_if(view.charts.begin(), view.charts.end(), [&](const DashboardChart& c) { return c.id == id; });
    return found == view.charts.end() ? nullptr : &*found;
}

const ControlView* control(const ViewModel& view, const std::string& id) {
    const auto found = std::find_if(view.controls.begin(), view.controls.end(), [&](const ControlView& c) { return c.id == id; });
    return found == view.controls.end() ? nullptr : &*found;
}

std::string press(Session& session, const std::string& id) {
    Result<Intent> intent = intent_for_control(build_view(session.state), id);
    if (!intent) return intent.error().message;
    session.apply(*intent);
    return {};
}

Session with_file(const std::string& name = "board-report.json", const std::string& text = fixture_text()) {
    Session session;
    REQUIRE(session.state.screen == Screen::Welcome);
    CHECK(press(session, "open_results_file").empty());
    CHECK(session.effects.choose_results_file);
    session.apply(intent::OpenDashboard{name, text, std::nullopt, ""});
    return session;
}

// The fixture's count for option `index` of a question's group, as the dashboard should write it.
std::string fixture_count(const std::string& question, const std::string& breakdown, const std::string& key, std::size_t index) {
    for (const json& q : fixture()["questions"]) {
        if (q["name"] != question) continue;
        const json& group = breakdown.empty() ? q["all"] : q[breakdown][key];
        const json& cell = group["options"][index];
        if (cell.value("suppressed", false)) return "fewer than 10";
        return std::to_string(cell["count"].get<int>());
    }
    return "?";
}

// A kiosk whose staff screen is open (its PIN hashed with few rounds, for the sanitizers).
Session staff_screen() {
    Session session;
    session.apply(intent::SetKiosk{KioskSettings{}});
    session.apply(intent::StaffRecordsLoaded{});
    session.apply(intent::SurveyLoaded{default_survey(), "", false, std::nullopt});
    session.state.kiosk->staff.new_pin_iterations = 1'000;
    for (int twice = 0; twice < 2; ++twice) {
        for (char digit : std::string("246810")) session.apply(intent::PinKey{std::string(1, digit)});
        session.apply(intent::PinKey{"enter"});
    }
    REQUIRE(session.state.screen == Screen::Staff);
    return session;
}

// `count` responses to the default survey: residents in Harlow (CM20), then `others` businesses
// in Epping Forest (CM16).
std::vector<StoredResponse> responses(int count, int others = 0) {
    std::vector<StoredResponse> out;
    const survey::Survey& model = default_survey()->model;
    for (int i = 0; i < count + others; ++i) {
        const bool other = i >= count;
        char id[40];
        std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", i);
        json data = {{"segment", json::array({other ? "business" : "resident"})},
                     {"postcode_district", other ? "CM16" : "CM20"},
                     {"age_band", i % 3 == 0 ? "25_34" : "45_54"},
                     {"disability", i % 4 == 0 ? "yes" : "no"},
                     {"ideas", "Faster broadband on my street"}};
        if (!other) data["home_broadband_type"] = i % 2 ? "full_fibre" : "cable";
        out.push_back({id, model.id, model.version, "en", other ? "business" : "resident", "kiosk",
                       "2026-06-15T10:00:00Z", "2026-06-15T10:05:00Z", data.dump()});
    }
    return out;
}

Session live(int count, int others = 0) {
    Session session = staff_screen();
    CHECK(press(session, "staff:results").empty());
    REQUIRE(session.effects.load_dashboard_responses);
    intent::OpenDashboard open;
    open.responses = responses(count, others);
    session.apply(open);
    REQUIRE(session.state.screen == Screen::Dashboard);
    return session;
}

}  // namespace

TEST_CASE("a Board report file: summary, one chart per question, and a suppressed cell that reads \"fewer than 10\"") {
    Session session = with_file();
    CHECK(session.state.screen == Screen::Dashboard);
    const ViewModel view = build_view(session.state);
    CHECK(view.screen == "dashboard");
    CHECK(view.heading == "Results: Getting online: have your say");
    CHECK(view.paragraphs.front() == "260 responses, from 14 September 2026 to 12 November 2026.");
    const DashboardView& dashboard = *view.dashboard;
    CHECK(dashboard.source == "file");
    CHECK(dashboard.k == 10);

    // Who answered: segments (with the note that they overlap), areas and channels.
    const DashboardChart* segments = chart(dashboard, "summary:segments");
    REQUIRE(segments);
    const json& residents = fixture()["summary"]["segments"][0];
    CHECK(segments->bars.front().label == "Residents");
    CHECK(segments->bars.front().count == std::to_string(residents["count"].get<int>()));
    CHECK(segments->bars.front().fraction == doctest::Approx(residents["percent"].get<double>() / 100));
    CHECK(segments->notes.front() == "Someone can answer as more than one of these, so they can add up to more than the total.");
    const DashboardChart* areas = chart(dashboard, "summary:areas");
    REQUIRE(areas);
    const auto elsewhere = std::find_if(areas->bars.begin(), areas->bars.end(), [](const DashboardBar& b) { return b.label == "Elsewhere"; });
    REQUIRE(elsewhere != areas->bars.end());
    CHECK(elsewhere->count == "fewer than 10");  // suppressed in the file: never a number, never 0
    CHECK(elsewhere->percent.empty());
    CHECK(elsewhere->fraction == 0);             // and no bar whose length would tell
    CHECK(elsewhere->suppressed);

    // Every question has a chart (a matrix one per row); no suppressed cell anywhere shows a number or a bar.
    std::size_t expected = 0;
    for (const json& q : fixture()["questions"]) expected += q["measure"] == "matrix" ? q["rows"].size() : 1;
    const auto questions = std::count_if(dashboard.charts.begin(), dashboard.charts.end(), [](const DashboardChart& c) { return !c.question.empty(); });
    CHECK(static_cast<std::size_t>(questions) == expected);
    int suppressed = 0;
    for (const DashboardChart& c : dashboard.charts) {
        for (const DashboardBar& bar : c.bars) {
            if (!bar.suppressed) continue;
            ++suppressed;
            CHECK(bar.count == "fewer than 10");
            CHECK(bar.fraction == 0);
            CHECK(bar.percent.empty());
        }
    }
    CHECK(suppressed > 0);
    CHECK(chart(dashboard, "q:home_broadband_type")->bars.front().count == fixture_count("home_broadband_type", "", "", 0));

    // Ratings publish their mean and median; rankings their average rank; text questions only a count.
    const DashboardChart* rating = chart(dashboard, "q:home_broadband_satisfaction");
    REQUIRE(rating);
    CHECK(rating->headings.front() == "Rating");
    const DashboardChart* ranking = chart(dashboard, "q:priorities");
    REQUIRE(ranking);
    CHECK(ranking->headings.back() == "Average rank");
    CHECK_FALSE(ranking->bars.front().extra.empty());
    // This file holds back how many answered the ranking, and so its percentages: counts only, no bars.
    REQUIRE(fixture()["questions"][28]["name"] == "priorities");
    REQUIRE(fixture()["questions"][28]["all"]["answered"].value("suppressed", false));
    CHECK_FALSE(ranking->scaled);
    CHECK(std::all_of(ranking->bars.begin(), ranking->bars.end(), [](const DashboardBar& b) { return b.fraction == 0 && b.percent.empty(); }));
    CHECK(ranking->bars.front().count == std::to_string(fixture()["questions"][28]["all"]["options"][0]["count"].get<int>()));
    CHECK(chart(dashboard, "q:home_broadband_type")->scaled);
    const DashboardChart* ideas = chart(dashboard, "q:ideas");
    REQUIRE(ideas);
    CHECK(ideas->bars.empty());  // this file holds back how many answered it (the residents' count is below)
    CHECK(ideas->message == "Answers not shown: free text stays private. How many answered is held back, so that no small count can be worked out.");
    const DashboardChart* matrix_row = chart(dashboard, "q:mobile_signal:row:indoors");
    REQUIRE(matrix_row);
    CHECK(matrix_row->subtitle == "Inside your home");

    // The automation view carries it (docs/automation.md).
    const json out = to_json(view);
    CHECK(out["screen"] == "dashboard");
    CHECK(out["dashboard"]["source"] == "file");
    CHECK(out["dashboard"]["charts"].size() == dashboard.charts.size());
}

TEST_CASE("a report file's filters: one breakdown at a time, from its by_segment and by_area groups") {
    Session session = with_file();
    ViewModel view = build_view(session.state);
    CHECK(control(view, "dashboard:segment:all")->selected);
    CHECK(control(view, "dashboard:area:all")->selected);
    CHECK(control(view, "dashboard:segment:resident")->label == "Residents");

    CHECK(press(session, "dashboard:segment:resident").empty());
    const DashboardView* dashboard = &dashboard_of(session);
    CHECK(dashboard->filter_label == "Residents");
    CHECK(chart(*dashboard, "q:home_broadband_type")->bars.front().count == fixture_count("home_broadband_type", "by_segment", "resident", 0));
    CHECK(chart(*dashboard, "q:home_broadband_type")->section == "Answers: Residents");
    const json& ideas = *std::find_if(fixture()["questions"].begin(), fixture()["questions"].end(), [](const json& q) { return q["name"] == "ideas"; });
    CHECK(chart(*dashboard, "q:ideas")->message ==
          std::to_string(ideas["by_segment"]["resident"]["answered"]["count"].get<int>()) + " answers (not shown: free text stays private)");

    // An area replaces the segment: a file has no counts for both at once.
    CHECK(press(session, "dashboard:area:harlow").empty());
    view = build_view(session.state);
    CHECK(control(view, "dashboard:segment:all")->selected);
    CHECK(control(view, "dashboard:area:harlow")->selected);
    dashboard = view.dashboard.get();
    CHECK(dashboard->filter_label == "People in Harlow");
    CHECK(chart(*dashboard, "q:age_band")->bars.front().count == fixture_count("age_band", "by_area", "harlow", 0));

    // A group with fewer than k people shows a message, not charts.
    CHECK(press(session, "dashboard:area:other").empty());
    dashboard = &dashboard_of(session);
    CHECK(dashboard->message.rfind("Fewer than 10 people are in this group (People from elsewhere)", 0) == 0);
    CHECK(std::none_of(dashboard->charts.begin(), dashboard->charts.end(), [](const DashboardChart& c) { return !c.question.empty(); }));

    CHECK(press(session, "dashboard:area:all").empty());
    CHECK(dashboard_of(session).filter_label == "Everyone");
    CHECK(session.refused(intent::DashboardFilter{"area", "atlantis"}).find("cannot be filtered by area 'atlantis'") != std::string::npos);

    // A question compared across groups, then back; Back again closes the results.
    CHECK(press(session, "dashboard:question:age_band").empty());
    dashboard = &dashboard_of(session);
    CHECK(dashboard->page == "question");
    CHECK(chart(*dashboard, "q:age_band:segment:business"));
    CHECK(chart(*dashboard, "q:age_band:area:harlow"));
    CHECK(press(session, "dashboard:back").empty());
    CHECK(dashboard_of(session).page == "overview");
    CHECK(press(session, "dashboard:back").empty());
    CHECK(session.state.screen == Screen::Welcome);
    CHECK_FALSE(session.state.dashboard);
}

TEST_CASE("a report file's cross-tab, and a message when it holds none for two questions") {
    Session session = with_file();
    CHECK(press(session, "dashboard:crosstab").empty());
    ViewModel view = build_view(session.state);
    CHECK(view.dashboard->page == "crosstab");
    CHECK_FALSE(view.dashboard->crosstab);
    REQUIRE(control(view, "dashboard:crosstab:0"));
    CHECK(press(session, "dashboard:crosstab:0").empty());
    const DashboardView& dashboard = dashboard_of(session);
    REQUIRE(dashboard.crosstab);
    CHECK(dashboard.crosstab->column_labels.back() == "Total");
    CHECK(dashboard.crosstab->rows.back().label == "Total");
    CHECK(dashboard.crosstab->rows.back().cells.back() == "260");

    json bare = fixture();
    bare["crosstabs"] = json::array();
    Session other = with_file("no-crosstabs.json", bare.dump());
    CHECK(press(other, "dashboard:crosstab").empty());
    CHECK(dashboard_of(other).message.rfind("This results file holds no comparisons", 0) == 0);
}

TEST_CASE("a bad results file is named with the place, and changes nothing else") {
    Session session;
    const AppState before = session.state;
    session.apply(intent::OpenDashboard{"minutes.json", "{\"format\": \"canvass.report\",", std::nullopt, ""});
    CHECK(session.state.screen == Screen::Welcome);
    CHECK_FALSE(session.state.dashboard);
    CHECK(session.state.results_problem.rfind("The file could not be opened as results: minutes.json", 0) == 0);
    ViewModel view = build_view(session.state);
    REQUIRE(view.errors.size() == 1);
    CHECK(view.errors.front().message == session.state.results_problem);
    CHECK(view.document_title.rfind("There is a problem: ", 0) == 0);

    json wrong = fixture();
    wrong["questions"][3]["all"]["options"][0]["count"] = "many";
    session.apply(intent::OpenDashboard{"board.json", wrong.dump(), std::nullopt, ""});
    CHECK(session.state.results_problem.find("board.json") != std::string::npos);
    CHECK(session.state.results_problem.find("questions[3]") != std::string::npos);

    // The host could not read it at all.
    session.apply(intent::OpenDashboard{"huge.json", "", std::nullopt, "the file is 40000000 bytes, more than Canvass can open here"});
    CHECK(session.state.results_problem == "The file could not be opened as results: huge.json: the file is 40000000 bytes, more than Canvass can open here");
    CHECK(session.state.screen == Screen::Welcome);
    CHECK(session.state.answers == before.answers);

    // A good file afterwards opens and clears the message; a bad one then leaves the dashboard as it was.
    session.apply(intent::OpenDashboard{"board.json", fixture_text(), std::nullopt, ""});
    CHECK(session.state.results_problem.empty());
    const auto shown = session.state.dashboard;
    session.apply(intent::OpenDashboard{"notes.json", "Shopping: milk", std::nullopt, ""});
    CHECK(session.state.dashboard == shown);
    CHECK(build_view(session.state).errors.size() == 1);
}

TEST_CASE("no results file on a kiosk's screens, and live results only from its staff screen") {
    Session kiosk = staff_screen();
    kiosk.apply(intent::Staff{intent::StaffCommand::Close});
    REQUIRE(kiosk.state.screen == Screen::Welcome);
    CHECK_FALSE(control(build_view(kiosk.state), "open_results_file"));
    CHECK(kiosk.refused(intent::OpenDashboard{"board.json", fixture_text(), std::nullopt, ""}).find("welcome screen") != std::string::npos);
    intent::OpenDashboard open;
    open.responses = responses(12);
    CHECK(kiosk.refused(open) == "the results on this kiosk open from its staff screen");
    Session online;
    CHECK(online.refused(open) == "the results on this kiosk open from its staff screen");
}

TEST_CASE("live results are counted again only when a filter changes") {
    Session session = live(24, 12);
    const DashboardView* dashboard = &dashboard_of(session);
    CHECK(dashboard->source == "live");
    CHECK(dashboard->recounts == 1);
    CHECK(dashboard->summary.front().rfind("36 responses", 0) == 0);
    CHECK(chart(*dashboard, "q:home_broadband_type"));

    // Drawing frames, changing the text size, choosing the same filter: nothing is counted again.
    for (int frame = 0; frame < 5; ++frame) build_view(session.state);
    session.apply(intent::ChangeTextSize{1});
    CHECK(press(session, "dashboard:segment:all").empty());
    CHECK(dashboard_of(session).recounts == 1);

    CHECK(press(session, "dashboard:segment:resident").empty());
    CHECK(dashboard_of(session).recounts == 2);
    CHECK(dashboard_of(session).summary.front().rfind("24 responses", 0) == 0);
    CHECK(press(session, "dashboard:segment:resident").empty());
    CHECK(dashboard_of(session).recounts == 2);
    // Live data combines a segment and an area.
    CHECK(press(session, "dashboard:area:harlow").empty());
    ViewModel view = build_view(session.state);
    CHECK(control(view, "dashboard:segment:resident")->selected);
    CHECK(control(view, "dashboard:area:harlow")->selected);
    CHECK(view.dashboard->filter_label == "Residents in Harlow");
    CHECK(view.dashboard->recounts == 3);

    // Residents in Epping Forest: nobody, so a message and no charts.
    CHECK(press(session, "dashboard:area:epping_forest").empty());
    dashboard = &dashboard_of(session);
    CHECK(dashboard->message == "Fewer than 10 people on this kiosk match this choice (Residents in Epping Forest), so nothing is shown: "
                                "so few could identify someone. Choose a wider group.");
    CHECK(dashboard->charts.empty());
    CHECK(control(build_view(session.state), "dashboard:area:all"));  // the way back to a wider group
    CHECK(dashboard->recounts == 4);

    // A cross-tab of two single-choice questions, counted once for the pair.
    CHECK(press(session, "dashboard:area:all").empty());
    CHECK(press(session, "dashboard:segment:all").empty());
    CHECK(press(session, "dashboard:crosstab").empty());
    CHECK(press(session, "dashboard:rows:age_band").empty());
    CHECK_FALSE(dashboard_of(session).crosstab);
    const int before = dashboard_of(session).recounts;
    CHECK(press(session, "dashboard:columns:disability").empty());
    dashboard = &dashboard_of(session);
    REQUIRE(dashboard->crosstab);
    CHECK(dashboard->recounts == before + 1);
    CHECK(dashboard->crosstab->rows.back().cells.back() == "36");
    CHECK(session.refused(intent::DashboardShowCrosstab{"ideas", std::nullopt}) == "'ideas' is not a single-choice question in these results");

    // Back to the overview, then to the staff screen, whose figures are read again.
    CHECK(press(session, "dashboard:back").empty());
    CHECK(press(session, "dashboard:back").empty());
    CHECK(session.state.screen == Screen::Staff);
    CHECK(session.effects.refresh_staff_stats);
    CHECK_FALSE(session.state.dashboard);
}

TEST_CASE("a kiosk with fewer than k responses shows a message instead of charts") {
    Session session = live(3);
    const DashboardView& dashboard = dashboard_of(session);
    CHECK(dashboard.message == "There are 3 responses on this kiosk. Results show once there are at least 10, so that nobody can be picked out.");
    CHECK(dashboard.charts.empty());
    const ViewModel view = build_view(session.state);
    CHECK_FALSE(control(view, "dashboard:segment:all"));
    CHECK_FALSE(control(view, "dashboard:crosstab"));
    CHECK(control(view, "dashboard:back")->label == "Back to the staff screen");
}

TEST_CASE("the live dashboard is part of the staff area: it locks with it") {
    Session session = live(12);
    session.context.now_ms += KioskSettings{}.idle_ms + 1;
    session.apply(intent::Tick{});
    CHECK(session.state.screen == Screen::Welcome);
    CHECK_FALSE(session.state.dashboard);
}

TEST_CASE("live results download as the Board report of every response, whatever the filter") {
    Session session = live(24, 12);
    CHECK(press(session, "dashboard:segment:resident").empty());  // the filter is the view's, not the report's
    CHECK(press(session, "dashboard:download_report").empty());
    REQUIRE(session.effects.download.has_value());
    const std::string& name = session.effects.download->file_name;
    CHECK(name.rfind("canvass-report-diz-digital-needs-", 0) == 0);
    CHECK(name.size() == std::string("canvass-report-diz-digital-needs-YYYYMMDD.json").size());
    Result<json> report = results::read_report(session.effects.download->text, name);
    REQUIRE(report.ok());
    CHECK((*report)["response_count"] == 36);
    CHECK((*report)["questions"][0].contains("by_area"));
    CHECK(session.effects.download->text.find("00000000-0000-4000") == std::string::npos);    // no response id
    CHECK(session.effects.download->text.find("Faster broadband") == std::string::npos);      // no free text
    // Too few responses for a report: no download offered.
    Session small = live(3);
    CHECK(press(small, "dashboard:download_report") == "there is no control 'dashboard:download_report' on the dashboard screen");
}

TEST_CASE("staff import another kiosk's file: a progress bar with Stop, then the dashboard counts both, each response once") {
    Session session = staff_screen();
    CHECK(press(session, "staff:import").empty());
    CHECK(session.effects.choose_import_file);
    // The host reads, checks and counts a slice a frame, and says how far it has got.
    session.apply(intent::ResultsLoading{"Reading kiosk-b.json", 0.425});
    ViewModel view = build_view(session.state);
    CHECK(view.loading_stage == "Reading kiosk-b.json");
    CHECK(view.loading_percent == 42);
    CHECK(to_json(view)["loading"] == json{{"stage", "Reading kiosk-b.json"}, {"percent", 42}});
    std::vector<std::string> ids;
    for (const ControlView& c : view.controls) ids.push_back(c.id);
    CHECK(ids == std::vector<std::string>{"staff:stop_loading", "staff:close"});  // nothing else while counting
    CHECK(session.refused(intent::Staff{intent::StaffCommand::Export}) == "the results are still being counted: wait, or press Stop");

    // The host finished: this kiosk's 12 and the file's 20, of which 5 were already here.
    results::SimulateOptions options;
    options.count = 27;
    Result<ResponseBundle> simulated = results::simulate_responses(session.state.survey->model, options);
    REQUIRE(simulated.ok());
    const std::vector<StoredResponse>& all = simulated->responses;  // complete, as the import checks
    const std::vector<StoredResponse> own(all.begin(), all.begin() + 12);
    ResponseBundle file;
    file.survey_id = "diz-digital-needs";
    file.device_id = "kiosk-b";
    file.exported_at = simulated->exported_at;
    file.responses.assign(all.begin() + 7, all.end());
    results::ResultsLoader loader(std::shared_ptr<const survey::Survey>(session.state.survey, &session.state.survey->model), own,
                                  {{"kiosk-b.json", std::make_shared<const std::string>(write_bundle(file))}}, session.context.now_ms);
    while (!loader.step(1000)) {}
    Result<results::LoadedResults> loaded = loader.take();
    REQUIRE_MESSAGE(loaded.ok(), (loaded.ok() ? std::string() : loaded.error().to_string()));
    intent::OpenDashboard open;
    open.loaded = std::move(loaded).value();
    session.apply(open);
    REQUIRE(session.state.screen == Screen::Dashboard);
    view = build_view(session.state);
    REQUIRE(view.paragraphs.size() >= 3);
    CHECK(view.paragraphs[1].find(" from 27 responses: those stored on this kiosk and 1 imported file, each response counted once.") != std::string::npos);
    CHECK(view.paragraphs[2] == "kiosk-b.json: 20 responses, 15 not already counted.");
    CHECK(press(session, "dashboard:back").empty());
    view = build_view(session.state);
    CHECK(view.loading_stage.empty());
    CHECK(std::find(view.paragraphs.begin(), view.paragraphs.end(),
                    "Imported for the results: kiosk-b.json. Nothing of them is stored on this kiosk.") != view.paragraphs.end());
    // Locking the staff area forgets the imported files, as it forgets everything staff saw.
    CHECK(press(session, "staff:close").empty());
    CHECK(session.state.kiosk->staff.imported_files.empty());
}

TEST_CASE("a stopped or failed import says why, and the staff screen is as it was") {
    Session session = staff_screen();
    CHECK(press(session, "staff:import").empty());
    session.apply(intent::ResultsLoading{"Checking kiosk-c.json against the survey", 0.6});
    CHECK(press(session, "staff:stop_loading").empty());
    CHECK(session.effects.cancel_results_loading);
    ViewModel view = build_view(session.state);
    CHECK(view.loading_stage.empty());
    CHECK(view.status == "Stopped. Nothing was added to the results.");
    CHECK(session.refused(intent::Staff{intent::StaffCommand::CancelLoading}) == "nothing is being counted");

    CHECK(press(session, "staff:import").empty());
    session.apply(intent::ResultsLoading{"Reading kiosk-c.json", 0.1});
    session.apply(intent::ResultsLoading{"", 0, true, "kiosk-c.json: responses[3].channel: 'fax' is not one of online, kiosk, paper, phone"});
    view = build_view(session.state);
    CHECK(view.loading_stage.empty());
    CHECK(view.status == "Nothing was added to the results: kiosk-c.json: responses[3].channel: 'fax' is not one of online, kiosk, paper, phone");
    CHECK(control(view, "staff:export") != nullptr);  // the commands are back
    CHECK(session.state.kiosk->staff.imported_files.empty());
}

TEST_CASE("a long import keeps the staff area open: its progress is not walking away") {
    Session session = staff_screen();
    CHECK(press(session, "staff:import").empty());
    const std::int64_t idle = KioskSettings{}.idle_ms;
    for (int step = 1; step <= 4; ++step) {  // four reports, each most of the idle time apart
        session.context.now_ms += idle - 1000;
        session.apply(intent::Tick{});
        REQUIRE(session.state.screen == Screen::Staff);
        session.apply(intent::ResultsLoading{"Checking kiosk-b.json against the survey", step / 5.0});
    }
    CHECK(build_view(session.state).loading_percent == 80);
    // Once nothing more is reported, the idle time locks the staff area as ever.
    session.context.now_ms += idle + 1;
    session.apply(intent::Tick{});
    CHECK(session.state.screen == Screen::Welcome);
}
