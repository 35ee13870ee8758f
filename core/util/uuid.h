// Version-4 UUIDs for response ids. Pure: the caller supplies the random bytes (from the
// platform seam), so tests are repeatable and core never touches an entropy source.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace canvass {

struct Uuid {
    std::array<std::uint8_t, 16> bytes{};

    // Sets the version (4) and variant (RFC 4122) bits over the given random bytes.
    static Uuid from_random(const std::array<std::uint8_t, 16>& random_bytes);
    // Accepts the canonical 8-4-4-4-12 hex form, either case.
    static Result<Uuid> parse(std::string_view text);

    std::string to_string() const;     // lower-case 8-4-4-4-12
    std::string short_reference() const;  // first 8 hex digits, upper-case: read aloud to staff
    bool operator==(const Uuid&) const = default;
};

}  // namespace canvass
