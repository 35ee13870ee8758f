// Reading survey manifests (docs/formats.md, "Survey manifest"): one walk that builds the
// entries and collects every problem, then choosing an entry and its availability.
//
// Sections:
//   1. Ids, paths and dates
//   2. The reader (properties, entries, cross checks)
//   3. Public entry points (and the collector setting)
#include "core/survey/manifest.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <set>

namespace canvass::survey {
namespace {

using nlohmann::json;

// --- 1. Ids, paths and dates ------------------------------------------------------------------

bool is_path_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' ||
           c == '/';
}

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// A path inside the web folder, or why it is refused. The manifest is edited by hand and its
// paths become fetches and links, so only plain relative names are allowed: no scheme or host
// (the page must work offline and fetch nothing from elsewhere), no absolute paths, no '..',
// no '%' escapes, '?' or '#' that could smuggle any of these past the check.
std::string path_problem(std::string_view path, std::string_view extension, std::string_view example) {
    const std::string fix = "write a path inside the folder, such as \"" + std::string(example) + "\"";
    if (path.empty()) return "must not be empty: " + fix;
    if (path.find(':') != std::string_view::npos || path.substr(0, 2) == "//") {
        return "must not be a web address: " + fix;
    }
    if (path.front() == '/' || path.front() == '\\') return "must not be an absolute path: " + fix;
    if (path.find('\\') != std::string_view::npos) return "must use '/' between folder names, not '\\'";
    if (path.size() > kMaxManifestPathLength) return "is longer than " + std::to_string(kMaxManifestPathLength) + " characters";
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t slash = std::min(path.find('/', start), path.size());
        const std::string_view part = path.substr(start, slash - start);
        if (part == "..") return "must not leave the folder ('..' is not allowed): " + fix;
        if (part.empty() || part.front() == '.') return "has an empty or hidden name ('//', '.', '.x'): " + fix;
        start = slash + 1;
    }
    if (!std::all_of(path.begin(), path.end(), is_path_char)) {
        return "may only use letters, digits, '.', '-', '_' and '/' between folder names: " + fix;
    }
    if (!ends_with(path, extension)) return "must name a " + std::string(extension) + " file: " + fix;
    return {};
}

// "YYYY-MM-DD" alone, or a date-time that ends in a zone: Z or +HH:MM / -HH:MM.
bool has_zone(std::string_view text) {
    if (!text.empty() && (text.back() == 'Z' || text.back() == 'z')) return true;
    return text.size() >= 6 && (text[text.size() - 6] == '+' || text[text.size() - 6] == '-') && text[text.size() - 3] == ':';
}

// --- 2. The reader ----------------------------------------------------------------------------

class Reader {
public:
    Reader(Manifest& manifest, std::vector<Diagnostic>& diagnostics) : m_(manifest), diags_(diagnostics) {}

    void read(const json& doc) {
        if (!doc.is_object()) {
            error("", "a survey manifest must be a JSON object with a \"surveys\" array");
            return;
        }
        if (const auto it = doc.find("manifestVersion"); it != doc.end()) {
            if (!it->is_number_integer() || it->get<std::int64_t>() != kManifestFormatVersion) {
                error("manifestVersion", "must be " + std::to_string(kManifestFormatVersion) +
                                             ": this is the only manifest format this version of Canvass reads");
            }
        }
        const auto surveys = doc.find("surveys");
        if (surveys == doc.end() || !surveys->is_array() || surveys->empty()) {
            error("surveys", surveys == doc.end() ? "missing: list the surveys, like \"surveys\": [{\"id\": ..., \"file\": ...}]"
                                                  : "must be a non-empty array of surveys");
        } else {
            for (std::size_t i = 0; i < surveys->size(); ++i) read_entry((*surveys)[i], "surveys[" + std::to_string(i) + "]");
        }
        read_default(doc);
        check_known(doc, "", {"manifestVersion", "default", "surveys"});
    }

private:
    void error(const std::string& path, std::string message) { diags_.push_back({Severity::Error, path, std::move(message)}); }
    void warning(const std::string& path, std::string message) { diags_.push_back({Severity::Warning, path, std::move(message)}); }

    static std::string join(const std::string& path, std::string_view key) {
        return path.empty() ? std::string(key) : path + "." + std::string(key);
    }

    void check_known(const json& obj, const std::string& path, std::initializer_list<std::string_view> known) {
        for (const auto& item : obj.items()) {
            if (std::find(known.begin(), known.end(), item.key()) == known.end()) {
                warning(join(path, item.key()), "unknown property '" + item.key() + "' (ignored)");
            }
        }
    }

    // A required text that may be localised: "..." or {"default": "...", "pl": "..."}, with
    // English under "default" (or "en") so every locale has something to fall back to.
    void read_text(const json& obj, std::string_view key, const std::string& path, LocalizedString& out, std::string_view why) {
        const std::string p = join(path, key);
        const auto it = obj.find(std::string(key));
        if (it == obj.end() || it->is_null()) {
            error(p, "missing: " + std::string(why));
            return;
        }
        if (it->is_string()) {
            if (it->get_ref<const std::string&>().empty()) {
                error(p, "must not be empty: " + std::string(why));
                return;
            }
            out.by_locale["default"] = it->get<std::string>();
            return;
        }
        if (!it->is_object()) {
            error(p, "must be a string or an object of strings by locale, like {\"default\": \"...\", \"pl\": \"...\"}");
            return;
        }
        for (const auto& item : it->items()) {
            if (!item.value().is_string()) {
                error(join(p, item.key()), "a localised text must be a string");
            } else if (item.value().get_ref<const std::string&>().empty()) {
                error(join(p, item.key()), "must not be empty: leave the language out instead");
            } else {
                out.by_locale[item.key()] = item.value().get<std::string>();
            }
        }
        if (!it->contains("default") && !it->contains("en")) {
            error(p, "needs English text under \"default\", like {\"default\": \"...\", \"pl\": \"...\"}");
        }
    }

    std::optional<ManifestDate> read_date(const json& obj, std::string_view key, const std::string& path, bool is_close) {
        const auto it = obj.find(std::string(key));
        if (it == obj.end() || it->is_null()) return std::nullopt;
        const std::string p = join(path, key);
        if (!it->is_string()) {
            error(p, "must be a date such as \"2026-07-31\" (whole days in UK time) or a date-time with its zone such as "
                     "\"2026-07-31T17:00:00+01:00\"");
            return std::nullopt;
        }
        ManifestDate date;
        date.text = it->get<std::string>();
        const Result<TimePoint> parsed = parse_iso8601(date.text);
        if (!parsed) {
            error(p, parsed.error().message);
            return std::nullopt;
        }
        date.whole_day = date.text.size() == 10;
        if (!date.whole_day && !has_zone(date.text)) {
            error(p, "'" + date.text + "' has no time zone: add Z (UTC) or an offset such as +01:00 (British Summer Time), "
                     "or write the date alone, such as \"" + date.text.substr(0, 10) + "\", for whole days in UK time");
            return std::nullopt;
        }
        const CivilDate written = date_of(*parsed);
        if (written.year < kMinManifestYear || written.year > kMaxManifestYear) {
            error(p, "'" + date.text + "': the year must be from " + std::to_string(kMinManifestYear) + " to " +
                         std::to_string(kMaxManifestYear));
            return std::nullopt;
        }
        if (date.whole_day) {
            // A survey that closes on a day takes answers until that day ends in the UK.
            const CivilDate start = is_close ? civil_from_days(days_from_civil(written) + 1) : written;
            date.instant = uk_start_of_day(start);
            date.uk = {written, 0};
        } else {
            date.instant = *parsed;
            date.uk = uk_local_time(date.instant);
        }
        return date;
    }

    void read_entry(const json& e, const std::string& path) {
        if (!e.is_object()) {
            error(path, "a survey entry must be an object with \"id\", \"file\", \"title\" and the other properties");
            return;
        }
        ManifestEntry entry;
        entry.path = path;
        bool usable = true;

        const auto id = e.find("id");
        if (id == e.end() || !id->is_string()) {
            error(join(path, "id"), id == e.end() ? "missing: give the survey's id (its canvassId, or its file name without .json)"
                                                  : "must be a string");
            usable = false;
        } else {
            entry.id = id->get<std::string>();
            if (!is_valid_survey_id(entry.id)) {
                error(join(path, "id"), "'" + entry.id.substr(0, 80) + "' is not a valid id: use 1 to " +
                                            std::to_string(kMaxSurveyIdLength) +
                                            " characters from a-z, 0-9 and '-' (it appears in links as ?survey=ID)");
                usable = false;
            } else if (const auto seen = std::find_if(m_.surveys.begin(), m_.surveys.end(),
                                                      [&](const ManifestEntry& other) { return other.id == entry.id; });
                       seen != m_.surveys.end()) {
                error(join(path, "id"), "duplicate id '" + entry.id + "' (also at " + seen->path +
                                            ".id): each survey needs its own id");
                usable = false;
            }
        }

        const auto file = e.find("file");
        if (file == e.end() || !file->is_string()) {
            error(join(path, "file"), file == e.end() ? "missing: name the survey's JSON file in this folder, such as \"transport.json\""
                                                      : "must be a string");
        } else {
            entry.file = file->get<std::string>();
            if (const std::string problem = path_problem(entry.file, ".json", "transport.json"); !problem.empty()) {
                error(join(path, "file"), "'" + entry.file.substr(0, 80) + "' " + problem);
            }
        }

        read_text(e, "title", path, entry.title, "the survey's title, for the welcome screen");
        read_text(e, "purpose", path, entry.purpose, "one or two plain sentences on what the survey is for");
        if (const auto minutes = e.find("estimatedMinutes"); minutes == e.end() || minutes->is_null()) {
            error(join(path, "estimatedMinutes"), "missing: about how many minutes the survey takes, such as 10");
        } else if (!minutes->is_number() || minutes->get<double>() != std::floor(minutes->get<double>()) ||
                   minutes->get<double>() < 1 || minutes->get<double>() > kMaxEstimatedMinutes) {
            error(join(path, "estimatedMinutes"), "must be a whole number of minutes from 1 to " + std::to_string(kMaxEstimatedMinutes));
        } else {
            entry.estimated_minutes = minutes->get<int>();
        }

        entry.opens = read_date(e, "opens", path, false);
        entry.closes = read_date(e, "closes", path, true);
        if (entry.opens && entry.closes && entry.closes->instant <= entry.opens->instant) {
            error(join(path, "closes"), "'" + entry.closes->text + "' must be after opens ('" + entry.opens->text +
                                            "'): as written the survey is never open");
        }

        read_text(e, "privacySummary", path, entry.privacy_summary,
                  "two or three plain sentences on how answers are used, for the welcome screen");
        read_text(e, "privacyContact", path, entry.privacy_contact,
                  "who people can ask about their data: an e-mail address and/or a postal address");
        read_text(e, "privacyNotice", path, entry.privacy_notice,
                  "the full privacy notice, a page in the web folder such as \"privacy.html\"");
        for (const auto& [locale, page] : entry.privacy_notice.by_locale) {
            if (page.empty()) continue;  // reported by read_text
            const std::string where = e.at("privacyNotice").is_string() ? join(path, "privacyNotice") : join(join(path, "privacyNotice"), locale);
            if (const std::string problem = path_problem(page, ".html", "privacy.html"); !problem.empty()) {
                error(where, "'" + page.substr(0, 80) + "' " + problem + " (a page in the web folder, so it works offline)");
            }
        }
        for (const auto& [locale, text] : entry.privacy_contact.by_locale) {
            const std::size_t open = text.find('[');
            if (open != std::string::npos && text.find(']', open) != std::string::npos) {
                const std::string where = e.at("privacyContact").is_string() ? join(path, "privacyContact") : join(join(path, "privacyContact"), locale);
                warning(where, "still has a placeholder in [brackets]: fill it in before the survey goes live");
            }
        }

        if (const auto collector = e.find("collector"); collector != e.end() && !collector->is_null()) {
            if (!collector->is_string()) {
                error(join(path, "collector"), "must be a string: \"/\" when canvass serve serves the app, or the collector's https:// address");
            } else if (const std::string problem = collector_problem(collector->get_ref<const std::string&>()); !problem.empty()) {
                error(join(path, "collector"), "'" + collector->get<std::string>().substr(0, 80) + "' " + problem);
            } else {
                entry.collector = collector->get<std::string>();
            }
        }

        check_known(e, path, {"id", "file", "title", "purpose", "estimatedMinutes", "opens", "closes", "privacySummary",
                              "privacyContact", "privacyNotice", "collector"});
        // An entry with an unusable id is left out, so later checks do not repeat the problem.
        if (usable) m_.surveys.push_back(std::move(entry));
    }

    void read_default(const json& doc) {
        const auto it = doc.find("default");
        if (it == doc.end() || it->is_null()) {
            if (m_.surveys.size() == 1) {
                m_.default_id = m_.surveys.front().id;
            } else if (m_.surveys.size() > 1) {
                error("default", "missing: with more than one survey, say which one a link without ?survey= opens, such as "
                                 "\"default\": \"" + m_.surveys.front().id + "\"");
            }
            return;
        }
        if (!it->is_string()) {
            error("default", "must be the id of one of the surveys, as a string");
            return;
        }
        m_.default_id = it->get<std::string>();
        if (!m_.find(m_.default_id)) {
            error("default", "'" + m_.default_id.substr(0, 80) + "' is not the id of any survey in \"surveys\"");
        }
    }

    Manifest& m_;
    std::vector<Diagnostic>& diags_;
};

std::vector<Diagnostic> ordered(std::vector<Diagnostic> diags) {
    std::stable_partition(diags.begin(), diags.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
    return diags;
}

}  // namespace

// --- 3. Public entry points -------------------------------------------------------------------

bool is_valid_survey_id(std::string_view id) {
    if (id.empty() || id.size() > kMaxSurveyIdLength) return false;
    return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

const ManifestEntry* Manifest::find(std::string_view id) const {
    const auto it = std::find_if(surveys.begin(), surveys.end(), [&](const ManifestEntry& e) { return e.id == id; });
    return it == surveys.end() ? nullptr : &*it;
}

std::vector<Diagnostic> validate_manifest(const nlohmann::json& document) {
    Manifest manifest;
    std::vector<Diagnostic> diags;
    Reader(manifest, diags).read(document);
    return ordered(std::move(diags));
}

Result<Manifest> parse_manifest(const nlohmann::json& document, std::string_view file_name) {
    Manifest manifest;
    std::vector<Diagnostic> diags;
    Reader(manifest, diags).read(document);
    diags = ordered(std::move(diags));
    if (!diags.empty() && diags.front().severity == Severity::Error) {
        const Diagnostic& first = diags.front();
        return make_error(first.message, first.path.empty() ? std::string(file_name) : std::string(file_name) + ": " + first.path);
    }
    manifest.warnings = std::move(diags);
    return manifest;
}

// A collector address is split into scheme, host[:port] and path, each checked for what it
// may hold: the value is written into the page's CSP, where a space or ';' would add a rule.
namespace {

constexpr std::size_t kMaxCollectorLength = 200;
constexpr std::string_view kCollectorFix =
    ": write \"/\" when canvass serve serves the app, or the collector's address such as \"https://collect.example.org/\"";

bool is_url_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
           c == '~' || c == '/' || c == ':';
}

struct CollectorParts {
    std::string_view scheme;  // "https", "http", or "" for a path on this site
    std::string_view host;    // with its port
    std::string_view path;    // from its first '/'
};

CollectorParts split_collector(std::string_view url) {
    for (std::string_view scheme : {std::string_view("https"), std::string_view("http")}) {
        const std::string prefix = std::string(scheme) + "://";
        if (url.substr(0, prefix.size()) != prefix) continue;
        const std::string_view rest = url.substr(prefix.size());
        const std::size_t slash = rest.find('/');
        return {scheme, rest.substr(0, slash), slash == std::string_view::npos ? std::string_view("/") : rest.substr(slash)};
    }
    return {"", "", url};
}

}  // namespace

std::string collector_problem(std::string_view url) {
    if (url.empty()) return "must not be empty" + std::string(kCollectorFix) + "; leave \"collector\" out to keep responses on the device";
    if (url.size() > kMaxCollectorLength) return "is longer than " + std::to_string(kMaxCollectorLength) + " characters";
    if (!std::all_of(url.begin(), url.end(), is_url_char)) {
        return "may hold only letters, digits and - . _ ~ / : (no query, fragment, spaces or quotes)" + std::string(kCollectorFix);
    }
    const CollectorParts parts = split_collector(url);
    if (parts.scheme.empty()) {
        if (url.front() != '/' || url.substr(0, 2) == "//") return "is neither a path on this site nor an https:// address" + std::string(kCollectorFix);
    } else {
        const std::size_t colon = parts.host.find(':');
        const std::string_view name = parts.host.substr(0, colon);
        const std::string_view port = colon == std::string_view::npos ? std::string_view() : parts.host.substr(colon + 1);
        if (name.empty() || name.find_first_of("/~_") != std::string_view::npos || name.front() == '.' || name.back() == '.') {
            return "has no valid host name after " + std::string(parts.scheme) + "://" + std::string(kCollectorFix);
        }
        if (colon != std::string_view::npos &&
            (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))) {
            return "has a port that is not a number" + std::string(kCollectorFix);
        }
        if (parts.scheme == "http" && name != "localhost" && name != "127.0.0.1") {
            return "uses http://, which only a test on this machine (localhost, 127.0.0.1) may: a collector on a network needs https://";
        }
    }
    if (parts.path.find(':') != std::string_view::npos) return "has ':' in its path" + std::string(kCollectorFix);
    for (std::size_t start = 0; start < parts.path.size();) {
        const std::size_t end = std::min(parts.path.find('/', start), parts.path.size());
        const std::string_view segment = parts.path.substr(start, end - start);
        if (segment == "." || segment == "..") return "must not have '.' or '..' between its slashes";
        start = end + 1;
    }
    return {};
}

std::string collector_endpoint(std::string_view collector) {
    std::string url(collector);
    if (url.empty() || url.back() != '/') url += '/';
    return url + "api/v1/responses";
}

std::string collector_origin(std::string_view collector) {
    const CollectorParts parts = split_collector(collector);
    if (parts.scheme.empty()) return {};
    return std::string(parts.scheme) + "://" + std::string(parts.host);
}

std::vector<std::string> collector_origins(const Manifest& manifest) {
    std::set<std::string> origins;
    for (const ManifestEntry& entry : manifest.surveys) {
        if (std::string origin = collector_origin(entry.collector); !origin.empty()) origins.insert(std::move(origin));
    }
    return {origins.begin(), origins.end()};
}

Result<const ManifestEntry*> choose_survey(const Manifest& manifest, std::string_view requested_id) {
    if (requested_id.empty()) {
        const ManifestEntry* entry = manifest.find(manifest.default_id);
        if (!entry) return make_error("the manifest names no default survey");  // parse_manifest refuses such manifests
        return entry;
    }
    // An invalid id is not echoed: it came from a link anyone can write.
    if (!is_valid_survey_id(requested_id)) {
        return make_error("the link's survey id is not valid: an id has 1 to " + std::to_string(kMaxSurveyIdLength) +
                          " characters from a-z, 0-9 and '-'; check the link you were given");
    }
    if (const ManifestEntry* entry = manifest.find(requested_id)) return entry;
    return make_error("there is no survey with the id '" + std::string(requested_id) + "' here; check the link you were given");
}

const char* availability_id(AvailabilityState state) {
    switch (state) {
    case AvailabilityState::NotYetOpen: return "not_yet_open";
    case AvailabilityState::Open: return "open";
    case AvailabilityState::Closed: return "closed";
    }
    return "open";
}

Availability availability(const ManifestEntry& entry, std::int64_t now_ms) {
    if (entry.opens && now_ms < entry.opens->instant.unix_ms) return {AvailabilityState::NotYetOpen, entry.opens};
    if (entry.closes && now_ms >= entry.closes->instant.unix_ms) return {AvailabilityState::Closed, entry.closes};
    return {AvailabilityState::Open, entry.closes};
}

}  // namespace canvass::survey
