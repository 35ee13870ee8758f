// Survey engine benchmark, built natively (native-release) and as wasm for Node (web preset):
//   - parsing and validating a survey file (ms);
//   - re-evaluating every visibleIf, enableIf, requiredIf, choicesVisibleIf and calculated
//     value after one answer changes, as the UI does on every answer (µs).
// Usage: canvass_engine_bench SURVEY.json [ITERATIONS]. Prints one JSON line of figures.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/io/json_document.h"
#include "core/survey/engine.h"
#include "core/survey/survey.h"

namespace {

using Clock = std::chrono::steady_clock;

double elapsed_us(Clock::time_point start) {
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

double percentile(std::vector<double> samples, double p) {
    std::sort(samples.begin(), samples.end());
    return samples[static_cast<std::size_t>(p * static_cast<double>(samples.size() - 1))];
}

// A respondent part-way through the default survey: every segment chosen, so every segment's
// conditions are live, with a handful of answers given.
nlohmann::json typical_answers() {
    return {{"segment", {"resident", "business", "commuter"}},
            {"postcode_district", "CM20"},
            {"home_broadband_type", "part_fibre"},
            {"home_broadband_speed", "superfast_30"},
            {"home_devices", {"smartphone", "laptop"}},
            {"business_size", "small_10_49"},
            {"commute_mode", {"train"}}};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fputs("usage: canvass_engine_bench SURVEY.json [ITERATIONS]\n", stderr);
        return 2;
    }
    const std::string path = argv[1];
    const int iterations = argc > 2 ? std::max(10, std::atoi(argv[2])) : 2000;
    const std::int64_t now_ms = 1781524800000;  // 2026-06-15T12:00:00Z

    canvass::Result<std::string> text = canvass::read_text_file(path, 5 * 1024 * 1024);
    if (!text) {
        std::fprintf(stderr, "%s\n", text.error().to_string().c_str());
        return 2;
    }
    // Parse + validate + load, repeated so the figure is not one cold sample.
    std::vector<double> load_us;
    canvass::Result<canvass::survey::Survey> survey = canvass::make_error("not loaded");
    for (int i = 0; i < 50; ++i) {
        const Clock::time_point start = Clock::now();
        canvass::Result<nlohmann::json> document = canvass::parse_json_document(*text, path);
        if (!document) {
            std::fprintf(stderr, "%s\n", document.error().to_string().c_str());
            return 2;
        }
        survey = canvass::survey::load_survey(*document, path);
        load_us.push_back(elapsed_us(start));
        if (!survey) {
            std::fprintf(stderr, "%s\n", survey.error().to_string().c_str());
            return 2;
        }
    }

    // One answer changes each time (alternating between two values), then the whole state is
    // re-evaluated, as the UI does after every answer.
    nlohmann::json answers = typical_answers();
    const char* speeds[] = {"superfast_30", "gigabit_1000"};
    std::vector<double> evaluate_us;
    std::size_t checksum = 0;
    for (int i = 0; i < iterations; ++i) {
        answers["home_broadband_speed"] = speeds[i % 2];
        const Clock::time_point start = Clock::now();
        const canvass::survey::EvalState state = canvass::survey::evaluate_survey(*survey, answers, now_ms, "en");
        evaluate_us.push_back(elapsed_us(start));
        checksum += static_cast<std::size_t>(std::count(state.shown.begin(), state.shown.end(), 1));
    }

    double mean = 0;
    for (double sample : evaluate_us) mean += sample;
    mean /= static_cast<double>(evaluate_us.size());
    std::printf(
        "{\"survey\":\"%s\",\"elements\":%zu,\"parse_validate_load_ms\":{\"median\":%.3f,\"p95\":%.3f},"
        "\"reevaluate_us\":{\"iterations\":%d,\"mean\":%.2f,\"median\":%.2f,\"p95\":%.2f},\"checksum\":%zu}\n",
        path.c_str(), survey->elements.size(), percentile(load_us, 0.5) / 1000, percentile(load_us, 0.95) / 1000, iterations,
        mean, percentile(evaluate_us, 0.5), percentile(evaluate_us, 0.95), checksum);
    return 0;
}
