// canvass aggregate: bundles to the Board's canvass.report, with disclosure control.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "cli/bundle_files.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "core/results/report.h"
#include "core/util/uk_time.h"

namespace canvass::cli {
namespace {

constexpr const char* aggregate_help =
    "Usage: canvass aggregate --survey SURVEY.json BUNDLE.json... -o REPORT.json [--k N]\n"
    "                         [--crosstab ROWS:COLUMNS]... [--now ISO-8601]\n"
    "\n"
    "Counts the responses in the bundles (merged as 'canvass merge' does) and writes the Board\n"
    "report, canvass.report version 1 (docs/reports.md): per question the counts, percentages,\n"
    "means and rankings, by segment, area and channel, with small counts suppressed so that no\n"
    "count, and no difference of counts in the report, points at fewer than k people.\n"
    "Every response is first checked against the survey: its version, its questions, its\n"
    "choices and its rules.\n"
    "\n"
    "Options:\n"
    "  --survey FILE            the survey the bundles answer (the same version)\n"
    "  -o, --output FILE        where to write the report ('-' for standard output)\n"
    "  --k N                    the smallest count shown (default 10, the ONS threshold; at least 3)\n"
    "  --crosstab ROWS:COLUMNS  add a cross-tab of two single-choice questions (repeatable)\n"
    "  --now ISO-8601           the moment the report is made (default: now); its UK day is\n"
    "                           the report's 'generated'\n"
    "  --help                   show this help\n"
    "\n"
    "Exit status: 0 written, 2 bad input (one line on stderr naming the file and the place).\n";

int fail(const std::string& message) {
    std::fprintf(stderr, "canvass aggregate: %s\n", message.c_str());
    return 2;
}

}  // namespace

int run_aggregate(int argc, char** argv) {
    std::vector<std::string> inputs;
    std::string survey_path, output, now_text, k_text;
    std::vector<std::pair<std::string, std::string>> crosstabs;
    for (int i = 0; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::fputs(aggregate_help, stdout);
            return 0;
        }
        if (arg == "--survey" || arg == "-o" || arg == "--output" || arg == "--k" || arg == "--now" || arg == "--crosstab") {
            if (i + 1 >= argc) return fail(std::string(arg) + " needs a value; see 'canvass aggregate --help'");
            const std::string value = argv[++i];
            if (arg == "--survey") survey_path = value;
            else if (arg == "--k") k_text = value;
            else if (arg == "--now") now_text = value;
            else if (arg == "--crosstab") {
                const std::size_t colon = value.find(':');
                if (colon == std::string::npos || colon == 0 || colon + 1 == value.size()) {
                    return fail("--crosstab takes two question names as ROWS:COLUMNS, such as age_band:home_broadband_type");
                }
                crosstabs.emplace_back(value.substr(0, colon), value.substr(colon + 1));
            } else output = value;
        } else if (arg.size() > 1 && arg[0] == '-') {
            return fail("unknown option '" + std::string(arg) + "'; see 'canvass aggregate --help'");
        } else {
            inputs.emplace_back(arg);
        }
    }
    if (survey_path.empty()) return fail("no survey given: add --survey SURVEY.json");
    if (inputs.empty()) return fail("no bundles given; see 'canvass aggregate --help'");
    if (output.empty()) return fail("no output file given: add -o REPORT.json");
    int k = results::kDefaultK;
    if (!k_text.empty()) {
        char* end = nullptr;
        const long value = std::strtol(k_text.c_str(), &end, 10);
        if (k_text.empty() || *end != '\0' || value > 1000 || value < -1000) return fail("--k takes a whole number, such as 10 (it was '" + k_text + "')");
        k = static_cast<int>(value);
    }
    if (k < results::kMinimumK) {
        return fail("--k " + std::to_string(k) + " is below " + std::to_string(results::kMinimumK) +
                    ": smaller counts would let people be recognised");
    }
    Result<TimePoint> now = now_option(now_text);
    if (!now) return fail(now.error().message);

    Result<survey::Survey> survey = read_survey_file(survey_path);
    if (!survey) return fail(survey.error().to_string());
    Result<std::vector<results::BundleFile>> files = read_bundle_files(inputs);
    if (!files) return fail(files.error().to_string());
    for (const results::BundleFile& file : *files) {
        if (Status fits = results::check_bundle_against_survey(*survey, file, now->unix_ms); !fits) return fail(fits.error().to_string());
    }
    Result<ResponseBundle> merged = results::merge_bundles(*files);
    if (!merged) return fail(merged.error().to_string());
    Result<results::ResponseTable> table = results::ResponseTable::build(*survey, merged->responses);
    if (!table) return fail(table.error().to_string());
    results::ReportOptions options;
    options.k = k;
    const CivilDate today = uk_local_time(*now).date;
    options.generated_day = format_day(TimePoint{days_from_civil(today) * 86'400'000});
    options.crosstabs = crosstabs;
    Result<nlohmann::json> report = results::make_report(*table, options);
    if (!report) return fail(report.error().message);
    if (Status written = write_output_file(output, results::write_report(*report)); !written) return fail(written.error().to_string());
    std::fprintf(stderr, "canvass aggregate: %zu responses, k=%d\n", merged->responses.size(), k);
    return 0;
}

}  // namespace canvass::cli
