// The collector's staff token: a bearer token for the staff endpoints (uploading kiosk bundles,
// exporting raw responses). The server keeps only the token's SHA-256, so a copy of its data
// folder does not give staff access. Pure: the caller supplies the random bytes.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace canvass::collect {

// "canvass-staff-" then 64 lower-case hex digits: the prefix makes a leaked token easy to
// recognise (and search for) in logs and chat.
inline constexpr std::string_view kStaffTokenPrefix = "canvass-staff-";

std::string make_staff_token(const std::array<std::uint8_t, 32>& random_bytes);

// What the server stores: the lower-case hex SHA-256 of the whole token.
std::string staff_token_hash(std::string_view token);

// The stored hash file's text (64 hex digits, a newline allowed); the error says how to make one.
Result<std::string> read_staff_token_hash(std::string_view file_text);

enum class Access { Granted, Missing, Wrong };

// Checks an Authorization header ("Bearer TOKEN") against the stored hash, comparing in time
// that does not depend on where the hashes differ. An empty `stored_hash` (no token made yet)
// grants nothing.
Access check_bearer(std::string_view authorization, std::string_view stored_hash);

}  // namespace canvass::collect
