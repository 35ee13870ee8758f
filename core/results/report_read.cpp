// Reading canvass.report files strictly (docs/reports.md): the dashboard and `canvass report`
// draw only what this accepts, so it refuses anything the format does not have, and anything a
// report must never carry: response ids, times finer than a day, free text, postcodes, and
// counts small enough to point at a person.
//
// Sections: 1. places and small checks; 2. cells; 3. groups; 4. questions; 5. cross-tabulations;
// 6. the top level.
#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/io/json_document.h"
#include "core/results/report.h"
#include "core/util/sha256.h"
#include "core/util/time.h"

namespace canvass::results {
namespace {

using nlohmann::json;

constexpr std::string_view kFormat = "canvass.report";
constexpr std::string_view kMethod = "canvass-cell-suppression-1";

// --- 1. places and small checks -------------------------------------------------------------

std::string at(const std::string& place, std::string_view key) { return place.empty() ? std::string(key) : place + "." + std::string(key); }
std::string at(const std::string& place, std::size_t index) { return place + "[" + std::to_string(index) + "]"; }

// Long or hostile text is cut before it goes into a message.
std::string shown(std::string_view text) { return text.size() > 40 ? std::string(text.substr(0, 40)) + "…" : std::string(text); }

Status fail(std::string message, std::string place) { return make_error(std::move(message), std::move(place)); }

// A report holds nothing outside its documented fields: that is what keeps a response id, a
// timestamp or a typed answer from riding along in a field the reader would not show.
Status only_known_fields(const json& object, const std::string& place, std::initializer_list<std::string_view> known) {
    for (const auto& [key, value] : object.items()) {
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            return fail("\"" + shown(key) + "\" is not a field of a report; remove it", at(place, shown(key)));
        }
    }
    return Ok{};
}

Status required_fields(const json& object, const std::string& place, std::initializer_list<std::string_view> required) {
    for (std::string_view key : required) {
        if (!object.contains(key)) return fail("\"" + std::string(key) + "\" is missing", at(place, key));
    }
    return Ok{};
}

bool is_slug(std::string_view text) {
    return !text.empty() && text.size() <= 64 &&
           std::all_of(text.begin(), text.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

// "2026-11-27" and nothing finer: a time of day could single out who answered when.
bool is_day(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (text[i] < '0' || text[i] > '9') return false;
    }
    const Result<TimePoint> parsed = parse_iso8601(text);
    return parsed.ok() && format_day(*parsed) == text;  // refuses 2026-02-30
}

Status text_value(const json& value, const std::string& place, std::string_view what) {
    if (!value.is_string()) return fail("must be text: " + std::string(what), place);
    return Ok{};
}

Status day_value(const json& value, const std::string& place) {
    if (!value.is_string()) return fail("must be text: a day such as 2026-11-27", place);
    if (!is_day(value.get_ref<const std::string&>())) {
        return fail(
            "'" + shown(value.get_ref<const std::string&>()) + "' is not a day such as 2026-11-27; a report gives days, never times",
            place);
    }
    return Ok{};
}

// A whole number of people. nlohmann keeps non-negative integers as unsigned.
std::optional<std::uint64_t> whole_number(const json& value) {
    if (value.is_number_unsigned()) return value.get<std::uint64_t>();
    if (value.is_number_integer() && value.get<std::int64_t>() >= 0) return static_cast<std::uint64_t>(value.get<std::int64_t>());
    return std::nullopt;
}

std::string joined(const std::vector<std::string_view>& keys) {
    std::string out;
    for (std::string_view key : keys) out += (out.empty() ? "" : ", ") + std::string(key);
    return out;
}

const std::vector<std::string_view> kSegments = {"resident", "business", "commuter"};
const std::vector<std::string_view> kAreas = {"harlow",     "epping_forest", "east_hertfordshire", "uttlesford",
                                              "broxbourne", "other",         "not_given"};
const std::vector<std::string_view> kChannels = {"online", "kiosk", "paper", "phone"};

struct Breakdown {
    std::string_view key;  // "by_segment"
    const std::vector<std::string_view>& values;
    std::string_view what;  // "a segment"
    std::string_view why;   // what else the message says
};
const Breakdown kBreakdowns[] = {
    {"by_segment", kSegments, "a segment", ""},
    {"by_area", kAreas, "an area", "; a report never names a postcode"},
    {"by_channel", kChannels, "a channel", ""},
};

Status known_value(std::string_view value, const std::string& place, const Breakdown& breakdown) {
    if (std::find(breakdown.values.begin(), breakdown.values.end(), value) != breakdown.values.end()) return Ok{};
    return fail("\"" + shown(value) + "\" is not " + std::string(breakdown.what) + " (" + joined(breakdown.values) + ")" +
                    std::string(breakdown.why),
                place);
}

// --- 2. cells -------------------------------------------------------------------------------

struct Limits {
    int k = kDefaultK;
    std::uint64_t responses = 0;  // no count in a report can be larger
};

struct Cell {
    bool suppressed = true;
    std::uint64_t count = 0;
    bool has_percent = false;
};

// {"count": 42}, {"count": 42, "percent": 35.0}, or {"count": null, "suppressed": true} with
// "percent": null where a percentage would be. A published count's percent is null too when it
// is withheld (a percentage of a hidden total would give the total away). `extra` are the keys
// the cell sits beside (the summary's "value" and "label", a group option's "value").
Result<Cell> read_cell(const json& value, const std::string& place, const Limits& limits,
                       std::initializer_list<std::string_view> extra = {}) {
    if (!value.is_object()) {
        return make_error("must be a count: {\"count\": 12} or, when suppressed, {\"count\": null, \"suppressed\": true}", place);
    }
    for (const auto& [key, item] : value.items()) {
        if (key != "count" && key != "percent" && key != "suppressed" && std::find(extra.begin(), extra.end(), key) == extra.end()) {
            return make_error("\"" + shown(key) + "\" is not a field of a report; remove it", at(place, shown(key)));
        }
    }
    const auto count = value.find("count");
    if (count == value.end()) return make_error("\"count\" is missing", at(place, "count"));
    const auto percent = value.find("percent");
    Cell cell;
    if (const auto suppressed = value.find("suppressed"); suppressed != value.end()) {
        if (!suppressed->is_boolean() || !suppressed->get<bool>()) {
            return make_error("is only ever true, beside \"count\": null; a published count has no \"suppressed\"",
                              at(place, "suppressed"));
        }
        if (!count->is_null()) {
            return make_error("a suppressed cell has \"count\": null, never a number (a 0 or a small number would give it away)",
                              at(place, "count"));
        }
        if (percent != value.end() && !percent->is_null()) {
            return make_error("a suppressed cell has \"percent\": null (a percentage would give its count away)", at(place, "percent"));
        }
        return cell;
    }
    if (count->is_null()) return make_error("a hidden count is written {\"count\": null, \"suppressed\": true}", place);
    const std::optional<std::uint64_t> number = whole_number(*count);
    if (!number) return make_error("must be a whole number of people (0 or more), or null when suppressed", at(place, "count"));
    if (*number >= 1 && *number < static_cast<std::uint64_t>(limits.k)) {
        return make_error("a count of " + std::to_string(*number) + " is below k=" + std::to_string(limits.k) +
                              ", so this report does not protect its respondents; make it again with canvass aggregate",
                          at(place, "count"));
    }
    if (*number > limits.responses) {
        return make_error(
            "a count of " + std::to_string(*number) + " is more than the report's " + std::to_string(limits.responses) + " responses",
            at(place, "count"));
    }
    if (percent != value.end() && !percent->is_null()) {
        if (!percent->is_number() || percent->get<double>() < 0 || percent->get<double>() > 100) {
            return make_error("must be a percentage from 0 to 100, or null when it is withheld", at(place, "percent"));
        }
        cell.has_percent = true;
    }
    cell.suppressed = false;
    cell.count = *number;
    return cell;
}

// --- 3. groups ------------------------------------------------------------------------------

enum class Measure { Choice, Choices, Rating, Number, Ranking, Matrix, Text };

struct MeasureInfo {
    std::string_view name;
    Measure measure;
    std::vector<std::string_view> types;  // the question types that have it
};
const MeasureInfo kMeasures[] = {
    {"choice", Measure::Choice, {"radiogroup", "dropdown", "boolean"}},
    {"choices", Measure::Choices, {"checkbox"}},
    {"rating", Measure::Rating, {"rating"}},
    {"number", Measure::Number, {"text"}},
    {"ranking", Measure::Ranking, {"ranking"}},
    {"matrix", Measure::Matrix, {"matrix"}},
    {"text", Measure::Text, {"text", "comment"}},
};

constexpr std::string_view kFreeTextMessage =
    "a text question's answers are free text, which never leaves the device: a report counts them and has no options; remove it";

// One group of a question (or of a matrix row): who it counts and what they answered.
Status check_group(const json& group, const std::string& place, Measure measure, const std::vector<json>& options, const Limits& limits) {
    if (!group.is_object()) return fail("must be a group: {\"respondents\", \"answered\", \"not_answered\", ...}", place);
    const bool has_options = measure != Measure::Text;
    const bool has_mean = measure == Measure::Rating || measure == Measure::Number;
    const bool has_mean_rank = measure == Measure::Ranking;
    if (!has_options && group.contains("options")) return fail(std::string(kFreeTextMessage), at(place, "options"));
    for (const auto& [key, value] : group.items()) {
        const bool known = key == "respondents" || key == "answered" || key == "not_answered" || (key == "options" && has_options) ||
                           ((key == "mean" || key == "median") && has_mean) || (key == "mean_rank" && has_mean_rank);
        if (!known) return fail("\"" + shown(key) + "\" is not a field of a report; remove it", at(place, shown(key)));
    }
    if (Status required = required_fields(group, place, {"respondents", "answered", "not_answered"}); !required) return required;
    if (has_options) {
        if (Status required = required_fields(group, place, {"options"}); !required) return required;
    }
    if (has_mean) {
        if (Status required = required_fields(group, place, {"mean", "median"}); !required) return required;
    }
    if (has_mean_rank) {
        if (Status required = required_fields(group, place, {"mean_rank"}); !required) return required;
    }
    Cell totals[3];
    const char* const total_keys[3] = {"respondents", "answered", "not_answered"};
    for (int i = 0; i < 3; ++i) {
        Result<Cell> cell = read_cell(group[total_keys[i]], at(place, total_keys[i]), limits);
        if (!cell) return cell.error();
        totals[i] = *cell;
    }
    const Cell& answered = totals[1];
    if (!totals[0].suppressed && !totals[1].suppressed && !totals[2].suppressed && totals[1].count + totals[2].count != totals[0].count) {
        return fail("answered (" + std::to_string(totals[1].count) + ") and not_answered (" + std::to_string(totals[2].count) +
                        ") add up to " + std::to_string(totals[1].count + totals[2].count) + ", not respondents (" +
                        std::to_string(totals[0].count) + ")",
                    place);
    }
    // With fewer than k answers (hidden, or none) a mean or a percentage points back at them.
    const bool answered_hidden = answered.suppressed;
    const bool nobody_answered = !answered.suppressed && answered.count == 0;
    if (has_options) {
        const json& cells = group["options"];
        const std::string list_place = at(place, "options");
        if (!cells.is_array() || cells.size() != options.size()) {
            return fail("must list one cell per option of the question (" + std::to_string(options.size()) + "), in its order", list_place);
        }
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const std::string cell_place = at(list_place, i);
            Result<Cell> cell = read_cell(cells[i], cell_place, limits, {"value"});
            if (!cell) return cell.error();
            const auto value = cells[i].find("value");
            if (value == cells[i].end()) return fail("\"value\" is missing", at(cell_place, "value"));
            if (*value != options[i]) {
                return fail("must be " + shown(options[i].dump()) + ", the question's option " + std::to_string(i + 1),
                            at(cell_place, "value"));
            }
            if (answered_hidden && cell->has_percent && cell->count > 0) {
                return fail(
                    "the group's answered count is suppressed, and a percentage of it would give it away; make it again with "
                    "canvass aggregate",
                    at(cell_place, "percent"));
            }
        }
    }
    const auto withheld_when_few = [&](const json& value, const std::string& value_place) -> Status {
        if (value.is_null()) return Ok{};
        if (answered_hidden) {
            return fail("must be null: the group's answered count is suppressed, and a figure from fewer than k=" +
                            std::to_string(limits.k) + " answers gives them away; make it again with canvass aggregate",
                        value_place);
        }
        if (nobody_answered) return fail("must be null: nobody in the group answered", value_place);
        return Ok{};
    };
    if (has_mean) {
        for (const char* key : {"mean", "median"}) {
            const json& value = group[key];
            if (!value.is_null() && !value.is_number()) return fail("must be a number, or null when it is not published", at(place, key));
            if (Status few = withheld_when_few(value, at(place, key)); !few) return few;
        }
    }
    if (has_mean_rank) {
        const json& ranks = group["mean_rank"];
        const std::string ranks_place = at(place, "mean_rank");
        if (!ranks.is_array() || ranks.size() != options.size()) {
            return fail("must list one mean rank per option of the question (" + std::to_string(options.size()) + "), in its order",
                        ranks_place);
        }
        for (std::size_t i = 0; i < ranks.size(); ++i) {
            const json& rank = ranks[i];
            if (!rank.is_null() &&
                (!rank.is_number() || rank.get<double>() < 1 || rank.get<double>() > static_cast<double>(options.size()))) {
                return fail("must be a mean rank from 1 to " + std::to_string(options.size()) + ", or null when it is not published",
                            at(ranks_place, i));
            }
            // A mean rank's base is how many ranked that item, which a report never publishes; the
            // method withholds it when fewer than k did, whether or not "answered" is hidden.
            if (nobody_answered && !rank.is_null()) return fail("must be null: nobody in the group answered", at(ranks_place, i));
        }
    }
    return Ok{};
}

// "all", then each breakdown that is there (a report made without breakdowns has none).
Status check_groups(const json& holder, const std::string& place, Measure measure, const std::vector<json>& options, const Limits& limits) {
    if (Status all = check_group(holder["all"], at(place, "all"), measure, options, limits); !all) return all;
    for (const Breakdown& breakdown : kBreakdowns) {
        const auto found = holder.find(breakdown.key);
        if (found == holder.end()) continue;
        const std::string breakdown_place = at(place, breakdown.key);
        if (!found->is_object()) return fail("must be an object of groups, one per key", breakdown_place);
        for (const auto& [key, group] : found->items()) {
            if (Status known = known_value(key, at(breakdown_place, shown(key)), breakdown); !known) return known;
            if (Status checked = check_group(group, at(breakdown_place, key), measure, options, limits); !checked) return checked;
        }
    }
    return Ok{};
}

// --- 4. questions ---------------------------------------------------------------------------

// The options of a question ([{"value", "label"}]); their values, in order, into `values`.
Status check_options(const json& options, const std::string& place, std::vector<json>& values) {
    if (!options.is_array()) return fail("must be a list of {\"value\", \"label\"}", place);
    for (std::size_t i = 0; i < options.size(); ++i) {
        const json& option = options[i];
        const std::string option_place = at(place, i);
        if (!option.is_object()) return fail("must be an option: {\"value\", \"label\"}", option_place);
        if (Status known = only_known_fields(option, option_place, {"value", "label"}); !known) return known;
        if (Status required = required_fields(option, option_place, {"value", "label"}); !required) return required;
        const json& value = option["value"];
        if (!value.is_string()) {
            return fail("must be text: the option's value (a number or true/false is written as its JSON text, such as \"1\")",
                        at(option_place, "value"));
        }
        if (std::find(values.begin(), values.end(), value) != values.end()) {
            return fail("the option " + shown(value.dump()) + " appears twice", at(option_place, "value"));
        }
        if (Status label = text_value(option["label"], at(option_place, "label"), "the option's English label"); !label) return label;
        values.push_back(value);
    }
    return Ok{};
}

struct QuestionSeen {
    Measure measure;
    std::vector<json> options;
};

Status check_question(const json& question, const std::string& place, const Limits& limits,
                      std::vector<std::pair<std::string, QuestionSeen>>& seen) {
    if (!question.is_object()) return fail("must be a question: {\"name\", \"title\", \"type\", \"measure\", ...}", place);
    if (Status required = required_fields(question, place, {"name", "title", "type", "measure"}); !required) return required;
    const json& name = question["name"];
    if (!name.is_string() || name.get_ref<const std::string&>().empty())
        return fail("must be text: the question's name", at(place, "name"));
    if (Status title = text_value(question["title"], at(place, "title"), "the question's English title"); !title) return title;
    const json& measure_json = question["measure"];
    const MeasureInfo* info = nullptr;
    for (const MeasureInfo& candidate : kMeasures) {
        if (measure_json.is_string() && measure_json.get_ref<const std::string&>() == candidate.name) info = &candidate;
    }
    if (!info) return fail("must be one of choice, choices, rating, number, ranking, matrix, text", at(place, "measure"));
    const json& type = question["type"];
    if (!type.is_string()) return fail("must be text: the question's SurveyJS type", at(place, "type"));
    if (std::find(info->types.begin(), info->types.end(), type.get_ref<const std::string&>()) == info->types.end()) {
        return fail("a \"" + shown(type.get_ref<const std::string&>()) + "\" question cannot have the measure \"" +
                        std::string(info->name) + "\" (it is for " + joined(info->types) + ")",
                    at(place, "type"));
    }
    const Measure measure = info->measure;
    if (measure == Measure::Text && question.contains("options")) return fail(std::string(kFreeTextMessage), at(place, "options"));
    if (measure == Measure::Matrix) {
        if (Status known = only_known_fields(question, place, {"name", "title", "type", "measure", "options", "rows"}); !known)
            return known;
        if (Status required = required_fields(question, place, {"options", "rows"}); !required) return required;
    } else {
        if (Status known = only_known_fields(question, place,
                                             {"name", "title", "type", "measure", "options", "all", "by_segment", "by_area", "by_channel"});
            !known) {
            return known;
        }
        if (Status required = required_fields(question, place, {"all"}); !required) return required;
        if (measure != Measure::Text) {
            if (Status required = required_fields(question, place, {"options"}); !required) return required;
        }
    }
    for (const auto& [earlier, unused] : seen) {
        if (earlier == name.get_ref<const std::string&>()) {
            return fail("the question \"" + shown(earlier) + "\" appears twice; a report holds each question once", at(place, "name"));
        }
    }
    std::vector<json> options;
    if (question.contains("options")) {
        if (Status checked = check_options(question["options"], at(place, "options"), options); !checked) return checked;
    }
    if (measure == Measure::Matrix) {
        const json& rows = question["rows"];
        const std::string rows_place = at(place, "rows");
        if (!rows.is_array() || rows.empty()) return fail("must be a list of the matrix's rows", rows_place);
        std::set<std::string> row_values;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const json& row = rows[i];
            const std::string row_place = at(rows_place, i);
            if (!row.is_object()) return fail("must be a row: {\"value\", \"label\", \"all\", ...}", row_place);
            if (Status known = only_known_fields(row, row_place, {"value", "label", "all", "by_segment", "by_area", "by_channel"});
                !known) {
                return known;
            }
            if (Status required = required_fields(row, row_place, {"value", "label", "all"}); !required) return required;
            if (Status value = text_value(row["value"], at(row_place, "value"), "the row's value"); !value) return value;
            if (!row_values.insert(row["value"].get<std::string>()).second) {
                return fail("the row \"" + shown(row["value"].get_ref<const std::string&>()) + "\" appears twice", at(row_place, "value"));
            }
            if (Status label = text_value(row["label"], at(row_place, "label"), "the row's English label"); !label) return label;
            if (Status groups = check_groups(row, row_place, Measure::Choice, options, limits); !groups) return groups;
        }
    } else if (Status groups = check_groups(question, place, measure, options, limits); !groups) {
        return groups;
    }
    seen.emplace_back(name.get<std::string>(), QuestionSeen{measure, std::move(options)});
    return Ok{};
}

// --- 5. cross-tabulations -------------------------------------------------------------------

Status check_crosstab(const json& crosstab, const std::string& place, const Limits& limits,
                      const std::vector<std::pair<std::string, QuestionSeen>>& questions) {
    if (!crosstab.is_object()) return fail("must be a cross-tabulation: {\"rows\", \"columns\", \"cells\", ...}", place);
    const std::initializer_list<std::string_view> keys = {"rows",  "columns",    "row_options",   "column_options",
                                                          "cells", "row_totals", "column_totals", "total"};
    if (Status known = only_known_fields(crosstab, place, keys); !known) return known;
    if (Status required = required_fields(crosstab, place, keys); !required) return required;
    std::size_t sizes[2] = {0, 0};
    const char* const sides[2][2] = {{"rows", "row_options"}, {"columns", "column_options"}};
    for (int side = 0; side < 2; ++side) {
        const json& name = crosstab[sides[side][0]];
        const std::string name_place = at(place, sides[side][0]);
        if (!name.is_string()) return fail("must be text: a question's name", name_place);
        const QuestionSeen* question = nullptr;
        for (const auto& [seen_name, seen] : questions) {
            if (seen_name == name.get_ref<const std::string&>()) question = &seen;
        }
        if (!question) return fail("\"" + shown(name.get_ref<const std::string&>()) + "\" is not a question in this report", name_place);
        if (question->measure != Measure::Choice && question->measure != Measure::Rating) {
            return fail("a cross-tabulation is of single-choice questions (choice or rating); \"" +
                            shown(name.get_ref<const std::string&>()) + "\" is not one",
                        name_place);
        }
        json expected = json::array();
        for (const json& value : question->options) expected.push_back(value);
        expected.push_back("not_answered");
        if (crosstab[sides[side][1]] != expected) {
            return fail("must be the options of \"" + shown(name.get_ref<const std::string&>()) + "\", in order, then \"not_answered\"",
                        at(place, sides[side][1]));
        }
        sizes[side] = expected.size();
    }
    const json& cells = crosstab["cells"];
    const std::string cells_place = at(place, "cells");
    if (!cells.is_array() || cells.size() != sizes[0]) {
        return fail("must be one list of cells per row option (" + std::to_string(sizes[0]) + ")", cells_place);
    }
    for (std::size_t r = 0; r < cells.size(); ++r) {
        const std::string row_place = at(cells_place, r);
        if (!cells[r].is_array() || cells[r].size() != sizes[1]) {
            return fail("must be one cell per column option (" + std::to_string(sizes[1]) + ")", row_place);
        }
        for (std::size_t c = 0; c < sizes[1]; ++c) {
            if (Result<Cell> cell = read_cell(cells[r][c], at(row_place, c), limits); !cell) return cell.error();
        }
    }
    const char* const totals[2] = {"row_totals", "column_totals"};
    for (int side = 0; side < 2; ++side) {
        const json& list = crosstab[totals[side]];
        const std::string list_place = at(place, totals[side]);
        if (!list.is_array() || list.size() != sizes[side]) {
            return fail(
                "must be one cell per " + std::string(side == 0 ? "row" : "column") + " option (" + std::to_string(sizes[side]) + ")",
                list_place);
        }
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (Result<Cell> cell = read_cell(list[i], at(list_place, i), limits); !cell) return cell.error();
        }
    }
    if (Result<Cell> total = read_cell(crosstab["total"], at(place, "total"), limits); !total) return total.error();
    return Ok{};
}

// --- 6. the top level -----------------------------------------------------------------------

Status check_summary(const json& summary, const Limits& limits) {
    if (!summary.is_object()) return fail("must be an object: {\"segments\", \"areas\", \"channels\"}", "summary");
    if (Status known = only_known_fields(summary, "summary", {"segments", "areas", "channels"}); !known) return known;
    if (Status required = required_fields(summary, "summary", {"segments", "areas", "channels"}); !required) return required;
    const std::pair<const char*, const Breakdown*> lists[] = {
        {"segments", &kBreakdowns[0]}, {"areas", &kBreakdowns[1]}, {"channels", &kBreakdowns[2]}};
    for (const auto& [key, breakdown] : lists) {
        const json& list = summary[key];
        const std::string list_place = at("summary", key);
        if (!list.is_array()) return fail("must be a list of {\"value\", \"label\", \"count\", \"percent\"}", list_place);
        std::set<std::string> values;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string item_place = at(list_place, i);
            if (Result<Cell> cell = read_cell(list[i], item_place, limits, {"value", "label"}); !cell) return cell.error();
            if (Status required = required_fields(list[i], item_place, {"value", "label"}); !required) return required;
            const json& value = list[i]["value"];
            if (!value.is_string()) return fail("must be text: " + std::string(breakdown->what) + "'s key", at(item_place, "value"));
            if (Status ok = known_value(value.get_ref<const std::string&>(), at(item_place, "value"), *breakdown); !ok) return ok;
            if (!values.insert(value.get<std::string>()).second) {
                return fail("\"" + value.get<std::string>() + "\" appears twice", at(item_place, "value"));
            }
            if (Status label = text_value(list[i]["label"], at(item_place, "label"), "its English label"); !label) return label;
        }
    }
    return Ok{};
}

Status check_report(const json& root) {
    if (!root.is_object()) return fail("a report is a JSON object; this file holds something else", "");
    const auto format = root.find("format");
    if (format == root.end()) return fail("\"format\" is missing", "format");
    if (!format->is_string()) return fail("must be text: \"canvass.report\"", "format");
    if (format->get_ref<const std::string&>() != kFormat) {
        return fail("this is a \"" + shown(format->get_ref<const std::string&>()) + "\" file, not a report (\"canvass.report\")", "format");
    }
    const auto version = root.find("format_version");
    if (version == root.end() || !version->is_number_integer())
        return fail("must be a whole number (this Canvass writes 1)", "format_version");
    if (*version < 1) return fail("version " + version->dump() + " is not a report version (this Canvass writes 1)", "format_version");
    if (*version > kReportFormatVersion) {
        return fail("version " + version->dump() + " is newer than this Canvass reads (1); open it with a newer Canvass", "format_version");
    }
    const std::initializer_list<std::string_view> top = {"format",  "format_version", "survey", "generated", "period",    "response_count",
                                                         "sources", "suppression",    "notes",  "summary",   "questions", "crosstabs"};
    if (Status known = only_known_fields(root, "", top); !known) return known;
    if (Status required = required_fields(root, "", top); !required) return required;

    const json& survey = root["survey"];
    if (!survey.is_object()) return fail("must be an object: {\"id\", \"title\", \"version\"}", "survey");
    if (Status known = only_known_fields(survey, "survey", {"id", "title", "version"}); !known) return known;
    if (Status required = required_fields(survey, "survey", {"id", "title", "version"}); !required) return required;
    if (!survey["id"].is_string() || !is_slug(survey["id"].get_ref<const std::string&>())) {
        return fail("must be a survey id (a-z, 0-9 and -)", "survey.id");
    }
    if (Status title = text_value(survey["title"], "survey.title", "the survey's English title"); !title) return title;
    if (!survey["version"].is_string() || !is_lower_hex(survey["version"].get_ref<const std::string&>(), 64)) {
        return fail("must be a survey version (64 hex digits)", "survey.version");
    }

    if (Status generated = day_value(root["generated"], "generated"); !generated) return generated;
    const json& period = root["period"];
    if (!period.is_object()) return fail("must be an object: {\"first\", \"last\"}", "period");
    if (Status known = only_known_fields(period, "period", {"first", "last"}); !known) return known;
    if (Status required = required_fields(period, "period", {"first", "last"}); !required) return required;
    if (period["first"].is_null() != period["last"].is_null()) return fail("first and last are both days, or both null", "period");
    if (!period["first"].is_null()) {
        if (Status first = day_value(period["first"], "period.first"); !first) return first;
        if (Status last = day_value(period["last"], "period.last"); !last) return last;
        if (period["first"].get<std::string>() > period["last"].get<std::string>())
            return fail("the first day is after the last", "period");
    }

    // The threshold comes first: every count below is judged against it.
    const json& suppression = root["suppression"];
    if (!suppression.is_object()) return fail("must be an object: {\"k\", \"method\"}", "suppression");
    if (Status known = only_known_fields(suppression, "suppression", {"k", "method"}); !known) return known;
    if (Status required = required_fields(suppression, "suppression", {"k", "method"}); !required) return required;
    const std::optional<std::uint64_t> k = whole_number(suppression["k"]);
    if (!k || *k < static_cast<std::uint64_t>(kMinimumK) || *k > 1000000) {
        return fail("must be a whole number, " + std::to_string(kMinimumK) + " or more (the smallest count a report publishes)",
                    "suppression.k");
    }
    if (!suppression["method"].is_string() || suppression["method"].get_ref<const std::string&>() != kMethod) {
        return fail("must be \"canvass-cell-suppression-1\", the method this Canvass knows", "suppression.method");
    }
    Limits limits;
    limits.k = static_cast<int>(*k);
    const std::optional<std::uint64_t> responses = whole_number(root["response_count"]);
    if (!responses) return fail("must be a whole number", "response_count");
    if (*responses < *k) {
        return fail("a report is made from at least k=" + std::to_string(*k) + " responses; this one counts " + std::to_string(*responses) +
                        ", so it does not protect its respondents; make it again with canvass aggregate",
                    "response_count");
    }
    limits.responses = *responses;

    const json& sources = root["sources"];
    if (!sources.is_array()) return fail("must be a list of {\"id\", \"responses\"}", "sources");
    std::set<std::string> source_ids;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const std::string place = at("sources", i);
        const json& source = sources[i];
        if (!source.is_object()) return fail("must be a source: {\"id\", \"responses\"}", place);
        if (Status known = only_known_fields(source, place, {"id", "responses"}); !known) return known;
        if (Status required = required_fields(source, place, {"id", "responses"}); !required) return required;
        if (!source["id"].is_string() || !is_slug(source["id"].get_ref<const std::string&>())) {
            return fail("must be a device id (a-z, 0-9 and -)", at(place, "id"));
        }
        if (!source_ids.insert(source["id"].get<std::string>()).second) {
            return fail("the source \"" + source["id"].get<std::string>() + "\" appears twice", at(place, "id"));
        }
        if (Result<Cell> cell = read_cell(source["responses"], at(place, "responses"), limits); !cell) return cell.error();
    }

    const json& notes = root["notes"];
    if (!notes.is_array()) return fail("must be a list of sentences", "notes");
    for (std::size_t i = 0; i < notes.size(); ++i) {
        if (Status note = text_value(notes[i], at("notes", i), "a sentence"); !note) return note;
    }

    if (Status summary = check_summary(root["summary"], limits); !summary) return summary;

    const json& questions = root["questions"];
    if (!questions.is_array()) return fail("must be a list of questions", "questions");
    std::vector<std::pair<std::string, QuestionSeen>> seen;
    for (std::size_t i = 0; i < questions.size(); ++i) {
        if (Status question = check_question(questions[i], at("questions", i), limits, seen); !question) return question;
    }

    const json& crosstabs = root["crosstabs"];
    if (!crosstabs.is_array()) return fail("must be a list of cross-tabulations ([] when none)", "crosstabs");
    for (std::size_t i = 0; i < crosstabs.size(); ++i) {
        if (Status crosstab = check_crosstab(crosstabs[i], at("crosstabs", i), limits, seen); !crosstab) return crosstab;
    }
    return Ok{};
}

}  // namespace

Result<nlohmann::json> read_report(std::string_view text, std::string_view file_name) {
    Result<json> parsed = parse_json_document(text, file_name, JsonLimits{kMaxReportBytes, 64});
    if (!parsed) return parsed.error();
    if (Status checked = check_report(*parsed); !checked) {
        Error error = checked.error();
        const std::string file(file_name);
        error.location = error.location.empty() ? file : file + ": " + error.location;
        return error;
    }
    return parsed;
}

}  // namespace canvass::results
