// The dashboard's loader: a kiosk's own responses and imported bundles, read, checked, merged and
// counted a slice at a time, must give the report the CLI gives for the same files, and stop at
// the first problem with the CLI's own message.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/results/results_loader.h"
#include "core/results/simulate.h"
#include "core/survey/survey.h"

using namespace canvass;
using namespace canvass::results;

namespace {

std::shared_ptr<const survey::Survey> default_survey() {
    static const std::shared_ptr<const survey::Survey> survey = [] {
        std::ifstream in(std::string(CANVASS_SOURCE_DIR) + "/assets/surveys/diz-digital-needs.json");
        std::ostringstream text;
        text << in.rdbuf();
        Result<survey::Survey> loaded = survey::load_survey(nlohmann::json::parse(text.str()), "diz-digital-needs.json");
        REQUIRE(loaded.ok());
        return std::make_shared<const survey::Survey>(std::move(loaded).value());
    }();
    return survey;
}

ResponseBundle simulated(int count, std::uint64_t seed = 5) {
    SimulateOptions options;
    options.count = count;
    options.seed = seed;
    Result<ResponseBundle> bundle = simulate_responses(*default_survey(), options);
    REQUIRE(bundle.ok());
    return *bundle;
}

ResponseBundle slice(const ResponseBundle& all, std::size_t from, std::size_t to, const std::string& device) {
    ResponseBundle part = all;
    part.device_id = device;
    part.responses.assign(all.responses.begin() + static_cast<std::ptrdiff_t>(from), all.responses.begin() + static_cast<std::ptrdiff_t>(to));
    return part;
}

ImportedFile file(const std::string& name, const std::string& text) { return {name, std::make_shared<const std::string>(text)}; }

Result<LoadedResults> load(ResultsLoader& loader, std::size_t budget) {
    double last = 0;
    int steps = 0;
    while (!loader.step(budget)) {
        const LoaderProgress progress = loader.progress();
        REQUIRE(progress.fraction >= last);  // the bar only moves forward
        REQUIRE(progress.fraction <= 1.0);
        REQUIRE(!progress.stage.empty());
        last = progress.fraction;
        REQUIRE(++steps < 1'000'000);
    }
    return loader.take();
}

std::string report_text(const ResponseTable& table) {
    ReportOptions options;
    options.generated_day = "2026-11-27";
    Result<nlohmann::json> report = make_report(table, options);
    REQUIRE(report.ok());
    return write_report(*report);
}

}  // namespace

TEST_CASE("own responses alone are counted as View results always counted them") {
    const ResponseBundle all = simulated(120);
    ResultsLoader loader(default_survey(), all.responses, {}, 0);
    Result<LoadedResults> loaded = load(loader, 7);
    REQUIRE(loaded.ok());
    CHECK(loaded->files.empty());
    Result<ResponseTable> direct = ResponseTable::build(*default_survey(), all.responses);
    REQUIRE(direct.ok());
    CHECK(report_text(*loaded->table) == report_text(*direct));
}

TEST_CASE("imported files and the kiosk's own responses merge as canvass merge merges them") {
    const ResponseBundle all = simulated(300);
    const ResponseBundle own = slice(all, 0, 100, "kiosk-a");
    const ResponseBundle b = slice(all, 50, 200, "kiosk-b");  // 50 already on this kiosk
    const ResponseBundle c = slice(all, 150, 300, "kiosk-c");  // 50 already in b
    for (std::size_t budget : {1, 13, 100000}) {
        CAPTURE(budget);
        ResultsLoader loader(default_survey(), own.responses, {file("b.json", write_bundle(b)), file("c.json", write_bundle(c))}, 0);
        Result<LoadedResults> loaded = load(loader, budget);
        REQUIRE(loaded.ok());
        CHECK(loaded->table->size() == 300);
        REQUIRE(loaded->files.size() == 2);
        CHECK(loaded->files[0].name == "b.json");
        CHECK(loaded->files[0].responses == 150);
        CHECK(loaded->files[0].added == 100);
        CHECK(loaded->files[1].responses == 150);
        CHECK(loaded->files[1].added == 100);
        Result<ResponseBundle> merged = merge_bundles({{ResultsLoader::kOwnName, own}, {"b.json", b}, {"c.json", c}});
        REQUIRE(merged.ok());
        Result<ResponseTable> direct = ResponseTable::build(*default_survey(), merged->responses);
        REQUIRE(direct.ok());
        CHECK(report_text(*loaded->table) == report_text(*direct));
    }
}

TEST_CASE("the first problem stops the load with the CLI's own message") {
    const ResponseBundle all = simulated(40);
    const ResponseBundle own = slice(all, 0, 10, "kiosk-a");
    ResponseBundle changed = slice(all, 5, 20, "kiosk-b");
    changed.responses[0].locale = "pl";  // the same id as one on this kiosk, with different details
    ResponseBundle other_survey = slice(all, 20, 30, "kiosk-c");
    other_survey.survey_id = "transport";
    for (auto& r : other_survey.responses) r.survey_id = "transport";
    const std::string truncated = write_bundle(slice(all, 20, 30, "kiosk-d")).substr(0, 900);
    const struct {
        ImportedFile file;
        std::string message;
    } cases[] = {
        {file("changed.json", write_bundle(changed)),
         "changed.json: responses[0].id: response " + all.responses[5].id + " is also in this kiosk's responses (responses[5]) with "
         "different answers or details; neither copy can be trusted over the other, so nothing was merged: find out which device's copy is right"},
        {file("other.json", write_bundle(other_survey)),
         "other.json: survey_id: this bundle is of survey 'transport', not 'diz-digital-needs'; give the survey file it was collected with"},
        {file("cut.json", truncated), read_bundle(truncated, "cut.json").error().to_string()},
    };
    for (const auto& c : cases) {
        CAPTURE(c.file.name);
        ResultsLoader loader(default_survey(), own.responses, {c.file}, 0);
        Result<LoadedResults> loaded = load(loader, 3);
        REQUIRE_FALSE(loaded.ok());
        CHECK(loaded.error().to_string() == c.message);
        CHECK(loader.progress().stage == "Stopped");
    }
}

TEST_CASE("a response the survey forbids stops the load, naming the file and the place") {
    ResponseBundle bundle = simulated(12);
    bundle.responses[3].data_json = R"({"not_a_question": 1})";
    ResultsLoader loader(default_survey(), {}, {file("kiosk-x.json", write_bundle(bundle))}, 0);
    Result<LoadedResults> loaded = load(loader, 2);
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.error().to_string() == "kiosk-x.json: responses[3].data.not_a_question: the survey has no question 'not_a_question'; remove it");
}

TEST_CASE("progress names each stage of each file in turn") {
    const ResponseBundle all = simulated(30);
    ResultsLoader loader(default_survey(), slice(all, 0, 10, "a").responses, {file("b.json", write_bundle(slice(all, 10, 30, "b")))}, 0);
    std::vector<std::string> stages;
    while (!loader.step(4)) {
        const std::string stage = loader.progress().stage;
        if (stages.empty() || stages.back() != stage) stages.push_back(stage);
    }
    CHECK(stages == std::vector<std::string>{"Counting this kiosk's responses", "Reading b.json", "Checking b.json against the survey", "Counting b.json"});
    CHECK(loader.progress().fraction == 1.0);
}
