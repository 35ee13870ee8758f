// The staff PIN's hash, its check and its lock-out.
#include "core/app/staff_pin.h"

#include <algorithm>
#include <charconv>

#include "core/util/pbkdf2.h"

namespace canvass {
namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";

// Compares every byte whatever the first difference, so timing says nothing about the hash.
bool same_in_constant_time(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    unsigned char difference = 0;
    for (std::size_t i = 0; i < a.size(); ++i) difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

std::string hash_of(std::string_view pin, std::string_view salt_hex, std::uint32_t iterations) {
    return hex_of(pbkdf2_hmac_sha256(pin, salt_hex, iterations, 32));
}

}  // namespace

std::string encode_pin_record(const PinRecord& record) {
    return std::string(kScheme) + "$" + std::to_string(record.iterations) + "$" + record.salt_hex + "$" + record.hash_hex;
}

Result<PinRecord> parse_pin_record(std::string_view text) {
    const auto fail = [] { return make_error("the staff PIN record is damaged; set a new PIN", "device setting staff_pin"); };
    std::array<std::string_view, 4> parts;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::size_t end = i + 1 < parts.size() ? text.find('$') : text.size();
        if (end == std::string_view::npos) return fail();
        parts[i] = text.substr(0, end);
        text.remove_prefix(std::min(text.size(), end + 1));
    }
    PinRecord record;
    const auto [end, error] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), record.iterations);
    if (parts[0] != kScheme || error != std::errc{} || end != parts[1].data() + parts[1].size() ||
        record.iterations < kPinIterations || record.iterations > 100 * kPinIterations || !is_lower_hex(parts[2], 32) ||
        !is_lower_hex(parts[3], 64)) {  // too many rounds would freeze the kiosk on every try
        return fail();
    }
    record.salt_hex = parts[2];
    record.hash_hex = parts[3];
    return record;
}

Status check_new_pin(std::string_view pin) {
    if (pin.size() < 6 || pin.size() > 12 || !std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return make_error("a staff PIN is 6 to 12 digits");
    }
    bool same = true, rising = true, falling = true;
    for (std::size_t i = 1; i < pin.size(); ++i) {
        same = same && pin[i] == pin[0];
        rising = rising && pin[i] == pin[i - 1] + 1;
        falling = falling && pin[i] == pin[i - 1] - 1;
    }
    if (same || rising || falling) return make_error("that PIN is too easy to guess; choose digits that are not all the same or in a row");
    return Ok{};
}

PinRecord make_pin_record(std::string_view pin, const std::array<std::uint8_t, 16>& salt, std::uint32_t iterations) {
    PinRecord record;
    record.iterations = iterations;
    record.salt_hex = hex_of({reinterpret_cast<const char*>(salt.data()), salt.size()});
    record.hash_hex = hash_of(pin, record.salt_hex, iterations);
    return record;
}

std::string encode_pin_lock(const PinLock& lock) {
    return std::to_string(lock.failures) + "$" + std::to_string(lock.locked_until_ms);
}

PinLock parse_pin_lock(std::string_view text) {
    const std::size_t dollar = text.find('$');
    if (dollar == std::string_view::npos) return {};
    PinLock lock;
    const auto [end_f, error_f] = std::from_chars(text.data(), text.data() + dollar, lock.failures);
    const auto [end_u, error_u] = std::from_chars(text.data() + dollar + 1, text.data() + text.size(), lock.locked_until_ms);
    const bool whole = end_f == text.data() + dollar && end_u == text.data() + text.size();
    if (error_f != std::errc() || error_u != std::errc() || !whole || lock.failures < 0 || lock.locked_until_ms < 0) return {};
    return lock;
}

PinAttempt try_pin(const PinRecord& record, const PinLock& lock, std::string_view pin, std::int64_t now_ms) {
    PinAttempt attempt;
    attempt.lock = lock;
    if (now_ms < lock.locked_until_ms) {
        const std::int64_t minutes = (lock.locked_until_ms - now_ms + 59'999) / 60'000;
        attempt.message = "Staff access is locked after " + std::to_string(kPinTriesBeforeLock) +
                          " wrong PINs. Try again in " + std::to_string(minutes) + (minutes == 1 ? " minute." : " minutes.");
        return attempt;
    }
    if (lock.locked_until_ms != 0) attempt.lock = PinLock{};  // the lock has run out: a fresh start
    if (same_in_constant_time(hash_of(pin, record.salt_hex, record.iterations), record.hash_hex)) {
        attempt.accepted = true;
        attempt.lock = PinLock{};
        return attempt;
    }
    ++attempt.lock.failures;
    if (attempt.lock.failures >= kPinTriesBeforeLock) {
        attempt.lock = PinLock{0, now_ms + kPinLockMs};
        attempt.message = "Wrong PIN. Staff access is now locked for 5 minutes.";
        return attempt;
    }
    const int left = kPinTriesBeforeLock - attempt.lock.failures;
    attempt.message = "Wrong PIN. " + std::to_string(left) + (left == 1 ? " try" : " tries") + " left before staff access locks for 5 minutes.";
    return attempt;
}

}  // namespace canvass
