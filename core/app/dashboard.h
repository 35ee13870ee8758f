// The results dashboard (docs/dashboard.md): a canvass.report drawn as charts. Its source is a
// Board report file (read with results::read_report), or the responses stored on this device
// (a kiosk's staff screen, "View results"): their columns are built once (results::ResponseTable)
// and re-counted with results::make_report only when a filter changes, never per frame. The
// report in use and the view-model made from it are kept in the state, so drawing a frame only
// reads them. Called by apply_intent for the dashboard intents; pure like the rest of core.
//
// Sections:
//   1. The view-model: charts, bars, the cross-tab
//   2. The state
//   3. The rules apply_intent calls
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/app/app_state.h"
#include "core/app/view_model.h"
#include "core/results/report.h"

namespace canvass {

// --- 1. The view-model -------------------------------------------------------------------------

// One answer's row in a chart: a horizontal bar and its figures. A suppressed cell reads
// "fewer than 10" (k from the report), never 0, and has no bar at all: its length would tell.
struct DashboardBar {
    std::string label;
    std::string count;    // "42", "1,204", "fewer than 10"
    std::string percent;  // "35%", "35.4%"; "" when suppressed or not given
    std::string extra;    // a ranking's mean rank ("2.1", "not shown"); "" otherwise
    double fraction = 0;  // the bar's length, 0 to 1 of the chart's width (the percentage / 100)
    bool suppressed = false;
};

// One chart: a question (a matrix has one per row), a summary count (segments, areas, channels),
// or one group of a question's breakdown. Drawn as bars on the canvas, as a <table> in the
// accessible layer.
struct DashboardChart {
    std::string id;        // "summary:segments", "q:NAME", "q:NAME:row:ROW", "q:NAME:segment:resident"
    std::string section;   // the heading it sits under ("Who answered", "Answers", "By segment")
    std::string question;  // the question's name; "" for summary charts
    std::string title;     // the caption: the question's title, or the group's name
    std::string subtitle;  // a matrix row's label; "" otherwise
    std::string measure;   // choice, choices, rating, number, ranking, matrix, text, summary
    std::vector<std::string> headings;  // the table's column headings: answer, people, percent[, mean rank]
    std::vector<DashboardBar> bars;
    // False when the group's percentages are held back (they would give a hidden total away):
    // then the chart shows the counts alone, with no bars, as a bar needs a whole to be part of.
    bool scaled = true;
    std::vector<std::string> notes;     // how many answered; mean and median; "can add up to more than 100%"
    std::string message;   // shown instead of bars: too few people, or a text question's count
    std::string details;   // the control that compares groups for this question ("" when none)
};

// A cross-tabulation of two single-choice questions, counts only.
struct DashboardCrosstab {
    std::string title;                       // "Age band by broadband type": rows by columns
    std::string rows_title, columns_title;   // the two questions
    std::vector<std::string> column_labels;  // the columns' options, "Not answered", then "Total"
    struct Row {
        std::string label;
        std::vector<std::string> cells;      // one per column, the row's total last
        std::vector<bool> suppressed;
    };
    std::vector<Row> rows;                   // the rows' options, "Not answered", then "Total"
};

struct DashboardView {
    std::string source;     // "file" or "live"
    std::string file_name;  // a file's name; "" for live data
    std::string page;       // "overview", "question" or "crosstab"
    int k = results::kDefaultK;
    std::string heading;
    std::vector<std::string> summary;  // responses and period, where the figures come from
    std::vector<std::string> notes;    // how small counts show, and the report's own notes (a reader must see them)
    std::string filter_label;          // who the charts count: "Everyone", "Residents in Harlow"
    std::string message;               // instead of charts: fewer than k people, a missing cross-tab
    std::vector<DashboardChart> charts;
    std::optional<DashboardCrosstab> crosstab;
    std::vector<ControlView> controls;  // in drawing (and Tab) order; the text-size buttons follow
    int recounts = 0;                   // live: how many times make_report has run (docs/automation.md)
};

// --- 2. The state --------------------------------------------------------------------------------

enum class DashboardPage { Overview, Question, Crosstab };

// Immutable once made: each change makes a new one (AppState holds it by shared pointer, so the
// state stays cheap to copy while the report and the columns are shared).
struct DashboardState {
    bool live = false;
    std::string file_name;
    int k = results::kDefaultK;
    std::string generated_day;  // live: the UK day it was opened (make_report's generated_day)
    // The file's report, or the live responses' report for `filter` (null when fewer than k pass it).
    std::shared_ptr<const nlohmann::json> report;
    std::string refusal;  // live: why there is no report for this filter
    std::shared_ptr<const results::ResponseTable> table;  // live: the responses' columns, built once
    std::shared_ptr<const ActiveSurvey> survey;           // live: keeps the survey `table` reads alive
    std::size_t responses = 0;                            // live: how many responses the columns hold
    std::vector<std::string> imported;                    // live: each imported file and what it added
    std::string segment, area;  // the filter, as the report's keys ("resident", "harlow"); "" for all
                                // (a file: at most one of the two, as its breakdowns are one at a time)
    DashboardPage page = DashboardPage::Overview;
    std::string question;                              // DashboardPage::Question: its name
    std::string crosstab_rows, crosstab_columns;       // DashboardPage::Crosstab: the two questions
    std::shared_ptr<const nlohmann::json> crosstab;    // live: the cross-tab for the two and the filter
    std::string crosstab_refusal;
    Screen returns_to = Screen::Welcome;  // where Back from the overview goes
    int recounts = 0;
    std::shared_ptr<const DashboardView> view;  // made from all of the above, once per change
};

// --- 3. The rules apply_intent calls --------------------------------------------------------------

namespace dashboard {

// Where "Open a results file" shows: an ordinary device's welcome, closed and unavailable
// screens, and the dashboard itself (another file). Never on a kiosk, whose screens are the
// respondents'.
bool can_open_file(const AppState& state);
Status choose_file(const AppState& state, Effects& effects);
// A report file: read and checked; a bad one leaves everything as it was but the message
// (state.results_problem), which names the file and the place. Live responses: only from a
// kiosk's staff screen.
Status open(AppState& state, const intent::OpenDashboard& open, const IntentContext& context);
Status filter(AppState& state, const intent::DashboardFilter& filter);
Status show_question(AppState& state, const intent::DashboardShowQuestion& show);
Status show_crosstab(AppState& state, const intent::DashboardShowCrosstab& show);
Status back(AppState& state, Effects& effects);
// Live results only: the Board report of every response on this device (every breakdown, k as
// shown, whatever the filter), offered as canvass-report-SURVEY-YYYYMMDD.json.
Status download_report(const AppState& state, Effects& effects);

}  // namespace dashboard

// The dashboard screen's view: heading, summary and controls from the kept view-model.
void build_dashboard_screen(ViewModel& view, const AppState& state);

// The JSON form of the view's `dashboard` (docs/automation.md).
nlohmann::json dashboard_json(const DashboardView& view);

}  // namespace canvass
