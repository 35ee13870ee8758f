// The results dashboard's work that needs the browser or the store (core/app/dashboard.h): a
// results file chosen with the file picker or dropped on the page, and, for a kiosk's staff,
// its own responses and other kiosks' imported bundles, counted a slice a frame
// (core/results/results_loader.h). Core decides; this carries out its Effects and answers with
// intent::ResultsLoading as it goes, then intent::OpenDashboard.
#include <chrono>

#include "core/app/dashboard.h"
#include "core/store/bundle.h"
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
    if (effects.cancel_results_loading) {
        loader_.reset();
        loading_file_.reset();  // stopped: the file is not kept for later counts
    }
    if (effects.load_dashboard_responses) start_results_loader({});
    if (effects.choose_import_file) {
        platform::choose_file(kMaxBundleBytes, [this](Result<platform::ChosenFile> file) {
            if (!file) {
                finished_intents_.push_back(intent::ResultsLoading{"", 0, true, file.error().to_string()});
                request_frames(kFramesAfterFile);
                return;
            }
            start_results_loader(results::ImportedFile{file->name, std::make_shared<const std::string>(std::move(file->text))});
        });
    }
}

// --- Counting results a slice at a frame ---------------------------------------------------------

// The kiosk's own responses, the files imported since the staff screen opened and `added` (a
// file just chosen), counted by a ResultsLoader that step_results_loader() runs a few
// milliseconds each frame, so the progress bar moves and the page never stops answering.
void WebApp::start_results_loader(std::optional<results::ImportedFile> added) {
    const auto stop = [this](std::string problem) {
        finished_intents_.push_back(intent::ResultsLoading{"", 0, true, std::move(problem)});
        request_frames(kFramesAfterFile);
    };
    if (!store_ || !state_.survey) return stop("this browser's storage cannot be used here. " + store_error_);
    Result<std::vector<StoredResponse>> own = store_->store().responses_of(state_.survey->model.id);
    if (!own) return stop("the kiosk's responses could not be read: " + own.error().to_string());
    // The kiosk's own id names where they came from, as in its export bundles, so a Board
    // report made here lists this kiosk among its sources.
    for (StoredResponse& response : *own) {
        if (response.device_id.empty()) response.device_id = device_id_;
    }
    std::vector<results::ImportedFile> files = imported_files_;
    if (added) files.push_back(*added);
    loading_file_ = std::move(added);
    loader_ = std::make_unique<results::ResultsLoader>(std::shared_ptr<const survey::Survey>(state_.survey, &state_.survey->model),
                                                       std::move(own).value(), std::move(files), platform::now().unix_ms);
    shown_loading_stage_.clear();
    shown_loading_percent_ = -1;
    request_frames(1);
}

void WebApp::step_results_loader() {
    const bool staff_open = state_.kiosk && state_.kiosk->staff.unlocked;
    if (!staff_open) imported_files_.clear();  // staff left: nothing they imported stays
    if (!loader_) return;
    if (!staff_open || state_.screen != Screen::Staff) {
        loader_.reset();
        loading_file_.reset();
        return;
    }
    // Most of a 60 Hz frame's time for counting: the page still answers a tap on Stop, and
    // drawing the bar (only when it moves) takes the rest.
    constexpr auto kSliceTime = std::chrono::milliseconds(10);
    constexpr std::size_t kSliceUnits = 64;
    const auto start = std::chrono::steady_clock::now();
    bool finished = false;
    while (!(finished = loader_->step(kSliceUnits)) && std::chrono::steady_clock::now() - start < kSliceTime) {}
    if (!finished) {
        const results::LoaderProgress progress = loader_->progress();
        const int percent = static_cast<int>(progress.fraction * 100);
        // A frame is drawn only when the bar has moved, at most ten times a second (a new stage
        // shows at once); tick() keeps the animation frames coming meanwhile, so counting goes
        // on between them. Drawing each percent would cost more than the counting on a slow device.
        const auto now = std::chrono::steady_clock::now();
        const bool new_stage = progress.stage != shown_loading_stage_;
        if (new_stage || (percent != shown_loading_percent_ && now - last_loading_shown_ >= std::chrono::milliseconds(100))) {
            shown_loading_stage_ = progress.stage;
            shown_loading_percent_ = percent;
            last_loading_shown_ = now;
            pending_intents_.push_back(intent::ResultsLoading{progress.stage, progress.fraction});
            request_frames(1);
        }
        return;
    }
    Result<results::LoadedResults> loaded = loader_->take();
    loader_.reset();
    if (!loaded) {
        pending_intents_.push_back(intent::ResultsLoading{"", 0, true, loaded.error().to_string()});
    } else {
        if (loading_file_) imported_files_.push_back(std::move(*loading_file_));
        intent::OpenDashboard open;
        open.loaded = std::move(loaded).value();
        pending_intents_.push_back(std::move(open));
    }
    loading_file_.reset();
    request_frames(kFramesAfterFile);
}

}  // namespace canvass::web
