// Reading a kiosk's timings from text, strictly: a kiosk left with a mistyped setting would
// otherwise quietly run with the wrong timeout all day.
#include "core/app/kiosk_settings.h"

#include <charconv>

namespace canvass {
namespace {

constexpr int kMaxSeconds = 86'400;

Result<std::int64_t> seconds_ms(std::string_view name, const std::string& text, std::int64_t fallback_ms) {
    if (text.empty()) return fallback_ms;
    int seconds = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (error != std::errc{} || end != text.data() + text.size() || seconds < 1 || seconds > kMaxSeconds) {
        const std::string shown = text.size() > 20 ? text.substr(0, 20) + "…" : text;
        return make_error("'" + shown + "' is not a whole number of seconds from 1 to " + std::to_string(kMaxSeconds),
                          std::string(name));
    }
    return std::int64_t{seconds} * 1000;
}

}  // namespace

Result<KioskSettings> kiosk_settings_from(const std::function<std::string(std::string_view)>& parameter) {
    const KioskSettings defaults;
    KioskSettings settings;
    const auto thanks = seconds_ms("kiosk-thanks", parameter("kiosk-thanks"), defaults.thanks_ms);
    if (!thanks) return thanks.error();
    const auto idle = seconds_ms("kiosk-idle", parameter("kiosk-idle"), defaults.idle_ms);
    if (!idle) return idle.error();
    const auto countdown = seconds_ms("kiosk-countdown", parameter("kiosk-countdown"), defaults.countdown_ms);
    if (!countdown) return countdown.error();
    settings.thanks_ms = *thanks;
    settings.idle_ms = *idle;
    settings.countdown_ms = *countdown;
    return settings;
}

}  // namespace canvass
