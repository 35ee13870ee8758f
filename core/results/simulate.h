// Simulated respondents: a canvass.responses bundle of made-up responses that follow a survey's
// logic, for tests, demos and benchmarks. Pure and deterministic: the same survey, options and
// seed give the same bundle byte for byte (ids and times included) on every platform and in
// wasm, because every random draw comes from a small PRNG of our own seeded by the options, and
// only integer arithmetic turns draws into choices.
//
// Each response is complete and valid as `canvass check` judges it (survey::check): visible
// questions only, required ones always answered, validators, min/max selected, maxLength,
// matrix rows and columns, rankings, ratings, "other" texts and "none" respected, and no
// answer left to a question hidden at the end (what Canvass stores on submit).
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"
#include "core/store/bundle.h"
#include "core/survey/model.h"
#include "core/util/time.h"

namespace canvass::results {

// The most respondents one call makes: a bundle is built whole in memory.
inline constexpr int kMaxSimulatedCount = 1'000'000;
inline constexpr int kMaxSimulatedDays = 3660;

struct SimulateOptions {
    int count = 100;                            // respondents, 0..kMaxSimulatedCount
    std::uint64_t seed = 1;
    CivilDate first_day{2026, 11, 2};           // submissions fall on first_day ..
    int days = 28;                              // .. first_day + days - 1 (UTC), 1..kMaxSimulatedDays
    std::string device_id = "simulated";        // the bundle's device; responses name their own
    std::string segment_question = "segment";   // the checkbox whose answer is the segment
};

// N respondents' answers, oldest submission first (ties by id). Ids are UUID v4 made from the
// PRNG; `exported_at` is the last day's end (23:59:59Z). Channels mix online (device
// "sim-online"), kiosk, paper and phone (devices "sim-kiosk-1" .. "sim-kiosk-3"); locales
// mostly "en", some "pl". Named questions of the default survey get realistic values: the
// segment (mostly one, some two or three), `postcode_district` (mostly DIZ districts, some
// lower-case or padded, a few elsewhere, some blank; never a full postcode) and comment
// boxes (mostly blank, else a few fixed harmless phrases).
// Fails on options out of range, or when a survey's rules cannot be met by the simulator
// (e.g. a required text whose regex none of its candidate texts matches).
Result<ResponseBundle> simulate_responses(const survey::Survey& survey, const SimulateOptions& options);

}  // namespace canvass::results
