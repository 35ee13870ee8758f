// The results dashboard's work that needs the browser or the store (core/app/dashboard.h): a
// results file chosen with the file picker or dropped on the page, and a kiosk's own responses
// for its staff's "View results". Core decides; this carries out its Effects and answers with
// intent::OpenDashboard.
#include "core/app/dashboard.h"
#include "platform/platform.h"
#include "web/web_app.h"

namespace canvass::web {
namespace {

constexpr int kFramesAfterFile = 3;

// The file (or why it could not be read, naming it) as core's intent.
intent::OpenDashboard results_file(Result<platform::ChosenFile> file) {
    intent::OpenDashboard open;
    if (file) {
        open.file_name = std::move(file->name);
        open.file_text = std::move(file->text);
    } else {
        open.file_name = file.error().location;
        open.problem = file.error().message;
    }
    return open;
}

}  // namespace

// A results file can be dropped on the page wherever "Open a results file" is offered: never on a
// kiosk, whose screens are the respondents' (core refuses it anywhere else too).
void WebApp::accept_results_files() {
    if (state_.kiosk || gallery_) {
        platform::accept_dropped_files(results::kMaxReportBytes, {});
        return;
    }
    platform::accept_dropped_files(results::kMaxReportBytes, [this](Result<platform::ChosenFile> file) {
        finished_intents_.push_back(results_file(std::move(file)));
        request_frames(kFramesAfterFile);
    });
}

void WebApp::carry_out_dashboard(const Effects& effects) {
    if (effects.download) platform::offer_download(effects.download->file_name, effects.download->text);
    if (effects.choose_results_file) {
        platform::choose_file(results::kMaxReportBytes, [this](Result<platform::ChosenFile> file) {
            finished_intents_.push_back(results_file(std::move(file)));
            request_frames(kFramesAfterFile);
        });
    }
    if (effects.load_dashboard_responses) {
        if (!store_ || !state_.survey) {
            pending_intents_.push_back(staff_report("The results cannot be counted: this browser's storage cannot be used here. " + store_error_));
            return;
        }
        Result<std::vector<StoredResponse>> responses = store_->store().responses_of(state_.survey->model.id);
        if (!responses) {
            pending_intents_.push_back(staff_report("The kiosk's responses could not be read: " + responses.error().to_string()));
            return;
        }
        intent::OpenDashboard open;
        open.responses = std::move(responses).value();
        // The kiosk's own id names where they came from, as in its export bundles, so a Board
        // report made here lists this kiosk among its sources.
        for (StoredResponse& response : *open.responses) {
            if (response.device_id.empty()) response.device_id = device_id_;
        }
        pending_intents_.push_back(std::move(open));
    }
}

}  // namespace canvass::web
