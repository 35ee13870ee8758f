// What a kiosk's staff screen reads from the store and writes for staff (docs/kiosk.md): its
// figures, the export file, and the check of a re-opened export before anything is deleted.
// The host carries them out and reports back with intent::StaffReport.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/app/app_state.h"
#include "core/store/response_store.h"
#include "core/util/time.h"

namespace canvass {

// The device setting the host notes each export's time under: the staff screen's last backup.
inline constexpr const char* kLastExportSetting = "last_export_at";

// The figures the store holds for `survey_id` ("today" is the UK day of `now`). The device id
// and the storage figures are the host's to fill in.
Result<StaffStats> read_staff_stats(const ResponseStore& store, const std::string& survey_id, TimePoint now);

struct ExportFile {
    std::string file_name;  // canvass-responses-SURVEY-KIOSK-YYYYMMDD-HHMM.json (UK time)
    std::string text;       // the canvass.responses bundle (core/store/bundle.h)
    std::vector<std::string> ids;
};
// Every response to `survey_id` still on the kiosk, exported before or not: each file is a
// whole backup, so the latest file alone is enough.
Result<ExportFile> export_responses(const ResponseStore& store, const std::string& survey_id, const std::string& device_id,
                                    TimePoint now);

struct SavedFileCheck {
    std::string message;                 // for the staff member: what was found and what to do
    std::vector<std::string> deletable;  // empty unless the file holds every exported response
};
// Checks a re-opened export against the responses on the kiosk: only when it holds every one
// already exported (the same content, not just the ids) may those be deleted.
SavedFileCheck check_saved_export(std::string_view text, std::string_view file_name, const std::string& survey_id,
                                  const std::vector<StoredResponse>& on_device);

}  // namespace canvass
