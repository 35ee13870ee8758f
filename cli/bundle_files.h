// What the results commands share: reading the bundles named on the command line, loading the
// survey, and writing an output file whole or not at all.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "core/results/merge.h"
#include "core/survey/model.h"

namespace canvass::cli {

// Reads and strictly checks each bundle; the error names the file and the place in it.
Result<std::vector<results::BundleFile>> read_bundle_files(const std::vector<std::string>& paths);

// Loads a survey file; an invalid survey is refused, naming the file.
Result<survey::Survey> read_survey_file(const std::string& path);

// Writes `text` to `path` through a temporary file in the same folder renamed over it, so a full
// disk or a crash never leaves half a file; "-" writes to standard output.
Status write_output_file(const std::string& path, const std::string& text);

}  // namespace canvass::cli
