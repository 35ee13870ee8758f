// libFuzzer target: the expression parser and evaluator must never crash, hang or read out of
// bounds, whatever the text. Input: the expression, then optionally "\n" and a JSON data object.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/expr/expression.h"
#include "core/io/json_document.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t newline = input.find('\n');
    const std::string_view expression = input.substr(0, newline);
    nlohmann::json answers = nlohmann::json::object();
    if (newline != std::string_view::npos) {
        canvass::Result<nlohmann::json> parsed = canvass::parse_json_document(input.substr(newline + 1), "fuzz");
        if (parsed && parsed->is_object()) answers = std::move(parsed).value();
    }
    auto parsed = canvass::expr::parse(expression);
    if (!parsed) return 0;
    const canvass::expr::DataContext context(&answers, 1781524800000);  // 2026-06-15T12:00:00Z
    (void)canvass::expr::evaluate(**parsed, context);
    (void)canvass::expr::evaluate_condition(**parsed, context);
    (void)canvass::expr::referenced_names(**parsed);
    (void)canvass::expr::to_string(**parsed);
    return 0;
}
