// SHA-256 (FIPS 180-4). Survey versions are the SHA-256 of a survey's canonical JSON, and
// staff PINs and tokens are stored only as hashes, so core needs its own portable digest.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace canvass {

class Sha256 {
public:
    Sha256();
    void update(std::string_view bytes);
    std::array<std::uint8_t, 32> finish();

private:
    void compress(const std::uint8_t* block);

    std::array<std::uint32_t, 8> state_;
    std::array<std::uint8_t, 64> buffer_{};
    std::size_t buffered_ = 0;
    std::uint64_t total_bytes_ = 0;
};

// Lower-case hex digest of the bytes.
std::string sha256_hex(std::string_view bytes);

// Lower-case hex of any bytes (digests, salts), and whether text is exactly `length` such digits.
std::string hex_of(std::string_view bytes);
bool is_lower_hex(std::string_view text, std::size_t length);

}  // namespace canvass
