// Loading the dashboard's results a slice at a time (results_loader.h).
#include "core/results/results_loader.h"

#include <algorithm>

namespace canvass::results {

ResultsLoader::ResultsLoader(std::shared_ptr<const survey::Survey> survey, std::vector<StoredResponse> own,
                             std::vector<ImportedFile> files, std::int64_t now_ms)
    : survey_(std::move(survey)), now_ms_(now_ms), sources_(std::move(files)) {
    own_count_ = own.size();
    builder_.emplace(*survey_, own.size());
    // The merger keeps pointers into files_, so it must never reallocate.
    files_.reserve(sources_.size() + 1);
    ResponseBundle mine;
    mine.survey_id = survey_->id;
    mine.responses = std::move(own);
    files_.push_back(BundleFile{kOwnName, std::move(mine)});
    if (!sources_.empty()) {
        if (Status begun = merger_.begin_file(files_.front()); !begun) fail(begun.error());
    }
}

void ResultsLoader::fail(Error error) {
    error_ = std::move(error);
    stage_ = Stage::Done;
    reader_.reset();
    builder_.reset();
}

void ResultsLoader::count(const StoredResponse& response) {
    if (Status added = builder_->add(response); !added) fail(added.error());
}

void ResultsLoader::next_file() {
    at_ = 0;
    reader_.reset();
    if (next_source_ == sources_.size()) {
        stage_ = Stage::Done;
        return;
    }
    ImportedFile& source = sources_[next_source_++];
    reader_.emplace(std::move(source.text), source.name);
    counts_.push_back({source.name, 0, 0});
    stage_ = Stage::Read;
}

bool ResultsLoader::step(std::size_t budget) {
    budget = std::max<std::size_t>(budget, 1);
    switch (stage_) {
        case Stage::Own: {
            const BundleFile& own = files_.front();
            const std::size_t end = std::min(own.bundle.responses.size(), at_ + budget);
            for (; at_ < end && stage_ == Stage::Own; ++at_) {
                if (sources_.empty()) {
                    count(own.bundle.responses[at_]);
                    continue;
                }
                Result<bool> added = merger_.add(at_);
                if (!added) fail(added.error());
                else if (*added) count(own.bundle.responses[at_]);
            }
            if (stage_ == Stage::Own && at_ == own.bundle.responses.size()) next_file();
            break;
        }
        case Stage::Read: {
            if (!reader_->step(budget)) break;
            Result<ResponseBundle> bundle = reader_->take();
            if (!bundle) { fail(bundle.error()); return true; }
            files_.push_back(BundleFile{reader_->file_name(), std::move(bundle).value()});
            reader_.reset();
            counts_.back().responses = files_.back().bundle.responses.size();
            if (Status same = check_bundle_survey(*survey_, files_.back()); !same) { fail(same.error()); return true; }
            at_ = 0;
            stage_ = Stage::Check;
            break;
        }
        case Stage::Check: {
            const BundleFile& file = files_.back();
            const std::size_t end = std::min(file.bundle.responses.size(), at_ + budget);
            for (; at_ < end; ++at_) {
                if (Status ok = check_response_against_survey(*survey_, file, at_, now_ms_); !ok) { fail(ok.error()); return true; }
            }
            if (at_ < file.bundle.responses.size()) break;
            if (Status begun = merger_.begin_file(file); !begun) { fail(begun.error()); return true; }
            at_ = 0;
            stage_ = Stage::Merge;
            break;
        }
        case Stage::Merge: {
            const BundleFile& file = files_.back();
            const std::size_t end = std::min(file.bundle.responses.size(), at_ + budget);
            for (; at_ < end && stage_ == Stage::Merge; ++at_) {
                Result<bool> added = merger_.add(at_);
                if (!added) {
                    fail(added.error());
                } else if (*added) {
                    ++counts_.back().added;
                    count(file.bundle.responses[at_]);
                }
            }
            if (stage_ == Stage::Merge && at_ == file.bundle.responses.size()) next_file();
            break;
        }
        case Stage::Done: break;
    }
    return finished();
}

LoaderProgress ResultsLoader::progress() const {
    // Each file is an equal part of the bar, and so are this kiosk's own responses when there
    // are any: reading is half of a file's part, checking and counting a quarter each.
    const bool own_part = own_count_ > 0 || sources_.empty();
    const double parts = static_cast<double>(sources_.size()) + (own_part ? 1 : 0);
    const auto share = [](std::size_t done, std::size_t of) { return of == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(of); };
    const std::string name = counts_.empty() ? std::string() : counts_.back().name;
    const double before = (own_part ? 1 : 0) + static_cast<double>(next_source_ > 0 ? next_source_ - 1 : 0);
    const std::size_t in_file = files_.back().bundle.responses.size();
    switch (stage_) {
        case Stage::Own: return {"Counting this kiosk's responses", share(at_, own_count_) / parts};
        case Stage::Read: return {"Reading " + name, (before + 0.5 * reader_->fraction()) / parts};
        case Stage::Check: return {"Checking " + name + " against the survey", (before + 0.5 + 0.25 * share(at_, in_file)) / parts};
        case Stage::Merge: return {"Counting " + name, (before + 0.75 + 0.25 * share(at_, in_file)) / parts};
        case Stage::Done: break;
    }
    return {error_ ? "Stopped" : "Done", 1};
}

Result<LoadedResults> ResultsLoader::take() {
    if (!finished()) return make_error("the results have not finished loading");
    if (error_) return *error_;
    if (!builder_) return make_error("the results were already taken");
    LoadedResults loaded;
    loaded.table = std::make_shared<const ResponseTable>(std::move(*builder_).finish());
    builder_.reset();
    loaded.files = counts_;
    return loaded;
}

}  // namespace canvass::results
