// The collector's HTTP binding.
//
// Sections:
//   1. Small helpers: the clock, replies, the client's key, staff access
//   2. Checks before a body is read (rate, size, token, CORS)
//   3. The API's handlers
//   4. Static files of the web folder
//   5. Start, the ready line, and stopping on a signal
#include "server/collector_server.h"

#include <httplib.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <mutex>
#include <thread>

#include "core/collect/staff_token.h"
#include "core/io/json_document.h"
#include "core/results/report.h"
#include "core/store/bundle.h"
#include "core/store/collector_store.h"
#include "core/survey/manifest.h"
#include "core/util/time.h"
#include "core/util/uk_time.h"
#include "server/group_commit.h"

namespace canvass::server {

namespace fs = std::filesystem;
using nlohmann::json;

std::string store_path(const std::string& data_dir) { return (fs::path(data_dir) / "collector.sqlite").string(); }
std::string token_hash_path(const std::string& data_dir) { return (fs::path(data_dir) / "staff-token.sha256").string(); }

namespace {

constexpr const char* kApi = "/api/v1";
constexpr const char* kVersion = "0.1.0";

// --- 1. Small helpers -------------------------------------------------------------------------

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void send(httplib::Response& res, const collect::Reply& reply) {
    res.status = reply.status;
    // API answers are never cached: a report or a health check is about now.
    res.set_header("Cache-Control", "no-store");
    res.set_content(reply.body.dump(-1, ' ', false, json::error_handler_t::replace) + "\n", "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, std::string message) { send(res, collect::error_reply(status, std::move(message))); }

bool is_api(const std::string& path) { return path.rfind("/api/", 0) == 0; }

// Everything the handlers share. The writer owns the store's writing connection; `reader` is a
// second connection (WAL lets it read while the writer writes) for the report and the export.
struct Collector {
    ServerConfig config;
    std::unique_ptr<GroupCommitWriter> writer;
    std::mutex reader_mutex;
    std::optional<CollectorStore> reader;
    std::mutex limiter_mutex;
    collect::RateLimiter limiter;
    std::int64_t last_forget_ms = 0;

    explicit Collector(ServerConfig c) : config(std::move(c)), limiter(config.rate) {}

    // Held only in memory for the rate limiter, never logged or stored.
    std::string client_key(const httplib::Request& req) const {
        if (config.behind_proxy) {
            const std::string forwarded = req.get_header_value("X-Forwarded-For");
            if (!forwarded.empty()) {
                const std::size_t comma = forwarded.rfind(',');
                std::string last = comma == std::string::npos ? forwarded : forwarded.substr(comma + 1);
                const std::size_t start = last.find_first_not_of(' ');
                return start == std::string::npos ? last : last.substr(start);
            }
        }
        return req.remote_addr;
    }

    collect::RateLimiter::Decision take(const httplib::Request& req) {
        const std::int64_t now = now_ms();
        std::lock_guard lock(limiter_mutex);
        if (now - last_forget_ms > 60'000) {
            limiter.forget_idle(now);
            last_forget_ms = now;
        }
        return limiter.take(client_key(req), now);
    }

    // Read on each staff request, so a new token (canvass serve --new-token) works at once.
    collect::Access staff_access(const httplib::Request& req, std::string& why) const {
        Result<std::string> text = read_text_file(token_hash_path(config.data_dir), 1024);
        Result<std::string> hash = text ? collect::read_staff_token_hash(*text) : Result<std::string>(text.error());
        if (!hash) {
            why = "no staff token is set up on this server: run 'canvass serve --new-token --data DIR' on it";
            return collect::Access::Wrong;
        }
        const collect::Access access = collect::check_bearer(req.get_header_value("Authorization"), *hash);
        why = access == collect::Access::Missing
                  ? "this needs the staff token: send the header 'Authorization: Bearer TOKEN'"
                  : "the staff token is wrong: use the token 'canvass serve --new-token' printed (a newer one replaces older ones)";
        return access;
    }

    const survey::Survey* hosted(const httplib::Request& req, httplib::Response& res) const {
        const std::string id = req.get_param_value("survey");
        if (id.empty()) {
            send_error(res, 400, "say which survey: add ?survey=ID");
            return nullptr;
        }
        const auto found = config.surveys.find(id);
        if (!survey::is_valid_survey_id(id) || found == config.surveys.end()) {
            send_error(res, 404, "this server hosts no survey with that id; GET " + std::string(kApi) + "/health lists the surveys");
            return nullptr;
        }
        return &found->second;
    }
};

// --- 2. Checks before a body is read ----------------------------------------------------------

bool origin_allowed(const Collector& c, const std::string& origin) {
    for (const std::string& allowed : c.config.allowed_origins) {
        if (allowed == origin) return true;
    }
    return false;
}

// Runs before httplib reads a body, so a flood, a huge body or a missing token costs nothing
// more than its headers. A refusal that leaves a body unread closes the connection.
// The app's page with its CSP's connect-src widened to the manifest's collectors on other
// origins (shell.html's meta says default-src 'self'; a header could only narrow it further).
// Nothing to widen: the page is served as a file, unchanged.
bool serve_page_with_collectors(const Collector& c, const httplib::Request& req, httplib::Response& res) {
    if (c.config.connect_origins.empty() || c.config.web_dir.empty() || (req.method != "GET" && req.method != "HEAD")) return false;
    if (req.path != "/" && req.path != "/index.html") return false;
    std::ifstream file(fs::path(c.config.web_dir) / "index.html", std::ios::binary);
    if (!file) return false;
    std::string page((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    const std::string from = "default-src 'self';";
    std::string to = from + " connect-src 'self'";
    for (const std::string& origin : c.config.connect_origins) to += " " + origin;  // checked by collector_problem: no ';' or spaces
    to += ";";
    if (const std::size_t at = page.find(from); at != std::string::npos) page.replace(at, from.size(), to);
    res.set_header("Cache-Control", "no-cache");
    res.set_content(page, "text/html; charset=utf-8");
    return true;
}

httplib::Server::HandlerResponse before_routing(Collector& c, const httplib::Request& req, httplib::Response& res) {
    if (!is_api(req.path)) {
        return serve_page_with_collectors(c, req, res) ? httplib::Server::HandlerResponse::Handled
                                                       : httplib::Server::HandlerResponse::Unhandled;
    }
    const std::string origin = req.get_header_value("Origin");
    const bool cross_origin = !origin.empty() && origin_allowed(c, origin);
    if (cross_origin) {
        res.set_header("Access-Control-Allow-Origin", origin);
        res.set_header("Vary", "Origin");
    }
    if (req.method == "OPTIONS") {
        // The CORS preflight of a page on an allowed origin posting JSON.
        if (!cross_origin || req.path != std::string(kApi) + "/responses") {
            send_error(res, 403, "this origin may not post to this server; add it with --allow-origin");
            return httplib::Server::HandlerResponse::Handled;
        }
        res.status = 204;
        res.set_header("Access-Control-Allow-Methods", "POST");
        res.set_header("Access-Control-Allow-Headers", "Content-Type");
        res.set_header("Access-Control-Max-Age", "600");
        return httplib::Server::HandlerResponse::Handled;
    }
    const bool posting = req.method == "POST";
    const auto refuse = [&](int status, std::string message) {
        send_error(res, status, std::move(message));
        if (posting) res.set_header("Connection", "close");
        return httplib::Server::HandlerResponse::Handled;
    };
    if (const collect::RateLimiter::Decision decision = c.take(req); !decision.allowed) {
        res.set_header("Retry-After", std::to_string((decision.retry_after_ms + 999) / 1000));
        return refuse(429, "too many requests from this client; wait for the seconds in Retry-After, then send again");
    }
    if (posting && req.path == std::string(kApi) + "/responses") {
        if (!req.has_header("Content-Length")) return refuse(411, "send the body with a Content-Length header");
        // A body a little over the limit is read and answered 413 by the handler (the client
        // then reads the answer); a body far over it is refused unread.
        if (req.get_header_value<std::uint64_t>("Content-Length") > 4 * c.config.max_response_bytes) {
            return refuse(413, "the body is larger than " + std::to_string(c.config.max_response_bytes / 1024) +
                                   " KiB, the most one response may be; send less");
        }
    }
    const bool staff = (posting && req.path == std::string(kApi) + "/bundles") || (req.method == "GET" && req.path == std::string(kApi) + "/export");
    if (staff) {
        std::string why;
        if (c.staff_access(req, why) != collect::Access::Granted) {
            res.set_header("WWW-Authenticate", "Bearer");
            return refuse(401, why);
        }
    }
    return httplib::Server::HandlerResponse::Unhandled;
}

// --- 3. The API's handlers --------------------------------------------------------------------

void post_response(Collector& c, const httplib::Request& req, httplib::Response& res) {
    const std::int64_t now = now_ms();
    collect::Checked<StoredResponse> checked = collect::read_posted_response(req.body, c.config.surveys, now, c.config.max_response_bytes);
    if (auto* refused = std::get_if<collect::Reply>(&checked)) return send(res, *refused);
    StoredResponse response = std::get<StoredResponse>(std::move(checked));
    const std::string id = response.id;
    Result<std::vector<collect::Arrival>> written = c.writer->write({std::move(response)}, format_iso8601(TimePoint{now}), false);
    if (!written) return send_error(res, 503, written.error().message);
    send(res, collect::arrival_reply(written->front(), id));
}

void post_bundle(Collector& c, const httplib::Request& req, httplib::Response& res) {
    const std::int64_t now = now_ms();
    collect::Checked<ResponseBundle> checked = collect::read_posted_bundle(req.body, c.config.surveys, now, c.config.max_bundle_bytes);
    if (auto* refused = std::get_if<collect::Reply>(&checked)) return send(res, *refused);
    ResponseBundle bundle = std::get<ResponseBundle>(std::move(checked));
    const std::vector<StoredResponse> responses = bundle.responses;
    Result<std::vector<collect::Arrival>> written = c.writer->write(std::move(bundle.responses), format_iso8601(TimePoint{now}), true);
    if (!written) return send_error(res, 503, written.error().message);
    send(res, collect::bundle_reply(bundle.survey_id, *written, responses));
}

Result<std::vector<StoredResponse>> read_responses(Collector& c, const std::string& survey_id) {
    std::lock_guard lock(c.reader_mutex);
    return c.reader->responses_of(survey_id);
}

void get_report(Collector& c, const httplib::Request& req, httplib::Response& res) {
    const survey::Survey* survey = c.hosted(req, res);
    if (!survey) return;
    Result<std::vector<StoredResponse>> responses = read_responses(c, survey->id);
    if (!responses) return send_error(res, 500, "the store could not be read: " + responses.error().to_string());
    Result<results::ResponseTable> table = results::ResponseTable::build(*survey, *responses);
    if (!table) return send_error(res, 500, "the responses could not be counted: " + table.error().to_string());
    results::ReportOptions options;
    options.k = results::kDefaultK;
    const CivilDate today = uk_local_time(TimePoint{now_ms()}).date;
    options.generated_day = format_day(TimePoint{days_from_civil(today) * 86'400'000});
    Result<json> report = results::make_report(*table, options);
    // Too few responses for a safe report is the state of things, not a bad request.
    if (!report) return send_error(res, 409, report.error().message);
    res.set_header("Cache-Control", "no-store");
    res.set_content(results::write_report(*report), "application/json; charset=utf-8");
}

void get_export(Collector& c, const httplib::Request& req, httplib::Response& res) {
    const survey::Survey* survey = c.hosted(req, res);
    if (!survey) return;
    Result<std::vector<StoredResponse>> responses = read_responses(c, survey->id);
    if (!responses) return send_error(res, 500, "the store could not be read: " + responses.error().to_string());
    ResponseBundle bundle{survey->id, "collector", format_iso8601(TimePoint{now_ms()}), std::move(responses).value()};
    res.set_header("Cache-Control", "no-store");
    res.set_header("Content-Disposition", "attachment; filename=\"" + survey->id + "-collector.json\"");
    res.set_content(write_bundle(bundle), "application/json; charset=utf-8");
}

// The count comes from the writer and the store is only probed, so a monitoring probe stays
// cheap however large the store grows (a count(*) would read the whole table each time).
void get_health(Collector& c, httplib::Response& res) {
    const Status readable = [&] {
        std::lock_guard lock(c.reader_mutex);
        return c.reader->probe();
    }();
    if (!readable) return send(res, collect::Reply{503, json{{"status", "store unavailable"}, {"error", readable.error().to_string()}}});
    json surveys = json::array();
    for (const auto& [id, survey] : c.config.surveys) surveys.push_back(id);
    send(res, collect::Reply{200, json{{"status", "ok"}, {"version", kVersion}, {"responses", c.writer->stored()}, {"surveys", surveys}}});
}

// --- 4. Static files of the web folder ----------------------------------------------------------

// The same types and headers as scripts/serve.mjs, so the app behaves the same behind either;
// the page sets its own Content-Security-Policy.
void serve_web_folder(httplib::Server& server, const std::string& web_dir, const std::string& surveys_dir) {
    const std::pair<const char*, const char*> types[] = {
        {"html", "text/html; charset=utf-8"}, {"js", "text/javascript; charset=utf-8"}, {"mjs", "text/javascript; charset=utf-8"},
        {"css", "text/css; charset=utf-8"},   {"json", "application/json; charset=utf-8"}, {"wasm", "application/wasm"},
        {"data", "application/octet-stream"}, {"ttf", "font/ttf"},  {"woff2", "font/woff2"}, {"woff", "font/woff"},
        {"png", "image/png"},                 {"svg", "image/svg+xml"}, {"ico", "image/x-icon"},
        {"md", "text/markdown; charset=utf-8"}, {"txt", "text/plain; charset=utf-8"}, {"webmanifest", "application/manifest+json"},
    };
    for (const auto& [extension, type] : types) server.set_file_extension_and_mimetype_mapping(extension, type);
    if (!surveys_dir.empty()) server.set_mount_point("/surveys", surveys_dir, {{"Cache-Control", "no-cache"}});
    server.set_mount_point("/", web_dir, {{"Cache-Control", "no-cache"}});
}

// --- 5. Start, the ready line, and stopping ------------------------------------------------------

std::string url_host(const std::string& bind) { return bind.find(':') != std::string::npos ? "[" + bind + "]" : bind; }

int fail(const std::string& message) {
    std::fprintf(stderr, "canvass serve: %s\n", message.c_str());
    return 2;
}

}  // namespace

int run_collector(const ServerConfig& config) {
    // Signals are taken by one thread (sigwait) so the server stops cleanly: every thread
    // started from here on inherits the blocked mask.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    std::error_code ec;
    fs::create_directories(config.data_dir, ec);
    if (ec) return fail("cannot make the data folder " + config.data_dir + ": " + ec.message());
    Result<CollectorStore> writing = CollectorStore::open(store_path(config.data_dir));
    if (!writing) return fail("cannot open the store: " + writing.error().to_string());
    Result<CollectorStore> reading = CollectorStore::open(store_path(config.data_dir));
    if (!reading) return fail("cannot open the store: " + reading.error().to_string());

    Result<std::int64_t> already_stored = reading->count_responses();
    if (!already_stored) return fail("cannot read the store: " + already_stored.error().to_string());

    Collector c(config);
    c.reader.emplace(std::move(reading).value());
    c.writer = std::make_unique<GroupCommitWriter>(std::move(writing).value(), *already_stored);

    httplib::Server server;
    const int threads = config.threads;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
    server.set_default_headers({{"X-Content-Type-Options", "nosniff"}});
    server.set_payload_max_length(config.max_bundle_bytes);
    // Answers are small and must not wait for the client's delayed ACK (Nagle's algorithm would
    // hold each one back by up to 40 ms).
    server.set_tcp_nodelay(true);
    server.set_keep_alive_max_count(10'000);
    server.set_keep_alive_timeout(5);
    server.set_read_timeout(10);
    server.set_write_timeout(10);
    server.set_pre_routing_handler([&c](const httplib::Request& req, httplib::Response& res) { return before_routing(c, req, res); });
    const std::string api = kApi;
    server.Post(api + "/responses", [&c](const httplib::Request& req, httplib::Response& res) { post_response(c, req, res); });
    server.Post(api + "/bundles", [&c](const httplib::Request& req, httplib::Response& res) { post_bundle(c, req, res); });
    server.Get(api + "/report", [&c](const httplib::Request& req, httplib::Response& res) { get_report(c, req, res); });
    server.Get(api + "/export", [&c](const httplib::Request& req, httplib::Response& res) { get_export(c, req, res); });
    server.Get(api + "/health", [&c](const httplib::Request&, httplib::Response& res) { get_health(c, res); });
    server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return;
        if (is_api(req.path)) {
            send_error(res, res.status, res.status == 413 ? "the body is too large; send less"
                                                           : "no such endpoint: " + req.method + " " + req.path + " (see docs/api.md)");
        } else {
            res.set_content(res.status == 404 ? "Not found\n" : "Error\n", "text/plain; charset=utf-8");
        }
    });
    server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        send_error(res, 500, "the server failed on this request; nothing was stored, send it again");
    });
    if (!config.web_dir.empty()) {
        if (!fs::is_directory(config.web_dir)) {
            return fail("the web folder " + config.web_dir + " does not exist; build it (scripts/build web) or give --web DIR");
        }
        serve_web_folder(server, config.web_dir, config.surveys_dir);
    }

    const int port = config.port == 0 ? server.bind_to_any_port(config.bind) : (server.bind_to_port(config.bind, config.port) ? config.port : -1);
    if (port < 0) {
        return fail("cannot listen on " + config.bind + ":" + std::to_string(config.port) + "; pass --port with a free port (0 picks one)");
    }
    std::thread stopper([&server, stop_signals] {
        int signal_number = 0;
        sigwait(&stop_signals, &signal_number);
        server.stop();
    });
    std::printf("listening on http://%s:%d\n", url_host(config.bind).c_str(), port);
    std::fflush(stdout);
    const bool listened = server.listen_after_bind();
    // listen_after_bind returns when stop() ran (a signal) or the socket failed; wake the
    // signal thread in the second case so it can be joined.
    if (stopper.joinable()) {
        kill(getpid(), SIGTERM);
        stopper.join();
    }
    c.writer.reset();  // answers and stores everything still queued
    return listened ? 0 : 1;
}

}  // namespace canvass::server
