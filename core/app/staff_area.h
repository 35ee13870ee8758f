// A kiosk's staff area (docs/kiosk.md): the PIN prompt (choosing the PIN on the first start),
// the staff screen and its commands, and locking it again. Called by apply_intent for the staff
// intents; pure like the rest of core: the time and random bytes come in through IntentContext,
// and the work that needs the store or the browser goes out as Effects.
#pragma once

#include <string_view>

#include "core/app/app_state.h"

namespace canvass::staff_area {

// The device setting keys the host keeps the PIN's hash and its lock under.
inline constexpr const char* kPinSetting = "staff_pin";
inline constexpr const char* kPinLockSetting = "staff_pin_lock";

void records_loaded(AppState& state, const intent::StaffRecordsLoaded& loaded);
// After the survey loads: a kiosk with no PIN yet asks for one before anything else.
void ask_for_pin_if_none(AppState& state);
Status open(AppState& state);
Status press_key(AppState& state, Effects& effects, const IntentContext& context, std::string_view key);
// True when the command starts a paper or phone response: apply_intent then starts it as Start does.
Result<bool> command(AppState& state, Effects& effects, intent::StaffCommand command);
Status report(AppState& state, const intent::StaffReport& report);
// The host's progress counting results for the dashboard; a stopped load tells staff why.
Status results_loading(AppState& state, const intent::ResultsLoading& loading);
// Closes the staff area (staff pressed "Back to the kiosk", or walked away from it): the next
// person needs the PIN again, and nothing the staff saw stays.
void lock(AppState& state);
// A paper or phone response ended (stored, or abandoned): back to the staff screen.
void return_from_entry(AppState& state, Effects& effects);

bool on_staff_screen(const AppState& state);

}  // namespace canvass::staff_area
