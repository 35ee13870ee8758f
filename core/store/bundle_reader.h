// Reading a large canvass.responses bundle a slice at a time, so a browser importing 100,000
// responses keeps drawing its progress bar: parsing the whole file in one call would stop the
// page for seconds. Pure: the text is in memory, and each step does a bounded amount of work.
//
// It accepts exactly what read_bundle accepts and gives the same bundle. A well-formed file is
// read piecewise: a light scan finds where each response starts and ends, the rest of the file
// (the bundle's own fields) is read once, and each response is parsed on its own. Anything else,
// including every error, is handed to read_bundle itself, so a refusal names the file and the
// place exactly as `canvass merge` does. Only the error path is slow.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/store/bundle.h"

namespace canvass {

class BundleReader {
public:
    BundleReader(std::shared_ptr<const std::string> text, std::string file_name);

    // Does about `budget` units of work (a unit is a kilobyte scanned or one response read) and
    // returns whether the reading has finished, with the bundle or the error.
    bool step(std::size_t budget);
    bool finished() const { return stage_ == Stage::Done; }
    // 0 to 1, by the work done so far (the scan counts for a quarter).
    double fraction() const;
    const std::string& file_name() const { return file_name_; }

    // Once finished: the bundle, or why the file cannot be used.
    Result<ResponseBundle> take();

private:
    enum class Stage { Scan, Head, Responses, Done };
    void scan(std::size_t bytes);
    void read_head();
    void read_responses(std::size_t count);
    void give_up();  // something unusual: read_bundle decides, in one go
    void finish(Result<ResponseBundle> result);

    std::shared_ptr<const std::string> text_;
    std::string file_name_;
    Stage stage_ = Stage::Scan;

    // The scan: where it is, and what it has found.
    struct Scan {
        std::size_t at = 0;
        int depth = 0;
        bool in_string = false, escaped = false;
        bool expect_key = false;      // depth 1: the next string is a member's name
        bool after_value = false;     // depth 1: a member's value ended; a comma or } follows
        std::size_t key_begin = 0;    // the current member name's text, quotes excluded
        std::string key;
        bool responses_seen = false;  // the file has one "responses" member
        bool in_responses = false;    // inside its array (depth 2 is the array itself)
        bool element_allowed = true;  // depth 2: an element may start here (after [ or ,)
        std::size_t responses_begin = 0, responses_end = 0;  // the array's text, brackets included
        std::size_t element_begin = 0;
        bool closed = false;          // the top-level object has closed: only white space may follow
    } scan_;
    std::vector<std::pair<std::size_t, std::size_t>> elements_;  // each response's text: [begin, end)

    ResponseBundle bundle_;
    std::set<std::string> seen_ids_;
    std::size_t next_element_ = 0;
    std::optional<Result<ResponseBundle>> result_;
};

}  // namespace canvass
