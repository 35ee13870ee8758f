// The staff area's rules: the PIN keypad, the staff commands and the host's reports.
#include "core/app/staff_area.h"

#include <algorithm>

namespace canvass::staff_area {
namespace {

constexpr std::size_t kMaxPinDigits = 12;

StaffAccess& access(AppState& state) { return state.kiosk->staff; }

void unlock(AppState& state, Effects& effects) {
    StaffAccess& staff = access(state);
    staff.unlocked = true;
    staff.message.clear();
    state.screen = Screen::Staff;
    effects.refresh_staff_stats = true;
}

void keep_lock(const StaffAccess& staff, Effects& effects) {
    effects.device_settings.emplace_back(kPinLockSetting, encode_pin_lock(staff.lock));
}

// Enter on the keypad: the step decides what the digits mean. The digits are cleared whatever happens.
void enter(AppState& state, Effects& effects, const IntentContext& context) {
    StaffAccess& staff = access(state);
    const std::string typed = std::move(staff.typed);
    staff.typed.clear();
    switch (staff.step) {
        case PinStep::Choose: {
            if (Status usable = check_new_pin(typed); !usable) {
                staff.message = "Choose another PIN: " + usable.error().message + ".";
                return;
            }
            staff.first_choice = typed;
            staff.step = PinStep::Confirm;
            staff.message.clear();
            return;
        }
        case PinStep::Confirm: {
            if (typed != staff.first_choice) {
                staff.first_choice.clear();
                staff.step = PinStep::Choose;
                staff.message = "The two PINs were different. Choose a PIN again.";
                return;
            }
            staff.first_choice.clear();
            staff.pin = make_pin_record(typed, context.random, staff.new_pin_iterations);
            staff.lock = {};
            staff.step = PinStep::Enter;
            effects.device_settings.emplace_back(kPinSetting, encode_pin_record(*staff.pin));
            keep_lock(staff, effects);
            unlock(state, effects);
            return;
        }
        case PinStep::Enter: {
            const PinAttempt attempt = try_pin(*staff.pin, staff.lock, typed, context.now_ms);
            if (attempt.lock != staff.lock) {
                staff.lock = attempt.lock;
                keep_lock(staff, effects);
            }
            if (attempt.accepted) {
                unlock(state, effects);
                return;
            }
            staff.message = attempt.message;
            return;
        }
    }
}

}  // namespace

// A kiosk's results dashboard opens only from its staff screen (core/app/dashboard.h), and is
// part of the staff area: it locks with it.
bool on_staff_screen(const AppState& state) {
    return state.screen == Screen::StaffPin || state.screen == Screen::Staff || (state.screen == Screen::Dashboard && state.kiosk);
}

void records_loaded(AppState& state, const intent::StaffRecordsLoaded& loaded) {
    StaffAccess& staff = access(state);
    staff.pin = loaded.pin;
    staff.lock = loaded.lock;
}

void ask_for_pin_if_none(AppState& state) {
    // Set up the day before the event: a survey not open yet (Closed) asks for the PIN too.
    if (!state.kiosk || state.kiosk->staff.pin || (state.screen != Screen::Welcome && state.screen != Screen::Closed)) return;
    StaffAccess& staff = access(state);
    staff.closes_to = state.screen;
    staff.step = PinStep::Choose;
    staff.typed.clear();
    state.screen = Screen::StaffPin;
}

Status open(AppState& state) {
    if (!state.kiosk) return make_error("staff access is only on a kiosk");
    if (on_staff_screen(state)) return Ok{};  // already there
    // Never over someone's answers: staff wait for the attract or the thank-you screen.
    const bool between_respondents = (state.screen == Screen::Welcome && !state.evaluation) || state.screen == Screen::Confirmation;
    // A kiosk whose storage is full, or whose survey has closed (or not opened yet), starts
    // nobody, but staff must still reach the export and be able to leave kiosk mode.
    const bool stopped = (state.screen == Screen::Unavailable || state.screen == Screen::Closed) && state.survey;
    if (!between_respondents && !stopped) return make_error("staff access opens between respondents, on the attract or thank-you screen");
    StaffAccess& staff = access(state);
    lock(state);
    staff.closes_to = stopped ? state.screen : Screen::Welcome;
    staff.step = staff.pin ? PinStep::Enter : PinStep::Choose;
    state.reference.clear();
    state.submitted_id.clear();
    state.screen = Screen::StaffPin;
    return Ok{};
}

Status press_key(AppState& state, Effects& effects, const IntentContext& context, std::string_view key) {
    if (!state.kiosk || state.screen != Screen::StaffPin) return make_error("the PIN keypad is only on the staff PIN screen");
    StaffAccess& staff = access(state);
    if (key.size() == 1 && key[0] >= '0' && key[0] <= '9') {
        if (staff.typed.size() < kMaxPinDigits) staff.typed += key[0];
        return Ok{};
    }
    if (key == "erase") {
        if (!staff.typed.empty()) staff.typed.pop_back();
        return Ok{};
    }
    if (key == "enter") {
        enter(state, effects, context);
        return Ok{};
    }
    return make_error("the PIN keypad has the digits 0 to 9, erase and enter");
}

Result<bool> command(AppState& state, Effects& effects, intent::StaffCommand command) {
    using intent::StaffCommand;
    // "Back to the kiosk" from the PIN prompt (once a PIN exists): staff changed their mind.
    if (command == StaffCommand::Close && state.kiosk && state.screen == Screen::StaffPin && access(state).pin) {
        state.screen = access(state).closes_to;
        lock(state);
        return false;
    }
    if (!state.kiosk || !access(state).unlocked || state.screen != Screen::Staff) {
        return make_error("staff commands need the staff screen, opened with the PIN");
    }
    StaffAccess& staff = access(state);
    // Counting results takes a while with many responses: staff may stop it, or leave.
    if (staff.loading && command != StaffCommand::CancelLoading && command != StaffCommand::Close) {
        return make_error("the results are still being counted: wait, or press Stop");
    }
    staff.message.clear();
    switch (command) {
        case StaffCommand::Export: effects.export_responses = true; return false;
        case StaffCommand::CheckFile: effects.choose_saved_file = true; return false;
        case StaffCommand::DeleteExported:
            if (staff.deletable.empty()) return make_error("open the saved export with \"Check a saved file\" before deleting");
            effects.delete_exported = staff.deletable;
            staff.deletable.clear();
            return false;
        case StaffCommand::EnterPaper:
        case StaffCommand::EnterPhone:
            if (staff.closes_to != Screen::Welcome) return make_error("this kiosk cannot take new responses now (its survey is closed, or its storage is full)");
            state.channel = command == StaffCommand::EnterPaper ? "paper" : "phone";
            staff.entering = true;
            state.screen = Screen::Welcome;
            return true;
        case StaffCommand::Results:  // the dashboard, on this kiosk's responses and imported files (counted by the host)
            effects.load_dashboard_responses = true;
            staff.loading = StaffAccess::Loading{"Counting this kiosk's responses", 0};
            return false;
        case StaffCommand::ImportFile:  // the host answers with ResultsLoading, then OpenDashboard
            effects.choose_import_file = true;
            return false;
        case StaffCommand::CancelLoading:
            if (!staff.loading) return make_error("nothing is being counted");
            staff.loading.reset();
            effects.cancel_results_loading = true;
            staff.message = "Stopped. Nothing was added to the results.";
            return false;
        case StaffCommand::Close:
            state.screen = staff.closes_to;
            lock(state);
            return false;
        case StaffCommand::LeaveKiosk:
            effects.leave_kiosk = true;
            return false;
    }
    return false;
}

Status report(AppState& state, const intent::StaffReport& report) {
    if (!state.kiosk) return make_error("staff reports are only for a kiosk");
    StaffAccess& staff = access(state);
    if (!staff.unlocked) return Ok{};  // finished after the staff area closed: nothing of it stays
    if (report.stats) staff.stats = *report.stats;
    if (!report.message.empty()) staff.message = report.message;
    if (report.deletable) {
        staff.deletable = *report.deletable;
        staff.checked_file = report.checked_file;
    }
    return Ok{};
}

Status results_loading(AppState& state, const intent::ResultsLoading& loading) {
    if (!state.kiosk) return make_error("results are counted on a kiosk's staff screen");
    StaffAccess& staff = access(state);
    if (!staff.unlocked || state.screen != Screen::Staff) return Ok{};  // staff left meanwhile: nothing of it stays
    if (loading.stopped) {
        staff.loading.reset();
        staff.message = loading.problem.empty() ? std::string() : "Nothing was added to the results: " + loading.problem;
        return Ok{};
    }
    const int percent = static_cast<int>(std::clamp(loading.fraction, 0.0, 1.0) * 100);
    staff.loading = StaffAccess::Loading{loading.stage, percent};
    staff.message.clear();
    return Ok{};
}

void lock(AppState& state) {
    StaffAccess& staff = access(state);
    staff.loading.reset();
    staff.imported_files.clear();
    staff.unlocked = false;
    staff.entering = false;
    staff.typed.clear();
    staff.first_choice.clear();
    staff.message.clear();
    staff.deletable.clear();
    staff.checked_file.clear();
    staff.stats = {};
    state.dashboard.reset();  // nothing the staff saw stays
    state.channel = "kiosk";
    // The next person starts from the defaults, whoever answered (or typed in a paper form) before.
    state.locale = "en";
    state.text_size_percent = kMinTextSizePercent;
    state.high_contrast = false;
}

void return_from_entry(AppState& state, Effects& effects) {
    StaffAccess& staff = access(state);
    staff.entering = false;
    state.channel = "kiosk";
    state.reference.clear();
    state.submitted_id.clear();
    state.screen = Screen::Staff;
    effects.refresh_staff_stats = true;
}

}  // namespace canvass::staff_area
