// Turning a kiosk's start-up settings (the page address's parameters, docs/automation.md) into
// KioskSettings, with a message naming the parameter when one is wrong.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/app/app_state.h"
#include "core/result.h"

namespace canvass {

// `parameter(name)` returns the parameter's text, "" when absent. Read: kiosk-thanks,
// kiosk-idle and kiosk-countdown, each a whole number of seconds from 1 to 86400; an absent one
// keeps its default (10, 90, 20).
Result<KioskSettings> kiosk_settings_from(const std::function<std::string(std::string_view)>& parameter);

}  // namespace canvass
