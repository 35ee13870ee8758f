// Survey manifests: the surveys one deployment offers (surveys/manifest.json in the web folder),
// which of them a link asks for, and whether it takes answers now. Officers edit the manifest
// by hand and nothing is rebuilt, so every problem is reported with the JSON path and what to
// fix. The format is documented in docs/formats.md, "Survey manifest".
//
// Sections:
//   1. Survey ids and limits
//   2. The manifest as data
//   3. Reading and validating
//   4. Choosing a survey and its availability
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/survey/model.h"
#include "core/util/uk_time.h"

namespace canvass::survey {

// --- 1. Survey ids and limits ---------------------------------------------------------------

inline constexpr std::size_t kMaxSurveyIdLength = 64;
inline constexpr std::size_t kMaxManifestPathLength = 200;  // a survey file or privacy page path
inline constexpr int kMaxEstimatedMinutes = 120;
inline constexpr int kManifestFormatVersion = 1;            // "manifestVersion", when given
inline constexpr int kMinManifestYear = 2000;               // dates outside are typos (and
inline constexpr int kMaxManifestYear = 2099;               // outside the UK time rule we use)

// An id as it appears in a link (?survey=ID): 1 to 64 characters from a-z, 0-9 and '-'.
// Anything else is refused before it is used to look anything up.
bool is_valid_survey_id(std::string_view id);

// --- 2. The manifest as data ----------------------------------------------------------------

// An "opens" or "closes" value. A date alone means whole days in UK time (Europe/London): a
// survey opens at the start of its "opens" day and takes answers until the end of its
// "closes" day. A date-time must carry its zone (Z or +01:00) and means that instant.
struct ManifestDate {
    std::string text;        // as written, e.g. "2026-07-31"
    TimePoint instant;       // opens: the first moment open; closes: the first moment closed
    bool whole_day = false;  // written as a date alone
    // What to tell people, in UK time. opens: the day (and time) it opens. closes: when
    // whole_day, the last day it is open (minute_of_day 0); else the day and time it closes.
    UkLocalTime uk;
};

struct ManifestEntry {
    std::string id;     // equals the survey file's id (canvassId, else its file name)
    std::string file;   // the survey file, a path from the manifest's folder: "transport.json"
    std::string path;   // where the entry is in the manifest, e.g. "surveys[1]", for messages
    LocalizedString title;    // for the welcome screen and lists
    LocalizedString purpose;  // what the survey is for, one or two plain sentences
    int estimated_minutes = 0;
    std::optional<ManifestDate> opens, closes;  // absent: no limit on that side
    LocalizedString privacy_summary;  // a short notice on how answers are used (2-3 sentences)
    LocalizedString privacy_contact;  // who to ask about the data: e-mail and/or postal address
    LocalizedString privacy_notice;   // the full privacy notice: a page path from the web
                                      // folder's top (where index.html is), e.g. "privacy.html"
    // Where responses are also sent (docs/outbox.md): "" none (they stay on the device until
    // exported); a path on the app's own site, "/" when `canvass serve` serves the app; or an
    // https:// address of a collector elsewhere, whose origin the page's CSP must allow.
    std::string collector;
};

struct Manifest {
    std::string default_id;               // the survey a link without ?survey= opens
    std::vector<ManifestEntry> surveys;   // in manifest order
    std::vector<Diagnostic> warnings;     // unknown properties, placeholders left in

    const ManifestEntry* find(std::string_view id) const;  // nullptr when no entry has this id
};

// --- 3. Reading and validating --------------------------------------------------------------

// Every problem, errors first (each group in document order), then warnings, with paths such
// as "surveys[1].closes". Never throws.
std::vector<Diagnostic> validate_manifest(const nlohmann::json& document);

// The manifest, or its first error; the error's location is "FILE_NAME: JSON.PATH" (just
// FILE_NAME for the whole document), so Error::to_string() reads
// "surveys/manifest.json: surveys[1].closes: must be after opens (...)". Warnings are kept in
// Manifest::warnings.
Result<Manifest> parse_manifest(const nlohmann::json& document, std::string_view file_name);

// A "collector" value, or why it is refused ("" when fine): a path on this site ("/",
// "/canvass/") or an https:// address ("https://collect.example.org/"; http:// only for
// localhost and 127.0.0.1, for testing). Only plain characters (letters, digits, - . _ ~ / :),
// no query, fragment, user name or spaces: the value also goes into the page's CSP.
std::string collector_problem(std::string_view collector);
// The address responses are POSTed to: the collector's base with "api/v1/responses" added.
std::string collector_endpoint(std::string_view collector);
// The collector's origin ("https://collect.example.org", with its port when given) when it is
// on another site, "" when it is a path on the app's own site (the CSP's 'self' covers it).
std::string collector_origin(std::string_view collector);
// The origins of every entry's collector on another site, sorted, each once: what the page's
// CSP connect-src must list besides 'self'.
std::vector<std::string> collector_origins(const Manifest& manifest);

// --- 4. Choosing a survey and its availability ------------------------------------------------

// The entry a link asks for: "" means the default. An id that is not valid or not listed is
// an error whose message never lists the other ids (a survey can be listed before it opens).
Result<const ManifestEntry*> choose_survey(const Manifest& manifest, std::string_view requested_id);

enum class AvailabilityState { NotYetOpen, Open, Closed };

// "not_yet_open", "open", "closed": stable ids for the automation API and logs.
const char* availability_id(AvailabilityState state);

struct Availability {
    AvailabilityState state = AvailabilityState::Open;
    // NotYetOpen: when it opens. Closed: when it closed. Open: when it will close (none when
    // the entry has no "closes").
    std::optional<ManifestDate> date;
};

// Whether the survey takes answers at `now_ms`: open from opens.instant (inclusive) until
// closes.instant (exclusive).
Availability availability(const ManifestEntry& entry, std::int64_t now_ms);

}  // namespace canvass::survey
