// What the staff screen reads and writes (core/app/staff_records.h), on a real SQLite store: its
// figures, the export file, and the check of a re-opened export before anything is deleted.
#include <doctest/doctest.h>

#include "core/app/staff_records.h"
#include "core/store/bundle.h"
#include "tests/core/temp_dir.h"

using namespace canvass;
using namespace canvass::testing;

namespace {

const TimePoint kNoon{1781524800000};  // 2026-06-15T12:00:00Z, 13:00 in the UK (BST)

StoredResponse response(std::string id, std::string submitted_at, std::string segment = "resident", std::string channel = "kiosk") {
    StoredResponse r;
    r.id = std::move(id);
    r.survey_id = "diz-digital-needs";
    r.survey_version = std::string(64, 'a');
    r.locale = "en";
    r.segment = std::move(segment);
    r.channel = std::move(channel);
    r.started_at = "2026-06-14T09:00:00Z";
    r.submitted_at = std::move(submitted_at);
    r.data_json = R"({"segment":["resident"]})";
    return r;
}

const std::string kA = "aaaaaaaa-0000-4000-8000-000000000001";
const std::string kB = "bbbbbbbb-0000-4000-8000-000000000002";
const std::string kC = "cccccccc-0000-4000-8000-000000000003";

struct Kiosk {
    TempDir dir;
    ResponseStore store = std::move(ResponseStore::open(dir.file("kiosk.db")).value());
    Kiosk() {
        // Yesterday 23:30 UK time (22:30Z), today 00:30 UK time (23:30Z the day before), and noon.
        REQUIRE(store.insert(response(kA, "2026-06-14T22:30:00Z", "resident,commuter")).ok());
        REQUIRE(store.insert(response(kB, "2026-06-14T23:30:00Z", "business", "paper")).ok());
        REQUIRE(store.insert(response(kC, "2026-06-15T11:59:00Z", "resident")).ok());
    }
    std::vector<StoredResponse> on_device() { return store.responses_of("diz-digital-needs").value(); }
};

}  // namespace

TEST_CASE("the staff figures count today by the UK day, what is not exported, and each segment") {
    Kiosk kiosk;
    REQUIRE(kiosk.store.note_discarded_partial("dddddddd-0000-4000-8000-000000000004", "2026-06-15").ok());
    REQUIRE(kiosk.store.mark_exported({kA}, "2026-06-15T10:00:00Z").ok());
    Result<StaffStats> stats = read_staff_stats(kiosk.store, "diz-digital-needs", kNoon);
    REQUIRE(stats.ok());
    CHECK(stats->stored_today == 2);  // 00:30 and 12:59 UK time; 23:30 was yesterday
    CHECK(stats->stored_total == 3);
    CHECK(stats->not_exported == 2);
    CHECK(stats->discarded_partials == 1);
    CHECK(stats->last_export_at == "2026-06-15T10:00:00Z");

    // The last backup outlives the responses it covered.
    REQUIRE(kiosk.store.delete_exported({kA}).ok());
    CHECK(read_staff_stats(kiosk.store, "diz-digital-needs", kNoon)->last_export_at == "2026-06-15T10:00:00Z");
    // A later export of the same responses keeps their first mark, but is the last backup.
    REQUIRE(kiosk.store.set_device_setting(kLastExportSetting, "2026-06-15T11:00:00Z").ok());
    CHECK(read_staff_stats(kiosk.store, "diz-digital-needs", kNoon)->last_export_at == "2026-06-15T11:00:00Z");
}

TEST_CASE("an export holds every response on the kiosk, under a name that says which kiosk and when") {
    Kiosk kiosk;
    REQUIRE(kiosk.store.mark_exported({kA}, "2026-06-15T10:00:00Z").ok());
    Result<ExportFile> file = export_responses(kiosk.store, "diz-digital-needs", "4f2a9c1e-1111-4000-8000-000000000000", kNoon);
    REQUIRE(file.ok());
    CHECK(file->file_name == "canvass-responses-diz-digital-needs-4f2a9c1e-20260615-1300.json");
    CHECK(file->ids == std::vector<std::string>{kA, kB, kC});
    Result<ResponseBundle> bundle = read_bundle(file->text, file->file_name);
    REQUIRE(bundle.ok());
    CHECK(bundle->device_id == "4f2a9c1e-1111-4000-8000-000000000000");
    CHECK(bundle->exported_at == "2026-06-15T12:00:00Z");
    CHECK(bundle->responses.size() == 3);

    TempDir empty_dir;
    ResponseStore empty = std::move(ResponseStore::open(empty_dir.file("empty.db")).value());
    CHECK(export_responses(empty, "diz-digital-needs", "x", kNoon).error().message == "there are no responses on this kiosk to export");
}

TEST_CASE("a re-opened export allows deleting only when it holds every exported response") {
    Kiosk kiosk;
    const std::string device = "4f2a9c1e-1111-4000-8000-000000000000";
    REQUIRE(kiosk.store.mark_exported({kA, kB}, "2026-06-15T10:00:00Z").ok());
    const ExportFile whole = export_responses(kiosk.store, "diz-digital-needs", device, kNoon).value();

    // An older export, made before C arrived and before B was marked, lacks B.
    ResponseBundle older{"diz-digital-needs", device, "2026-06-15T09:00:00Z", {kiosk.on_device()[0]}};
    // The right ids with changed answers are not the same responses.
    ResponseBundle altered = read_bundle(whole.text, "x").value();
    altered.responses[1].data_json = R"({"segment":["business"]})";
    ResponseBundle other_survey = read_bundle(whole.text, "x").value();
    other_survey.survey_id = "another-survey";

    struct Case { const char* name; std::string text; std::string message; std::size_t deletable; };
    const Case cases[] = {
        {"not an export", "{\"format\": \"something else\"}",
         "Nothing was deleted: not-an-export.json: format: this is a \"something else\" file, not a response bundle "
         "(\"canvass.responses\"). Choose the file the export saved.", 0},
        {"another survey", write_bundle(other_survey),
         "Nothing was deleted: another-survey.json holds responses to \u201canother-survey\u201d, and this kiosk collects "
         "\u201cdiz-digital-needs\u201d. Choose this kiosk's export.", 0},
        {"older", write_bundle(older),
         "Nothing was deleted: 1 exported response on this kiosk is not in older.json (the first is " + kB +
             "). Export again, save the new file, and check that one.", 0},
        {"altered", write_bundle(altered),
         "Nothing was deleted: 1 exported response on this kiosk is not in altered.json (the first is " + kB +
             "). Export again, save the new file, and check that one.", 0},
        {"whole", whole.text, "whole.json holds all 2 exported responses on this kiosk. You can now delete them from the kiosk.", 2},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        std::string file_name = c.name;
        for (char& ch : file_name) ch = ch == ' ' ? '-' : ch;
        const SavedFileCheck check = check_saved_export(c.text, file_name + ".json", "diz-digital-needs", kiosk.on_device());
        CHECK(check.message == c.message);
        CHECK(check.deletable.size() == c.deletable);
    }
    // C was never exported: it stays, whatever the file holds.
    CHECK(check_saved_export(whole.text, "whole.json", "diz-digital-needs", kiosk.on_device()).deletable == std::vector<std::string>{kA, kB});

    TempDir fresh_dir;
    ResponseStore fresh = std::move(ResponseStore::open(fresh_dir.file("fresh.db")).value());
    REQUIRE(fresh.insert(response(kC, "2026-06-15T11:59:00Z")).ok());
    CHECK(check_saved_export(whole.text, "whole.json", "diz-digital-needs", fresh.responses_of("diz-digital-needs").value()).message ==
          "No exported responses are on this kiosk, so there is nothing to delete. Export first.");
}
