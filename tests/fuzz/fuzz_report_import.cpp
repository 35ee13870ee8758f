// libFuzzer target: opening a hostile canvass.report (the dashboard's "Open a results file", and
// `canvass report`) must never crash, hang or read out of bounds; a report the reader accepts must
// render as HTML. Input: the report's text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/results/report.h"
#include "core/results/report_html.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    canvass::Result<nlohmann::json> report = canvass::results::read_report(input, "fuzz.json");
    if (report) (void)canvass::results::render_report_html(*report);
    return 0;
}
