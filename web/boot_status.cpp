// What the running module made of the documents boot.js fetched, for the read-only automation
// API (window.canvass.boot(), docs/automation.md): the chosen survey, its availability, or why
// start-up failed. It reports; the app's screens decide what residents see.
#include <emscripten/emscripten.h>

#include <string>

#include <nlohmann/json.hpp>

#include "core/app/survey_source.h"
#include "platform/platform.h"

namespace {

std::string boot_status_json() {
    canvass::BootFailure failure = canvass::BootFailure::None;
    const canvass::Result<canvass::LoadedSurvey> loaded =
        canvass::load_boot_survey(canvass::platform::boot_documents(), canvass::platform::now().unix_ms, &failure);
    nlohmann::json out = {{"loaded", loaded.ok()}, {"failure", canvass::boot_failure_id(failure)}, {"error", ""}};
    if (!loaded) {
        out["error"] = loaded.error().to_string();
    } else {
        const canvass::LoadedSurvey& s = *loaded;
        out["surveyId"] = s.survey.id;
        out["surveyVersion"] = s.survey.version;
        out["surveyFile"] = s.survey_file;
        out["availability"] = canvass::survey::availability_id(s.availability.state);
        out["availabilityDate"] = s.availability.date ? s.availability.date->text : "";
        out["privacyNotice"] = s.entry.privacy_notice.by_locale;
        out["manifestWarnings"] = nlohmann::json::array();
        for (const auto& w : s.manifest_warnings) out["manifestWarnings"].push_back(w.to_string());
    }
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

extern "C" {

// Worked out once, at the first call: availability is as of that moment. The returned text
// stays valid for the life of the page.
EMSCRIPTEN_KEEPALIVE const char* canvass_boot_json() {
    static const std::string status = boot_status_json();
    return status.c_str();
}

}
