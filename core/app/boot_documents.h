// What the page fetched before the app started: the survey manifest and the one survey file a
// link asks for. Plain text only, so the platform seam (platform::boot_documents) can fill it
// from the browser or from a folder, and core turns it into a survey (survey_source.h).
#pragma once

#include <string>

namespace canvass {

struct BootDocuments {
    std::string requested_survey_id;  // the link's ?survey= value as given ("" when absent); not yet checked
    std::string manifest_file;        // path from the web folder's top, e.g. "surveys/manifest.json"
    std::string manifest_text;
    std::string survey_file;          // e.g. "surveys/diz-digital-needs.json"; "" when none was fetched
    std::string survey_text;
    // A download that failed, naming the file and what happened ("surveys/manifest.json could
    // not be downloaded: HTTP 404 Not Found"); "" when both downloads worked or were not tried.
    std::string error;
};

}  // namespace canvass
