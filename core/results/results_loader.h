// Loading results for the dashboard a slice at a time: a kiosk's own responses and any bundles
// its staff import (docs/dashboard.md, "Importing kiosk files"), read, checked against the
// survey, merged and counted into a ResponseTable. 100,000 responses take seconds in a browser,
// so the host calls step() a few milliseconds a frame and draws progress() meanwhile.
//
// The rules are the CLI's: each file is read as `canvass merge` reads it (BundleReader), each
// response is checked as `canvass aggregate` checks it, and the files and this kiosk's own
// responses are merged as `canvass merge` merges them (the same response twice counts once; the
// same id with different content, or two survey versions, is refused). The first problem stops
// the load, names the file and the place, and nothing already on screen or stored changes.
// With no files, the kiosk's own responses are counted as they are, as "View results" always has.
//
// Pure: text in memory in, a table or a located error out; no clock (now_ms feeds the survey's
// today()).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/results/merge.h"
#include "core/results/report.h"
#include "core/store/bundle_reader.h"

namespace canvass::results {

struct ImportedFile {
    std::string name;
    std::shared_ptr<const std::string> text;
};

struct LoaderProgress {
    std::string stage;  // "Reading kiosk-3.json", "Checking kiosk-3.json against the survey"
    double fraction = 0;  // of the whole load, 0 to 1
};

// What a finished load gives the dashboard.
struct LoadedResults {
    std::shared_ptr<const ResponseTable> table;
    struct FileCount {
        std::string name;
        std::size_t responses = 0;  // in the file
        std::size_t added = 0;      // not already counted (from this kiosk, or an earlier file)
    };
    std::vector<FileCount> files;
};

class ResultsLoader {
public:
    // `survey` must stay alive as long as the table made from it (the dashboard keeps it).
    // `own` is this device's responses (device_id set to the kiosk's id).
    ResultsLoader(std::shared_ptr<const survey::Survey> survey, std::vector<StoredResponse> own, std::vector<ImportedFile> files,
                  std::int64_t now_ms);

    // About `budget` units of work (a kilobyte scanned, or one response read, checked or
    // counted); returns whether the load has finished.
    bool step(std::size_t budget);
    bool finished() const { return stage_ == Stage::Done; }
    LoaderProgress progress() const;

    // Once finished: the table, or the first problem found.
    Result<LoadedResults> take();

    // This device's responses, as the merge names them in messages.
    static constexpr const char* kOwnName = "this kiosk's responses";

private:
    enum class Stage { Own, Read, Check, Merge, Done };
    void fail(Error error);
    void next_file();
    void count(const StoredResponse& response);

    std::shared_ptr<const survey::Survey> survey_;
    std::int64_t now_ms_;
    std::vector<ImportedFile> sources_;
    std::vector<BundleFile> files_;  // the kiosk's own first (when there are imports), then each file read so far
    std::vector<LoadedResults::FileCount> counts_;
    std::size_t own_count_ = 0;
    std::optional<BundleReader> reader_;
    std::size_t next_source_ = 0;  // the file being read: sources_[next_source_ - 1]
    std::size_t at_ = 0;           // the response being checked, merged or counted
    BundleMerger merger_;
    std::optional<ResponseTable::Builder> builder_;
    Stage stage_ = Stage::Own;
    std::optional<Error> error_;
};

}  // namespace canvass::results
