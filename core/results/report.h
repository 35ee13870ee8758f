// Results: the compact columns built once from stored responses, the aggregates and breakdowns
// computed from them, and the canvass.report JSON (docs/reports.md) with statistical disclosure
// control applied (core/results/disclosure.h). Pure: responses and the survey in, JSON out.
//
// Sections: 1. The columns (ResponseTable); 2. Making a report; 3. Reading a report.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/results/areas.h"
#include "core/store/response_store.h"
#include "core/survey/model.h"

namespace canvass::results {

inline constexpr int kReportFormatVersion = 1;
inline constexpr int kDefaultK = 10;  // the ONS threshold rule
inline constexpr int kMinimumK = 3;

// --- 1. The columns -------------------------------------------------------------------------

// Segment bits, as the `segment` question's values: resident, business, commuter.
inline constexpr int kSegmentCount = 3;
std::string_view segment_key(int segment);
inline constexpr int kChannelCount = 4;  // online, kiosk, paper, phone
std::string_view channel_key(int channel);

// Who a result counts: every respondent, or those of one segment, area and/or channel.
struct Filter {
    int segment = -1;  // -1: any; else an index into the segments
    int area = -1;     // -1: any; else an Area
    int channel = -1;  // -1: any
    bool operator==(const Filter&) const = default;
};

struct ResponseColumns;  // report.cpp: one compact column per question, built once

// Every answer of every response, parsed once into compact columns (a byte per response for
// a choice, a bit mask for ticks): changing a filter re-counts the columns and never re-reads
// any JSON. Responses to another survey version are counted by question name.
class ResponseTable {
public:
    static Result<ResponseTable> build(const survey::Survey& survey, const std::vector<StoredResponse>& responses,
                                       const AreaTable& areas = AreaTable::shipped());
    ResponseTable(ResponseTable&&) noexcept;
    ResponseTable& operator=(ResponseTable&&) noexcept;
    ~ResponseTable();

    std::size_t size() const;
    const survey::Survey& survey() const;
    const ResponseColumns& columns() const { return *columns_; }

    // The columns a response at a time (build is made of this), so the browser can count a large
    // import a slice at a time. `capacity` is how many responses are expected (more may come).
    class Builder {
    public:
        Builder(const survey::Survey& survey, std::size_t capacity, const AreaTable& areas = AreaTable::shipped());
        Builder(Builder&&) noexcept;
        ~Builder();
        Status add(const StoredResponse& response);
        std::size_t size() const;
        ResponseTable finish() &&;

    private:
        const survey::Survey* survey_;
        const AreaTable* areas_;
        std::unique_ptr<ResponseColumns> columns_;
        std::map<std::string, std::uint16_t, std::less<>> device_index_;
        std::size_t capacity_;
    };

private:
    ResponseTable(const survey::Survey& survey, std::unique_ptr<ResponseColumns> columns);
    const survey::Survey* survey_;
    std::unique_ptr<ResponseColumns> columns_;
};

// --- 2. Making a report ---------------------------------------------------------------------

struct ReportOptions {
    int k = kDefaultK;
    std::string generated_day;   // YYYY-MM-DD (UK day): passed in, core reads no clock
    Filter filter;               // the dashboard's filters; a Board report uses none
    bool breakdowns = true;      // by_segment, by_area, by_channel in each question
    std::vector<std::pair<std::string, std::string>> crosstabs;  // (rows, columns) question names
};

// The canvass.report JSON for the responses that pass the filter, with disclosure control
// applied. Refused with a clear message when k is below kMinimumK, when fewer than k responses
// pass the filter, or when a cross-tab names a question that is not single-choice.
Result<nlohmann::json> make_report(const ResponseTable& table, const ReportOptions& options);

// The report's text: two-space indented, keys in alphabetical order, a newline at the end;
// the same report always gives the same bytes.
std::string write_report(const nlohmann::json& report);

// --- 3. Reading a report --------------------------------------------------------------------

inline constexpr std::size_t kMaxReportBytes = 32 * 1024 * 1024;

// Reads and checks a report (the format, its version, every cell and every key the format has),
// so the dashboard and `canvass report` can trust what they draw. Errors name `file_name` and the
// place in it ("questions[3].all.options[2].count").
Result<nlohmann::json> read_report(std::string_view text, std::string_view file_name);

}  // namespace canvass::results
