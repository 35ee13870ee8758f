// From the documents fetched at start-up to the survey the page runs (survey_source.h).
#include "core/app/survey_source.h"

#include "core/io/json_document.h"
#include "core/survey/survey.h"

namespace canvass {

const char* boot_failure_id(BootFailure failure) {
    switch (failure) {
    case BootFailure::None: return "none";
    case BootFailure::Download: return "download";
    case BootFailure::UnknownSurvey: return "unknown_survey";
    case BootFailure::BadSetup: return "bad_setup";
    }
    return "none";
}

std::string manifest_folder(const std::string& manifest_file) {
    const std::size_t slash = manifest_file.rfind('/');
    return slash == std::string::npos ? std::string() : manifest_file.substr(0, slash + 1);
}

Result<LoadedSurvey> load_boot_survey(const BootDocuments& documents, std::int64_t now_ms, BootFailure* failure) {
    BootFailure ignored = BootFailure::None;
    BootFailure& kind = failure ? *failure : ignored;
    kind = BootFailure::None;
    auto fail = [&](BootFailure why, Error error) {
        kind = why;
        return Result<LoadedSurvey>(std::move(error));
    };
    auto at = [](const std::string& file, const std::string& path) { return path.empty() ? file : file + ": " + path; };

    if (!documents.error.empty()) return fail(BootFailure::Download, make_error(documents.error));
    const std::string manifest_file = documents.manifest_file.empty() ? "surveys/manifest.json" : documents.manifest_file;

    Result<nlohmann::json> manifest_json = parse_json_document(documents.manifest_text, manifest_file);
    if (!manifest_json) return fail(BootFailure::BadSetup, manifest_json.error());
    Result<survey::Manifest> manifest = survey::parse_manifest(*manifest_json, manifest_file);
    if (!manifest) return fail(BootFailure::BadSetup, manifest.error());
    Result<const survey::ManifestEntry*> chosen = survey::choose_survey(*manifest, documents.requested_survey_id);
    if (!chosen) return fail(BootFailure::UnknownSurvey, chosen.error());
    const survey::ManifestEntry& entry = **chosen;

    // The page picks the file itself before the module starts; if it picked another file than
    // the manifest names, the answers would be stored against the wrong survey.
    const std::string survey_file = manifest_folder(manifest_file) + entry.file;
    if (documents.survey_file != survey_file) {
        return fail(BootFailure::BadSetup,
                    make_error("the page fetched '" + documents.survey_file + "', but the manifest names '" + survey_file +
                                   "' for the survey '" + entry.id + "'",
                               at(manifest_file, entry.path + ".file")));
    }
    Result<nlohmann::json> survey_json = parse_json_document(documents.survey_text, survey_file);
    if (!survey_json) return fail(BootFailure::BadSetup, survey_json.error());
    Result<survey::Survey> loaded = survey::load_survey(*survey_json, survey_file);
    if (!loaded) {
        return fail(BootFailure::BadSetup, make_error("invalid survey: " + loaded.error().message + " (run 'canvass validate' for every problem)",
                                                      at(survey_file, loaded.error().location)));
    }
    if (loaded->id != entry.id) {
        return fail(BootFailure::BadSetup,
                    make_error("the id '" + entry.id + "' does not match the survey file: " + survey_file + " has the id '" + loaded->id +
                                   "' (its canvassId, else its file name); make them the same",
                               at(manifest_file, entry.path + ".id")));
    }

    LoadedSurvey result{std::move(loaded).value(), entry, survey::availability(entry, now_ms), survey_file, manifest->warnings};
    return result;
}

std::shared_ptr<const ActiveSurvey> to_active_survey(LoadedSurvey loaded) {
    auto active = std::make_shared<ActiveSurvey>();
    active->model = std::move(loaded.survey);
    active->title = std::move(loaded.entry.title);
    active->purpose = std::move(loaded.entry.purpose);
    active->privacy_summary = std::move(loaded.entry.privacy_summary);
    active->privacy_notice = std::move(loaded.entry.privacy_notice);
    active->minutes = loaded.entry.estimated_minutes;
    active->collector = std::move(loaded.entry.collector);
    const survey::Availability& availability = loaded.availability;
    if (availability.state != survey::AvailabilityState::Open) {
        active->opens_later = availability.state == survey::AvailabilityState::NotYetOpen;
        if (availability.date) {
            active->availability_date = availability.date->uk;
            active->availability_whole_day = availability.date->whole_day;
        }
    }
    return active;
}

}  // namespace canvass
