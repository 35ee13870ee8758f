// Running the real `canvass serve` as a child process for the collector's tests: a fresh folder
// with a web folder, the test survey's manifest and a data folder; start it on port 0, read its
// "listening on" line, and stop it with SIGTERM or SIGKILL; and the requests the tests make.
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

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/survey/survey.h"
#include "tests/core/cli_run.h"

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

// --- Requests the tests make -------------------------------------------------------------------

inline const std::string& survey_version() {
    static const std::string version = [] {
        std::ifstream in(std::string(CANVASS_SOURCE_DIR) + "/tests/surveys/results-small.json");
        std::ostringstream text;
        text << in.rdbuf();
        Result<survey::Survey> loaded = survey::load_survey(nlohmann::json::parse(text.str()), "results-small.json");
        REQUIRE(loaded.ok());
        return loaded->version;
    }();
    return version;
}

inline std::string id_of(int n) {
    char id[40];
    std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", n);
    return id;
}

inline nlohmann::json response(int n, nlohmann::json data = {{"segment", {"resident"}}, {"broadband", "fibre"}}) {
    return {{"survey_id", "results-small"}, {"id", id_of(n)},    {"survey_version", survey_version()},
            {"submitted", "2026-11-18T10:00:00Z"}, {"locale", "en"}, {"channel", "online"}, {"data", std::move(data)}};
}

inline httplib::Client client(const Collector& collector) {
    httplib::Client c("127.0.0.1", collector.port());
    c.set_connection_timeout(10);
    c.set_read_timeout(30);
    return c;
}

inline nlohmann::json body_of(const httplib::Result& res) {
    REQUIRE(res);
    return nlohmann::json::parse(res->body, nullptr, false);
}

inline std::string new_token(const Deployment& deployment) {
    const CliRun run = run_canvass("serve --new-token --data " + shell_quoted(deployment.data()));
    REQUIRE(run.exit_code == 0);
    REQUIRE(run.out.size() == 14 + 64 + 1);
    return run.out.substr(0, run.out.size() - 1);
}

inline httplib::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

}  // namespace canvass::testing
