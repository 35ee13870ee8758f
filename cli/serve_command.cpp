// canvass serve: the collector (server/collector_server.h), and --new-token for its staff token.
//
// Sections: 1. Help and options; 2. The hosted surveys; 3. A new staff token; 4. run_serve.
#include <sys/random.h>
#include <sys/stat.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>

#include "cli/bundle_files.h"
#include "cli/commands.h"
#include "core/collect/staff_token.h"
#include "core/io/json_document.h"
#include "core/survey/manifest.h"
#include "server/collector_server.h"

namespace canvass::cli {
namespace {

namespace fs = std::filesystem;

// --- 1. Help and options ----------------------------------------------------------------------

constexpr const char* serve_help =
    "Usage: canvass serve --data DIR [--port N] [--bind ADDR] [--web DIR] [--surveys DIR]\n"
    "                     [--rate N] [--burst N] [--behind-proxy] [--allow-origin ORIGIN]...\n"
    "       canvass serve --new-token --data DIR\n"
    "\n"
    "Runs the Canvass collector: it takes residents' responses (POST /api/v1/responses), kiosk\n"
    "bundles from staff, and serves the Board report, the raw export and the web app itself, so\n"
    "one process is a whole deployment (docs/api.md, docs/deploy.md). Each response is checked\n"
    "against the survey it answers, as 'canvass check' does, and answered only once it is on disk.\n"
    "When ready it prints one line: listening on http://ADDR:PORT. SIGINT or SIGTERM stops it.\n"
    "\n"
    "Options:\n"
    "  --data DIR            the data folder: the store (collector.sqlite) and the staff token's hash\n"
    "  --port N              the port (default 8080; 0 picks a free one)\n"
    "  --bind ADDR           the address to listen on (default 127.0.0.1; put TLS in front of it)\n"
    "  --web DIR             the built web folder to serve (default build/web/site; 'none': the API only)\n"
    "  --surveys DIR         the folder with manifest.json and the surveys taken (default WEB/surveys)\n"
    "  --rate N              requests per second per client, sustained (default 5; 0 turns limits off)\n"
    "  --burst N             requests a client may make at once (default 60)\n"
    "  --behind-proxy        take the client's address from X-Forwarded-For (the proxy's last entry)\n"
    "  --allow-origin ORIGIN let pages from another origin post responses (CORS), e.g.\n"
    "                        https://survey.example.org (repeatable)\n"
    "  --threads N           connections served at once (default 64)\n"
    "  --new-token           make a new staff token, print it once, keep only its hash in --data\n"
    "                        (it replaces any older token), and exit\n"
    "  --help                show this help\n"
    "\n"
    "Exit status: 0 stopped cleanly, 2 bad options or cannot start (one line on stderr).\n";

int fail(const std::string& message) {
    std::fprintf(stderr, "canvass serve: %s\n", message.c_str());
    return 2;
}

// A whole number in [low, high], or -1.
long number_option(const std::string& text, long low, long high) {
    char* end = nullptr;
    errno = 0;
    const long value = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || errno != 0 || value < low || value > high) return -1;
    return value;
}

// --- 2. The hosted surveys --------------------------------------------------------------------

// `connect_origins` gets the manifest's collectors on other origins (the page's CSP must allow them).
Result<collect::HostedSurveys> load_hosted_surveys(const std::string& folder, std::vector<std::string>& connect_origins) {
    const std::string manifest_path = (fs::path(folder) / "manifest.json").string();
    Result<nlohmann::json> document = read_json_file(manifest_path);
    if (!document) return make_error("no survey manifest: " + document.error().to_string() + "; give --surveys DIR (a folder with manifest.json)");
    Result<survey::Manifest> manifest = survey::parse_manifest(*document, manifest_path);
    if (!manifest) return make_error(manifest.error().to_string() + " (run 'canvass validate " + folder + "' for every problem)");
    connect_origins = survey::collector_origins(*manifest);
    collect::HostedSurveys hosted;
    for (const survey::ManifestEntry& entry : manifest->surveys) {
        Result<survey::Survey> loaded = read_survey_file((fs::path(folder) / entry.file).string());
        if (!loaded) return loaded.error();
        if (loaded->id != entry.id) {
            return make_error("the survey file's id is '" + loaded->id + "', not '" + entry.id + "' as the manifest says",
                              manifest_path + ": " + entry.path + ".id");
        }
        hosted.emplace(entry.id, std::move(loaded).value());
    }
    if (hosted.empty()) return make_error("the manifest lists no surveys", manifest_path);
    return hosted;
}

// --- 3. A new staff token ---------------------------------------------------------------------

int make_new_token(const std::string& data_dir) {
    std::error_code ec;
    fs::create_directories(data_dir, ec);
    if (ec) return fail("cannot make the data folder " + data_dir + ": " + ec.message());
    std::array<std::uint8_t, 32> random{};
    if (getrandom(random.data(), random.size(), 0) != static_cast<ssize_t>(random.size())) {
        return fail("the system gave no random bytes for a token: " + std::string(std::strerror(errno)));
    }
    const std::string token = collect::make_staff_token(random);
    const std::string path = server::token_hash_path(data_dir);
    if (Status written = write_output_file(path, collect::staff_token_hash(token) + "\n"); !written) return fail(written.error().to_string());
    ::chmod(path.c_str(), 0600);
    std::printf("%s\n", token.c_str());
    std::fflush(stdout);
    std::fprintf(stderr,
                 "canvass serve: a new staff token (shown once; only its hash is kept in %s, and older tokens no longer work). "
                 "Send it as 'Authorization: Bearer TOKEN'.\n",
                 path.c_str());
    return 0;
}

}  // namespace

// --- 4. run_serve -------------------------------------------------------------------------------

int run_serve(int argc, char** argv) {
    server::ServerConfig config;
    std::string web = "build/web/site", surveys;
    bool web_given = false, new_token = false;
    for (int i = 0; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::fputs(serve_help, stdout);
            return 0;
        }
        if (arg == "--new-token") {
            new_token = true;
            continue;
        }
        if (arg == "--behind-proxy") {
            config.behind_proxy = true;
            continue;
        }
        const bool takes_value = arg == "--port" || arg == "--bind" || arg == "--data" || arg == "--web" || arg == "--surveys" ||
                                 arg == "--rate" || arg == "--burst" || arg == "--allow-origin" || arg == "--threads";
        if (!takes_value) return fail("unknown option '" + std::string(arg) + "'; see 'canvass serve --help'");
        if (i + 1 >= argc) return fail(std::string(arg) + " needs a value; see 'canvass serve --help'");
        const std::string value = argv[++i];
        if (arg == "--port") {
            const long port = number_option(value, 0, 65535);
            if (port < 0) return fail("--port takes a port number from 0 to 65535 (it was '" + value + "')");
            config.port = static_cast<int>(port);
        } else if (arg == "--bind") {
            config.bind = value;
        } else if (arg == "--data") {
            config.data_dir = value;
        } else if (arg == "--web") {
            web = value;
            web_given = true;
        } else if (arg == "--surveys") {
            surveys = value;
        } else if (arg == "--rate" || arg == "--burst") {
            const long n = number_option(value, 0, 1'000'000);
            if (n < 0) return fail(std::string(arg) + " takes a whole number such as 5 (it was '" + value + "')");
            (arg == "--rate" ? config.rate.per_second : config.rate.burst) = static_cast<double>(n);
        } else if (arg == "--threads") {
            const long n = number_option(value, 1, 1024);
            if (n < 0) return fail("--threads takes a whole number from 1 to 1024 (it was '" + value + "')");
            config.threads = static_cast<int>(n);
        } else {
            config.allowed_origins.push_back(value);
        }
    }
    if (config.data_dir.empty()) return fail("no data folder given: add --data DIR (it holds the store and the token's hash)");
    if (new_token) return make_new_token(config.data_dir);
    if (config.rate.per_second > 0 && config.rate.burst < 1) return fail("--burst must be at least 1 while --rate is on");

    if (web != "none") {
        if (!fs::is_directory(web)) {
            return fail("no web folder at " + web + (web_given ? "" : " (the default)") +
                        ": build it with 'scripts/build web', give --web DIR, or --web none for the API only");
        }
        config.web_dir = web;
    }
    if (surveys.empty()) {
        if (config.web_dir.empty()) return fail("no surveys given: add --surveys DIR (a folder with manifest.json)");
        surveys = (fs::path(config.web_dir) / "surveys").string();
    }
    Result<collect::HostedSurveys> hosted = load_hosted_surveys(surveys, config.connect_origins);
    if (!hosted) return fail(hosted.error().to_string());
    config.surveys = std::move(hosted).value();
    if (!config.web_dir.empty()) config.surveys_dir = surveys;  // the page reads the manifest this server checks against
    return server::run_collector(config);
}

}  // namespace canvass::cli
