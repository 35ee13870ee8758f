// The printable Board report: a canvass.report (docs/reports.md) as one self-contained HTML page
// a Board member opens by double-click or prints on A4. No scripts and nothing fetched: inline
// CSS, inline SVG bar charts, and a real table of the same numbers beside each chart. Pure.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace canvass::results {

// What a suppressed count reads as, in charts and tables: never 0, never a number of its own.
// (A hidden total whose published parts already reach k reads "at least 47" instead, so that a
// total never reads as smaller than its own parts; that figure is only arithmetic on what is
// published, so it gives nothing away.)
inline constexpr const char* kSuppressedText = "fewer than";  // followed by k: "fewer than 10"

// The page for a report that read_report accepted (anything else renders what it can, never
// throws). Every string from the report is HTML-escaped; the same report gives the same bytes.
std::string render_report_html(const nlohmann::json& report);

}  // namespace canvass::results
