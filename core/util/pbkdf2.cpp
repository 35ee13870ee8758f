// HMAC and PBKDF2 over the project's own SHA-256 (core/util/sha256.h).
#include "core/util/pbkdf2.h"

#include <algorithm>

#include "core/util/sha256.h"

namespace canvass {
namespace {

constexpr std::size_t kBlockBytes = 64;

std::string_view as_bytes(const std::array<std::uint8_t, 32>& digest) {
    return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

// The key padded (or first hashed) to one block, XORed with `pad`.
std::string padded_key(std::string_view key, std::uint8_t pad) {
    std::string block(kBlockBytes, '\0');
    if (key.size() > kBlockBytes) {
        Sha256 hash;
        hash.update(key);
        const auto digest = hash.finish();
        std::copy(digest.begin(), digest.end(), block.begin());
    } else {
        std::copy(key.begin(), key.end(), block.begin());
    }
    for (char& byte : block) byte = static_cast<char>(static_cast<std::uint8_t>(byte) ^ pad);
    return block;
}

}  // namespace

std::array<std::uint8_t, 32> hmac_sha256(std::string_view key, std::string_view message) {
    Sha256 inner;
    inner.update(padded_key(key, 0x36));
    inner.update(message);
    const auto inner_digest = inner.finish();
    Sha256 outer;
    outer.update(padded_key(key, 0x5c));
    outer.update(as_bytes(inner_digest));
    return outer.finish();
}

std::string pbkdf2_hmac_sha256(std::string_view password, std::string_view salt, std::uint32_t iterations,
                               std::size_t length) {
    // The padded key's two blocks are hashed once and their states copied for every round: a
    // round then costs two compressions instead of four (a kiosk's 100,000 rounds run in wasm).
    Sha256 inner_start, outer_start;
    inner_start.update(padded_key(password, 0x36));
    outer_start.update(padded_key(password, 0x5c));
    const auto hmac = [&](std::string_view message) {
        Sha256 inner = inner_start;
        inner.update(message);
        const auto inner_digest = inner.finish();
        Sha256 outer = outer_start;
        outer.update(as_bytes(inner_digest));
        return outer.finish();
    };
    std::string out;
    out.reserve(length + 32);
    for (std::uint32_t block = 1; out.size() < length; ++block) {
        std::string first(salt);
        first += static_cast<char>(block >> 24);
        first += static_cast<char>(block >> 16);
        first += static_cast<char>(block >> 8);
        first += static_cast<char>(block);
        std::array<std::uint8_t, 32> u = hmac(first);
        std::array<std::uint8_t, 32> t = u;
        for (std::uint32_t i = 1; i < iterations; ++i) {
            u = hmac(as_bytes(u));
            for (std::size_t k = 0; k < t.size(); ++k) t[k] ^= u[k];
        }
        out.append(as_bytes(t));
    }
    out.resize(length);
    return out;
}

}  // namespace canvass
