// canvass report: turns a Board report (canvass.report JSON, docs/reports.md) into the printable
// HTML page a Board member opens by double-click. The report is read strictly first, so a file
// that carries a small count or anything else a report must not is refused, not printed.
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

#include <unistd.h>

#include "cli/commands.h"
#include "core/io/json_document.h"
#include "core/results/report.h"
#include "core/results/report_html.h"

namespace canvass::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* report_help =
    "Usage: canvass report REPORT.json -o REPORT.html\n"
    "\n"
    "Checks a Board report (a canvass.report file, as canvass aggregate writes it) and writes it\n"
    "as one self-contained HTML page: a summary, then a chart and tables for each question, by\n"
    "segment and by area. The page has no scripts and fetches nothing, so it opens offline by\n"
    "double-click and prints on A4.\n"
    "\n"
    "The report is refused if it is not a canvass.report this Canvass reads, or if it holds\n"
    "anything a report must not: a count from 1 to k-1, a response id, a time of day, free\n"
    "text or a postcode.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE  where to write the page ('-' writes it to standard output)\n"
    "  --help             show this help\n"
    "\n"
    "Exit status: 0 written, 2 bad input or usage: the report cannot be read or is refused,\n"
    "or the page cannot be written (one line on stderr names the file and the place in it).\n";

int fail(const std::string& message) {
    std::fprintf(stderr, "canvass report: %s\n", message.c_str());
    return 2;
}

// Writes beside the target, then renames over it: a failure part way (a full disk, a killed
// process) leaves the old file or none, never half a page.
Status write_whole_file(const std::string& path, const std::string& text) {
    const fs::path target(path);
    fs::path temporary = target;
    temporary += ".tmp-" + std::to_string(::getpid());
    std::FILE* file = std::fopen(temporary.c_str(), "wb");
    if (!file) return make_error("cannot write here; check the folder exists and that you may write to it", path);
    const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
    const bool flushed = std::fflush(file) == 0 && ::fsync(::fileno(file)) == 0;
    const bool closed = std::fclose(file) == 0;
    std::error_code error;
    if (!written || !flushed || !closed) {
        fs::remove(temporary, error);
        return make_error("writing failed (is the disk full?); nothing was written", path);
    }
    fs::rename(temporary, target, error);
    if (error) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        return make_error("cannot replace the file: " + error.message(), path);
    }
    return Ok{};
}

}  // namespace

int run_report(int argc, char** argv) {
    std::string report_path, output_path;
    for (int i = 0; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::fputs(report_help, stdout);
            return 0;
        }
        if (arg == "-o" || arg == "--output") {
            if (i + 1 >= argc) return fail(std::string(arg) + " needs a file; see 'canvass report --help'");
            output_path = argv[++i];
        } else if (arg.size() > 1 && arg[0] == '-') {
            return fail("unknown option '" + std::string(arg) + "'; see 'canvass report --help'");
        } else if (!report_path.empty()) {
            return fail("give one report file; see 'canvass report --help'");
        } else {
            report_path = arg;
        }
    }
    if (report_path.empty()) return fail("no report file given; see 'canvass report --help'");
    if (output_path.empty()) return fail("say where to write the page with -o REPORT.html; see 'canvass report --help'");
    if (output_path != "-" && report_path != "-") {
        std::error_code error;
        if (fs::equivalent(report_path, output_path, error))
            return fail(output_path + ": is the report itself; write the page to another file");
    }

    Result<std::string> text = read_text_file(report_path, results::kMaxReportBytes);
    if (!text) return fail(text.error().to_string());
    Result<nlohmann::json> report = results::read_report(*text, report_path == "-" ? "<stdin>" : report_path);
    if (!report) return fail(report.error().to_string());
    const std::string page = results::render_report_html(*report);

    if (output_path == "-") {
        const bool written = std::fwrite(page.data(), 1, page.size(), stdout) == page.size() && std::fflush(stdout) == 0;
        return written ? 0 : fail("<stdout>: writing failed");
    }
    if (Status written = write_whole_file(output_path, page); !written) return fail(written.error().to_string());
    return 0;
}

}  // namespace canvass::cli
