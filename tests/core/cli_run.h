// Running the built canvass CLI as a real process from a test: its exit status, standard output
// and standard error, separately. Shared by every *_cli_test.cpp.
#pragma once

#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

namespace canvass::testing {

struct CliRun {
    int exit_code = -1;
    std::string out;  // stdout
    std::string err;  // stderr
};

inline std::string read_whole_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Quotes one argument for the shell.
inline std::string shell_quoted(const std::string& text) {
    std::string quoted = "'";
    for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

// Runs `canvass ARGS` (ARGS already shell-quoted where needed).
inline CliRun run_canvass(const std::string& args) {
    const std::filesystem::path err_file =
        std::filesystem::temp_directory_path() / ("canvass-cli-stderr-" + std::to_string(::getpid()) + ".txt");
    const std::string command = shell_quoted(CANVASS_CLI_PATH) + " " + args + " 2>" + shell_quoted(err_file.string());
    CliRun run;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
    const int status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.err = read_whole_file(err_file);
    std::filesystem::remove(err_file);
    return run;
}

}  // namespace canvass::testing
