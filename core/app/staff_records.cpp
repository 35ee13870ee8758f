// Staff figures, export files and the check before deleting (staff_records.h).
#include "core/app/staff_records.h"

#include <algorithm>
#include <cstdio>

#include "core/store/bundle.h"
#include "core/util/uk_time.h"

namespace canvass {
namespace {

std::string plural(std::size_t count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

}  // namespace

Result<StaffStats> read_staff_stats(const ResponseStore& store, const std::string& survey_id, TimePoint now) {
    Result<std::vector<StoredResponse>> responses = store.responses_of(survey_id);
    if (!responses) return responses.error();
    Result<std::int64_t> discarded = store.count_discarded_partials();
    if (!discarded) return discarded.error();
    Result<std::string> last_export = store.last_export_at();
    if (!last_export) return last_export.error();
    // A re-export of responses exported before keeps their first mark; the host notes each export too.
    if (Result<std::optional<std::string>> noted = store.device_setting(kLastExportSetting); noted && *noted && **noted > *last_export) {
        last_export = **noted;
    }
    const CivilDate today = uk_local_time(now).date;
    const std::string from = format_iso8601(uk_start_of_day(today));
    const std::string to = format_iso8601(uk_start_of_day(civil_from_days(days_from_civil(today) + 1)));
    StaffStats stats;
    for (const StoredResponse& r : *responses) {
        ++stats.stored_total;
        if (r.exported_at.empty()) ++stats.not_exported;
        if (r.submitted_at >= from && r.submitted_at < to) ++stats.stored_today;
    }
    stats.discarded_partials = *discarded;
    stats.last_export_at = *last_export;
    Result<OutboxCounts> outbox = store.count_outbox();
    if (!outbox) return outbox.error();
    stats.outbox = *outbox;
    if (outbox->refused > 0) {
        Result<std::vector<OutboxEntry>> refused = store.refused_outbox();
        if (!refused) return refused.error();
        if (!refused->empty()) stats.outbox_refused_reason = refused->back().outcome;
    }
    return stats;
}

Result<ExportFile> export_responses(const ResponseStore& store, const std::string& survey_id, const std::string& device_id,
                                    TimePoint now) {
    Result<std::vector<StoredResponse>> responses = store.responses_of(survey_id);
    if (!responses) return responses.error();
    if (responses->empty()) return make_error("there are no responses on this kiosk to export");
    ResponseBundle bundle{survey_id, device_id, format_iso8601(now), std::move(responses).value()};
    ExportFile file;
    for (const StoredResponse& r : bundle.responses) file.ids.push_back(r.id);
    file.text = write_bundle(bundle);
    const UkLocalTime local = uk_local_time(now);
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "%04d%02d%02d-%02d%02d", local.date.year, local.date.month, local.date.day,
                  local.minute_of_day / 60, local.minute_of_day % 60);
    file.file_name = "canvass-responses-" + survey_id + "-" + device_id.substr(0, 8) + "-" + stamp + ".json";
    return file;
}

SavedFileCheck check_saved_export(std::string_view text, std::string_view file_name, const std::string& survey_id,
                                  const std::vector<StoredResponse>& on_device) {
    const std::string name(file_name);
    Result<ResponseBundle> bundle = read_bundle(text, file_name);
    if (!bundle) return {"Nothing was deleted: " + bundle.error().to_string() + ". Choose the file the export saved.", {}};
    if (bundle->survey_id != survey_id) {
        return {"Nothing was deleted: " + name + " holds responses to \u201c" + bundle->survey_id +
                    "\u201d, and this kiosk collects \u201c" + survey_id + "\u201d. Choose this kiosk's export.", {}};
    }
    std::vector<StoredResponse> exported;
    std::copy_if(on_device.begin(), on_device.end(), std::back_inserter(exported), [](const StoredResponse& r) { return !r.exported_at.empty(); });
    if (exported.empty()) return {"No exported responses are on this kiosk, so there is nothing to delete. Export first.", {}};
    const std::vector<std::string> missing = missing_from_bundle(*bundle, exported);
    if (!missing.empty()) {
        return {"Nothing was deleted: " + plural(missing.size(), "exported response on this kiosk is", "exported responses on this kiosk are") +
                    " not in " + name + " (the first is " + missing.front() + "). Export again, save the new file, and check that one.", {}};
    }
    SavedFileCheck check;
    for (const StoredResponse& r : exported) check.deletable.push_back(r.id);
    check.message = name + " holds all " + plural(exported.size(), "exported response", "exported responses") +
                    " on this kiosk. You can now delete them from the kiosk.";
    return check;
}

}  // namespace canvass
