// A fresh folder under the system's temporary directory, removed with everything in it when the
// test ends: store tests work on real SQLite files, never on a shared path.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>

#include <unistd.h>

namespace canvass::testing {

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        static std::atomic<int> counter{0};
        path = std::filesystem::temp_directory_path() /
               ("canvass-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const char* name) const { return (path / name).string(); }
};

}  // namespace canvass::testing
