// libFuzzer target: importing a hostile canvass.responses bundle must never crash, hang or read
// out of bounds, from the strict reader through the survey check, the merge, the columns and a
// report with disclosure control. Input: the bundle's text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/results/merge.h"
#include "core/results/report.h"
#include "core/store/bundle.h"
#include "core/survey/survey.h"

namespace {

// Every kind of question a report counts, so fuzzed answers reach each column type.
constexpr std::string_view kSurvey = R"({"canvassId":"fuzz","pages":[{"name":"p","elements":[
 {"type":"checkbox","name":"segment","choices":["resident","business","commuter"],"isRequired":true},
 {"type":"text","name":"postcode_district"},
 {"type":"radiogroup","name":"r","showOtherItem":true,"choices":["a","b",1]},
 {"type":"checkbox","name":"c","showNoneItem":true,"choices":["a","b"]},
 {"type":"rating","name":"s","rateMin":1,"rateMax":5},
 {"type":"ranking","name":"k","choices":["x","y","z"]},
 {"type":"matrix","name":"m","rows":["r1","r2"],"columns":["c1","c2"]},
 {"type":"text","name":"n","inputType":"number"},
 {"type":"boolean","name":"b","visibleIf":"{r} = 'a'"},
 {"type":"comment","name":"t"}]}]})";

const canvass::survey::Survey& fuzz_survey() {
    static const canvass::survey::Survey survey =
        std::move(canvass::survey::load_survey(nlohmann::json::parse(kSurvey), "fuzz-survey.json")).value();
    return survey;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    canvass::Result<canvass::ResponseBundle> bundle = canvass::read_bundle(input, "fuzz.json");
    if (!bundle) return 0;
    const canvass::survey::Survey& survey = fuzz_survey();
    // Claim the fuzz survey, so the answers themselves reach the check, the columns and the report.
    bundle->survey_id = survey.id;
    for (canvass::StoredResponse& r : bundle->responses) {
        r.survey_id = survey.id;
        r.survey_version = survey.version;
    }
    const canvass::results::BundleFile file{"fuzz.json", *bundle};
    (void)canvass::results::check_bundle_against_survey(survey, file, 1781524800000);
    canvass::Result<canvass::ResponseBundle> merged = canvass::results::merge_bundles({file, file});
    if (!merged) return 0;
    (void)canvass::write_bundle(*merged);
    canvass::Result<canvass::results::ResponseTable> table = canvass::results::ResponseTable::build(survey, merged->responses);
    if (!table) return 0;
    canvass::results::ReportOptions options;
    options.k = 3;
    options.generated_day = "2026-11-27";
    options.crosstabs = {{"r", "s"}};
    canvass::Result<nlohmann::json> report = canvass::results::make_report(*table, options);
    if (report) (void)canvass::results::write_report(*report);
    return 0;
}
