// core/ is plain C++20: it must build without ImGui, GLFW or Emscripten, so the CLI and the
// tests link exactly the code the web app runs.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace fs = std::filesystem;

TEST_CASE("core/ includes no UI or platform headers") {
    const std::regex forbidden(R"(^\s*#\s*include\s*[<"](imgui[^">]*|GLFW/[^">]*|emscripten[^">]*|GLES[^">]*|platform/[^">]*)[">])");
    std::vector<std::string> offenders;
    int files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(CANVASS_SOURCE_DIR) / "core")) {
        if (!entry.is_regular_file()) continue;
        const std::string ext = entry.path().extension().string();
        if (ext != ".h" && ext != ".cpp") continue;
        ++files;
        std::ifstream in(entry.path());
        std::string line;
        for (int number = 1; std::getline(in, line); ++number) {
            if (std::regex_search(line, forbidden)) offenders.push_back(entry.path().string() + ":" + std::to_string(number) + ": " + line);
        }
    }
    CHECK(files > 5);
    std::string report;
    for (const std::string& offender : offenders) report += offender + "\n";
    INFO(report);
    CHECK(offenders.empty());
}

TEST_CASE("web views reach the browser only through the platform seam") {
    std::vector<std::string> offenders;
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(CANVASS_SOURCE_DIR) / "web" / "views")) {
        std::ifstream in(entry.path());
        std::string line;
        while (std::getline(in, line)) {
            if (line.find("__EMSCRIPTEN__") != std::string::npos || line.find("emscripten/") != std::string::npos) {
                offenders.push_back(entry.path().string() + ": " + line);
            }
        }
    }
    std::string report;
    for (const std::string& offender : offenders) report += offender + "\n";
    INFO(report);
    CHECK(offenders.empty());
}
