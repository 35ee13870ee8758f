// Version-4 UUID formatting and parsing (RFC 4122 layout).
#include "core/util/uuid.h"

namespace canvass {

Uuid Uuid::from_random(const std::array<std::uint8_t, 16>& random_bytes) {
    Uuid id{random_bytes};
    id.bytes[6] = static_cast<std::uint8_t>((id.bytes[6] & 0x0F) | 0x40);
    id.bytes[8] = static_cast<std::uint8_t>((id.bytes[8] & 0x3F) | 0x80);
    return id;
}

std::string Uuid::to_string() const {
    static constexpr char kHexDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += kHexDigits[bytes[i] >> 4];
        out += kHexDigits[bytes[i] & 15];
    }
    return out;
}

std::string Uuid::short_reference() const {
    std::string text = to_string().substr(0, 8);
    for (char& ch : text) {
        if (ch >= 'a' && ch <= 'f') ch = static_cast<char>(ch - 'a' + 'A');
    }
    return text;
}

Result<Uuid> Uuid::parse(std::string_view text) {
    auto bad = [&](std::string why) {
        return make_error("not a UUID (" + why + "); expected the form 8-4-4-4-12 hex digits");
    };
    if (text.size() != 36) return bad("length " + std::to_string(text.size()) + ", not 36");
    Uuid id;
    std::size_t byte_index = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (text[i] != '-') return bad("no '-' at " + std::to_string(i + 1));
            ++i;
            continue;
        }
        int value = 0;
        for (int half = 0; half < 2; ++half, ++i) {
            char ch = text[i];
            int digit = (ch >= '0' && ch <= '9')   ? ch - '0'
                        : (ch >= 'a' && ch <= 'f') ? ch - 'a' + 10
                        : (ch >= 'A' && ch <= 'F') ? ch - 'A' + 10
                                                   : -1;
            if (digit < 0) return bad("'" + std::string(1, ch) + "' at " + std::to_string(i + 1) + " is not hex");
            value = value * 16 + digit;
        }
        id.bytes[byte_index++] = static_cast<std::uint8_t>(value);
    }
    return id;
}

}  // namespace canvass
