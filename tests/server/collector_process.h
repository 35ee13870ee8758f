// Running the real `canvass serve` as a child process for the collector's tests: a fresh folder
// with a web folder, the test survey's manifest and a data folder; start it on port 0, read its
// "listening on" line, and stop it with SIGTERM or SIGKILL.
#pragma once

#include <doctest/doctest.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace canvass::testing {

namespace fs = std::filesystem;

inline void write_text(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

// A throwaway deployment: web/, surveys/ (results-small) and data/.
struct Deployment {
    fs::path root;
    explicit Deployment(const std::string& name)
        : root(fs::temp_directory_path() / ("canvass-collector-" + name + "-" + std::to_string(::getpid()))) {
        fs::remove_all(root);
        write_text(root / "web" / "index.html", "<!doctype html><title>Canvass</title>\n");
        write_text(root / "web" / "canvass.wasm", std::string("\0asm\1\0\0\0", 8));
        write_text(root / "web" / "style.css", "body{}\n");
        std::ifstream survey(std::string(CANVASS_SOURCE_DIR) + "/tests/surveys/results-small.json", std::ios::binary);
        std::ostringstream text;
        text << survey.rdbuf();
        write_text(root / "surveys" / "results-small.json", text.str());
        const nlohmann::json manifest = {
            {"surveys",
             {{{"id", "results-small"}, {"file", "results-small.json"}, {"title", "Results test"}, {"purpose", "Testing the collector."},
               {"estimatedMinutes", 2}, {"privacySummary", "We only share totals."}, {"privacyContact", "dpo@example.gov.uk"},
               {"privacyNotice", "privacy.html"}}}}};
        write_text(root / "surveys" / "manifest.json", manifest.dump(2));
        fs::create_directories(root / "data");
    }
    ~Deployment() { fs::remove_all(root); }
    std::string web() const { return (root / "web").string(); }
    std::string surveys() const { return (root / "surveys").string(); }
    std::string data() const { return (root / "data").string(); }
};

// One running `canvass serve`.
class Collector {
public:
    Collector(const Deployment& deployment, std::vector<std::string> extra = {}) {
        std::vector<std::string> args = {CANVASS_CLI_PATH, "serve", "--port", "0", "--data", deployment.data(),
                                          "--web", deployment.web(), "--surveys", deployment.surveys()};
        args.insert(args.end(), extra.begin(), extra.end());
        // A write to a connection the server closed (a refused huge body) must fail, not kill the test.
        ::signal(SIGPIPE, SIG_IGN);
        int out[2];
        REQUIRE(::pipe(out) == 0);
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // a failed test leaves no server behind
            ::dup2(out[1], STDOUT_FILENO);
            ::close(out[0]);
            ::close(out[1]);
            std::vector<char*> argv;
            for (std::string& arg : args) argv.push_back(arg.data());
            argv.push_back(nullptr);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        ::close(out[1]);
        // The ready line; a sanitizer build can take a few seconds to start on a busy machine.
        std::string line;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
            pollfd p{out[0], POLLIN, 0};
            if (::poll(&p, 1, 200) <= 0) continue;
            char c[256];
            const ssize_t n = ::read(out[0], c, sizeof c);
            if (n <= 0) break;
            line.append(c, static_cast<std::size_t>(n));
        }
        ::close(out[0]);
        const std::string prefix = "listening on http://127.0.0.1:";
        INFO("the collector printed: " << line);
        REQUIRE(line.rfind(prefix, 0) == 0);
        port_ = std::stoi(line.substr(prefix.size()));
        ready_line_ = line;
    }
    ~Collector() { stop(SIGKILL); }
    Collector(const Collector&) = delete;
    Collector& operator=(const Collector&) = delete;

    int port() const { return port_; }
    const std::string& ready_line() const { return ready_line_; }

    // Sends the signal and waits; the exit status (or -signal when killed by one).
    int stop(int signal_number) {
        if (pid_ <= 0) return 0;
        ::kill(pid_, signal_number);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    }

private:
    pid_t pid_ = -1;
    int port_ = 0;
    std::string ready_line_;
};

}  // namespace canvass::testing
