// A kiosk's staff work that needs the store or the browser (docs/kiosk.md): the kiosk's id and
// stored PIN at start-up, the staff screen's figures, the export download, checking a re-opened
// export, deleting what it holds, and leaving kiosk mode. Core decides (core/app/staff_area.h);
// this carries out its Effects and reports back with intent::StaffReport.
//
// Sections:
//   1. Start-up: the kiosk's id and its PIN records
//   2. Carrying out staff effects
//   3. The hidden gesture, from the page
#include <emscripten/emscripten.h>

#include "core/app/staff_area.h"
#include "core/app/staff_records.h"
#include "core/store/bundle.h"
#include "core/util/uuid.h"
#include "platform/platform.h"
#include "web/web_app.h"

namespace canvass::web {
namespace {
constexpr int kFramesAfterReport = 3;
constexpr const char* kDeviceIdSetting = "device_id";
}  // namespace

// --- 1. Start-up -------------------------------------------------------------------------------------

// Each kiosk names itself once, with a random id kept in its store, so bundles from many kiosks
// merge without doubt about where each came from (response ids are random UUIDs as well).
void WebApp::load_staff_records() {
    if (!state_.kiosk || !store_) return;
    auto keep_error = [this](Status done) {
        if (!done) store_errors_.push_back(done.error().to_string());
    };
    Result<std::optional<std::string>> device = store_->store().device_setting(kDeviceIdSetting);
    if (device && *device) {
        device_id_ = **device;
    } else {
        device_id_ = Uuid::from_random(platform::random_bytes_16()).to_string();
        store_->set_device_setting(kDeviceIdSetting, device_id_, keep_error);
    }
    intent::StaffRecordsLoaded loaded;
    if (Result<std::optional<std::string>> pin = store_->store().device_setting(staff_area::kPinSetting); pin && *pin) {
        Result<PinRecord> record = parse_pin_record(**pin);
        if (record) loaded.pin = *record;
        else store_errors_.push_back("the stored staff PIN is damaged (" + record.error().to_string() + "); choose a new one");
    }
    if (Result<std::optional<std::string>> lock = store_->store().device_setting(staff_area::kPinLockSetting); lock && *lock) {
        loaded.lock = parse_pin_lock(**lock);
    }
    pending_intents_.push_back(std::move(loaded));
}

// --- 2. Carrying out staff effects ---------------------------------------------------------------------

intent::StaffReport WebApp::staff_report(std::string message) const {
    intent::StaffReport report;
    report.message = std::move(message);
    if (!store_ || !state_.survey) return report;
    Result<StaffStats> stats = read_staff_stats(store_->store(), state_.survey->model.id, platform::now());
    if (!stats) {
        if (report.message.empty()) report.message = "The kiosk's figures could not be read: " + stats.error().to_string();
        return report;
    }
    const platform::StorageInfo storage = platform::storage_info();
    stats->device_id = device_id_;
    stats->storage_used_bytes = storage.usage_bytes;
    stats->storage_quota_bytes = storage.quota_bytes;
    report.stats = std::move(stats).value();
    return report;
}

void WebApp::report_later(intent::StaffReport report) {
    finished_intents_.push_back(std::move(report));
    request_frames(kFramesAfterReport);
}

void WebApp::carry_out_staff(const Effects& effects) {
    const std::string survey_id = state_.survey->model.id;
    for (const auto& [key, value] : effects.device_settings) {
        store_->set_device_setting(key, value, [this](Status durable) {
            if (!durable) report_later(staff_report("The kiosk could not save its staff PIN: " + durable.error().to_string()));
        });
    }
    if (effects.refresh_staff_stats) pending_intents_.push_back(staff_report({}));
    if (effects.export_responses) {
        const TimePoint now = platform::now();
        Result<ExportFile> file = export_responses(store_->store(), survey_id, device_id_, now);
        if (!file) {
            pending_intents_.push_back(staff_report("Nothing was exported: " + file.error().message + "."));
        } else {
            platform::offer_download(file->file_name, file->text);
            const std::string done = "Exported " + std::to_string(file->ids.size()) + " responses as " + file->file_name +
                                     ". Keep that file safe, then open it with \u201cCheck a saved export\u201d before deleting anything.";
            // The last backup is this export, even when every response in it was exported before.
            store_->set_device_setting(kLastExportSetting, format_iso8601(now), {});
            store_->mark_exported(file->ids, format_iso8601(now), [this, done](Status durable) {
                report_later(staff_report(durable ? done : "The file was offered, but saving the note that it was exported failed (" +
                                                                durable.error().to_string() + "). Export again before deleting."));
            });
        }
    }
    if (effects.choose_saved_file) {
        platform::choose_file(kMaxBundleBytes, [this, survey_id](Result<platform::ChosenFile> file) {
            if (!file) {
                report_later(intent::StaffReport{std::nullopt, "Nothing was deleted: " + file.error().to_string() + ".",
                                                 std::vector<std::string>{}, ""});
                return;
            }
            Result<std::vector<StoredResponse>> on_device = store_->store().responses_of(survey_id);
            if (!on_device) {
                report_later(staff_report("The kiosk's responses could not be read: " + on_device.error().to_string()));
                return;
            }
            SavedFileCheck check = check_saved_export(file->text, file->name, survey_id, *on_device);
            report_later(intent::StaffReport{std::nullopt, check.message, std::move(check.deletable), file->name});
        });
    }
    if (!effects.delete_exported.empty()) {
        const std::string done = "Deleted " + std::to_string(effects.delete_exported.size()) + " exported responses from this kiosk. They are in " +
                                 state_.kiosk->staff.checked_file + ".";
        store_->delete_exported(effects.delete_exported, [this, done](Status durable) {
            // The rows went from the working copy first; only saving that to the device failed.
            report_later(staff_report(durable ? done : "The responses were deleted here, but saving that to this device failed (" +
                                                           durable.error().to_string() + "). Reload, then check the figures."));
        });
    }
}

void WebApp::open_staff() {
    pending_intents_.push_back(intent::OpenStaff{});
    request_frames(kFramesAfterReport);
}

}  // namespace canvass::web

// --- 3. The hidden gesture ---------------------------------------------------------------------------------
// web/page/boot.js calls this on Ctrl+Alt+A or a three-second press on the top-left corner, on a
// kiosk only; core refuses it anywhere but between respondents.
extern "C" EMSCRIPTEN_KEEPALIVE void canvass_staff_gesture() {
    canvass::web::mutable_running_app().open_staff();
}
