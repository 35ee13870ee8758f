// Merging kiosk bundles for the Board's analyst, and checking each response against the survey
// it claims to answer before anything is counted. Pure: bundles in, a bundle or a located error
// out (the error names the file and the place in it).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/store/bundle.h"
#include "core/survey/model.h"

namespace canvass::results {

struct BundleFile {
    std::string name;  // as the user gave it: error messages name it
    ResponseBundle bundle;
};

// One bundle holding every response once. The same response (same id, same content) in several
// bundles, or the same bundle twice, counts once; the same id with different content is refused,
// because nothing says which copy is right. Every response must answer the same survey and the
// same survey version. The result's device_id is "merged", each response keeps its own device,
// responses are ordered by submission time then id, and exported_at is the latest of the inputs',
// so merging the same files always gives the same bytes.
Result<ResponseBundle> merge_bundles(const std::vector<BundleFile>& files);

// Checks that every response in `file` answers `survey` as it is: the same survey and version,
// only its questions (and their Other texts), only answers it offers, only questions the
// respondent could see, and complete. `now_ms` feeds any today() in the survey's rules.
Status check_bundle_against_survey(const survey::Survey& survey, const BundleFile& file, std::int64_t now_ms);

// The same check for one response, listing up to `max_problems` problems instead of the first
// (the collector answers a rejected response with every reason at once, so a client fixes them
// in one go). Each error's location is `place` + ".data.QUESTION" (or ".survey_version",
// ".data"); an empty `place` gives "data.QUESTION". Empty when the response fits.
std::vector<Error> response_problems(const survey::Survey& survey, const StoredResponse& response, const std::string& place,
                                     std::int64_t now_ms, std::size_t max_problems = 20);

}  // namespace canvass::results
