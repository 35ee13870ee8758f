// An event kiosk's staff PIN (docs/kiosk.md): kept only as a salted PBKDF2-HMAC-SHA-256 hash,
// checked in constant time, and locked for five minutes after five wrong tries. Pure: the salt
// and the time come in from the caller.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace canvass {

inline constexpr std::uint32_t kPinIterations = 100'000;
inline constexpr int kPinTriesBeforeLock = 5;
inline constexpr std::int64_t kPinLockMs = 5 * 60 * 1000;

struct PinRecord {
    std::uint32_t iterations = kPinIterations;
    std::string salt_hex;  // 16 random bytes
    std::string hash_hex;  // 32 bytes of PBKDF2 output
    bool operator==(const PinRecord&) const = default;
};

// "pbkdf2-sha256$ITERATIONS$SALT$HASH", as kept in the store's device settings.
std::string encode_pin_record(const PinRecord& record);
Result<PinRecord> parse_pin_record(std::string_view text);

// A new PIN must be 6 to 12 digits, and not one digit repeated or a run (123456, 987654).
Status check_new_pin(std::string_view pin);
PinRecord make_pin_record(std::string_view pin, const std::array<std::uint8_t, 16>& salt,
                          std::uint32_t iterations = kPinIterations);

struct PinLock {
    int failures = 0;               // wrong tries since the last right one or the last lock
    std::int64_t locked_until_ms = 0;
    bool operator==(const PinLock&) const = default;
};

struct PinAttempt {
    bool accepted = false;
    PinLock lock;          // the lock state after this try
    std::string message;   // for the staff member when not accepted (never contains the PIN)
};

// "FAILURES$LOCKED_UNTIL_MS", kept beside the hash so a reload does not reset the count. Text
// that does not parse gives a fresh lock: the hash, not the lock, is what guards the PIN.
std::string encode_pin_lock(const PinLock& lock);
PinLock parse_pin_lock(std::string_view text);

// One try at the PIN at `now_ms`. While locked, every try is refused, the right PIN too.
PinAttempt try_pin(const PinRecord& record, const PinLock& lock, std::string_view pin, std::int64_t now_ms);

}  // namespace canvass
