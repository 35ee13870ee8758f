// The printable Board report as HTML (report_html.h). Written for a Board member reading on a
// laptop or on paper: plain words, one colour, every number as text beside its bar, and each
// chart followed by a table of the same numbers for screen readers.
//
// Sections: 1. text: escaping, numbers, days; 2. reading the report safely; 3. labels;
// 4. bar charts (SVG); 5. tables; 6. the summary; 7. questions; 8. cross-tabulations;
// 9. the page and its style.
#include "core/results/report_html.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <vector>

namespace canvass::results {
namespace {

using nlohmann::json;

// --- 1. text: escaping, numbers, days -------------------------------------------------------

// Every string from a report goes through here: a label could hold "<script>" or a quote that
// ends an attribute. Control characters (which HTML forbids) become spaces.
std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 16);
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
                    out += ' ';
                } else {
                    out += c;
                }
        }
    }
    return out;
}

// 1234567 -> "1,234,567", as GOV.UK writes numbers.
std::string whole(std::uint64_t number) {
    std::string digits = std::to_string(number), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

// Up to `decimals` places, without trailing zeros: 35.0 -> "35", 12.50 -> "12.5".
std::string decimal(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    std::string text = buffer;
    if (text.find('.') != std::string::npos) {
        while (text.back() == '0') text.pop_back();
        if (text.back() == '.') text.pop_back();
    }
    return text == "-0" ? "0" : text;
}

// Always `decimals` places, so a column of percentages lines up: 35 -> "35.0".
std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

// "2026-11-27" -> "27 November 2026"; anything else is shown as it is.
std::string long_day(const json& value) {
    if (!value.is_string()) return "";
    const std::string& day = value.get_ref<const std::string&>();
    static const char* const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};
    if (day.size() != 10) return escape(day);
    const int month = (day[5] - '0') * 10 + (day[6] - '0');
    const int date = (day[8] - '0') * 10 + (day[9] - '0');
    if (month < 1 || month > 12 || date < 1 || date > 31) return escape(day);
    return std::to_string(date) + " " + months[month - 1] + " " + day.substr(0, 4);
}

// --- 2. reading the report safely ------------------------------------------------------------

// A report that read_report accepted has every field; these still never touch what is missing.
const json& field(const json& object, std::string_view key) {
    static const json missing;
    if (!object.is_object()) return missing;
    const auto found = object.find(key);
    return found == object.end() ? missing : *found;
}

const json& item(const json& list, std::size_t index) {
    static const json missing;
    return list.is_array() && index < list.size() ? list[index] : missing;
}

std::string text_of(const json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_null()) return "";
    return value.dump();
}

double number_of(const json& value) { return value.is_number() ? value.get<double>() : 0.0; }

std::uint64_t count_of(const json& cell) {
    const json& count = field(cell, "count");
    if (count.is_number_unsigned()) return count.get<std::uint64_t>();
    if (count.is_number_integer() && count.get<std::int64_t>() > 0) return static_cast<std::uint64_t>(count.get<std::int64_t>());
    return 0;
}

bool published(const json& cell) { return field(cell, "count").is_number(); }

struct Context {
    int k = 10;
    std::string suppressed;  // "fewer than 10", with a no-break space so a narrow column never strands the 10
};

// "72 (30%)", "72", or "fewer than 10".
std::string cell_text(const json& cell, const Context& context) {
    if (!published(cell)) return context.suppressed;
    std::string text = whole(count_of(cell));
    if (field(cell, "percent").is_number()) text += " (" + fixed(number_of(field(cell, "percent")), 1) + "%)";
    return text;
}

// A hidden total whose published parts already reach k: "fewer than 10" would contradict the
// page's own numbers (it was hidden only to protect a small count beside it), so it reads
// "at least 47", which anyone could work out from the page and so gives nothing away.
std::string total_text(const json& cell, std::uint64_t floor, const Context& context) {
    if (published(cell) || floor < static_cast<std::uint64_t>(context.k)) return cell_text(cell, context);
    return "at least " + whole(floor);
}

// A mean or mean rank ("3.4"), or a median ("4", "3.5"); "not shown" when the report withholds it.
std::string mean_text(const json& value) { return value.is_number() ? fixed(value.get<double>(), 1) : "not shown"; }
std::string median_text(const json& value) { return value.is_number() ? decimal(value.get<double>(), 1) : "not shown"; }

// --- 3. labels -------------------------------------------------------------------------------

struct Key {
    std::string_view key, label;
};
// Short names for table columns. Areas and channels take the report's own labels when it has them.
constexpr Key kSegments[] = {{"resident", "Residents"}, {"business", "Businesses"}, {"commuter", "Commuters"}};
constexpr Key kAreas[] = {{"harlow", "Harlow"},         {"epping_forest", "Epping Forest"}, {"east_hertfordshire", "East Hertfordshire"},
                          {"uttlesford", "Uttlesford"}, {"broxbourne", "Broxbourne"},       {"other", "Elsewhere"},
                          {"not_given", "Not given"}};
constexpr Key kChannels[] = {{"online", "Online"}, {"kiosk", "Kiosk"}, {"paper", "Paper"}, {"phone", "Phone"}};

template <std::size_t N>
std::vector<std::pair<std::string, std::string>> keys_with_labels(const Key (&keys)[N], const json& summary_list) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Key& key : keys) {
        std::string label(key.label);
        if (summary_list.is_array()) {
            for (const json& entry : summary_list) {
                if (text_of(field(entry, "value")) == key.key && field(entry, "label").is_string())
                    label = field(entry, "label").get<std::string>();
            }
        }
        out.emplace_back(std::string(key.key), label);
    }
    return out;
}

// The label of each option of a question, in its order.
std::vector<std::string> option_labels(const json& question) {
    std::vector<std::string> labels;
    const json& options = field(question, "options");
    if (!options.is_array()) return labels;
    for (const json& option : options) {
        const json& label = field(option, "label");
        labels.push_back(label.is_string() ? label.get<std::string>() : text_of(field(option, "value")));
    }
    return labels;
}

// --- 4. bar charts (SVG) ---------------------------------------------------------------------

struct Bar {
    std::string label;
    const json* cell;
};

constexpr int kChartWidth = 640;
constexpr int kBarSpace = 470;  // the longest bar; the rest is for its figure
constexpr int kLineHeight = 20;
constexpr int kBarHeight = 20;
constexpr std::size_t kLabelCharacters = 72;   // about what fits in the chart's width at 15px
constexpr const char* kBarColour = "#1d70b8";  // 5.2:1 on white

std::size_t characters(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// SVG text does not wrap: long labels are broken between words here.
std::vector<std::string> wrap(const std::string& text, std::size_t width) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        const std::string word = text.substr(start, end - start);
        if (!line.empty() && characters(line) + 1 + characters(word) > width) {
            lines.push_back(line);
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
        start = end + 1;
    }
    if (!line.empty() || lines.empty()) lines.push_back(line);
    return lines;
}

// A horizontal bar chart: each label above its bar, the figure after the bar. Bars are scaled
// by percentage when every published bar has one (so charts of one question compare), else by
// the largest count. `what` describes the chart for screen readers.
std::string bar_chart(const std::vector<Bar>& bars, const std::string& what, const Context& context) {
    bool by_percent = true;
    std::uint64_t largest = 0;
    const Bar* top = nullptr;
    for (const Bar& bar : bars) {
        if (!published(*bar.cell)) continue;
        if (!field(*bar.cell, "percent").is_number()) by_percent = false;
        if (!top || count_of(*bar.cell) > largest) {
            largest = count_of(*bar.cell);
            top = &bar;
        }
    }
    std::string body;
    int y = 4;
    for (const Bar& bar : bars) {
        for (const std::string& line : wrap(bar.label, kLabelCharacters)) {
            y += kLineHeight;
            body += "<text x=\"0\" y=\"" + std::to_string(y - 5) + "\" class=\"bar-label\">" + escape(line) + "</text>";
        }
        y += 4;
        int length = 0;
        if (published(*bar.cell)) {
            const double share = by_percent
                                     ? number_of(field(*bar.cell, "percent")) / 100.0
                                     : (largest == 0 ? 0.0 : static_cast<double>(count_of(*bar.cell)) / static_cast<double>(largest));
            length = static_cast<int>(std::lround(std::clamp(share, 0.0, 1.0) * kBarSpace));
            if (length == 0 && count_of(*bar.cell) > 0) length = 1;  // a few people still show
        }
        if (length > 0) {
            body += "<rect x=\"0\" y=\"" + std::to_string(y) + "\" width=\"" + std::to_string(length) + "\" height=\"" +
                    std::to_string(kBarHeight) + "\" fill=\"" + kBarColour + "\"/>";
        }
        body += "<text x=\"" + std::to_string(length + (length > 0 ? 8 : 0)) + "\" y=\"" + std::to_string(y + 15) + "\" class=\"" +
                (published(*bar.cell) ? "bar-value" : "bar-value suppressed") + "\">" + escape(cell_text(*bar.cell, context)) + "</text>";
        y += kBarHeight + 16;
    }
    std::string summary = "Bar chart of " + what + ", " + std::to_string(bars.size()) + (bars.size() == 1 ? " bar. " : " bars. ");
    if (top) {
        summary += "Highest: " + top->label + ", " + cell_text(*top->cell, context) + ". ";
    } else {
        summary += "Every count is " + context.suppressed + ". ";
    }
    summary += "The table that follows gives every figure.";
    return "<svg class=\"chart\" role=\"img\" aria-label=\"" + escape(summary) + "\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
           std::to_string(kChartWidth) + "\" height=\"" + std::to_string(y) + "\" viewBox=\"0 0 " + std::to_string(kChartWidth) + " " +
           std::to_string(y) + "\">" + body + "</svg>\n";
}

// --- 5. tables -------------------------------------------------------------------------------

struct Row {
    std::string header;
    std::vector<std::string> cells;  // already escaped
    bool totals = false;             // a row of totals: set apart from the answers by a rule
};

// A table with a caption, column headers and row headers. `chart_table`: the numbers of the
// chart above it, for screen readers, and shown instead of the chart on a narrow screen (where
// the chart's text would be too small to read). Wide tables scroll sideways on a narrow screen.
std::string table(const std::string& caption, const std::string& corner, const std::vector<std::string>& columns,
                  const std::vector<Row>& rows, bool chart_table = false, const std::string& extra_class = "") {
    std::string classes = chart_table ? "chart-table" : "";
    if (!extra_class.empty()) classes += (classes.empty() ? "" : " ") + extra_class;
    std::string out = "<table" + (classes.empty() ? std::string() : " class=\"" + classes + "\"") + ">\n<caption>" + escape(caption) +
                      "</caption>\n<thead><tr><th scope=\"col\">" + escape(corner) + "</th>";
    for (const std::string& column : columns) out += "<th scope=\"col\">" + escape(column) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const Row& row : rows) {
        out += std::string(row.totals ? "<tr class=\"totals\">" : "<tr>") + "<th scope=\"row\">" + escape(row.header) + "</th>";
        for (const std::string& cell : row.cells) out += "<td>" + cell + "</td>";
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
    // A region a keyboard can reach, so a table wider than the screen can be scrolled without a mouse.
    if (extra_class.find("wide") == std::string::npos) return out;
    return "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"" + escape(caption) + "\">\n" + out + "</div>\n";
}

// The same bars as a table (for screen readers: the chart shows them).
std::string bars_table(const std::string& caption, const std::vector<Bar>& bars, const Context& context) {
    std::vector<Row> rows;
    for (const Bar& bar : bars) rows.push_back({bar.label, {escape(cell_text(*bar.cell, context))}});
    return table(caption, "Answer", {"People (share)"}, rows, true);
}

// --- 6. the summary --------------------------------------------------------------------------

constexpr std::string_view kSegmentNote =
    "Someone can answer as more than one of resident, business and commuter, so the segment columns can add up to more than the total.";

std::vector<Bar> summary_bars(const json& list) {
    std::vector<Bar> bars;
    if (!list.is_array()) return bars;
    for (const json& entry : list) bars.push_back({text_of(field(entry, "label")), &entry});
    return bars;
}

std::string summary_section(const json& report, const Context& context) {
    const json& period = field(report, "period");
    const json& survey = field(report, "survey");
    std::string out = "<section aria-labelledby=\"summary\">\n<h2 id=\"summary\">Summary</h2>\n<dl class=\"facts\">\n";
    const auto fact = [&](const std::string& term, const std::string& html) { out += "<dt>" + term + "</dt><dd>" + html + "</dd>\n"; };
    const json& responses = field(report, "response_count");
    fact("Responses", responses.is_number() ? whole(responses.get<std::uint64_t>()) : "");
    fact("Answered between", field(period, "first").is_string()
                                 ? long_day(field(period, "first")) + " and " + long_day(field(period, "last"))
                                 : std::string("no responses yet"));
    fact("Report made", long_day(field(report, "generated")));
    fact("Survey",
         escape(text_of(field(survey, "id"))) + ", version <span class=\"mono\">" + escape(text_of(field(survey, "version"))) + "</span>");
    std::string sources;
    const json& source_list = field(report, "sources");
    for (std::size_t i = 0; i < source_list.size(); ++i) {
        const json& source = item(source_list, i);
        sources +=
            (i == 0 ? "" : "; ") + escape(text_of(field(source, "id"))) + ": " + escape(cell_text(field(source, "responses"), context));
    }
    fact("Where the responses came from", sources.empty() ? std::string("none") : sources);
    out += "</dl>\n";

    // What a reader must know before reading any number.
    out += "<div class=\"notes\">\n<h3>Reading this report</h3>\n<ul>\n";
    const std::string k = std::to_string(context.k);
    out += "<li>To protect the people who answered, counts from 1 to " + std::to_string(context.k - 1) + " are shown as \u201c" +
           context.suppressed + "\u201d. So that a small count cannot be worked out by subtracting from a total, some larger counts "
           "are hidden too: they also read \u201c" + context.suppressed + "\u201d, or \u201cat least\u201d a number where the "
           "published figures show they are larger (method " + escape(text_of(field(field(report, "suppression"), "method"))) +
           ", k = " + k + ").</li>\n";
    out += "<li>Percentages are of the people who answered each question, unless a chart says otherwise.</li>\n";
    out += "<li>" + escape(kSegmentNote) + "</li>\n";
    const json& notes = field(report, "notes");
    if (notes.is_array()) {
        for (const json& note : notes) {
            if (note.is_string() && note.get_ref<const std::string&>() != kSegmentNote)
                out += "<li>" + escape(note.get<std::string>()) + "</li>\n";
        }
    }
    out += "</ul>\n</div>\n";

    const json& summary = field(report, "summary");
    const struct {
        const char* key;
        const char* heading;
        const char* what;
        const char* note;
    } parts[] = {
        {"segments", "Who answered", "who answered, as a share of all responses",
         "Someone can answer as more than one of these, so "
         "the shares can add up to more than 100%."},
        {"areas", "Where they live or work", "responses by area, as a share of all responses", ""},
        {"channels", "How they answered", "responses by how they were given, as a share of all responses", ""},
    };
    for (const auto& part : parts) {
        const std::vector<Bar> bars = summary_bars(field(summary, part.key));
        out += "<section class=\"block\">\n<h3>" + std::string(part.heading) + "</h3>\n<p class=\"meta\">Percentages are of all " +
               (responses.is_number() ? whole(responses.get<std::uint64_t>()) + " " : std::string()) + "responses.";
        if (*part.note) out += std::string(" ") + part.note;
        out += "</p>\n" + bar_chart(bars, part.what, context) + bars_table(part.heading, bars, context) + "</section>\n";
    }
    return out + "</section>\n";
}

// --- 7. questions ----------------------------------------------------------------------------

enum class Measure { Choice, Choices, Rating, Number, Ranking, Matrix, Text };

Measure measure_of(const json& question) {
    const std::string measure = text_of(field(question, "measure"));
    if (measure == "choices") return Measure::Choices;
    if (measure == "rating") return Measure::Rating;
    if (measure == "number") return Measure::Number;
    if (measure == "ranking") return Measure::Ranking;
    if (measure == "matrix") return Measure::Matrix;
    if (measure == "text") return Measure::Text;
    return Measure::Choice;
}

// The least a group's hidden totals can be, from its published numbers: each answer is one
// person (for a checkbox, the most-ticked option), and respondents are those who answered and
// those who did not.
struct Floors {
    std::uint64_t answered = 0, respondents = 0;
};
Floors floors_of(const json& group, Measure measure) {
    Floors floors;
    const json& options = field(group, "options");
    for (std::size_t i = 0; options.is_array() && i < options.size(); ++i) {
        const std::uint64_t count = published(options[i]) ? count_of(options[i]) : 0;
        floors.answered = measure == Measure::Choices ? std::max(floors.answered, count) : floors.answered + count;
    }
    const json& answered = field(group, "answered");
    if (published(answered)) floors.answered = count_of(answered);
    floors.respondents = floors.answered + count_of(field(group, "not_answered"));
    return floors;
}

// "Answered by 180 of 240 people."
std::string answered_sentence(const json& group, Measure measure, const Context& context) {
    const json& answered = field(group, "answered");
    const json& respondents = field(group, "respondents");
    const Floors floors = floors_of(group, measure);
    if (!published(answered) && floors.answered < static_cast<std::uint64_t>(context.k)) {
        return "The number who answered is " + context.suppressed + ".";
    }
    return "Answered by " + total_text(answered, floors.answered, context) + " of " + total_text(respondents, floors.respondents, context) +
           " people.";
}

std::vector<Bar> group_bars(const json& group, const std::vector<std::string>& labels) {
    std::vector<Bar> bars;
    const json& options = field(group, "options");
    for (std::size_t i = 0; i < labels.size(); ++i) bars.push_back({labels[i], &item(options, i)});
    return bars;
}

struct Breakdown {
    const char* key;
    const char* title;  // "By segment"
    std::vector<std::pair<std::string, std::string>> columns;
};

// One table of a breakdown: a column per group, a row per option, and the group's totals.
std::string breakdown_table(const json& holder, const Breakdown& breakdown, Measure measure, const std::vector<std::string>& labels,
                            const std::string& subject, const Context& context) {
    const json& groups = field(holder, breakdown.key);
    if (!groups.is_object() || groups.empty()) return "";
    std::vector<std::string> headers;
    std::vector<const json*> columns;
    for (const auto& [key, label] : breakdown.columns) {
        const json& group = field(groups, key);
        if (group.is_null()) continue;
        headers.push_back(label);
        columns.push_back(&group);
    }
    const auto totals_row = [&](const std::string& header, const char* key) {
        Row row{header, {}, true};
        for (const json* group : columns) {
            const Floors floors = floors_of(*group, measure);
            row.cells.push_back(escape(
                total_text(field(*group, key), std::string_view(key) == "answered" ? floors.answered : floors.respondents, context)));
        }
        return row;
    };
    std::vector<Row> rows = {totals_row("People in the group", "respondents"), totals_row("Answered", "answered")};
    std::string caption = std::string(breakdown.title) + ": " + subject;
    if (measure == Measure::Ranking) {
        caption += " (average rank, 1 = most important)";
        for (std::size_t i = 0; i < labels.size(); ++i) {
            Row row{labels[i], {}};
            for (const json* group : columns) row.cells.push_back(escape(mean_text(item(field(*group, "mean_rank"), i))));
            rows.push_back(std::move(row));
        }
    } else if (measure != Measure::Text) {
        for (std::size_t i = 0; i < labels.size(); ++i) {
            Row row{labels[i], {}};
            for (const json* group : columns) row.cells.push_back(escape(cell_text(item(field(*group, "options"), i), context)));
            rows.push_back(std::move(row));
        }
    }
    if (measure == Measure::Rating || measure == Measure::Number) {
        Row mean{"Average (mean)", {}}, median{"Middle value (median)", {}};
        for (const json* group : columns) {
            mean.cells.push_back(escape(mean_text(field(*group, "mean"))));
            median.cells.push_back(escape(median_text(field(*group, "median"))));
        }
        rows.push_back(std::move(mean));
        rows.push_back(std::move(median));
    }
    return table(caption, measure == Measure::Text ? "Count" : "Answer", headers, rows, false, columns.size() > 4 ? "wide" : "");
}

std::string breakdowns(const json& holder, const std::vector<Breakdown>& breakdown_list, Measure measure,
                       const std::vector<std::string>& labels, const std::string& subject, const Context& context) {
    std::string out;
    for (const Breakdown& breakdown : breakdown_list) out += breakdown_table(holder, breakdown, measure, labels, subject, context);
    return out;
}

// What the percentages mean, and the figures a chart does not show.
std::string measure_note(Measure measure, const json& group) {
    switch (measure) {
        case Measure::Choices:
            return "People could choose more than one answer, so the percentages can add up to more than 100%.";
        case Measure::Rating:
        case Measure::Number:
            return "Average (mean): " + mean_text(field(group, "mean")) +
                   ". Middle value (median): " + median_text(field(group, "median")) + ".";
        case Measure::Ranking:
            return "People put the options in order. The chart shows how many put each one first; the table gives each option\u2019s "
                   "average place (1 = most important).";
        default:
            return "";
    }
}

// One question (or one row of a matrix): `head` (its heading), what it counts, the chart and its
// table, then the breakdowns. The heading is in the chart's block so a printed page never ends
// on a heading whose chart is over the page.
std::string question_body(const std::string& head, const json& holder, Measure measure, const std::vector<std::string>& labels,
                          const std::string& subject, const std::vector<Breakdown>& breakdown_list, const Context& context) {
    const json& all = field(holder, "all");
    std::string out = "<div class=\"block\">\n" + head + "<p class=\"meta\">" + escape(answered_sentence(all, measure, context));
    if (const std::string note = measure_note(measure, all); !note.empty()) out += " " + escape(note);
    out += "</p>\n";
    if (measure == Measure::Text) {
        out +=
            "<p>Answers to this question are in people\u2019s own words. They stay where they were collected and are not in this "
            "report, so nobody can be recognised from them; the report only counts who wrote something.</p>\n</div>\n";
        return out + breakdowns(holder, breakdown_list, measure, labels, subject, context);
    }
    const std::vector<Bar> bars = group_bars(all, labels);
    const std::string what = measure == Measure::Ranking ? "how many put each option first: " + subject : "answers: " + subject;
    out += bar_chart(bars, what, context);
    if (measure == Measure::Ranking) {
        std::vector<Row> rows;
        const json& ranks = field(all, "mean_rank");
        for (std::size_t i = 0; i < bars.size(); ++i) {
            rows.push_back({bars[i].label, {escape(mean_text(item(ranks, i))), escape(cell_text(*bars[i].cell, context))}});
        }
        out += table("Everyone: " + subject, "Option", {"Average rank", "Put first"}, rows);
    } else {
        out += bars_table("Everyone: " + subject, bars, context);
    }
    out += "</div>\n";
    return out + breakdowns(holder, breakdown_list, measure, labels, subject, context);
}

std::string question_section(const json& question, std::size_t index, const std::vector<Breakdown>& breakdown_list,
                             const Context& context) {
    const Measure measure = measure_of(question);
    const std::string title = text_of(field(question, "title"));
    const std::string id = "q" + std::to_string(index + 1);
    std::string out = "<section class=\"question\" aria-labelledby=\"" + id + "\">\n";
    std::string head = "<h2 id=\"" + id + "\">" + escape(title) + "</h2>\n";
    const std::vector<std::string> labels = option_labels(question);
    if (measure != Measure::Matrix)
        return out + question_body(head, question, measure, labels, title, breakdown_list, context) + "</section>\n";
    head += "<p class=\"meta\">Each row is a question of its own: they follow one at a time.</p>\n";
    const json& rows = field(question, "rows");
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const json& row = item(rows, r);
        const std::string label = text_of(field(row, "label"));
        head += "<h3>" + escape(label) + "</h3>\n";
        out += question_body(head, row, Measure::Choice, labels, title + " \u2013 " + label, breakdown_list, context);
        head.clear();
    }
    return out + "</section>\n";
}

// --- 8. cross-tabulations --------------------------------------------------------------------

std::string crosstab_section(const json& report, const Context& context) {
    const json& crosstabs = field(report, "crosstabs");
    if (!crosstabs.is_array() || crosstabs.empty()) return "";
    const json& questions = field(report, "questions");
    const auto find_question = [&](const json& name) -> const json& {
        static const json missing;
        if (questions.is_array()) {
            for (const json& question : questions) {
                if (field(question, "name") == name) return question;
            }
        }
        return missing;
    };
    // The label of an option value (or "Not answered"), as the question gives it.
    const auto option_label = [](const json& question, const json& value) {
        if (value == "not_answered") return std::string("Not answered");
        const json& options = field(question, "options");
        if (options.is_array()) {
            for (const json& option : options) {
                if (field(option, "value") == value) return text_of(field(option, "label"));
            }
        }
        return text_of(value);
    };
    std::string out = "<section class=\"crosstabs\" aria-labelledby=\"crosstabs\">\n";
    // In the first table's block, so that the heading is never alone at the foot of a page.
    std::string head =
        "<h2 id=\"crosstabs\">Cross-tabulations</h2>\n<p class=\"meta\">Each table counts the people who gave each pair "
        "of answers. \u201cNot answered\u201d is there so the totals are everyone.</p>\n";
    for (const json& crosstab : crosstabs) {
        const json& row_question = find_question(field(crosstab, "rows"));
        const json& column_question = find_question(field(crosstab, "columns"));
        const std::string row_title = text_of(field(row_question, "title"));
        const std::string column_title = text_of(field(column_question, "title"));
        std::vector<std::string> headers;
        const json& column_options = field(crosstab, "column_options");
        for (const json& value : column_options.is_array() ? column_options : json::array())
            headers.push_back(option_label(column_question, value));
        headers.push_back("Total");
        std::vector<Row> rows;
        const json& row_options = field(crosstab, "row_options");
        const json& cells = field(crosstab, "cells");
        // A hidden total is at least the published cells it adds up.
        std::vector<std::uint64_t> column_floors(headers.size(), 0);
        for (std::size_t r = 0; r < row_options.size(); ++r) {
            Row row{option_label(row_question, item(row_options, r)), {}};
            std::uint64_t row_floor = 0;
            for (std::size_t c = 0; c + 1 < headers.size(); ++c) {
                const json& cell = item(item(cells, r), c);
                row.cells.push_back(escape(cell_text(cell, context)));
                row_floor += count_of(cell);
                column_floors[c] += count_of(cell);
            }
            row.cells.push_back(escape(total_text(item(field(crosstab, "row_totals"), r), row_floor, context)));
            rows.push_back(std::move(row));
        }
        Row totals{"Total", {}, true};
        for (std::size_t c = 0; c + 1 < headers.size(); ++c) {
            totals.cells.push_back(escape(total_text(item(field(crosstab, "column_totals"), c), column_floors[c], context)));
        }
        totals.cells.push_back(escape(cell_text(field(crosstab, "total"), context)));
        rows.push_back(std::move(totals));
        out += "<div class=\"block\">\n" + head + "<h3>" + escape(row_title) + " <span class=\"by\">by</span> " + escape(column_title) +
               "</h3>\n" + table(row_title + " (rows) by " + column_title + " (columns)", "Answer", headers, rows, false, "wide crosstab") +
               "</div>\n";
        head.clear();
    }
    return out + "</section>\n";
}

// --- 9. the page and its style ---------------------------------------------------------------

// System fonts, one colour for bars, text contrast of at least 7:1, and A4 pages that do not
// split a chart from its table. Nothing needs a background colour to be read on paper.
constexpr std::string_view kStyle = R"(
@page { size: A4; margin: 16mm 15mm 18mm; }
* { box-sizing: border-box; }
html { color: #0b0c0c; background: #fff; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 16px; line-height: 1.5; }
main { max-width: 48rem; margin: 0 auto; padding: 2.5rem 1.25rem 4rem; }
h1, h2, h3 { line-height: 1.25; break-after: avoid; page-break-after: avoid; }
h1 { font-size: 2rem; margin: 0 0 1rem; }
h2 { font-size: 1.5rem; margin: 3rem 0 0.75rem; padding-top: 1.25rem; border-top: 2px solid #0b0c0c; }
h3 { font-size: 1.15rem; margin: 2rem 0 0.5rem; }
p { margin: 0 0 1rem; max-width: 40rem; }
a { color: #1d70b8; }
.kicker { font-size: 1.1rem; color: #505a5f; margin: 0 0 0.25rem; }
.meta { color: #505a5f; }
.mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85em; overflow-wrap: anywhere; }
.by { font-weight: normal; color: #505a5f; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1.5rem; margin: 0 0 1.5rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.notes { border-left: 4px solid #1d70b8; padding: 0.1rem 0 0.1rem 1rem; margin: 1.5rem 0 2rem; }
.notes h3 { margin-top: 0.5rem; }
.notes ul { margin: 0; padding-left: 1.25rem; }
.notes li { margin-bottom: 0.5rem; }
nav.contents ol { padding-left: 1.5rem; }
nav.contents li { margin-bottom: 0.25rem; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 1rem 0 1.5rem; }
svg.chart text { font-size: 15px; fill: #0b0c0c; }
svg.chart .bar-value { font-weight: 600; font-variant-numeric: tabular-nums; }
svg.chart .suppressed { font-weight: normal; font-style: italic; fill: #505a5f; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0 2rem; font-size: 0.875rem; font-variant-numeric: tabular-nums;
  break-inside: avoid; page-break-inside: avoid; }
table.wide { font-size: 0.8rem; }
table.wide th, table.wide td { padding: 0.35rem 0.3rem; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.5rem; }
table.crosstab caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%);
  white-space: nowrap; }
th, td { padding: 0.4rem 0.5rem; border-bottom: 1px solid #b1b4b6; text-align: right; vertical-align: top; }
thead th { border-bottom: 2px solid #0b0c0c; font-weight: 600; vertical-align: bottom; }
th[scope="row"], thead th:first-child { text-align: left; font-weight: normal; padding-left: 0; }
tr.totals + tr:not(.totals) th, tr.totals + tr:not(.totals) td { border-top: 2px solid #0b0c0c; }
table.crosstab tr.totals th, table.crosstab tr.totals td { font-weight: 600; border-top: 2px solid #0b0c0c; }
.block { break-inside: avoid; page-break-inside: avoid; }
.chart-table { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0);
  clip-path: inset(50%); white-space: nowrap; border: 0; }
.scroll { overflow-x: auto; }
.scroll:focus-visible { outline: 3px solid #ffdd00; outline-offset: 2px; box-shadow: 0 0 0 5px #0b0c0c; }
@media screen and (max-width: 36rem) {
  main { padding: 1.5rem 0.75rem 3rem; }
  h1 { font-size: 1.6rem; }
  svg.chart { display: none; }
  .chart-table { position: static; width: 100%; height: auto; margin: 1rem 0 2rem; overflow: visible; clip: auto; clip-path: none;
    white-space: normal; }
  dl.facts { grid-template-columns: 1fr; gap: 0 0; }
  dl.facts dd { margin-bottom: 0.6rem; }
}
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { margin-top: 2rem; }
  section.question { break-before: auto; }
  a { color: inherit; text-decoration: none; }
  nav.contents { break-after: page; page-break-after: always; }
  .scroll { overflow: visible; }
}
)";

}  // namespace

std::string render_report_html(const json& report) {
    Context context;
    const json& k = field(field(report, "suppression"), "k");
    if (k.is_number_unsigned() && k.get<std::uint64_t>() >= 1 && k.get<std::uint64_t>() <= 1000000)
        context.k = static_cast<int>(k.get<std::uint64_t>());
    context.suppressed = std::string(kSuppressedText) + "\u00a0" + std::to_string(context.k);

    const json& summary = field(report, "summary");
    const std::vector<Breakdown> breakdown_list = {
        {"by_segment", "By segment", keys_with_labels(kSegments, json())},
        {"by_area", "By area", keys_with_labels(kAreas, field(summary, "areas"))},
    };
    const std::string title = text_of(field(field(report, "survey"), "title"));

    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        "<title>" +
        escape(title) + ": consultation results</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n<main>\n";
    out += "<p class=\"kicker\">Consultation results for the Board</p>\n<h1>" + escape(title) + "</h1>\n";
    const json& responses = field(report, "response_count");
    const json& period = field(report, "period");
    out += "<p class=\"lead\">" + (responses.is_number() ? whole(responses.get<std::uint64_t>()) : std::string("No")) + " responses";
    if (field(period, "first").is_string())
        out += ", given between " + long_day(field(period, "first")) + " and " + long_day(field(period, "last"));
    out += ". Report made on " + long_day(field(report, "generated")) + ".</p>\n";

    const json& questions = field(report, "questions");
    out +=
        "<nav class=\"contents\" aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n<ol>\n<li><a "
        "href=\"#summary\">Summary</a></li>\n";
    for (std::size_t i = 0; i < questions.size(); ++i) {
        out += "<li><a href=\"#q" + std::to_string(i + 1) + "\">" + escape(text_of(field(item(questions, i), "title"))) + "</a></li>\n";
    }
    if (field(report, "crosstabs").is_array() && !field(report, "crosstabs").empty())
        out += "<li><a href=\"#crosstabs\">Cross-tabulations</a></li>\n";
    out += "</ol>\n</nav>\n";

    out += summary_section(report, context);
    for (std::size_t i = 0; i < questions.size(); ++i) out += question_section(item(questions, i), i, breakdown_list, context);
    out += crosstab_section(report, context);
    out += "</main>\n</body>\n</html>\n";
    return out;
}

}  // namespace canvass::results
