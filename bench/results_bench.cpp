// Results benchmark, built natively (native-release) and as wasm for Chromium (web preset):
//   - building the columns from N stored responses, once (ms, and responses per second);
//   - a Board report of everyone with every breakdown and its disclosure control (ms);
//   - a dashboard filter change: a report of one segment and/or area, no breakdowns (ms), over
//     a fixed list of filters, median and worst.
// Usage: canvass_results_bench SURVEY.json BUNDLE.json [ROUNDS]. Prints one JSON line.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/io/json_document.h"
#include "core/results/report.h"
#include "core/results/results_loader.h"
#include "core/store/bundle.h"
#include "core/survey/survey.h"

namespace {

using Clock = std::chrono::steady_clock;

double elapsed_ms(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

int fail(const std::string& message) {
    std::fprintf(stderr, "canvass_results_bench: %s\n", message.c_str());
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace canvass;
    if (argc < 3) return fail("usage: canvass_results_bench SURVEY.json BUNDLE.json [ROUNDS]");
    const int rounds = argc > 3 ? std::max(1, std::atoi(argv[3])) : 3;
    Result<nlohmann::json> document = read_json_file(argv[1]);
    if (!document) return fail(document.error().to_string());
    Result<survey::Survey> survey = survey::load_survey(*document, argv[1]);
    if (!survey) return fail(survey.error().to_string());
    Result<std::string> text = read_text_file(argv[2], kMaxBundleBytes);
    if (!text) return fail(text.error().to_string());
    Clock::time_point start = Clock::now();
    Result<ResponseBundle> bundle = read_bundle(*text, argv[2]);
    if (!bundle) return fail(bundle.error().to_string());
    const double read_ms = elapsed_ms(start);

    start = Clock::now();
    Result<results::ResponseTable> table = results::ResponseTable::build(*survey, bundle->responses);
    if (!table) return fail(table.error().to_string());
    const double build_ms = elapsed_ms(start);

    std::vector<double> full;
    for (int i = 0; i < rounds; ++i) {
        start = Clock::now();
        results::ReportOptions options;
        options.generated_day = "2026-11-27";
        Result<nlohmann::json> report = results::make_report(*table, options);
        if (!report) return fail(report.error().message);
        full.push_back(elapsed_ms(start));
    }
    // The dashboard's filter changes: each segment, each DIZ area, and each pair of them.
    std::vector<results::Filter> filters;
    for (int s = -1; s < results::kSegmentCount; ++s) {
        for (int a = -1; a < 5; ++a) filters.push_back(results::Filter{s, a, -1});
    }
    std::vector<double> filtered;
    int refused = 0;
    for (int i = 0; i < rounds; ++i) {
        for (const results::Filter& filter : filters) {
            start = Clock::now();
            results::ReportOptions options;
            options.generated_day = "2026-11-27";
            options.filter = filter;
            options.breakdowns = false;
            Result<nlohmann::json> report = results::make_report(*table, options);
            filtered.push_back(elapsed_ms(start));
            refused += !report.ok();
            if (std::getenv("CANVASS_BENCH_VERBOSE")) {
                std::fprintf(stderr, "segment %d area %d: %.1f ms, %s\n", filter.segment, filter.area, filtered.back(),
                             report ? std::to_string((*report)["response_count"].get<long>()).c_str() : report.error().message.c_str());
            }
        }
    }
    // The browser's import of the same file (staff "Import another kiosk's file"): read, checked
    // against the survey, merged and counted, a slice at a time as the page does it.
    start = Clock::now();
    auto shared_survey = std::make_shared<const survey::Survey>(*survey);
    results::ResultsLoader loader(shared_survey, {}, {{"bundle.json", std::make_shared<const std::string>(*text)}}, 0);
    while (!loader.step(64)) {}
    Result<results::LoadedResults> imported = loader.take();
    if (!imported) return fail(imported.error().to_string());
    const double import_ms = elapsed_ms(start);

    std::sort(full.begin(), full.end());
    std::sort(filtered.begin(), filtered.end());
    const double n = static_cast<double>(table->size());
    std::printf(
        "{\"responses\":%zu,\"read_bundle_ms\":%.1f,\"build_columns_ms\":%.1f,\"build_responses_per_s\":%.0f,"
        "\"full_report_ms\":{\"median\":%.1f,\"max\":%.1f},\"full_report_responses_per_s\":%.0f,"
        "\"filter_change_ms\":{\"median\":%.2f,\"max\":%.2f,\"count\":%zu,\"refused\":%d},"
        "\"import_ms\":%.1f,\"import_responses_per_s\":%.0f}\n",
        table->size(), read_ms, build_ms, n / (build_ms / 1000.0), full[full.size() / 2], full.back(),
        n / (full[full.size() / 2] / 1000.0), filtered[filtered.size() / 2], filtered.back(), filtered.size(), refused,
        import_ms, n / (import_ms / 1000.0));
    return 0;
}
