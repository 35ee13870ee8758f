// Merging kiosk bundles for the Board's analyst, and checking each response against the survey
// it claims to answer before anything is counted. Pure: bundles in, a bundle or a located error
// out (the error names the file and the place in it).
#pragma once

#include <cstdint>
#include <map>
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

// merge_bundles one response at a time (it is built on this), so the browser can merge a large
// import a slice at a time. The files must outlive the merger.
class BundleMerger {
public:
    // The next file: of the same survey as the first one.
    Status begin_file(const BundleFile& file);
    // The current file's response `index`: true when it is new, false when the same response
    // was added before; an error when it cannot be merged (another version, the same id with
    // different content).
    Result<bool> add(std::size_t index);
    // Every response once, ordered by submission time then id.
    ResponseBundle finish() &&;

private:
    struct Origin {
        const StoredResponse* response;
        std::string file;
        std::size_t index;
    };
    ResponseBundle merged_;
    const BundleFile* first_file_ = nullptr;
    const BundleFile* file_ = nullptr;
    std::map<std::string, Origin> by_id_;
    const Origin* version_source_ = nullptr;
};

// Checks that every response in `file` answers `survey` as it is: the same survey and version,
// only its questions (and their Other texts), only answers it offers, only questions the
// respondent could see, and complete. `now_ms` feeds any today() in the survey's rules.
Status check_bundle_against_survey(const survey::Survey& survey, const BundleFile& file, std::int64_t now_ms);
// The same, in pieces: that the bundle is of the survey, then each response on its own.
Status check_bundle_survey(const survey::Survey& survey, const BundleFile& file);
Status check_response_against_survey(const survey::Survey& survey, const BundleFile& file, std::size_t index, std::int64_t now_ms);

// The same check for one response, listing up to `max_problems` problems instead of the first
// (the collector answers a rejected response with every reason at once, so a client fixes them
// in one go). Each error's location is `place` + ".data.QUESTION" (or ".survey_version",
// ".data"); an empty `place` gives "data.QUESTION". Empty when the response fits.
std::vector<Error> response_problems(const survey::Survey& survey, const StoredResponse& response, const std::string& place,
                                     std::int64_t now_ms, std::size_t max_problems = 20);

}  // namespace canvass::results
