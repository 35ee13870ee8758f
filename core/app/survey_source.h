// Which survey this page runs, and whether it takes answers now: from what the page fetched at
// start-up (BootDocuments: the manifest and one survey file) to a loaded survey, its manifest
// entry (welcome-screen texts, privacy links) and its availability. Pure: `now` is passed in.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <memory>

#include "core/app/app_state.h"
#include "core/app/boot_documents.h"
#include "core/result.h"
#include "core/survey/manifest.h"
#include "core/survey/model.h"

namespace canvass {

struct LoadedSurvey {
    survey::Survey survey;                    // survey.id, and survey.version: SHA-256 of its canonical JSON
    survey::ManifestEntry entry;              // title, purpose, minutes, dates and privacy texts
    survey::Availability availability;        // at the `now` given to load_boot_survey
    std::string survey_file;                  // e.g. "surveys/diz-digital-needs.json"
    std::vector<survey::Diagnostic> manifest_warnings;  // for the console, never for residents
};

// Why start-up failed, so the app can choose words for residents; the Error has the details.
enum class BootFailure {
    None,           // it worked
    Download,       // a file could not be downloaded (offline on a first visit, 404, server error)
    UnknownSurvey,  // the link's ?survey= names no survey here, or is not a valid id
    BadSetup,       // the manifest or survey file is broken, or they disagree: for the officers
};

// "none", "download", "unknown_survey", "bad_setup": stable ids for the automation API.
const char* boot_failure_id(BootFailure failure);

// Parses the manifest, chooses the entry the link asks for (or the default), loads and checks
// the survey file against the entry, and works out its availability at `now_ms`. A survey
// that is closed or not yet open still loads: the app shows its title with the dates and
// takes no answers. Errors name the file and the place in it, e.g.
// "surveys/manifest.json: surveys[1].closes: ..." or "surveys/transport.json:4:7: invalid JSON: ...".
// `failure`, when given, is set to the kind of problem (None on success).
Result<LoadedSurvey> load_boot_survey(const BootDocuments& documents, std::int64_t now_ms, BootFailure* failure = nullptr);

// What the respondent flow needs from a loaded survey: the model and the welcome screen's
// texts, with the availability turned into words-to-be (opens later / closed, and when).
std::shared_ptr<const ActiveSurvey> to_active_survey(LoadedSurvey loaded);

// The folder part of a manifest path, with its trailing '/': "surveys/" for
// "surveys/manifest.json", "" for "manifest.json". Survey files are fetched from there.
std::string manifest_folder(const std::string& manifest_file);

}  // namespace canvass
