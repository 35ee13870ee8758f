// HMAC-SHA-256 (RFC 2104) and PBKDF2-HMAC-SHA-256 (RFC 8018, section 5.2): a kiosk's staff PIN
// is kept only as a salted, slow hash, and core must compute it the same way in the browser and
// in the native tests.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/util/sha256.h"  // hex_of, for the derived keys' text form

namespace canvass {

std::array<std::uint8_t, 32> hmac_sha256(std::string_view key, std::string_view message);

// `length` bytes of key derived from `password` and `salt` in `iterations` rounds (at least 1).
std::string pbkdf2_hmac_sha256(std::string_view password, std::string_view salt, std::uint32_t iterations,
                               std::size_t length);

}  // namespace canvass
