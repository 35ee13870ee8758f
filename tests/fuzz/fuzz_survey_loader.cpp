// libFuzzer target: loading, validating and checking a hostile survey file must never crash,
// hang or read out of bounds. Input: survey JSON, then optionally a NUL byte and an answers object.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/io/json_document.h"
#include "core/survey/survey.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t split = input.find('\0');
    canvass::Result<nlohmann::json> document = canvass::parse_json_document(input.substr(0, split), "fuzz.json");
    if (!document) return 0;
    (void)canvass::survey::validate_survey(*document, "fuzz.json");
    (void)canvass::survey::survey_id(*document, "fuzz.json");
    (void)canvass::survey::canonical_json(*document);
    canvass::Result<canvass::survey::Survey> survey = canvass::survey::load_survey(*document, "fuzz.json");
    if (!survey) return 0;
    nlohmann::json answers = nlohmann::json::object();
    if (split != std::string_view::npos) {
        canvass::Result<nlohmann::json> parsed = canvass::parse_json_document(input.substr(split + 1), "answers.json");
        if (parsed && parsed->is_object()) answers = std::move(parsed).value();
    }
    (void)canvass::survey::check(*survey, answers, 1781524800000).to_json_line();  // 2026-06-15T12:00:00Z
    return 0;
}
