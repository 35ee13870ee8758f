// The results dashboard's rules and view-model (see dashboard.h). English only, as the staff
// screens are: its readers are council staff and the DIZ Board, and a report's labels are the
// survey's English words (docs/reports.md).
//
// Sections:
//   1. Reading a report: members, cells and labels, without exceptions
//   2. Figures as text
//   3. Charts from a report's groups
//   4. The three pages and their controls
//   5. Live data: counting with make_report
//   6. The rules apply_intent calls
//   7. The screen's view and its JSON form
#include "core/app/dashboard.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/app/ui_text.h"
#include "core/util/time.h"
#include "core/util/uk_time.h"

namespace canvass {
namespace {

using nlohmann::json;

// --- 1. Reading a report -------------------------------------------------------------------------
// A report file has passed read_report and a live one comes from make_report, but the web build
// has no exceptions (a wrong type would abort), so every read checks what it finds.

const json* member(const json* object, const std::string& key) {
    if (!object || !object->is_object()) return nullptr;
    const auto found = object->find(key);
    return found == object->end() ? nullptr : &*found;
}

std::string text_of(const json* value) { return value && value->is_string() ? value->get<std::string>() : std::string(); }

std::optional<double> number_of(const json* value) {
    if (!value || !value->is_number()) return std::nullopt;
    return value->get<double>();
}

const json& empty_array() {
    static const json kEmpty = json::array();
    return kEmpty;
}

const json& array_of(const json* value) { return value && value->is_array() ? *value : empty_array(); }

// A cell (docs/reports.md, "A count"): published with a count (and perhaps a percentage), or suppressed.
struct Cell {
    bool suppressed = false;
    std::optional<std::int64_t> count;
    std::optional<double> percent;
};

Cell cell_of(const json* value) {
    Cell cell;
    if (!value || !value->is_object()) {
        cell.suppressed = true;  // nothing to show is never shown as 0
        return cell;
    }
    const json* suppressed = member(value, "suppressed");
    cell.suppressed = suppressed && suppressed->is_boolean() && suppressed->get<bool>();
    if (const auto count = number_of(member(value, "count")); count && !cell.suppressed) cell.count = static_cast<std::int64_t>(*count);
    if (!cell.count) cell.suppressed = true;
    if (!cell.suppressed) cell.percent = number_of(member(value, "percent"));
    return cell;
}

// The report's {value, label} options of a question, value -> label.
std::string option_label(const json& question, const std::string& value) {
    for (const json& option : array_of(member(&question, "options"))) {
        if (text_of(member(&option, "value")) == value) {
            const std::string label = text_of(member(&option, "label"));
            return label.empty() ? value : label;
        }
    }
    if (value == "not_answered") return "Not answered";
    return value;
}

const json* find_question(const json& report, const std::string& name) {
    for (const json& question : array_of(member(&report, "questions"))) {
        if (text_of(member(&question, "name")) == name) return &question;
    }
    return nullptr;
}

bool single_choice(const json& question) {
    const std::string measure = text_of(member(&question, "measure"));
    return measure == "choice" || measure == "rating";
}

// The segments and areas a report can be filtered by: {key, label} in the report's order.
struct Choice {
    std::string key;
    std::string label;
};

// Short names for the segments, for filter buttons and chart titles (the report's labels are the
// survey's long answers, "I live in the area").
std::string segment_name(const std::string& key, const std::string& fallback) {
    if (key == "resident") return "Residents";
    if (key == "business") return "Businesses";
    if (key == "commuter") return "Commuters";
    return fallback.empty() ? key : fallback;
}

std::vector<Choice> summary_choices(const json& report, const char* list, bool segments) {
    std::vector<Choice> out;
    for (const json& entry : array_of(member(member(&report, "summary"), list))) {
        const std::string key = text_of(member(&entry, "value"));
        if (key.empty()) continue;
        const std::string label = text_of(member(&entry, "label"));
        out.push_back({key, segments ? segment_name(key, label) : (label.empty() ? key : label)});
    }
    return out;
}

// Whether a question (or its matrix rows) carries a breakdown ("by_segment", "by_area").
bool question_has(const json& question, const char* breakdown) {
    if (member(&question, breakdown)) return true;
    const json& rows = array_of(member(&question, "rows"));
    return std::any_of(rows.begin(), rows.end(), [&](const json& row) { return member(&row, breakdown) != nullptr; });
}

bool has_breakdown(const json& report, const char* breakdown) {
    const json& questions = array_of(member(&report, "questions"));
    return std::any_of(questions.begin(), questions.end(), [&](const json& q) { return question_has(q, breakdown); });
}

// The filters the dashboard offers: a file's from its summary (when it has the breakdowns), live
// data's every segment and area (make_report counts any combination).
std::vector<Choice> segment_choices(const DashboardState& d) {
    std::vector<Choice> out;
    if (d.live) {
        for (int i = 0; i < results::kSegmentCount; ++i) {
            const std::string key(results::segment_key(i));
            out.push_back({key, segment_name(key, key)});
        }
        return out;
    }
    if (!d.report || !has_breakdown(*d.report, "by_segment")) return out;
    return summary_choices(*d.report, "segments", true);
}

std::vector<Choice> area_choices(const DashboardState& d) {
    std::vector<Choice> out;
    if (d.live) {
        for (int i = 0; i < results::kAreaCount; ++i) {
            const auto area = static_cast<results::Area>(i);
            out.push_back({std::string(results::area_key(area)), std::string(results::area_label(area))});
        }
        return out;
    }
    if (!d.report || !has_breakdown(*d.report, "by_area")) return out;
    return summary_choices(*d.report, "areas", false);
}

std::string label_of(const std::vector<Choice>& choices, const std::string& key) {
    for (const Choice& c : choices) {
        if (c.key == key) return c.label;
    }
    return key;
}

// "Residents", "People in Harlow", "Residents in Harlow", "Everyone".
std::string filter_label(const DashboardState& d) {
    if (d.segment.empty() && d.area.empty()) return "Everyone";
    const std::string who = d.segment.empty() ? "People" : label_of(segment_choices(d), d.segment);
    if (d.area.empty()) return who;
    if (d.area == "not_given") return who + " who gave no postcode";
    if (d.area == "other") return who + " from elsewhere";
    return who + " in " + label_of(area_choices(d), d.area);
}

// --- 2. Figures as text ----------------------------------------------------------------------------

// "1,204": Board papers group thousands.
std::string number_text(std::int64_t n) {
    std::string digits = std::to_string(n < 0 ? -n : n);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
    return n < 0 ? "-" + digits : digits;
}

// One decimal place as the report gives it, without a trailing ".0": "35%", "35.4%".
std::string decimal_text(double value) {
    const double rounded = std::round(value * 10) / 10;
    char text[32];
    if (std::fabs(rounded - std::round(rounded)) < 1e-9) std::snprintf(text, sizeof text, "%.0f", rounded);
    else std::snprintf(text, sizeof text, "%.1f", rounded);
    return text;
}

std::string fewer_than(int k) { return "fewer than " + std::to_string(k); }

std::string suppression_note(int k) {
    // Secondary suppression hides some larger counts the same way (docs/reports.md): say so, or
    // "fewer than 10" beside a larger published part would read as a mistake.
    return "Counts under " + std::to_string(k) + " show as \u201c" + fewer_than(k) +
           "\u201d, so that nobody can be picked out. A few larger counts are hidden the same way, so that a small one cannot be worked out from the totals.";
}

std::string count_text(const Cell& cell, int k) { return cell.suppressed ? fewer_than(k) : number_text(*cell.count); }

std::string people_text(const Cell& cell, int k) {
    if (cell.suppressed) return fewer_than(k) + " people";
    return number_text(*cell.count) + (*cell.count == 1 ? " person" : " people");
}

std::string day_text(const std::string& day) {
    const Result<TimePoint> at = parse_iso8601(day);
    if (!at) return day;
    return format_long_date("en", date_of(*at));
}

// A bar from a cell: its figures, and a length only when it is published.
DashboardBar bar_of(const std::string& label, const Cell& cell, std::optional<std::int64_t> base, int k) {
    DashboardBar bar;
    bar.label = label;
    bar.count = count_text(cell, k);
    bar.suppressed = cell.suppressed;
    if (cell.suppressed) return bar;
    std::optional<double> percent = cell.percent;
    if (!percent && base && *base > 0) percent = 100.0 * static_cast<double>(*cell.count) / static_cast<double>(*base);
    if (percent) {
        bar.percent = decimal_text(*percent) + "%";
        bar.fraction = std::clamp(*percent / 100.0, 0.0, 1.0);
    }
    return bar;
}

// --- 3. Charts from a report's groups ----------------------------------------------------------------

// Whose group a chart counts, and how to say so when it is too small to show.
struct GroupChoice {
    const char* breakdown = nullptr;  // nullptr: "all"; else "by_segment" or "by_area"
    std::string key;
};

const json* group_of(const json& holder, const GroupChoice& choice) {
    if (!choice.breakdown) return member(&holder, "all");
    return member(member(&holder, choice.breakdown), choice.key);
}

std::vector<std::string> headings_for(const std::string& measure) {
    if (measure == "ranking") return {"Priority", "Put first", "Percent", "Average rank"};
    if (measure == "rating") return {"Rating", "People", "Percent"};
    return {"Answer", "People", "Percent"};
}

// The bars, notes or message of one group of a question (or of a matrix row).
void fill_group(DashboardChart& chart, const json& question, const json* group, int k) {
    const std::string& measure = chart.measure;
    if (!group) {
        chart.message = "This results file has no figures for this group.";
        return;
    }
    const Cell respondents = cell_of(member(group, "respondents"));
    const Cell answered = cell_of(member(group, "answered"));
    // A suppressed `answered` may be a small count, or a larger one held back so that a small
    // `not_answered` cannot be worked out: the words never say which.
    const std::string held_back = "How many answered is held back, so that no small count can be worked out.";
    if (respondents.suppressed) {
        chart.message = "Fewer than " + std::to_string(k) + " people are in this group, so its answers are not shown.";
        return;
    }
    if (measure == "text") {
        if (answered.suppressed) {
            chart.message = "Answers not shown: free text stays private. " + held_back;
        } else {
            chart.message = number_text(*answered.count) + (*answered.count == 1 ? " answer" : " answers") + " (not shown: free text stays private)";
        }
        return;
    }
    chart.headings = headings_for(measure);
    const json& cells = array_of(member(group, "options"));
    const json& mean_rank = array_of(member(group, "mean_rank"));
    bool without_percent = false;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const json& option = cells[i];
        const Cell cell = cell_of(&option);
        DashboardBar bar = bar_of(option_label(question, text_of(member(&option, "value"))), cell, answered.count, k);
        if (measure == "ranking") {
            const std::optional<double> rank = i < mean_rank.size() ? number_of(&mean_rank[i]) : std::nullopt;
            bar.extra = rank ? decimal_text(*rank) : "not shown";
        }
        if (!cell.suppressed) without_percent = without_percent || bar.percent.empty();
        chart.bars.push_back(std::move(bar));
    }
    if (without_percent) {
        // No percentages (they would give the held-back total away), so no bars either: a bar
        // scaled to the largest count would look like a share of everyone.
        chart.scaled = false;
        for (DashboardBar& bar : chart.bars) {
            bar.percent.clear();
            bar.fraction = 0;
        }
    }
    chart.notes.push_back(answered.suppressed ? people_text(respondents, k) + " in this group. " + held_back
                                              : "Answered by " + count_text(answered, k) + " of " + people_text(respondents, k) + ".");
    if (without_percent) chart.notes.push_back("Percentages are not shown here, so that no small count can be worked out: only the counts.");
    if (measure == "choices" && !without_percent) chart.notes.push_back("People could choose more than one answer, so the percentages can add up to more than 100%.");
    if (measure == "rating" || measure == "number") {
        const std::optional<double> mean = number_of(member(group, "mean"));
        const std::optional<double> median = number_of(member(group, "median"));
        if (mean && median) chart.notes.push_back("Average (mean): " + decimal_text(*mean) + ". Middle answer (median): " + decimal_text(*median) + ".");
        else chart.notes.push_back("The average is not shown, so that no small count can be worked out.");
    }
    if (measure == "ranking") {
        chart.notes.push_back("Bars show how many people put each one first. Average rank: 1 is the most important.");
    }
}

// One chart per question, or per matrix row, for the chosen group.
void add_question_charts(std::vector<DashboardChart>& charts, const json& question, const GroupChoice& choice, int k,
                         const std::string& section, const std::string& group_title, const std::string& id_suffix) {
    const std::string name = text_of(member(&question, "name"));
    const std::string title = text_of(member(&question, "title"));
    const std::string measure = text_of(member(&question, "measure"));
    if (measure == "matrix") {
        for (const json& row : array_of(member(&question, "rows"))) {
            DashboardChart chart;
            const std::string row_value = text_of(member(&row, "value"));
            chart.id = "q:" + name + ":row:" + row_value + id_suffix;
            chart.section = section;
            chart.question = name;
            chart.title = group_title.empty() ? title : group_title;
            chart.subtitle = text_of(member(&row, "label"));
            chart.measure = "choice";
            fill_group(chart, question, group_of(row, choice), k);
            chart.measure = "matrix";
            charts.push_back(std::move(chart));
        }
        return;
    }
    DashboardChart chart;
    chart.id = "q:" + name + id_suffix;
    chart.section = section;
    chart.question = name;
    chart.title = group_title.empty() ? title : group_title;
    chart.measure = measure;
    fill_group(chart, question, group_of(question, choice), k);
    charts.push_back(std::move(chart));
}

// Who answered: the summary's segments, areas and channels, as percentages of every response.
DashboardChart summary_chart(const json& report, const char* list, const char* title, int k, bool segments) {
    DashboardChart chart;
    chart.id = std::string("summary:") + list;
    chart.section = "Who answered";
    chart.title = title;
    chart.measure = "summary";
    chart.headings = {segments ? "Segment" : list == std::string("areas") ? "Area" : "How they answered", "People", "Percent"};
    const std::optional<double> total = number_of(member(&report, "response_count"));
    const std::optional<std::int64_t> base = total ? std::optional<std::int64_t>(static_cast<std::int64_t>(*total)) : std::nullopt;
    for (const json& entry : array_of(member(member(&report, "summary"), list))) {
        const std::string key = text_of(member(&entry, "value"));
        const std::string label = text_of(member(&entry, "label"));
        chart.bars.push_back(bar_of(segments ? segment_name(key, label) : (label.empty() ? key : label), cell_of(&entry), base, k));
    }
    if (segments) chart.notes.push_back("Someone can answer as more than one of these, so they can add up to more than the total.");
    return chart;
}

// --- 4. The three pages and their controls ------------------------------------------------------------

ControlView control(std::string id, std::string label, std::string group, std::string value, ControlKind kind = ControlKind::Button,
                    bool selected = false) {
    return ControlView{std::move(id), std::move(label), kind, true, selected, std::move(group), std::move(value)};
}

std::string survey_title(const json* report) {
    const std::string title = text_of(member(member(report, "survey"), "title"));
    return title.empty() ? text_of(member(member(report, "survey"), "id")) : title;
}

std::string refusal_text(const DashboardState& d);

void add_filters(DashboardView& view, const DashboardState& d) {
    if (d.live && d.responses < static_cast<std::size_t>(d.k)) return;  // too few to count any group
    const std::vector<Choice> segments = segment_choices(d), areas = area_choices(d);
    if (!segments.empty()) {
        view.controls.push_back(control("dashboard:segment:all", "Everyone", "dashboard_segment", "all", ControlKind::Toggle, d.segment.empty()));
        for (const Choice& c : segments) {
            view.controls.push_back(control("dashboard:segment:" + c.key, c.label, "dashboard_segment", c.key, ControlKind::Toggle, d.segment == c.key));
        }
    }
    if (!areas.empty()) {
        view.controls.push_back(control("dashboard:area:all", "All areas", "dashboard_area", "all", ControlKind::Toggle, d.area.empty()));
        for (const Choice& c : areas) {
            view.controls.push_back(control("dashboard:area:" + c.key, c.label, "dashboard_area", c.key, ControlKind::Toggle, d.area == c.key));
        }
    }
}

void overview(DashboardView& view, const DashboardState& d) {
    const json* report = d.report.get();
    const std::string title = report ? survey_title(report) : d.survey ? d.survey->model.title.get("") : std::string();
    view.heading = "Results" + (title.empty() ? std::string() : ": " + title);
    view.filter_label = filter_label(d);
    view.controls.push_back(control("dashboard:back", d.live ? "Back to the staff screen" : "Close the results", "dashboard_nav", "back"));
    if (report) {
        const auto total = static_cast<std::int64_t>(number_of(member(report, "response_count")).value_or(0));
        const json* period = member(report, "period");
        const std::string first = text_of(member(period, "first")), last = text_of(member(period, "last"));
        std::string line = number_text(total) + (total == 1 ? " response" : " responses");
        if (!first.empty() && !last.empty()) line += first == last ? ", all on " + day_text(first) : ", from " + day_text(first) + " to " + day_text(last);
        view.summary.push_back(line + ".");
    }
    if (d.live && !d.imported.empty()) {
        view.summary.push_back("Counted on " + day_text(d.generated_day) + " from " + number_text(static_cast<std::int64_t>(d.responses)) +
                               (d.responses == 1 ? " response" : " responses") + ": those stored on this kiosk and " +
                               (d.imported.size() == 1 ? std::string("1 imported file") : std::to_string(d.imported.size()) + " imported files") +
                               ", each response counted once.");
        for (const std::string& line : d.imported) view.summary.push_back(line);
    } else if (d.live) {
        view.summary.push_back("Counted on " + day_text(d.generated_day) + " from the " + number_text(static_cast<std::int64_t>(d.responses)) +
                               (d.responses == 1 ? " response" : " responses") + " stored on this kiosk.");
    } else {
        const std::string made = text_of(member(report, "generated"));
        view.summary.push_back("From the results file " + d.file_name + (made.empty() ? std::string() : ", made on " + day_text(made)) + ".");
    }
    // The report's own notes say how small counts are held back; a report without any gets ours.
    // (With no report, the message below says all there is to say.)
    if (report) view.notes.push_back("Percentages are of the people who answered each question.");
    bool noted = false;
    for (const json& note : array_of(member(report, "notes"))) {
        if (!note.is_string()) continue;
        view.notes.push_back(note.get<std::string>());
        noted = true;
    }
    if (!noted && report) view.notes.push_back(suppression_note(d.k));
    add_filters(view, d);
    if (!d.live && report && segment_choices(d).empty() && area_choices(d).empty()) {
        view.notes.push_back("This results file has no breakdowns by segment or area, so it cannot be filtered.");
    }
    if (report) view.controls.push_back(control("dashboard:crosstab", "Compare two questions", "dashboard_nav", "crosstab"));
    if (d.live && d.table && d.responses >= static_cast<std::size_t>(d.k)) {
        view.controls.push_back(control("dashboard:download_report", "Download the report for the Board", "dashboard_nav", "download_report"));
    }
    if (!d.live) view.controls.push_back(control("dashboard:open_file", "Open another results file", "dashboard_nav", "open_file"));
    if (!report) {
        view.message = refusal_text(d);
        return;
    }
    view.charts.push_back(summary_chart(*report, "segments", "Who they answered as", d.k, true));
    view.charts.push_back(summary_chart(*report, "areas", "Where they live or work", d.k, false));
    view.charts.push_back(summary_chart(*report, "channels", "How they answered", d.k, false));
    // A file's breakdown is one group of its questions; live data was counted for the filter.
    GroupChoice choice;
    if (!d.live && !d.segment.empty()) choice = {"by_segment", d.segment};
    if (!d.live && !d.area.empty()) choice = {"by_area", d.area};
    bool too_few = false;
    if (choice.breakdown) {
        // The group's size is in the summary: a suppressed one is too small to show at all.
        const char* list = d.segment.empty() ? "areas" : "segments";
        for (const json& entry : array_of(member(member(report, "summary"), list))) {
            if (text_of(member(&entry, "value")) == choice.key) too_few = cell_of(&entry).suppressed;
        }
        for (DashboardChart& chart : view.charts) chart.section = "Who answered (everyone)";
    }
    if (too_few) {
        view.message = "Fewer than " + std::to_string(d.k) + " people are in this group (" + view.filter_label +
                       "), so its answers are not shown: so few could identify someone. Choose a wider group.";
        return;
    }
    const std::string section = "Answers: " + view.filter_label;
    const bool comparable = has_breakdown(*report, "by_segment") || has_breakdown(*report, "by_area");
    for (const json& question : array_of(member(report, "questions"))) {
        const std::size_t first = view.charts.size();
        add_question_charts(view.charts, question, choice, d.k, section, "", "");
        const std::string name = text_of(member(&question, "name"));
        if (comparable && view.charts.size() > first && text_of(member(&question, "measure")) != "text") {
            const std::string id = "dashboard:question:" + name;
            view.charts.back().details = id;
            view.controls.push_back(control(id, "Compare by segment and area", "dashboard_questions", name, ControlKind::Link));
        }
    }
}

void question_page(DashboardView& view, const DashboardState& d) {
    view.controls.push_back(control("dashboard:back", "Back to all results", "dashboard_nav", "back"));
    const json* question = d.report ? find_question(*d.report, d.question) : nullptr;
    if (!question) {
        view.heading = "Results";
        view.message = "This question is not in the results.";
        return;
    }
    view.heading = text_of(member(question, "title"));
    view.filter_label = filter_label(d);
    const std::string everyone = d.live ? view.filter_label : "Everyone";
    view.summary.push_back(d.live && (!d.segment.empty() || !d.area.empty())
                               ? "Among " + view.filter_label + ": all of them, then each segment and each area."
                               : "Everyone who took part, then each segment and each area.");
    view.notes.push_back(suppression_note(d.k));
    add_question_charts(view.charts, *question, {}, d.k, everyone, everyone, "");
    const json& only = *question;
    if (question_has(only, "by_segment")) {
        for (const Choice& c : d.live ? segment_choices(d) : summary_choices(*d.report, "segments", true)) {
            add_question_charts(view.charts, only, {"by_segment", c.key}, d.k, "By segment", c.label, ":segment:" + c.key);
        }
    }
    if (question_has(only, "by_area")) {
        for (const Choice& c : d.live ? area_choices(d) : summary_choices(*d.report, "areas", false)) {
            add_question_charts(view.charts, only, {"by_area", c.key}, d.k, "By area", c.label, ":area:" + c.key);
        }
    }
}

// The file's cross-tab of the two questions, or the one counted for live data.
const json* chosen_crosstab(const DashboardState& d) {
    if (d.live) return d.crosstab.get();
    if (!d.report) return nullptr;
    for (const json& crosstab : array_of(member(d.report.get(), "crosstabs"))) {
        if (text_of(member(&crosstab, "rows")) == d.crosstab_rows && text_of(member(&crosstab, "columns")) == d.crosstab_columns) return &crosstab;
    }
    return nullptr;
}

std::string question_title(const json& report, const std::string& name) {
    const json* question = find_question(report, name);
    const std::string title = question ? text_of(member(question, "title")) : std::string();
    return title.empty() ? name : title;
}

DashboardCrosstab crosstab_view(const json& report, const json& crosstab, int k) {
    DashboardCrosstab out;
    const std::string rows = text_of(member(&crosstab, "rows")), columns = text_of(member(&crosstab, "columns"));
    const json* row_question = find_question(report, rows);
    const json* column_question = find_question(report, columns);
    out.rows_title = question_title(report, rows);
    out.columns_title = question_title(report, columns);
    out.title = out.rows_title + " (rows) by " + out.columns_title + " (columns)";
    const auto label = [](const json* question, const std::string& value) {
        if (value == "not_answered") return std::string("No answer");  // short words: the table's columns are narrow
        return question ? option_label(*question, value) : value;
    };
    for (const json& value : array_of(member(&crosstab, "column_options"))) out.column_labels.push_back(label(column_question, text_of(&value)));
    out.column_labels.push_back("Total");
    const json& row_options = array_of(member(&crosstab, "row_options"));
    const json& cells = array_of(member(&crosstab, "cells"));
    const json& row_totals = array_of(member(&crosstab, "row_totals"));
    for (std::size_t r = 0; r < row_options.size(); ++r) {
        DashboardCrosstab::Row row;
        row.label = label(row_question, text_of(&row_options[r]));
        const json& line = r < cells.size() ? cells[r] : empty_array();
        for (std::size_t c = 0; c + 1 < out.column_labels.size(); ++c) {
            const Cell cell = cell_of(c < line.size() ? &line[c] : nullptr);
            row.cells.push_back(count_text(cell, k));
            row.suppressed.push_back(cell.suppressed);
        }
        const Cell total = cell_of(r < row_totals.size() ? &row_totals[r] : nullptr);
        row.cells.push_back(count_text(total, k));
        row.suppressed.push_back(total.suppressed);
        out.rows.push_back(std::move(row));
    }
    DashboardCrosstab::Row totals;
    totals.label = "Total";
    for (const json& cell_json : array_of(member(&crosstab, "column_totals"))) {
        const Cell cell = cell_of(&cell_json);
        totals.cells.push_back(count_text(cell, k));
        totals.suppressed.push_back(cell.suppressed);
    }
    const Cell total = cell_of(member(&crosstab, "total"));
    totals.cells.push_back(count_text(total, k));
    totals.suppressed.push_back(total.suppressed);
    out.rows.push_back(std::move(totals));
    return out;
}

void crosstab_page(DashboardView& view, const DashboardState& d) {
    view.heading = "Compare two questions";
    view.controls.push_back(control("dashboard:back", "Back to all results", "dashboard_nav", "back"));
    view.filter_label = filter_label(d);
    if (!d.report) {
        view.message = refusal_text(d);
        return;
    }
    const json& report = *d.report;
    if (d.live) {
        view.summary.push_back("See how the answers to one question split by the answers to another, among " +
                               (view.filter_label == "Everyone" ? std::string("everyone") : view.filter_label) + ". Choose a question for the rows and one for the columns.");
        std::vector<std::pair<std::string, std::string>> questions;
        for (const json& question : array_of(member(&report, "questions"))) {
            if (single_choice(question)) questions.emplace_back(text_of(member(&question, "name")), text_of(member(&question, "title")));
        }
        for (const auto& [name, title] : questions) {
            view.controls.push_back(control("dashboard:rows:" + name, title, "dashboard_rows", name, ControlKind::Toggle, d.crosstab_rows == name));
        }
        for (const auto& [name, title] : questions) {
            view.controls.push_back(control("dashboard:columns:" + name, title, "dashboard_columns", name, ControlKind::Toggle, d.crosstab_columns == name));
        }
        if (d.crosstab_rows.empty() || d.crosstab_columns.empty()) return;
        if (d.crosstab_rows == d.crosstab_columns) {
            view.message = "Choose two different questions.";
            return;
        }
        if (!d.crosstab) {
            view.message = d.crosstab_refusal.empty() ? "These two questions could not be compared." : d.crosstab_refusal;
            return;
        }
    } else {
        const json& crosstabs = array_of(member(&report, "crosstabs"));
        if (crosstabs.empty()) {
            view.message = "This results file holds no comparisons of two questions. Ask whoever made it to include the ones you need.";
            return;
        }
        view.summary.push_back("The comparisons of two questions this results file holds, counting everyone. Choose one.");
        for (std::size_t i = 0; i < crosstabs.size(); ++i) {
            const std::string rows = text_of(member(&crosstabs[i], "rows")), columns = text_of(member(&crosstabs[i], "columns"));
            view.controls.push_back(control("dashboard:crosstab:" + std::to_string(i), question_title(report, rows) + " by " + question_title(report, columns),
                                            "dashboard_crosstabs", rows + " " + columns, ControlKind::Toggle,
                                            rows == d.crosstab_rows && columns == d.crosstab_columns));
        }
    }
    if (const json* crosstab = chosen_crosstab(d)) view.crosstab = crosstab_view(report, *crosstab, d.k);
}

std::shared_ptr<const DashboardView> make_view(const DashboardState& d) {
    auto view = std::make_shared<DashboardView>();
    view->source = d.live ? "live" : "file";
    view->file_name = d.file_name;
    view->k = d.k;
    view->recounts = d.recounts;
    switch (d.page) {
        case DashboardPage::Overview: view->page = "overview"; overview(*view, d); break;
        case DashboardPage::Question: view->page = "question"; question_page(*view, d); break;
        case DashboardPage::Crosstab: view->page = "crosstab"; crosstab_page(*view, d); break;
    }
    return view;
}

void keep(AppState& state, DashboardState d) {
    d.view = make_view(d);
    state.dashboard = std::make_shared<const DashboardState>(std::move(d));
}

// --- 5. Live data: counting with make_report -----------------------------------------------------------

results::Filter live_filter(const DashboardState& d) {
    results::Filter filter;
    for (int i = 0; i < results::kSegmentCount; ++i) {
        if (results::segment_key(i) == d.segment) filter.segment = i;
    }
    for (int i = 0; i < results::kAreaCount; ++i) {
        if (results::area_key(static_cast<results::Area>(i)) == d.area) filter.area = i;
    }
    return filter;
}

std::string refusal_text(const DashboardState& d) {
    if (!d.live) return "This results file cannot be shown.";
    if (d.segment.empty() && d.area.empty() && d.responses < static_cast<std::size_t>(d.k)) {
        return "There " + std::string(d.responses == 1 ? "is 1 response" : "are " + number_text(static_cast<std::int64_t>(d.responses)) + " responses") +
               " on this kiosk. Results show once there are at least " + std::to_string(d.k) + ", so that nobody can be picked out.";
    }
    if (!d.segment.empty() || !d.area.empty()) {
        return "Fewer than " + std::to_string(d.k) + " people on this kiosk match this choice (" + filter_label(d) +
               "), so nothing is shown: so few could identify someone. Choose a wider group.";
    }
    return "The results could not be counted: " + d.refusal;
}

void recount(DashboardState& d) {
    results::ReportOptions options;
    options.k = d.k;
    options.generated_day = d.generated_day;
    options.filter = live_filter(d);
    options.breakdowns = true;
    ++d.recounts;
    Result<json> made = results::make_report(*d.table, options);
    if (made) {
        d.report = std::make_shared<const json>(std::move(made).value());
        d.refusal.clear();
    } else {
        d.report.reset();
        d.refusal = made.error().to_string();
    }
    d.crosstab.reset();
    d.crosstab_refusal.clear();
}

void count_crosstab(DashboardState& d) {
    d.crosstab.reset();
    d.crosstab_refusal.clear();
    if (!d.report || d.crosstab_rows.empty() || d.crosstab_columns.empty() || d.crosstab_rows == d.crosstab_columns) return;
    results::ReportOptions options;
    options.k = d.k;
    options.generated_day = d.generated_day;
    options.filter = live_filter(d);
    options.breakdowns = false;
    options.crosstabs = {{d.crosstab_rows, d.crosstab_columns}};
    ++d.recounts;
    Result<json> made = results::make_report(*d.table, options);
    if (!made) {
        d.crosstab_refusal = "These two questions could not be compared: " + made.error().message;
        return;
    }
    const json& crosstabs = array_of(member(&*made, "crosstabs"));
    if (crosstabs.empty()) {
        d.crosstab_refusal = "These two questions could not be compared.";
        return;
    }
    d.crosstab = std::make_shared<const json>(crosstabs.front());
}

std::string uk_day(std::int64_t now_ms) {
    const CivilDate today = uk_local_time(TimePoint{now_ms}).date;
    return format_day(TimePoint{days_from_civil(today) * 86'400'000});
}

int report_k(const json& report) {
    const std::optional<double> k = number_of(member(member(&report, "suppression"), "k"));
    return k && *k >= results::kMinimumK ? static_cast<int>(*k) : results::kDefaultK;
}

}  // namespace

// --- 6. The rules apply_intent calls --------------------------------------------------------------------

namespace dashboard {

bool can_open_file(const AppState& state) {
    if (state.kiosk) return false;
    if (state.screen == Screen::Dashboard) return state.dashboard && !state.dashboard->live;
    return state.screen == Screen::Welcome || state.screen == Screen::Closed || state.screen == Screen::Unavailable;
}

Status choose_file(const AppState& state, Effects& effects) {
    if (!can_open_file(state)) return make_error("a results file opens from the welcome screen, not on the " + std::string(screen_id(state.screen)) + " screen");
    effects.choose_results_file = true;
    return Ok{};
}

Status open(AppState& state, const intent::OpenDashboard& open, const IntentContext& context) {
    if (open.responses || open.loaded) {
        if (!state.kiosk || !state.kiosk->staff.unlocked || state.screen != Screen::Staff || !state.survey) {
            return make_error("the results on this kiosk open from its staff screen");
        }
        StaffAccess& staff = state.kiosk->staff;
        staff.loading.reset();
        std::shared_ptr<const results::ResponseTable> table;
        if (open.loaded) {
            // The host counted against the survey it was given; the columns read that survey.
            if (!open.loaded->table || &open.loaded->table->survey() != &state.survey->model) {
                staff.message = "The results could not be counted: the survey changed while they were being counted. Try again.";
                return Ok{};
            }
            table = open.loaded->table;
        } else {
            Result<results::ResponseTable> built = results::ResponseTable::build(state.survey->model, *open.responses);
            if (!built) {
                staff.message = "The results could not be counted: " + built.error().to_string();
                return Ok{};
            }
            table = std::make_shared<const results::ResponseTable>(std::move(built).value());
        }
        DashboardState d;
        d.live = true;
        d.generated_day = uk_day(context.now_ms);
        d.survey = state.survey;
        d.responses = table->size();
        d.table = std::move(table);
        d.returns_to = Screen::Staff;
        staff.imported_files.clear();
        if (open.loaded) {
            for (const results::LoadedResults::FileCount& file : open.loaded->files) {
                staff.imported_files.push_back(file.name);
                d.imported.push_back(file.name + ": " + number_text(static_cast<std::int64_t>(file.responses)) +
                                     (file.responses == 1 ? " response, " : " responses, ") +
                                     number_text(static_cast<std::int64_t>(file.added)) + " not already counted.");
            }
        }
        recount(d);
        keep(state, std::move(d));
        state.screen = Screen::Dashboard;
        return Ok{};
    }
    if (!can_open_file(state)) return make_error("a results file opens from the welcome screen, not on the " + std::string(screen_id(state.screen)) + " screen");
    const std::string name = open.file_name.empty() ? std::string("the file") : open.file_name;
    // What went wrong, naming the file and the place, and nothing else changes.
    const auto refuse = [&](const Error& error) {
        std::string where = error.to_string();
        if (where.find(name) == std::string::npos) where = name + ": " + where;
        state.results_problem = format_text(state.screen == Screen::Dashboard ? "en" : state.locale, TextId::ResultsFileProblem, {where});
        return Status(Ok{});
    };
    if (!open.problem.empty()) return refuse(make_error(open.problem));
    Result<json> report = results::read_report(open.file_text, name);
    if (!report) return refuse(report.error());
    DashboardState d;
    d.file_name = name;
    d.k = report_k(*report);
    d.report = std::make_shared<const json>(std::move(report).value());
    d.returns_to = state.screen == Screen::Dashboard && state.dashboard ? state.dashboard->returns_to : state.screen;
    keep(state, std::move(d));
    state.results_problem.clear();
    state.screen = Screen::Dashboard;
    return Ok{};
}

namespace {
Status need_dashboard(const AppState& state) {
    if (state.screen != Screen::Dashboard || !state.dashboard) return make_error("the results dashboard is not open");
    return Ok{};
}
}  // namespace

Status filter(AppState& state, const intent::DashboardFilter& filter) {
    if (Status open = need_dashboard(state); !open) return open;
    const DashboardState& now = *state.dashboard;
    const bool segment = filter.dimension == "segment";
    if (!segment && filter.dimension != "area") return make_error("a dashboard filter is by \"segment\" or by \"area\", not '" + filter.dimension + "'");
    const std::string value = filter.value == "all" ? std::string() : filter.value;
    if (!value.empty()) {
        const std::vector<Choice> choices = segment ? segment_choices(now) : area_choices(now);
        const bool known = std::any_of(choices.begin(), choices.end(), [&](const Choice& c) { return c.key == value; });
        if (!known) return make_error("these results cannot be filtered by " + filter.dimension + " '" + filter.value + "'");
    }
    DashboardState d = now;
    (segment ? d.segment : d.area) = value;
    if (!d.live && !value.empty()) (segment ? d.area : d.segment).clear();  // a file's breakdowns: one at a time
    if (d.segment == now.segment && d.area == now.area) return Ok{};     // nothing changed: nothing is counted again
    if (d.live) recount(d);
    keep(state, std::move(d));
    return Ok{};
}

Status show_question(AppState& state, const intent::DashboardShowQuestion& show) {
    if (Status open = need_dashboard(state); !open) return open;
    DashboardState d = *state.dashboard;
    if (show.name.empty()) {
        d.page = DashboardPage::Overview;
    } else {
        if (!d.report || !find_question(*d.report, show.name)) return make_error("there is no question '" + show.name + "' in these results");
        d.page = DashboardPage::Question;
        d.question = show.name;
    }
    keep(state, std::move(d));
    return Ok{};
}

Status show_crosstab(AppState& state, const intent::DashboardShowCrosstab& show) {
    if (Status open = need_dashboard(state); !open) return open;
    DashboardState d = *state.dashboard;
    for (const std::optional<std::string>* chosen : {&show.rows, &show.columns}) {
        if (!*chosen || (*chosen)->empty()) continue;
        const json* question = d.report ? find_question(*d.report, **chosen) : nullptr;
        if (!question || !single_choice(*question)) return make_error("'" + **chosen + "' is not a single-choice question in these results");
    }
    const bool changed = (show.rows && *show.rows != d.crosstab_rows) || (show.columns && *show.columns != d.crosstab_columns);
    if (show.rows) d.crosstab_rows = *show.rows;
    if (show.columns) d.crosstab_columns = *show.columns;
    d.page = DashboardPage::Crosstab;
    if (d.live && (changed || (!d.crosstab && d.crosstab_refusal.empty()))) count_crosstab(d);
    keep(state, std::move(d));
    return Ok{};
}

Status download_report(const AppState& state, Effects& effects) {
    if (Status open = need_dashboard(state); !open) return open;
    const DashboardState& d = *state.dashboard;
    if (!d.live || !d.table) return make_error("only this device's own responses can be downloaded as a report");
    results::ReportOptions options;
    options.k = d.k;
    options.generated_day = d.generated_day;
    Result<json> report = results::make_report(*d.table, options);
    if (!report) return report.error();
    std::string day = d.generated_day;
    day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
    effects.download = Effects::Download{"canvass-report-" + d.table->survey().id + "-" + day + ".json", results::write_report(*report)};
    return Ok{};
}

Status back(AppState& state, Effects& effects) {
    if (Status open = need_dashboard(state); !open) return open;
    if (state.dashboard->page != DashboardPage::Overview) {
        DashboardState d = *state.dashboard;
        d.page = DashboardPage::Overview;
        keep(state, std::move(d));
        return Ok{};
    }
    state.screen = state.dashboard->returns_to;
    if (state.screen == Screen::Staff) effects.refresh_staff_stats = true;
    state.dashboard.reset();
    return Ok{};
}

}  // namespace dashboard

// --- 7. The screen's view and its JSON form ----------------------------------------------------------------

void build_dashboard_screen(ViewModel& view, const AppState& state) {
    view.locale = "en";
    view.focus = "heading";
    if (!state.dashboard || !state.dashboard->view) return;
    view.dashboard = state.dashboard->view;
    const DashboardView& dashboard = *view.dashboard;
    view.heading = dashboard.heading;
    view.paragraphs = dashboard.summary;
    view.paragraphs.insert(view.paragraphs.end(), dashboard.notes.begin(), dashboard.notes.end());
    view.controls = dashboard.controls;
    if (!state.results_problem.empty()) {
        view.error_title = ui_text("en", TextId::ErrorSummaryTitle);
        view.errors.push_back({"", state.results_problem});
        view.focus = "error-summary";
    }
    // Text size and contrast, as on every screen; the dashboard is in English only.
    view.text_size_label = ui_text("en", TextId::TextSizeLabel);
    view.controls.push_back({"text_smaller", std::string(ui_text("en", TextId::TextSmaller)), ControlKind::Button,
                             state.text_size_percent > kMinTextSizePercent, false, "text_size", "smaller"});
    view.controls.push_back({"text_larger", std::string(ui_text("en", TextId::TextLarger)), ControlKind::Button,
                             state.text_size_percent < kMaxTextSizePercent, false, "text_size", "larger"});
    view.controls.push_back({"high_contrast", std::string(ui_text("en", TextId::HighContrast)), ControlKind::Toggle, true,
                             state.high_contrast, "contrast", state.high_contrast ? "off" : "on"});
}

nlohmann::json dashboard_json(const DashboardView& view) {
    json charts = json::array();
    for (const DashboardChart& chart : view.charts) {
        json bars = json::array();
        for (const DashboardBar& bar : chart.bars) {
            json item = {{"label", bar.label}, {"count", bar.count}, {"percent", bar.percent}, {"fraction", bar.fraction}, {"suppressed", bar.suppressed}};
            if (!bar.extra.empty()) item["extra"] = bar.extra;
            bars.push_back(std::move(item));
        }
        charts.push_back({{"id", chart.id},         {"section", chart.section}, {"question", chart.question},
                          {"title", chart.title},   {"subtitle", chart.subtitle}, {"measure", chart.measure},
                          {"headings", chart.headings}, {"bars", std::move(bars)}, {"notes", chart.notes},
                          {"message", chart.message}, {"details", chart.details}, {"scaled", chart.scaled}});
    }
    json out = {{"source", view.source}, {"fileName", view.file_name}, {"page", view.page},     {"k", view.k},
                {"summary", view.summary}, {"notes", view.notes},
                {"filterLabel", view.filter_label}, {"message", view.message}, {"charts", std::move(charts)},
                {"recounts", view.recounts}};
    if (view.crosstab) {
        json rows = json::array();
        for (const DashboardCrosstab::Row& row : view.crosstab->rows) {
            rows.push_back({{"label", row.label}, {"cells", row.cells}, {"suppressed", row.suppressed}});
        }
        out["crosstab"] = {{"title", view.crosstab->title}, {"rowsTitle", view.crosstab->rows_title},
                           {"columnsTitle", view.crosstab->columns_title}, {"columns", view.crosstab->column_labels},
                           {"rows", std::move(rows)}};
    }
    return out;
}

}  // namespace canvass
