// canvass csv: the raw responses of one survey, from one or more response bundles, as a CSV file
// for staff and the Board's analyst (core/results/raw_csv.h). The file is personal data, so it is
// written readable by its owner only and the command says so every time it writes one.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "cli/bundle_files.h"
#include "cli/commands.h"
#include "core/results/raw_csv.h"

namespace canvass::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* csv_help =
    "Usage: canvass csv --survey SURVEY.json BUNDLE.json... -o RESPONSES.csv\n"
    "\n"
    "Writes every response in the bundles (canvass.responses files, as a kiosk's staff export\n"
    "writes them) as one spreadsheet: one row per response, one column per question, or per\n"
    "choice for tick boxes, rankings and matrix rows (docs/reports.md, \"Raw CSV\"). The first\n"
    "row says the file is personal data. UTF-8 with a byte-order mark, so Excel opens it as it\n"
    "is; a text answer a spreadsheet would run as a formula starts with a ' instead.\n"
    "\n"
    "THE FILE IS PERSONAL DATA: free-text answers hold whatever people typed. It is for Canvass\n"
    "staff only: do not share or publish it, and delete it when it is no longer needed.\n"
    "\n"
    "Every bundle must be of the survey given. A response in more than one bundle (two exports\n"
    "from the same kiosk) is written once; the same response id with different answers is\n"
    "refused.\n"
    "\n"
    "Options:\n"
    "  --survey FILE          the SurveyJS survey the responses answer (required)\n"
    "  -o FILE, --output FILE where to write the CSV (required; '-' writes to standard output);\n"
    "                         the file is replaced whole or not at all, readable by you only\n"
    "  --help                 show this help\n"
    "\n"
    "Exit status: 0 written, 2 bad input or usage: a survey or bundle that cannot be read, a\n"
    "bundle of another survey, or an output that cannot be written (one line on stderr names\n"
    "the file and the place in it).\n";

int fail(const std::string& message) {
    std::fprintf(stderr, "canvass csv: %s\n", message.c_str());
    return 2;
}

// Writes `text` to `path` through a temporary file in the same folder and a rename, so a
// failure (disk full, killed) never leaves half a file where a whole one is expected. Unlike
// write_output_file (cli/bundle_files.h) the file is created owner-only (0600): it holds
// personal data, and a shared machine's usual umask would let every user read it.
Status write_whole_file(const std::string& path, const std::string& text) {
    const std::size_t slash = path.rfind('/');
    const std::string folder = slash == std::string::npos ? "" : path.substr(0, slash + 1);
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    const std::string temp = folder + "." + name + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return make_error(std::string("cannot write here: ") + std::strerror(errno), path);
    std::size_t done = 0;
    int error = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            error = n < 0 ? errno : EIO;
            break;
        }
        done += static_cast<std::size_t>(n);
    }
    if (error == 0 && ::fsync(fd) != 0) error = errno;
    if (::close(fd) != 0 && error == 0) error = errno;
    if (error == 0 && std::rename(temp.c_str(), path.c_str()) != 0) error = errno;
    if (error != 0) {
        std::remove(temp.c_str());
        return make_error(std::string("writing failed: ") + std::strerror(error) + "; nothing was written", path);
    }
    return Ok{};
}

// Whether two copies of a response (same id, from two bundles) say the same thing, as
// canvass merge judges it. read_bundle writes data_json as nlohmann dumps it (keys sorted), so
// equal answers are equal text.
bool same_response(const StoredResponse& a, const StoredResponse& b) {
    return a.survey_version == b.survey_version && a.submitted_at == b.submitted_at && a.channel == b.channel &&
           a.locale == b.locale && a.device_id == b.device_id && a.data_json == b.data_json;
}

// Where a response was first seen: its row in the CSV, and its bundle and place for messages.
struct Origin {
    std::size_t row;
    std::string file;
    std::size_t index;
};

}  // namespace

int run_csv(int argc, char** argv) {
    std::string survey_path, output_path;
    std::vector<std::string> bundle_paths;
    for (int i = 0; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::fputs(csv_help, stdout);
            return 0;
        }
        std::string* into = arg == "--survey" ? &survey_path : arg == "-o" || arg == "--output" ? &output_path : nullptr;
        if (into) {
            if (i + 1 >= argc || argv[i + 1][0] == '\0') return fail(std::string(arg) + " needs a file; see 'canvass csv --help'");
            *into = argv[++i];
        } else if (arg.size() > 1 && arg[0] == '-') {
            return fail("unknown option '" + std::string(arg) + "'; see 'canvass csv --help'");
        } else {
            bundle_paths.emplace_back(arg);
        }
    }
    if (survey_path.empty()) return fail("no survey given; use --survey FILE (see 'canvass csv --help')");
    if (bundle_paths.empty()) return fail("no response bundles given; name one or more BUNDLE.json files (see 'canvass csv --help')");
    if (output_path.empty()) return fail("say where to write the file with -o RESPONSES.csv (see 'canvass csv --help')");
    if (output_path != "-") {
        for (const std::string& input : bundle_paths) {
            std::error_code error;
            if (input == output_path || fs::equivalent(input, output_path, error)) {
                return fail(output_path + ": is one of the bundles; write the CSV to another file");
            }
        }
    }

    Result<survey::Survey> survey = read_survey_file(survey_path);
    if (!survey) return fail(survey.error().to_string());
    Result<std::vector<results::BundleFile>> files = read_bundle_files(bundle_paths);
    if (!files) return fail(files.error().to_string());

    // Responses are kept in the order given, each once. Not merge_bundles: that refuses a mix of
    // survey versions, and a CSV is where an analyst wants answers from before and after an
    // update side by side.
    std::vector<StoredResponse> responses;
    std::map<std::string, Origin> seen;
    std::size_t repeated = 0;
    for (results::BundleFile& file : *files) {
        if (file.bundle.survey_id != survey->id) {
            return fail(file.name + ": survey_id: this bundle is of survey '" + file.bundle.survey_id + "', not '" + survey->id +
                        "' (the --survey file); write each survey's responses on their own");
        }
        for (std::size_t i = 0; i < file.bundle.responses.size(); ++i) {
            StoredResponse& response = file.bundle.responses[i];
            const auto [slot, added] = seen.emplace(response.id, Origin{responses.size(), file.name, i});
            if (added) {
                responses.push_back(std::move(response));
            } else if (same_response(responses[slot->second.row], response)) {
                ++repeated;
            } else {
                return fail(file.name + ": responses[" + std::to_string(i) + "].id: response " + response.id + " is also in " +
                            slot->second.file + " (responses[" + std::to_string(slot->second.index) +
                            "]) with different answers or details; find out which device's copy is right and leave the other out");
            }
        }
    }

    const std::string csv = results::write_raw_csv(*survey, responses);
    if (output_path == "-") {
        if (std::fwrite(csv.data(), 1, csv.size(), stdout) != csv.size() || std::fflush(stdout) != 0) {
            return fail(std::string("<stdout>: writing failed: ") + std::strerror(errno));
        }
    } else if (Status written = write_whole_file(output_path, csv); !written) {
        return fail(written.error().to_string());
    }
    const std::string where = output_path == "-" ? "standard output" : output_path;
    const std::string once = repeated ? " (" + std::to_string(repeated) + " found in more than one bundle, written once)" : "";
    std::fprintf(stderr,
                 "canvass csv: wrote %zu responses%s to %s. It is PERSONAL DATA: for Canvass staff only; do not share or "
                 "publish it, and delete it when no longer needed.\n",
                 responses.size(), once.c_str(), where.c_str());
    return 0;
}

}  // namespace canvass::cli
