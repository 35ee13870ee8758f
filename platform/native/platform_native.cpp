// Native implementation of the platform seam, for the CLI and the tests.
#include "platform/platform.h"

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include <httplib.h>

#include "core/io/json_document.h"
#include "core/survey/manifest.h"

namespace canvass::platform {
namespace {
std::string clipboard;
std::map<std::string, std::string> preferences;  // a process has no shared clipboard; keep the app's own copy

// SQLite (synchronous = FULL) has synced the file when a commit returns, so a change is
// already durable and the file is its own checkpoint.
class SyncedFileWriter final : public JournalWriter {
public:
    void append(std::string, std::function<void(Status)> on_durable) override { on_durable(Ok{}); }
    void checkpoint(std::string, std::function<void(Status)> done) override { done(Ok{}); }
};

std::string database_path() { return data_directory() + "/canvass.db"; }
}  // namespace

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
void set_wake_handler(void (*)()) {}

// --- Boot documents --------------------------------------------------------------------------

// Reads what boot.js would fetch, from a web folder on disk. Like boot.js, it only reports
// reading failures; a manifest that does not parse or name the survey is left for
// load_boot_survey to explain, with the same messages as in the browser.
BootDocuments boot_documents() {
    const char* site = std::getenv("CANVASS_SITE");
    const char* requested = std::getenv("CANVASS_SURVEY");
    const std::string folder = site && *site ? std::string(site) + "/" : std::string();
    BootDocuments documents;
    documents.requested_survey_id = requested ? requested : "";
    documents.manifest_file = "surveys/manifest.json";
    const JsonLimits limits;

    Result<std::string> manifest_text = read_text_file(folder + documents.manifest_file, limits.max_bytes);
    if (!manifest_text) {
        documents.error = documents.manifest_file + " could not be read: " + manifest_text.error().message;
        return documents;
    }
    documents.manifest_text = std::move(manifest_text).value();
    Result<nlohmann::json> manifest_json = parse_json_document(documents.manifest_text, documents.manifest_file);
    if (!manifest_json) return documents;
    Result<survey::Manifest> manifest = survey::parse_manifest(*manifest_json, documents.manifest_file);
    if (!manifest) return documents;
    Result<const survey::ManifestEntry*> entry = survey::choose_survey(*manifest, documents.requested_survey_id);
    if (!entry) return documents;

    documents.survey_file = "surveys/" + (*entry)->file;
    Result<std::string> survey_text = read_text_file(folder + documents.survey_file, limits.max_bytes);
    if (!survey_text) {
        documents.error = documents.survey_file + " could not be read: " + survey_text.error().message;
        return documents;
    }
    documents.survey_text = std::move(survey_text).value();
    return documents;
}

// --- Durable storage ---------------------------------------------------------------------------

StorageInfo storage_info() {
    namespace fs = std::filesystem;
    const fs::path directory = data_directory();
    std::error_code error;
    fs::create_directories(directory, error);
    const fs::space_info space = fs::space(directory, error);
    if (error) return {StorageState::Unavailable, false, -1, -1, directory.string() + ": " + error.message()};
    const std::uintmax_t size = fs::file_size(database_path(), error);
    const std::int64_t used = error ? 0 : static_cast<std::int64_t>(size);
    return {StorageState::Ready, true, used, used + static_cast<std::int64_t>(space.available),
            "SQLite file " + database_path()};
}

JournalWriter& journal_writer() {
    static SyncedFileWriter writer;
    return writer;
}

std::vector<std::string> pending_journal_records() { return {}; }

DatabaseLocation database_location() { return database_path(); }


std::string url_parameter(std::string_view name) {
    std::string variable = "CANVASS_";
    for (char c : name) variable += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const char* value = std::getenv(variable.c_str());
    return value ? value : "";
}

bool prefers_more_contrast() { return url_parameter("high_contrast") == "1"; }

int browser_text_size_percent() { return 100; }

bool prefers_plain_page() { return false; }

std::string stored_preference(std::string_view key) {
    const auto it = preferences.find(std::string(key));
    return it == preferences.end() ? std::string() : it->second;
}

void store_preference(std::string_view key, std::string_view value) { preferences[std::string(key)] = value; }

void open_page(std::string_view relative_url) {
    std::fprintf(stderr, "[open] %.*s\n", int(relative_url.size()), relative_url.data());
}

void offer_download(std::string_view file_name, std::string_view text) {
    std::ofstream out{data_directory() + "/" + std::string(file_name), std::ios::binary};
    out << text;
}

void choose_file(std::size_t max_bytes, std::function<void(Result<ChosenFile>)> done) {
    const char* path = std::getenv("CANVASS_CHOSEN_FILE");
    if (!path || !*path) return;  // as if the person cancelled
    std::ifstream in{path, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    if (!in || text.str().size() > max_bytes) {
        done(make_error("the file could not be read, or is larger than Canvass can open", path));
        return;
    }
    done(ChosenFile{std::filesystem::path(path).filename().string(), text.str()});
}

void accept_dropped_files(std::size_t, std::function<void(Result<ChosenFile>)>) {}  // a process has no page to drop onto

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

// Only http:// on this machine: natively the outbox is exercised against a collector started on
// loopback by the tests (tests/server), never the network.
void post_json(std::string_view url, std::string_view body, std::function<void(HttpReply)> done) {
    const std::string address(url);
    const std::string scheme = "http://";
    const std::size_t path_at = address.find('/', scheme.size());
    const std::string host = address.substr(scheme.size(), path_at == std::string::npos ? std::string::npos : path_at - scheme.size());
    const std::string name = host.substr(0, host.find(':'));
    const bool loopback = address.rfind(scheme, 0) == 0 && (name == "127.0.0.1" || name == "localhost");
    if (!loopback) return done(HttpReply{0, "natively only http:// addresses on this machine can be posted to"});
    httplib::Client client(scheme + host);
    const int timeout_s = kPostTimeoutMs / 1000;
    client.set_connection_timeout(timeout_s, 0);
    client.set_read_timeout(timeout_s, 0);
    client.set_write_timeout(timeout_s, 0);
    httplib::Result reply = client.Post(path_at == std::string::npos ? "/" : address.substr(path_at), std::string(body), "application/json");
    if (!reply) return done(HttpReply{0, httplib::to_string(reply.error())});
    done(HttpReply{reply->status, reply->body});
}

bool network_online() { return true; }

}  // namespace canvass::platform
