// The raw responses as a spreadsheet for staff and the Board's analyst: one row per response,
// one column per question or choice (docs/reports.md, "Raw CSV"). Unlike a Board report this is
// personal data (free text holds whatever people typed), so the file says so in its first row.
// Pure: the survey and responses in, the file's bytes out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/store/response_store.h"
#include "core/survey/model.h"

namespace canvass::results {

// The first row's only cell: whoever opens the file sees what it is before any answer.
inline constexpr std::string_view kRawCsvMarker =
    "PERSONAL DATA - for Canvass staff only. Do not share or publish. Delete when no longer needed (see the privacy notice).";

// The whole CSV file: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting; the marker
// row, the header row, then one row per response in the order given. Columns: response_id,
// survey_version, submitted, channel, locale, device, then per question in survey order (html,
// expression and panels have none):
//   radiogroup, dropdown, boolean, rating, text, comment: NAME, the value as text
//     (and NAME-Comment, the Other text, when the question shows Other);
//   checkbox: NAME/VALUE per choice (then NAME/other, NAME/none when shown), 1 or empty,
//     and NAME-Comment when it shows Other;
//   ranking: NAME/VALUE per item, its rank 1..n or empty;
//   matrix: NAME/ROW per row, the chosen column's value.
// Answers under names the survey does not have (another version of it) are not written, nor
// ticks or ranks of items it does not list. A text cell that a spreadsheet would read as a
// formula is prefixed with a single quote.
std::string write_raw_csv(const survey::Survey& survey, const std::vector<StoredResponse>& responses);

}  // namespace canvass::results
