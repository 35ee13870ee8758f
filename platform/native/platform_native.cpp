// Native implementation of the platform seam, for the CLI and the tests.
#include "platform/platform.h"

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

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

std::string url_parameter(std::string_view name) {
    std::string variable = "CANVASS_";
    for (char c : name) variable += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const char* value = std::getenv(variable.c_str());
    return value ? value : "";
}

bool prefers_more_contrast() { return url_parameter("high_contrast") == "1"; }

void fetch_text(std::string_view url, std::function<void(Result<std::string>)> done) {
    std::ifstream in{std::string(url), std::ios::binary};
    if (!in) {
        done(make_error("cannot read " + std::string(url)));
        return;
    }
    std::ostringstream text;
    text << in.rdbuf();
    done(text.str());
}

// A process has no text elements: text input is inert.
void text_input_begin(const TextBinding&, std::string_view, int, int, TextRect) {}
void text_input_move(TextRect) {}
void text_input_set(std::string_view, int, int) {}
void text_input_end() {}
TextInputEvents text_input_take_events() { return {}; }
bool text_input_has_events() { return false; }
void text_input_set_targets(const std::vector<TextTarget>&) {}
bool text_input_taking_focus() { return false; }

}  // namespace canvass::platform
