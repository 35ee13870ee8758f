// canvass simulate: a canvass.responses bundle of simulated respondents who follow a survey's
// logic (core/results/simulate.h), for tests, demos and benchmarks. The same seed gives the
// same file byte for byte.
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include <unistd.h>

#include "cli/commands.h"
#include "core/io/json_document.h"
#include "core/results/simulate.h"
#include "core/store/bundle.h"
#include "core/survey/survey.h"

namespace canvass::cli {
namespace {

constexpr const char* simulate_help =
    "Usage: canvass simulate --survey SURVEY.json [--count N] [--seed X] [--first-day YYYY-MM-DD]\n"
    "                        [--days D] [-o BUNDLE.json]\n"
    "\n"
    "Writes a response bundle (\"canvass.responses\", docs/schemas/canvass.responses.schema.json)\n"
    "of N simulated respondents who follow the survey's logic: only visible questions answered,\n"
    "required ones always, validators and limits respected, every response complete as\n"
    "'canvass check' judges it. Channels mix online, kiosk, paper and phone (devices sim-online\n"
    "and sim-kiosk-1..3; the bundle's device is 'simulated'); locales are mostly en, some pl.\n"
    "The same survey, options and seed give the same file byte for byte.\n"
    "\n"
    "Options:\n"
    "  --survey FILE          the SurveyJS survey (required)\n"
    "  --count N              respondents, 1 to 1,000,000 (default 100)\n"
    "  --seed X               a whole number from 0 to 18446744073709551615 (default 1)\n"
    "  --first-day DAY        the first day of submissions, YYYY-MM-DD (default 2026-11-02)\n"
    "  --days D               how many days submissions span, 1 to 3660 (default 28)\n"
    "  -o FILE, --output FILE where to write the bundle ('-', the default, is stdout); the\n"
    "                         file is replaced whole or not at all\n"
    "  --help                 show this help\n"
    "\n"
    "A bundle of more than about 150,000 responses is larger than Canvass reads back (128 MB).\n"
    "\n"
    "Exit status: 0 written, 2 bad input: a missing or unreadable survey, an invalid survey, an\n"
    "option out of range, or an output that cannot be written (one line on stderr).\n";

int fail(const std::string& message) {
    std::fprintf(stderr, "canvass simulate: %s\n", message.c_str());
    return 2;
}

// A whole decimal number in [lo, hi], or false. No sign, no spaces, no exponent.
template <class Int>
bool parse_whole(std::string_view text, Int lo, Int hi, Int& out) {
    if (text.empty() || text[0] < '0' || text[0] > '9') return false;
    Int value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < lo || value > hi) return false;
    out = value;
    return true;
}

// Writes `text` to `path` through a temporary file in the same folder and a rename, so a
// failure (disk full, killed) never leaves half a bundle where a whole one is expected.
Status write_whole_file(const std::string& path, const std::string& text) {
    const std::size_t slash = path.rfind('/');
    const std::string folder = slash == std::string::npos ? "" : path.substr(0, slash + 1);
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    const std::string temp = folder + "." + name + ".tmp-" + std::to_string(::getpid());
    const auto failed = [&](int error) {
        std::remove(temp.c_str());
        return make_error("cannot write " + path + ": " + std::strerror(error));
    };
    std::FILE* file = std::fopen(temp.c_str(), "wb");
    if (!file) return make_error("cannot write " + path + ": " + std::strerror(errno));
    const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size() && std::fflush(file) == 0 &&
                         ::fsync(::fileno(file)) == 0;
    const int write_error = errno;
    if (std::fclose(file) != 0 || !written) return failed(written ? errno : write_error);
    if (std::rename(temp.c_str(), path.c_str()) != 0) return failed(errno);
    return Ok{};
}

}  // namespace

int run_simulate(int argc, char** argv) {
    std::string survey_path, output = "-", count_text, seed_text, first_day_text, days_text;
    for (int i = 0; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::fputs(simulate_help, stdout);
            return 0;
        }
        std::string* into = arg == "--survey"      ? &survey_path
                            : arg == "--count"     ? &count_text
                            : arg == "--seed"      ? &seed_text
                            : arg == "--first-day" ? &first_day_text
                            : arg == "--days"      ? &days_text
                            : arg == "-o" || arg == "--output" ? &output
                                                               : nullptr;
        if (into) {
            if (i + 1 >= argc) return fail(std::string(arg) + " needs a value; see 'canvass simulate --help'");
            *into = argv[++i];
        } else if (arg.size() > 1 && arg[0] == '-') {
            return fail("unknown option '" + std::string(arg) + "'; see 'canvass simulate --help'");
        } else {
            return fail("unexpected argument '" + std::string(arg) + "'; give the survey as --survey FILE");
        }
    }
    if (survey_path.empty()) return fail("no survey given; use --survey FILE (see 'canvass simulate --help')");

    results::SimulateOptions options;
    if (!count_text.empty() && !parse_whole(count_text, 1, results::kMaxSimulatedCount, options.count)) {
        return fail("--count must be a whole number from 1 to 1,000,000; got '" + count_text + "'");
    }
    if (!seed_text.empty() && !parse_whole<std::uint64_t>(seed_text, 0, UINT64_MAX, options.seed)) {
        return fail("--seed must be a whole number from 0 to 18446744073709551615; got '" + seed_text + "'");
    }
    if (!days_text.empty() && !parse_whole(days_text, 1, results::kMaxSimulatedDays, options.days)) {
        return fail("--days must be a whole number from 1 to 3660; got '" + days_text + "'");
    }
    if (!first_day_text.empty()) {
        Result<TimePoint> day = first_day_text.size() == 10 ? parse_iso8601(first_day_text) : Result<TimePoint>(make_error(""));
        if (!day) return fail("--first-day must be a date such as 2026-11-02; got '" + first_day_text + "'");
        options.first_day = date_of(*day);
    }
    if (output.empty()) return fail("-o needs a file name, or '-' for stdout");

    Result<nlohmann::json> doc = read_json_file(survey_path);
    if (!doc) return fail(doc.error().to_string());
    Result<survey::Survey> loaded = survey::load_survey(*doc, survey_path);
    if (!loaded) return fail(survey_path + ": invalid survey: " + loaded.error().to_string() + " (run 'canvass validate' for every problem)");

    Result<ResponseBundle> bundle = results::simulate_responses(*loaded, options);
    if (!bundle) return fail(survey_path + ": " + bundle.error().to_string());
    const std::string text = write_bundle(*bundle);

    if (output == "-") {
        if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
            return fail(std::string("cannot write to stdout: ") + std::strerror(errno));
        }
        return 0;
    }
    if (Status written = write_whole_file(output, text); !written) return fail(written.error().message);
    return 0;
}

}  // namespace canvass::cli
