// The staff screens' view-model: the PIN keypad, and the staff screen's figures and commands
// ("View results" opens the results dashboard, core/app/dashboard.h). Staff screens are in English only (docs/kiosk.md): they are for the DIZ's
// own staff, and every word a respondent sees stays translated.
//
// Sections:
//   1. Formatting figures: bytes, times
//   2. The PIN screen
//   3. The staff screen
#include "core/app/staff_view.h"

#include <algorithm>
#include <cstdio>

#include "core/app/ui_text.h"
#include "core/util/time.h"
#include "core/util/uk_time.h"

namespace canvass {
namespace {

// --- 1. Formatting figures ---------------------------------------------------------------------

std::string bytes_text(std::int64_t bytes) {
    if (bytes < 0) return "not known";
    const char* units[] = {"bytes", "kB", "MB", "GB", "TB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1000 && unit < 4) {
        value /= 1000;
        ++unit;
    }
    if (unit == 0) return std::to_string(bytes) + " bytes";
    char text[32];
    std::snprintf(text, sizeof text, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    return text;
}

std::string uk_time_text(const std::string& iso) {
    const Result<TimePoint> at = parse_iso8601(iso);
    if (!at) return iso;
    const UkLocalTime local = uk_local_time(*at);
    return format_long_date("en", local.date) + ", " + format_clock(local.minute_of_day);
}

std::string count_text(std::int64_t count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

void add(ViewModel& view, std::string id, std::string label, std::string group, bool enabled = true) {
    ControlView control{std::move(id), std::move(label), ControlKind::Button, enabled, false, std::move(group), {}};
    control.value = control.id;
    view.controls.push_back(std::move(control));
}

// --- 2. The PIN screen ---------------------------------------------------------------------------

void build_pin(ViewModel& view, const StaffAccess& staff) {
    switch (staff.step) {
        case PinStep::Choose:
            view.heading = "Choose a staff PIN";
            view.paragraphs = {"This kiosk needs a staff PIN before it starts. Staff use it to export the responses "
                               "and to leave kiosk mode.",
                               "Choose 6 to 12 digits, not all the same and not in a row. Keep it with the kiosk's "
                               "paperwork, not on the stand."};
            view.staff_mode = "choose";
            break;
        case PinStep::Confirm:
            view.heading = "Type the PIN again";
            view.paragraphs = {"Type the same PIN again, to be sure of it."};
            view.staff_mode = "confirm";
            break;
        case PinStep::Enter:
            view.heading = "Staff access";
            view.paragraphs = {"Type the staff PIN."};
            view.staff_mode = "enter";
            break;
    }
    view.status = staff.message;
    view.pin_digits = static_cast<int>(staff.typed.size());
    for (const char* digit : {"1", "2", "3", "4", "5", "6", "7", "8", "9"}) add(view, std::string("pin:") + digit, digit, "keypad");
    add(view, "pin:erase", "Erase", "keypad", !staff.typed.empty());
    add(view, "pin:0", "0", "keypad");
    add(view, "pin:enter", staff.step == PinStep::Enter ? "Unlock" : "OK", "keypad", !staff.typed.empty());
    if (staff.pin) add(view, "staff:close", "Back to the kiosk", "staff");
}

// --- 3. The staff screen -----------------------------------------------------------

void build_home(ViewModel& view, const AppState& state, const StaffAccess& staff) {
    const StaffStats& stats = staff.stats;
    view.heading = "Staff screen";
    view.staff_mode = "home";
    view.paragraphs = {
        (stats.device_id.empty() ? std::string("This kiosk") : "Kiosk " + stats.device_id.substr(0, 8)) + (state.survey ? ", collecting \u201c" + state.survey->model.id + "\u201d" : std::string()) + ".",
        "Responses stored today: " + std::to_string(stats.stored_today) + ". On this kiosk: " +
            std::to_string(stats.stored_total) + ", of which " + std::to_string(stats.not_exported) + " not yet exported.",
        "Unfinished responses discarded: " + std::to_string(stats.discarded_partials) + ".",
        "Storage: " + bytes_text(stats.storage_used_bytes) + " used, " +
            (stats.storage_quota_bytes < 0 ? std::string("free space not known")
                                           : bytes_text(std::max<std::int64_t>(0, stats.storage_quota_bytes - stats.storage_used_bytes)) + " free") + ".",
        stats.last_export_at.empty() ? "Last backup: never. Export the responses at the end of each day."
                                     : "Last backup: " + uk_time_text(stats.last_export_at) + ".",
    };
    // The outbox (docs/outbox.md): shown when this survey sends to a collector, or ever did.
    const OutboxCounts& outbox = stats.outbox;
    if ((state.survey && !state.survey->collector.empty()) || outbox.queued + outbox.sent + outbox.refused > 0) {
        view.paragraphs.push_back("Sent to the collector: " + std::to_string(outbox.sent) + ". Waiting to send: " +
                                  std::to_string(outbox.queued) +
                                  (outbox.queued > 0 ? " (sent between respondents whenever there is a network)." : "."));
        if (outbox.refused > 0) {
            view.paragraphs.push_back("Refused by the collector: " + count_text(outbox.refused, "response", "responses") +
                                      ", kept on this kiosk and not sent again. Export as usual and tell the survey's organisers. "
                                      "Latest reason: " + stats.outbox_refused_reason);
        }
    }
    view.status = staff.message;
    if (!staff.imported_files.empty()) {
        std::string files;
        std::vector<std::string> named;  // a file imported twice is named once (its responses count once too)
        for (const std::string& name : staff.imported_files) {
            if (std::find(named.begin(), named.end(), name) != named.end()) continue;
            named.push_back(name);
            files += (files.empty() ? "" : ", ") + name;
        }
        view.paragraphs.push_back("Imported for the results: " + files + ". Nothing of them is stored on this kiosk.");
    }
    if (staff.loading) {  // counting results: a progress bar, and the one thing to do is stop
        view.loading_stage = staff.loading->stage;
        view.loading_percent = staff.loading->percent;
        add(view, "staff:stop_loading", "Stop", "staff");
        add(view, "staff:close", "Back to the kiosk", "staff");
        return;
    }
    add(view, "staff:export", "Export responses", "staff", stats.stored_total > 0);
    add(view, "staff:check_file", "Check a saved export", "staff");
    add(view, "staff:delete", staff.deletable.empty() ? std::string("Delete exported responses")
                                                     : "Delete " + count_text(static_cast<std::int64_t>(staff.deletable.size()), "exported response", "exported responses"),
        "staff", !staff.deletable.empty());
    const bool taking_responses = staff.closes_to == Screen::Welcome;  // not closed, storage not full
    add(view, "staff:paper", "Enter a paper response", "staff", taking_responses);
    add(view, "staff:phone", "Enter a phone response", "staff", taking_responses);
    add(view, "staff:results", "View results", "staff");
    add(view, "staff:import", "Import another kiosk's file for the results", "staff");
    add(view, "staff:close", "Back to the kiosk", "staff");
    add(view, "staff:leave", "Leave kiosk mode", "staff");
}

}  // namespace

void build_staff_view(ViewModel& view, const AppState& state) {
    view.locale = "en";
    view.focus = "heading";
    const StaffAccess& staff = state.kiosk->staff;
    if (state.screen == Screen::StaffPin) build_pin(view, staff);
    else build_home(view, state, staff);
}

}  // namespace canvass
