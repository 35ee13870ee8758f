// Results: columns built once from stored responses, counted per filter, protected by
// disclosure control and written as canvass.report JSON (docs/reports.md).
//
// Sections:
//   1. Keys, labels and groups
//   2. The columns: what each question's answers become
//   3. Building the columns from responses
//   4. Counting: one pass over the columns per filter
//   5. Disclosure: the summary, each question's tables, cross-tabs
//   6. Writing the report JSON
#include "core/results/report.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <unordered_map>

#include "core/results/disclosure.h"
#include "core/results/value_key.h"
#include "core/util/time.h"
#include "core/util/uk_time.h"

namespace canvass::results {

using nlohmann::json;
using survey::Element;
using survey::ElementType;

// --- 1. Keys, labels and groups -------------------------------------------------------------

namespace {

constexpr std::array<std::string_view, kSegmentCount> kSegments = {"resident", "business", "commuter"};
constexpr std::array<std::string_view, kChannelCount> kChannels = {"online", "kiosk", "paper", "phone"};
constexpr std::array<std::string_view, kChannelCount> kChannelLabels = {"Online", "Event kiosk", "Paper", "Phone"};

// Groups a report counts in: everyone, then each segment, area and channel. Areas and channels
// each split everyone into parts; segments overlap (someone can answer as more than one).
constexpr int kGroupAll = 0;
constexpr int kFirstSegmentGroup = 1;
constexpr int kFirstAreaGroup = kFirstSegmentGroup + kSegmentCount;
constexpr int kFirstChannelGroup = kFirstAreaGroup + kAreaCount;
constexpr int kGroupCount = kFirstChannelGroup + kChannelCount;

// The questions a report reads by name (docs/default-survey.md: stable names).
constexpr std::string_view kSegmentQuestion = "segment";
constexpr std::string_view kDistrictQuestion = "postcode_district";

constexpr std::string_view kMethod = "canvass-cell-suppression-1";

}  // namespace

std::string_view segment_key(int segment) { return kSegments[static_cast<std::size_t>(segment)]; }
std::string_view channel_key(int channel) { return kChannels[static_cast<std::size_t>(channel)]; }

// --- 2. The columns -------------------------------------------------------------------------

enum class Measure { Choice, Choices, Rating, Number, Ranking, Matrix, Text };

std::string_view measure_name(Measure measure) {
    switch (measure) {
        case Measure::Choice: return "choice";
        case Measure::Choices: return "choices";
        case Measure::Rating: return "rating";
        case Measure::Number: return "number";
        case Measure::Ranking: return "ranking";
        case Measure::Matrix: return "matrix";
        case Measure::Text: return "text";
    }
    return "text";
}

// One question's answers, one small value per response. Code 0 is "not answered"; code i + 1 is
// option i.
struct Column {
    std::string name, title, type;
    Measure measure = Measure::Text;
    std::vector<std::string> values, labels;   // the options, in report order
    std::unordered_map<std::string, int> option_of;  // value text -> option index
    int other_option = -1;                     // the Other option's index, -1 when none

    std::vector<std::uint8_t> code;            // choice, rating, number band, ranking's first preference
    std::vector<std::uint64_t> ticks;          // choices: bit i = option i
    std::vector<std::uint8_t> ranks;           // ranking: values.size() per response, 1 = first, 0 = not ranked
    std::vector<double> numbers;               // rating and number values (NaN: none)
    std::vector<std::uint8_t> answered;        // text
    std::vector<std::int64_t> weights;         // rating: each option's whole value, for the sum equation; empty when not whole
    bool full_rankings = true;                 // every ranking answer orders every item
    std::vector<Column> rows;                  // matrix: one choice column per row
};

struct ResponseColumns {
    std::size_t size = 0;
    std::vector<std::uint8_t> segments;  // bit i = segment i
    std::vector<std::uint8_t> area;      // Area
    std::vector<std::uint8_t> channel;   // index into kChannels
    std::vector<std::int32_t> day;       // UK day, days since 1970-01-01
    std::vector<std::uint16_t> device;   // index into devices
    std::vector<std::string> devices;
    std::vector<Column> questions;
};

namespace {

std::string text_of(const survey::LocalizedString& text, const json& value) {
    std::string shown = text.get("");
    return shown.empty() ? value_key(value) : shown;
}

void add_option(Column& column, std::string value, std::string label) {
    column.option_of.emplace(value, static_cast<int>(column.values.size()));
    column.values.push_back(std::move(value));
    column.labels.push_back(std::move(label));
}

void add_choices(Column& column, const Element& element) {
    for (const survey::Choice& choice : element.choices) add_option(column, value_key(choice.value), text_of(choice.text, choice.value));
    if (element.show_other) {
        column.other_option = static_cast<int>(column.values.size());
        add_option(column, "other", element.other_text.empty() ? "Other" : element.other_text.get(""));
    }
    if (element.show_none) add_option(column, "none", element.none_text.empty() ? "None" : element.none_text.get(""));
}

// Number bands by powers of ten: wide enough that a band never points at one person's value.
constexpr std::array<std::string_view, 7> kNumberBands = {"below 0", "0-9", "10-99", "100-999", "1000-9999", "10000-99999", "100000 or more"};
int number_band(double value) {
    if (value < 0) return 0;
    int band = 1;
    for (double limit = 10; value >= limit && band < 6; limit *= 10) ++band;
    return band;
}

Column column_for(const survey::Survey& survey, const Element& element) {
    Column column;
    column.name = element.name;
    column.title = element.title.get("").empty() ? element.name : element.title.get("");
    column.type = std::string(survey::type_name(element.type));
    switch (element.type) {
        case ElementType::Radiogroup:
        case ElementType::Dropdown:
            column.measure = Measure::Choice;
            add_choices(column, element);
            break;
        case ElementType::Boolean:
            column.measure = Measure::Choice;
            add_option(column, "true", "Yes");
            add_option(column, "false", "No");
            break;
        case ElementType::Checkbox:
            column.measure = Measure::Choices;
            add_choices(column, element);
            break;
        case ElementType::Ranking:
            column.measure = Measure::Ranking;
            add_choices(column, element);
            break;
        case ElementType::Rating: {
            column.measure = Measure::Rating;
            if (!element.rate_values.empty()) {
                for (const survey::Choice& choice : element.rate_values) add_option(column, value_key(choice.value), text_of(choice.text, choice.value));
            } else if (element.rate_step > 0) {
                for (double v = element.rate_min; v <= element.rate_max + 1e-9 && column.values.size() < 100; v += element.rate_step) {
                    add_option(column, value_key(json(v)), value_key(json(v)));
                }
            }
            bool whole = true;
            for (const std::string& value : column.values) {
                char* end = nullptr;
                const double v = std::strtod(value.c_str(), &end);
                whole = whole && end && *end == '\0' && std::floor(v) == v && std::fabs(v) < 1e6;
                if (whole) column.weights.push_back(static_cast<std::int64_t>(v));
            }
            if (!whole) column.weights.clear();
            break;
        }
        case ElementType::Text:
            column.measure = element.input_type == "number" ? Measure::Number : Measure::Text;
            if (column.measure == Measure::Number) {
                for (std::string_view band : kNumberBands) add_option(column, std::string(band), std::string(band));
            }
            break;
        case ElementType::Comment: column.measure = Measure::Text; break;
        case ElementType::Matrix:
            column.measure = Measure::Matrix;
            for (const survey::Choice& c : element.columns) add_option(column, value_key(c.value), text_of(c.text, c.value));
            for (const survey::Choice& row : element.rows) {
                Column part;
                part.name = value_key(row.value);
                part.title = text_of(row.text, row.value);
                part.type = "matrix row";
                part.measure = Measure::Choice;
                for (std::size_t i = 0; i < column.values.size(); ++i) add_option(part, column.values[i], column.labels[i]);
                column.rows.push_back(std::move(part));
            }
            break;
        default: break;
    }
    (void)survey;
    return column;
}

bool counted(ElementType type) {
    return type != ElementType::Html && type != ElementType::Expression && type != ElementType::Panel;
}

// --- 3. Building the columns from responses -------------------------------------------------

int option_index(const Column& column, const json& value) {
    if (value.is_null()) return -1;
    const auto found = column.option_of.find(value_key(value));
    if (found != column.option_of.end()) return found->second;
    return column.other_option;  // an answer outside the options is Other's text, or not counted
}

double number_of(const json& value) {
    if (value.is_number()) return value.get<double>();
    if (value.is_string()) {
        const std::string text = value.get<std::string>();
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (!text.empty() && end && *end == '\0' && std::isfinite(v)) return v;
    }
    return std::nan("");
}

void read_answer(Column& column, const json* answer, std::size_t r) {
    const json none;
    const json& value = answer ? *answer : none;
    switch (column.measure) {
        case Measure::Choice: {
            const int i = option_index(column, value);
            column.code[r] = static_cast<std::uint8_t>(i >= 0 && i < 255 ? i + 1 : 0);
            break;
        }
        case Measure::Rating: {
            const int i = option_index(column, value);
            column.code[r] = static_cast<std::uint8_t>(i >= 0 && i < 255 ? i + 1 : 0);
            column.numbers[r] = i >= 0 ? number_of(value) : std::nan("");
            break;
        }
        case Measure::Number: {
            const double v = number_of(value);
            column.numbers[r] = v;
            column.code[r] = static_cast<std::uint8_t>(std::isnan(v) ? 0 : number_band(v) + 1);
            break;
        }
        case Measure::Choices: {
            std::uint64_t bits = 0;
            if (value.is_array()) {
                for (const json& item : value) {
                    const int i = option_index(column, item);
                    if (i >= 0 && i < 64) bits |= std::uint64_t{1} << i;
                }
            }
            column.ticks[r] = bits;
            break;
        }
        case Measure::Ranking: {
            const std::size_t m = column.values.size();
            std::uint8_t* ranks = column.ranks.data() + r * m;
            std::size_t ranked = 0;
            if (value.is_array()) {
                for (std::size_t position = 0; position < value.size() && position < 255; ++position) {
                    const int i = option_index(column, value[position]);
                    if (i < 0 || ranks[i] != 0) continue;
                    ranks[i] = static_cast<std::uint8_t>(++ranked);
                    if (ranked == 1) column.code[r] = static_cast<std::uint8_t>(i + 1);
                }
            }
            if (ranked > 0 && ranked != m) column.full_rankings = false;
            break;
        }
        case Measure::Text:
            column.answered[r] = !value.is_null() && !(value.is_string() && value.get<std::string>().empty());
            break;
        case Measure::Matrix:
            for (Column& row : column.rows) {
                const json* cell = nullptr;
                if (value.is_object()) {
                    const auto found = value.find(row.name);
                    if (found != value.end()) cell = &*found;
                }
                read_answer(row, cell, r);
            }
            break;
    }
}

// Grows or shrinks a column to n responses; new responses have not answered.
void size_column(Column& column, std::size_t n) {
    switch (column.measure) {
        case Measure::Choice: column.code.resize(n, 0); break;
        case Measure::Rating:
        case Measure::Number:
            column.code.resize(n, 0);
            column.numbers.resize(n, std::nan(""));
            break;
        case Measure::Choices: column.ticks.resize(n, 0); break;
        case Measure::Ranking:
            column.code.resize(n, 0);
            column.ranks.resize(n * column.values.size(), 0);
            break;
        case Measure::Text: column.answered.resize(n, 0); break;
        case Measure::Matrix:
            for (Column& row : column.rows) size_column(row, n);
            break;
    }
}

void size_columns(ResponseColumns& columns, std::size_t n) {
    columns.segments.resize(n, 0);
    columns.area.resize(n, static_cast<std::uint8_t>(Area::NotGiven));
    columns.channel.resize(n, 0);
    columns.day.resize(n, 0);
    columns.device.resize(n, 0);
    for (Column& column : columns.questions) size_column(column, n);
}

}  // namespace

ResponseTable::ResponseTable(const survey::Survey& survey, std::unique_ptr<ResponseColumns> columns)
    : survey_(&survey), columns_(std::move(columns)) {}
ResponseTable::ResponseTable(ResponseTable&&) noexcept = default;
ResponseTable& ResponseTable::operator=(ResponseTable&&) noexcept = default;
ResponseTable::~ResponseTable() = default;
std::size_t ResponseTable::size() const { return columns_->size; }
const survey::Survey& ResponseTable::survey() const { return *survey_; }

ResponseTable::Builder::Builder(const survey::Survey& survey, std::size_t capacity, const AreaTable& areas)
    : survey_(&survey), areas_(&areas), columns_(std::make_unique<ResponseColumns>()), capacity_(capacity) {
    for (int q : survey.questions) {
        const Element& element = survey.elements[static_cast<std::size_t>(q)];
        if (counted(element.type)) columns_->questions.push_back(column_for(survey, element));
    }
    size_columns(*columns_, capacity_);
}

ResponseTable::Builder::Builder(Builder&&) noexcept = default;
ResponseTable::Builder::~Builder() = default;

Status ResponseTable::Builder::add(const StoredResponse& response) {
    const survey::Survey& survey = *survey_;
    ResponseColumns& columns = *columns_;
    if (response.survey_id != survey.id) {
        return make_error("response " + response.id + " belongs to survey '" + response.survey_id + "', not '" + survey.id +
                          "'; count each survey on its own");
    }
    const json data = json::parse(response.data_json, nullptr, false);
    if (!data.is_object()) return make_error("response " + response.id + " has answers that are not a JSON object");
    Result<TimePoint> submitted = parse_iso8601(response.submitted_at);
    if (!submitted) return make_error("response " + response.id + " has no valid submission time: " + submitted.error().message);
    const std::size_t r = columns.size;
    if (r == capacity_) {
        capacity_ = std::max<std::size_t>(64, 2 * capacity_);
        size_columns(columns, capacity_);
    }
    ++columns.size;
    const std::string device = response.device_id.empty() ? "this-device" : response.device_id;
    const auto [slot, added] = device_index_.emplace(device, static_cast<std::uint16_t>(columns.devices.size()));
    if (added) columns.devices.push_back(device);
    columns.device[r] = slot->second;
    const auto channel = std::find(kChannels.begin(), kChannels.end(), response.channel);
    columns.channel[r] = static_cast<std::uint8_t>(channel == kChannels.end() ? 0 : channel - kChannels.begin());
    columns.day[r] = static_cast<std::int32_t>(days_from_civil(uk_local_time(*submitted).date));
    if (const auto segment = data.find(kSegmentQuestion); segment != data.end() && segment->is_array()) {
        for (const json& item : *segment) {
            for (int s = 0; s < kSegmentCount; ++s) {
                if (item.is_string() && item.get<std::string>() == kSegments[static_cast<std::size_t>(s)]) columns.segments[r] |= std::uint8_t(1u << s);
            }
        }
    }
    if (const auto district = data.find(kDistrictQuestion); district != data.end() && district->is_string()) {
        columns.area[r] = static_cast<std::uint8_t>(areas_->area_of(district->get<std::string>()));
    }
    for (Column& column : columns.questions) {
        const auto answer = data.find(column.name);
        read_answer(column, answer == data.end() ? nullptr : &*answer, r);
    }
    return Ok{};
}

std::size_t ResponseTable::Builder::size() const { return columns_->size; }

ResponseTable ResponseTable::Builder::finish() && {
    size_columns(*columns_, columns_->size);
    return ResponseTable(*survey_, std::move(columns_));
}

Result<ResponseTable> ResponseTable::build(const survey::Survey& survey, const std::vector<StoredResponse>& responses,
                                           const AreaTable& areas) {
    Builder builder(survey, responses.size(), areas);
    for (const StoredResponse& response : responses) {
        if (Status added = builder.add(response); !added) return added.error();
    }
    return std::move(builder).finish();
}

// --- 4. Counting ----------------------------------------------------------------------------

namespace {

// A table's layout per group: answered, not answered, one count per option, then the sums behind
// means (one for a rating or number, one per item for a ranking), then for a ranking the number
// of people who ranked each item.
struct Layout {
    int options = 0, sums = 0, ranked = 0;
    int width() const { return 2 + options + sums + ranked; }
    int option(int i) const { return 2 + i; }
    int sum(int i) const { return 2 + options + i; }
    int ranked_count(int i) const { return 2 + options + sums + i; }
};

Layout layout_of(const Column& column) {
    Layout layout;
    layout.options = column.measure == Measure::Text ? 0 : static_cast<int>(column.values.size());
    if (column.measure == Measure::Rating || column.measure == Measure::Number) layout.sums = 1;
    if (column.measure == Measure::Ranking) layout.sums = layout.ranked = layout.options;
    return layout;
}

// Counts for one question (or matrix row): per group, Layout::width() numbers. Sums are kept as
// doubles (a number question's values need not be whole); counts are exact.
struct Tally {
    Layout layout;
    std::vector<double> cells;                 // group * width + cell
    std::vector<std::vector<double>> values;   // number questions: each group's values, for the median
    double at(int group, int cell) const { return cells[static_cast<std::size_t>(group * layout.width() + cell)]; }
};

struct Population {
    std::vector<std::uint32_t> members;   // responses that pass the filter
    std::vector<std::array<std::int8_t, 6>> groups;  // per member: its groups, -1 padded
    int group_count = 1;
};

Population population_of(const ResponseColumns& columns, const Filter& filter, bool breakdowns) {
    Population population;
    population.group_count = breakdowns ? kGroupCount : 1;
    for (std::size_t r = 0; r < columns.size; ++r) {
        if (filter.segment >= 0 && !(columns.segments[r] & (1u << filter.segment))) continue;
        if (filter.area >= 0 && columns.area[r] != filter.area) continue;
        if (filter.channel >= 0 && columns.channel[r] != filter.channel) continue;
        std::array<std::int8_t, 6> groups{};
        groups.fill(-1);
        groups[0] = kGroupAll;
        if (breakdowns) {
            int g = 1;
            for (int s = 0; s < kSegmentCount; ++s) {
                if (columns.segments[r] & (1u << s)) groups[static_cast<std::size_t>(g++)] = static_cast<std::int8_t>(kFirstSegmentGroup + s);
            }
            groups[static_cast<std::size_t>(g++)] = static_cast<std::int8_t>(kFirstAreaGroup + columns.area[r]);
            groups[static_cast<std::size_t>(g)] = static_cast<std::int8_t>(kFirstChannelGroup + columns.channel[r]);
        }
        population.members.push_back(static_cast<std::uint32_t>(r));
        population.groups.push_back(groups);
    }
    return population;
}

Tally tally(const Column& column, const Population& population) {
    Tally t;
    t.layout = layout_of(column);
    const int width = t.layout.width();
    t.cells.assign(static_cast<std::size_t>(population.group_count * width), 0.0);
    if (column.measure == Measure::Number) t.values.resize(static_cast<std::size_t>(population.group_count));
    const std::size_t m = column.values.size();
    for (std::size_t i = 0; i < population.members.size(); ++i) {
        const std::size_t r = population.members[i];
        // Which cells this response adds to, once; then the same cells in each of its groups.
        std::array<int, 72> hits;
        int hit_count = 0;
        bool answered = false;
        double sum = 0;
        switch (column.measure) {
            case Measure::Choice:
            case Measure::Rating:
            case Measure::Number:
                if (column.code[r] != 0) {
                    answered = true;
                    hits[static_cast<std::size_t>(hit_count++)] = t.layout.option(column.code[r] - 1);
                    if (t.layout.sums) sum = column.numbers[r];
                }
                break;
            case Measure::Choices:
                if (const std::uint64_t bits = column.ticks[r]) {
                    answered = true;
                    for (std::size_t o = 0; o < m && o < 64; ++o) {
                        if (bits & (std::uint64_t{1} << o)) hits[static_cast<std::size_t>(hit_count++)] = t.layout.option(static_cast<int>(o));
                    }
                }
                break;
            case Measure::Ranking:
                if (column.code[r] != 0) {
                    answered = true;
                    hits[static_cast<std::size_t>(hit_count++)] = t.layout.option(column.code[r] - 1);
                }
                break;
            case Measure::Text: answered = column.answered[r] != 0; break;
            case Measure::Matrix: break;
        }
        for (std::int8_t g : population.groups[i]) {
            if (g < 0) break;
            double* cells = t.cells.data() + static_cast<std::size_t>(g * width);
            cells[answered ? 0 : 1] += 1;
            for (int h = 0; h < hit_count; ++h) cells[hits[static_cast<std::size_t>(h)]] += 1;
            if (!answered) continue;
            if (column.measure == Measure::Rating || column.measure == Measure::Number) cells[t.layout.sum(0)] += sum;
            if (column.measure == Measure::Number) t.values[static_cast<std::size_t>(g)].push_back(column.numbers[r]);
            if (column.measure == Measure::Ranking) {
                const std::uint8_t* ranks = column.ranks.data() + r * m;
                for (std::size_t o = 0; o < m; ++o) {
                    if (ranks[o] == 0) continue;
                    cells[t.layout.sum(static_cast<int>(o))] += ranks[o];
                    cells[t.layout.ranked_count(static_cast<int>(o))] += 1;
                }
            }
        }
    }
    return t;
}

// --- 5. Disclosure --------------------------------------------------------------------------

json cell_json(std::int64_t count, bool suppressed) {
    return suppressed ? json{{"count", nullptr}, {"suppressed", true}} : json{{"count", count}};
}

double one_decimal(double value) { return std::round(value * 10.0) / 10.0; }
double two_decimals(double value) { return std::round(value * 100.0) / 100.0; }

json percent_cell(std::int64_t count, bool suppressed, std::int64_t base, bool base_suppressed) {
    json cell = cell_json(count, suppressed);
    if (suppressed || base_suppressed || base <= 0) cell["percent"] = nullptr;
    else cell["percent"] = one_decimal(100.0 * static_cast<double>(count) / static_cast<double>(base));
    return cell;
}

// The summary's counts: everyone (published: a report needs at least k), each segment, area,
// channel and source. Areas, channels and sources each add up to everyone.
struct Summary {
    std::int64_t total = 0;
    std::array<std::int64_t, kGroupCount> size{};
    std::array<bool, kGroupCount> hidden{};
    std::vector<std::int64_t> source_size;
    std::vector<bool> source_hidden;
};

Summary protect_summary(const ResponseColumns& columns, const Population& population, int k) {
    Summary summary;
    summary.total = static_cast<std::int64_t>(population.members.size());
    summary.source_size.assign(columns.devices.size(), 0);
    std::array<std::int64_t, kGroupCount> size{};
    for (std::uint32_t r : population.members) {
        for (int s = 0; s < kSegmentCount; ++s) {
            if (columns.segments[r] & (1u << s)) ++size[static_cast<std::size_t>(kFirstSegmentGroup + s)];
        }
        ++size[static_cast<std::size_t>(kFirstAreaGroup + columns.area[r])];
        ++size[static_cast<std::size_t>(kFirstChannelGroup + columns.channel[r])];
        ++summary.source_size[columns.device[r]];
    }
    size[kGroupAll] = summary.total;
    DisclosureProblem problem;
    const int everyone = problem.add_cell(summary.total, CellKind::Count, false, true);
    std::array<int, kGroupCount> cell{};
    cell[kGroupAll] = everyone;
    for (int g = 1; g < kGroupCount; ++g) cell[static_cast<std::size_t>(g)] = problem.add_cell(size[static_cast<std::size_t>(g)]);
    std::vector<int> source_cells;
    for (std::int64_t count : summary.source_size) source_cells.push_back(problem.add_cell(count));
    const auto add_parts = [&](int first, int count) {
        std::vector<std::pair<int, std::int64_t>> terms{{everyone, -1}};
        for (int g = first; g < first + count; ++g) terms.emplace_back(cell[static_cast<std::size_t>(g)], 1);
        problem.add_equation(std::move(terms));
    };
    add_parts(kFirstAreaGroup, kAreaCount);
    add_parts(kFirstChannelGroup, kChannelCount);
    std::vector<std::pair<int, std::int64_t>> sources{{everyone, -1}};
    for (int c : source_cells) sources.emplace_back(c, 1);
    problem.add_equation(std::move(sources));
    // The summary's only fixed cell is everyone, so protection always succeeds; if it ever did
    // not, hiding every part is still safe.
    const bool withheld = !problem.protect(k);
    summary.size = size;
    for (int g = 1; g < kGroupCount; ++g) summary.hidden[static_cast<std::size_t>(g)] = withheld || problem.suppressed(cell[static_cast<std::size_t>(g)]);
    for (int c : source_cells) summary.source_hidden.push_back(withheld || problem.suppressed(c));
    return summary;
}

// One question's (or matrix row's) counts in every group, protected together: within a group the
// options add up to those who answered, and those who answered and did not add up to the group;
// across groups the areas, and the channels, add up to everyone. A mean's sum is withheld when
// fewer than k answered, and is in the equations (ratings: the options weighted by their values)
// so a published mean can never give a suppressed count away.
struct ProtectedTally {
    std::vector<int> cell;        // group * width + cell -> problem cell
    std::vector<char> hidden;     // group * width + cell -> suppressed
};

ProtectedTally protect_tally(const Column& column, const Tally& t, const Summary& summary, int group_count, int k) {
    const Layout& layout = t.layout;
    const int width = layout.width();
    DisclosureProblem problem;
    ProtectedTally out;
    out.cell.assign(static_cast<std::size_t>(group_count * width), -1);
    const auto id = [&](int g, int c) -> int& { return out.cell[static_cast<std::size_t>(g * width + c)]; };
    std::vector<int> base(static_cast<std::size_t>(group_count));
    for (int g = 0; g < group_count; ++g) {
        base[static_cast<std::size_t>(g)] = problem.add_cell(summary.size[static_cast<std::size_t>(g)], CellKind::Count,
                                                              summary.hidden[static_cast<std::size_t>(g)], true);
        const double answered = t.at(g, 0);
        for (int c = 0; c < width; ++c) {
            const bool is_sum = c >= layout.sum(0) && c < layout.sum(0) + layout.sums;
            const bool is_ranked = layout.ranked && c >= layout.ranked_count(0);
            const double value = t.at(g, c);
            if (is_sum) {
                const double base_count = layout.ranked ? t.at(g, layout.ranked_count(c - layout.sum(0))) : answered;
                id(g, c) = problem.add_cell(static_cast<std::int64_t>(std::llround(value)), CellKind::Sum, base_count < k);
            } else if (is_ranked) {
                // Not published, so never a clue: how many ranked each item (all who answered, when
                // rankings are whole).
                id(g, c) = problem.add_cell(static_cast<std::int64_t>(value), CellKind::Count, true, true);
            } else {
                id(g, c) = problem.add_cell(static_cast<std::int64_t>(value));
            }
        }
        problem.add_equation({{id(g, 0), 1}, {id(g, 1), 1}, {base[static_cast<std::size_t>(g)], -1}});
        if (column.measure == Measure::Choice || column.measure == Measure::Rating || column.measure == Measure::Number ||
            column.measure == Measure::Ranking) {
            std::vector<std::pair<int, std::int64_t>> terms{{id(g, 0), -1}};
            for (int o = 0; o < layout.options; ++o) terms.emplace_back(id(g, layout.option(o)), 1);
            problem.add_equation(std::move(terms));
        }
        if (column.measure == Measure::Rating && !column.weights.empty()) {
            std::vector<std::pair<int, std::int64_t>> terms{{id(g, layout.sum(0)), -1}};
            for (int o = 0; o < layout.options; ++o) terms.emplace_back(id(g, layout.option(o)), column.weights[static_cast<std::size_t>(o)]);
            problem.add_equation(std::move(terms));
        }
        if (column.measure == Measure::Ranking && column.full_rankings) {
            const std::int64_t m = layout.options;
            std::vector<std::pair<int, std::int64_t>> terms{{id(g, 0), -(m * (m + 1) / 2)}};
            for (int o = 0; o < layout.options; ++o) terms.emplace_back(id(g, layout.sum(o)), 1);
            problem.add_equation(std::move(terms));
        }
    }
    if (group_count == kGroupCount) {
        for (int c = 0; c < width; ++c) {
            for (const auto& [first, count] : {std::pair{kFirstAreaGroup, kAreaCount}, std::pair{kFirstChannelGroup, kChannelCount}}) {
                std::vector<std::pair<int, std::int64_t>> terms{{id(kGroupAll, c), -1}};
                for (int g = first; g < first + count; ++g) terms.emplace_back(id(g, c), 1);
                problem.add_equation(std::move(terms));
            }
        }
    }
    // When no pattern of suppression protects the small counts, the whole table is withheld.
    const bool withheld = !problem.protect(k);
    out.hidden.resize(out.cell.size());
    for (std::size_t i = 0; i < out.cell.size(); ++i) out.hidden[i] = withheld || problem.suppressed(out.cell[i]);
    return out;
}

// --- 6. Writing the report JSON -------------------------------------------------------------

double median_of_distribution(const Column& column, const Tally& t, int g) {
    const double answered = t.at(g, 0);
    double seen = 0;
    double lower = std::nan("");
    for (int o = 0; o < t.layout.options; ++o) {
        seen += t.at(g, t.layout.option(o));
        const double value = std::strtod(column.values[static_cast<std::size_t>(o)].c_str(), nullptr);
        if (std::isnan(lower) && seen >= answered / 2.0) {
            lower = value;
            if (seen > answered / 2.0 || static_cast<std::int64_t>(answered) % 2 == 1) return value;
        } else if (!std::isnan(lower) && seen > answered / 2.0) {
            return (lower + value) / 2.0;
        }
    }
    return lower;
}

double median_of_values(std::vector<double> values) {
    if (values.empty()) return std::nan("");
    const std::size_t mid = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
    const double upper = values[mid];
    if (values.size() % 2 == 1) return upper;
    const double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
    return (lower + upper) / 2.0;
}

json group_json(const Column& column, const Tally& t, const ProtectedTally& p, int g, const Summary& summary) {
    const Layout& layout = t.layout;
    const int width = layout.width();
    const auto count = [&](int c) { return static_cast<std::int64_t>(t.at(g, c)); };
    const auto hidden = [&](int c) { return p.hidden[static_cast<std::size_t>(g * width + c)] != 0; };
    json group = json::object();
    group["respondents"] = cell_json(summary.size[static_cast<std::size_t>(g)], summary.hidden[static_cast<std::size_t>(g)]);
    group["answered"] = cell_json(count(0), hidden(0));
    group["not_answered"] = cell_json(count(1), hidden(1));
    if (layout.options > 0) {
        json options = json::array();
        for (int o = 0; o < layout.options; ++o) {
            json cell = percent_cell(count(layout.option(o)), hidden(layout.option(o)), count(0), hidden(0));
            cell["value"] = column.values[static_cast<std::size_t>(o)];
            options.push_back(std::move(cell));
        }
        group["options"] = std::move(options);
    }
    if (column.measure == Measure::Rating || column.measure == Measure::Number) {
        const bool shown = !hidden(0) && !hidden(layout.sum(0)) && count(0) > 0;
        group["mean"] = shown ? json(two_decimals(t.at(g, layout.sum(0)) / t.at(g, 0))) : json(nullptr);
        double median = std::nan("");
        if (shown) {
            median = column.measure == Measure::Rating ? median_of_distribution(column, t, g)
                                                       : median_of_values(t.values[static_cast<std::size_t>(g)]);
        }
        group["median"] = std::isnan(median) ? json(nullptr) : json(two_decimals(median));
    }
    if (column.measure == Measure::Ranking) {
        json ranks = json::array();
        for (int o = 0; o < layout.options; ++o) {
            const double ranked = t.at(g, layout.ranked_count(o));
            const bool shown = !hidden(0) && !hidden(layout.sum(o)) && ranked > 0;
            ranks.push_back(shown ? json(two_decimals(t.at(g, layout.sum(o)) / ranked)) : json(nullptr));
        }
        group["mean_rank"] = std::move(ranks);
    }
    return group;
}

json options_json(const Column& column) {
    json options = json::array();
    for (std::size_t i = 0; i < column.values.size(); ++i) options.push_back({{"value", column.values[i]}, {"label", column.labels[i]}});
    return options;
}

std::string group_key(int g) {
    if (g >= kFirstChannelGroup) return std::string(kChannels[static_cast<std::size_t>(g - kFirstChannelGroup)]);
    if (g >= kFirstAreaGroup) return std::string(area_key(static_cast<Area>(g - kFirstAreaGroup)));
    return std::string(kSegments[static_cast<std::size_t>(g - kFirstSegmentGroup)]);
}

struct Counted {
    Tally tally;
    ProtectedTally protection;
};

// "all", and with breakdowns "by_segment", "by_area", "by_channel", for one tallied column.
Counted add_groups(json& into, const Column& column, const Population& population, const Summary& summary, int k) {
    Counted counted{tally(column, population), {}};
    const Tally& t = counted.tally;
    counted.protection = protect_tally(column, t, summary, population.group_count, k);
    const ProtectedTally& p = counted.protection;
    into["all"] = group_json(column, t, p, kGroupAll, summary);
    if (population.group_count == 1) return counted;
    for (const auto& [key, first, count] : {std::tuple{"by_segment", kFirstSegmentGroup, kSegmentCount},
                                            std::tuple{"by_area", kFirstAreaGroup, kAreaCount},
                                            std::tuple{"by_channel", kFirstChannelGroup, kChannelCount}}) {
        json groups = json::object();
        for (int g = first; g < first + count; ++g) groups[group_key(g)] = group_json(column, t, p, g, summary);
        into[key] = std::move(groups);
    }
    return counted;
}

const Column* find_column(const ResponseColumns& columns, std::string_view name) {
    for (const Column& column : columns.questions) {
        if (column.name == name) return &column;
    }
    return nullptr;
}

// A cross-tab of two single-choice questions, with "not answered" as the last row and column so
// the totals are everyone. Its totals are the two questions' own published counts, with the
// suppression the report gave them; only the inner cells can be suppressed here.
json crosstab_json(const Column& rows, const Counted& row_counts, const Column& cols, const Counted& col_counts,
                   const Population& population, const Summary& summary, int k) {
    const Tally& row_tally = row_counts.tally;
    const Tally& col_tally = col_counts.tally;
    const ProtectedTally& row_p = row_counts.protection;
    const ProtectedTally& col_p = col_counts.protection;
    const int nr = static_cast<int>(rows.values.size()) + 1, nc = static_cast<int>(cols.values.size()) + 1;
    std::vector<std::int64_t> inner(static_cast<std::size_t>(nr * nc), 0);
    for (std::uint32_t r : population.members) {
        const int a = rows.code[r] == 0 ? nr - 1 : rows.code[r] - 1;
        const int b = cols.code[r] == 0 ? nc - 1 : cols.code[r] - 1;
        ++inner[static_cast<std::size_t>(a * nc + b)];
    }
    DisclosureProblem problem;
    const int total = problem.add_cell(summary.total, CellKind::Count, false, true);
    const auto margin = [&](const Tally& t, const ProtectedTally& p, int i, int n) {
        const int c = i == n - 1 ? 1 : t.layout.option(i);
        return problem.add_cell(static_cast<std::int64_t>(t.at(0, c)), CellKind::Count, p.hidden[static_cast<std::size_t>(c)] != 0, true);
    };
    std::vector<int> row_total, col_total, cell(inner.size());
    for (int a = 0; a < nr; ++a) row_total.push_back(margin(row_tally, row_p, a, nr));
    for (int b = 0; b < nc; ++b) col_total.push_back(margin(col_tally, col_p, b, nc));
    for (std::size_t i = 0; i < inner.size(); ++i) cell[i] = problem.add_cell(inner[i]);
    std::vector<std::pair<int, std::int64_t>> all_rows{{total, -1}}, all_cols{{total, -1}};
    for (int a = 0; a < nr; ++a) {
        std::vector<std::pair<int, std::int64_t>> terms{{row_total[static_cast<std::size_t>(a)], -1}};
        for (int b = 0; b < nc; ++b) terms.emplace_back(cell[static_cast<std::size_t>(a * nc + b)], 1);
        problem.add_equation(std::move(terms));
        all_rows.emplace_back(row_total[static_cast<std::size_t>(a)], 1);
    }
    for (int b = 0; b < nc; ++b) {
        std::vector<std::pair<int, std::int64_t>> terms{{col_total[static_cast<std::size_t>(b)], -1}};
        for (int a = 0; a < nr; ++a) terms.emplace_back(cell[static_cast<std::size_t>(a * nc + b)], 1);
        problem.add_equation(std::move(terms));
        all_cols.emplace_back(col_total[static_cast<std::size_t>(b)], 1);
    }
    problem.add_equation(std::move(all_rows));
    problem.add_equation(std::move(all_cols));
    const bool withheld = !problem.protect(k);
    const auto out = [&](int c) {
        const bool is_margin = c == total || c < total + 1 + nr + nc;  // the totals keep the questions' own suppression
        return cell_json(problem.value(c), problem.suppressed(c) || (withheld && !is_margin));
    };
    json table = {{"rows", rows.name}, {"columns", cols.name}, {"total", out(total)}};
    json row_options = rows.values, col_options = cols.values;
    row_options.push_back("not_answered");
    col_options.push_back("not_answered");
    table["row_options"] = std::move(row_options);
    table["column_options"] = std::move(col_options);
    json cells = json::array(), row_totals = json::array(), col_totals = json::array();
    for (int a = 0; a < nr; ++a) {
        json line = json::array();
        for (int b = 0; b < nc; ++b) line.push_back(out(cell[static_cast<std::size_t>(a * nc + b)]));
        cells.push_back(std::move(line));
        row_totals.push_back(out(row_total[static_cast<std::size_t>(a)]));
    }
    for (int b = 0; b < nc; ++b) col_totals.push_back(out(col_total[static_cast<std::size_t>(b)]));
    table["cells"] = std::move(cells);
    table["row_totals"] = std::move(row_totals);
    table["column_totals"] = std::move(col_totals);
    return table;
}

json summary_list(const Summary& summary, int first, int count, const auto& label_of) {
    json list = json::array();
    for (int g = first; g < first + count; ++g) {
        json cell = percent_cell(summary.size[static_cast<std::size_t>(g)], summary.hidden[static_cast<std::size_t>(g)], summary.total, false);
        cell["value"] = group_key(g);
        cell["label"] = std::string(label_of(g - first));
        list.push_back(std::move(cell));
    }
    return list;
}

}  // namespace

Result<json> make_report(const ResponseTable& table, const ReportOptions& options) {
    const int k = options.k;
    if (k < kMinimumK) {
        return make_error("k must be at least " + std::to_string(kMinimumK) + " (it was " + std::to_string(k) +
                          "): smaller counts would let people be recognised");
    }
    const ResponseColumns& columns = table.columns();
    const survey::Survey& survey = table.survey();
    const Population population = population_of(columns, options.filter, options.breakdowns);
    const std::int64_t n = static_cast<std::int64_t>(population.members.size());
    if (n < k) {
        return make_error("only " + std::to_string(n) + (n == 1 ? " response matches" : " responses match") +
                          "; a report needs at least k=" + std::to_string(k) + " so that no count points at anyone");
    }
    std::vector<std::pair<const Column*, const Column*>> crosstabs;
    for (const auto& [row_name, col_name] : options.crosstabs) {
        const Column* rows = find_column(columns, row_name);
        const Column* cols = find_column(columns, col_name);
        for (const auto& [column, name] : {std::pair{rows, row_name}, std::pair{cols, col_name}}) {
            if (!column) return make_error("the survey has no question '" + name + "' to cross-tabulate");
            if (column->measure != Measure::Choice && column->measure != Measure::Rating) {
                return make_error("'" + name + "' is a " + column->type + " question; a cross-tab needs two single-choice questions");
            }
        }
        crosstabs.emplace_back(rows, cols);
    }

    const Summary summary = protect_summary(columns, population, k);
    json report = json::object();
    report["format"] = "canvass.report";
    report["format_version"] = kReportFormatVersion;
    report["survey"] = {{"id", survey.id}, {"title", survey.title.get("")}, {"version", survey.version}};
    report["generated"] = options.generated_day;
    std::int32_t first = INT32_MAX, last = INT32_MIN;
    for (std::uint32_t r : population.members) {
        first = std::min(first, columns.day[r]);
        last = std::max(last, columns.day[r]);
    }
    const auto day_text = [](std::int32_t day) { return format_day(TimePoint{std::int64_t{day} * 86'400'000}); };
    report["period"] = {{"first", day_text(first)}, {"last", day_text(last)}};
    report["response_count"] = n;
    json sources = json::array();
    for (std::size_t d = 0; d < columns.devices.size(); ++d) {
        if (summary.source_size[d] == 0) continue;
        sources.push_back({{"id", columns.devices[d]}, {"responses", cell_json(summary.source_size[d], summary.source_hidden[d])}});
    }
    report["sources"] = std::move(sources);
    report["suppression"] = {{"k", k}, {"method", kMethod}};
    report["notes"] = json::array({
        "Someone can answer as more than one of resident, business and commuter, so the segment columns can add up to more than the total.",
        "Counts from 1 to " + std::to_string(k - 1) + " are not shown, and some larger ones are hidden too, so that no hidden count can be worked out from the totals.",
        "Free-text answers are never included: only how many people wrote something.",
    });
    const auto segment_label = [&](int s) -> std::string {
        const int q = survey.find_question(kSegmentQuestion);
        if (q >= 0) {
            for (const survey::Choice& choice : survey.elements[static_cast<std::size_t>(q)].choices) {
                if (choice.value.is_string() && choice.value.get<std::string>() == kSegments[static_cast<std::size_t>(s)]) {
                    return text_of(choice.text, choice.value);
                }
            }
        }
        return std::string(kSegments[static_cast<std::size_t>(s)]);
    };
    report["summary"] = {
        {"segments", summary_list(summary, kFirstSegmentGroup, kSegmentCount, segment_label)},
        {"areas", summary_list(summary, kFirstAreaGroup, kAreaCount, [](int a) { return area_label(static_cast<Area>(a)); })},
        {"channels", summary_list(summary, kFirstChannelGroup, kChannelCount, [](int c) { return kChannelLabels[static_cast<std::size_t>(c)]; })},
    };
    json questions = json::array();
    std::map<const Column*, Counted> counted_columns;
    for (const Column& column : columns.questions) {
        json question = {{"name", column.name}, {"title", column.title}, {"type", column.type},
                         {"measure", std::string(measure_name(column.measure))}};
        if (column.measure != Measure::Text) question["options"] = options_json(column);
        if (column.measure == Measure::Matrix) {
            json rows = json::array();
            for (const Column& row : column.rows) {
                json part = {{"value", row.name}, {"label", row.title}};
                add_groups(part, row, population, summary, k);
                rows.push_back(std::move(part));
            }
            question["rows"] = std::move(rows);
        } else {
            counted_columns.emplace(&column, add_groups(question, column, population, summary, k));
        }
        questions.push_back(std::move(question));
    }
    report["questions"] = std::move(questions);
    json tables = json::array();
    for (const auto& [rows, cols] : crosstabs) {
        tables.push_back(crosstab_json(*rows, counted_columns.find(rows)->second, *cols, counted_columns.find(cols)->second, population, summary, k));
    }
    report["crosstabs"] = std::move(tables);
    return report;
}

std::string write_report(const json& report) {
    return report.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace canvass::results
