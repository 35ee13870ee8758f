// Native implementation of the platform seam, for the CLI and the tests.
#include "platform/platform.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>

namespace canvass::platform {
namespace {
std::string clipboard;  // a process has no shared clipboard; keep the app's own copy
}

TimePoint now() {
    using namespace std::chrono;
    return TimePoint{duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count()};
}

std::array<std::uint8_t, 16> random_bytes_16() {
    std::random_device device;  // libstdc++ reads the OS entropy source (getrandom / /dev/urandom)
    std::array<std::uint8_t, 16> bytes{};
    for (std::uint8_t& byte : bytes) byte = static_cast<std::uint8_t>(device());
    return bytes;
}

std::string data_directory() {
    const char* configured = std::getenv("CANVASS_DATA_DIR");
    return configured && *configured ? configured : ".";
}

void announce(std::string_view text) { std::fprintf(stderr, "[announce] %.*s\n", int(text.size()), text.data()); }

void set_clipboard_text(std::string_view text) { clipboard = text; }
std::string clipboard_text() { return clipboard; }
void set_document_title(std::string_view) {}

}  // namespace canvass::platform
