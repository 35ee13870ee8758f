// Staff tokens: made from random bytes, stored as a hash, checked in constant time.
#include "core/collect/staff_token.h"

#include "core/util/sha256.h"

namespace canvass::collect {

std::string make_staff_token(const std::array<std::uint8_t, 32>& random_bytes) {
    return std::string(kStaffTokenPrefix) +
           hex_of(std::string_view(reinterpret_cast<const char*>(random_bytes.data()), random_bytes.size()));
}

std::string staff_token_hash(std::string_view token) { return sha256_hex(token); }

Result<std::string> read_staff_token_hash(std::string_view file_text) {
    while (!file_text.empty() && (file_text.back() == '\n' || file_text.back() == '\r')) file_text.remove_suffix(1);
    if (!is_lower_hex(file_text, 64)) {
        return make_error("the staff token file does not hold a token's hash; make a new token with 'canvass serve --new-token --data DIR'");
    }
    return std::string(file_text);
}

Access check_bearer(std::string_view authorization, std::string_view stored_hash) {
    constexpr std::string_view scheme = "Bearer ";
    if (authorization.empty()) return Access::Missing;
    if (authorization.size() <= scheme.size() || authorization.substr(0, scheme.size()) != scheme) return Access::Wrong;
    if (stored_hash.size() != 64) return Access::Wrong;
    const std::string given = staff_token_hash(authorization.substr(scheme.size()));
    unsigned difference = 0;
    for (std::size_t i = 0; i < 64; ++i) difference |= static_cast<unsigned char>(given[i] ^ stored_hash[i]);
    return difference == 0 ? Access::Granted : Access::Wrong;
}

}  // namespace canvass::collect
