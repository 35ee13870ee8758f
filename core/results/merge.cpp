// Merging bundles, and checking responses against their survey.
//
// Sections: 1. Merging; 2. Checking against the survey.
#include "core/results/merge.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/results/value_key.h"
#include "core/survey/engine.h"
#include "core/survey/validation.h"

namespace canvass::results {

using nlohmann::json;

namespace {

std::string short_version(const std::string& version) { return version.substr(0, 12) + "…"; }

bool same_response(const StoredResponse& a, const StoredResponse& b) {
    return a.survey_version == b.survey_version && a.submitted_at == b.submitted_at && a.channel == b.channel &&
           a.locale == b.locale && a.device_id == b.device_id &&
           json::parse(a.data_json, nullptr, false) == json::parse(b.data_json, nullptr, false);
}

}  // namespace

// --- 1. Merging -----------------------------------------------------------------------------

Status BundleMerger::begin_file(const BundleFile& file) {
    if (!first_file_) {
        first_file_ = &file;
        merged_.survey_id = file.bundle.survey_id;
        merged_.device_id = "merged";
    }
    if (file.bundle.survey_id != merged_.survey_id) {
        return make_error("this bundle is of survey '" + file.bundle.survey_id + "', but " + first_file_->name + " is of '" +
                              merged_.survey_id + "'; merge one survey's bundles at a time",
                          file.name + ": survey_id");
    }
    merged_.exported_at = std::max(merged_.exported_at, file.bundle.exported_at);
    file_ = &file;
    return Ok{};
}

Result<bool> BundleMerger::add(std::size_t index) {
    const BundleFile& file = *file_;
    const StoredResponse& r = file.bundle.responses[index];
    const auto place = [&] { return file.name + ": responses[" + std::to_string(index) + "]"; };
    if (version_source_ && r.survey_version != version_source_->response->survey_version) {
        return make_error("this response answers survey version " + short_version(r.survey_version) + ", but " +
                              version_source_->file + " responses[" + std::to_string(version_source_->index) +
                              "] answers version " + short_version(version_source_->response->survey_version) +
                              "; merge the bundles of one survey version at a time",
                          place() + ".survey_version");
    }
    const auto [slot, added] = by_id_.emplace(r.id, Origin{&r, file.name, index});
    if (!version_source_) version_source_ = &slot->second;
    if (added) return true;
    if (!same_response(*slot->second.response, r)) {
        return make_error("response " + r.id + " is also in " + slot->second.file + " (responses[" +
                              std::to_string(slot->second.index) +
                              "]) with different answers or details; neither copy can be trusted over the other, "
                              "so nothing was merged: find out which device's copy is right",
                          place() + ".id");
    }
    return false;
}

ResponseBundle BundleMerger::finish() && {
    for (const auto& [id, origin] : by_id_) merged_.responses.push_back(*origin.response);
    std::sort(merged_.responses.begin(), merged_.responses.end(), [](const StoredResponse& a, const StoredResponse& b) {
        return a.submitted_at != b.submitted_at ? a.submitted_at < b.submitted_at : a.id < b.id;
    });
    return std::move(merged_);
}

Result<ResponseBundle> merge_bundles(const std::vector<BundleFile>& files) {
    if (files.empty()) return make_error("no bundles to merge");
    BundleMerger merger;
    for (const BundleFile& file : files) {
        if (Status begun = merger.begin_file(file); !begun) return begun.error();
        for (std::size_t i = 0; i < file.bundle.responses.size(); ++i) {
            if (Result<bool> added = merger.add(i); !added) return added.error();
        }
    }
    return std::move(merger).finish();
}

// --- 2. Checking against the survey ---------------------------------------------------------

namespace {

// Whether `value` is an answer the question offers; "" when it is, else what is wrong.
std::string answer_problem(const survey::Element& element, const json& value) {
    std::set<std::string> allowed;
    const auto allow = [&](const std::vector<survey::Choice>& choices) {
        for (const survey::Choice& choice : choices) allowed.insert(value_key(choice.value));
    };
    const auto not_offered = [&](const json& v) {
        return "'" + value_key(v).substr(0, 40) + "' is not one of the question's choices";
    };
    switch (element.type) {
        case survey::ElementType::Radiogroup:
        case survey::ElementType::Dropdown:
        case survey::ElementType::Checkbox:
        case survey::ElementType::Ranking: {
            allow(element.choices);
            if (element.show_other) allowed.insert("other");
            if (element.show_none) allowed.insert("none");
            if (!element.is_multi()) {
                if (!value.is_string() && !value.is_number() && !value.is_boolean()) return "must be one choice";
                return allowed.count(value_key(value)) ? "" : not_offered(value);
            }
            if (!value.is_array()) return "must be a list of choices";
            for (const json& item : value) {
                if (!allowed.count(value_key(item))) return not_offered(item);
            }
            return "";
        }
        case survey::ElementType::Rating: {
            if (!value.is_number()) return "must be a number on the rating scale";
            if (!element.rate_values.empty()) {
                allow(element.rate_values);
                return allowed.count(value_key(value)) ? "" : not_offered(value);
            }
            const double v = value.get<double>();
            const double steps = (v - element.rate_min) / (element.rate_step > 0 ? element.rate_step : 1);
            if (v < element.rate_min || v > element.rate_max || std::fabs(steps - std::round(steps)) > 1e-9) {
                return value_key(value) + " is not on the rating scale";
            }
            return "";
        }
        case survey::ElementType::Boolean: return value.is_boolean() ? "" : "must be true or false";
        case survey::ElementType::Matrix: {
            if (!value.is_object()) return "must be an object of row: column";
            std::set<std::string> rows, columns;
            for (const survey::Choice& row : element.rows) rows.insert(value_key(row.value));
            for (const survey::Choice& column : element.columns) columns.insert(value_key(column.value));
            for (const auto& [row, column] : value.items()) {
                if (!rows.count(row)) return "'" + row.substr(0, 40) + "' is not one of the question's rows";
                if (!columns.count(value_key(column))) return "'" + value_key(column).substr(0, 40) + "' is not one of the question's columns";
            }
            return "";
        }
        case survey::ElementType::Text:
        case survey::ElementType::Comment:
            return value.is_string() || value.is_number() ? "" : "must be text";
        default: return "is not a question that takes an answer";
    }
}

}  // namespace

std::vector<Error> response_problems(const survey::Survey& survey, const StoredResponse& r, const std::string& place,
                                     std::int64_t now_ms, std::size_t max_problems) {
    std::vector<Error> problems;
    const auto add = [&](std::string message, std::string where) {
        if (problems.size() < max_problems) problems.push_back(make_error(std::move(message), std::move(where)));
    };
    const std::string prefix = place.empty() ? "" : place + ".";
    if (r.survey_version != survey.version) {
        add("this response answers survey version " + short_version(r.survey_version) + ", and " +
                "the survey file is version " + short_version(survey.version) +
                "; count it with the survey file it was collected with",
            prefix + "survey_version");
        return problems;  // nothing else can be judged against another version's questions
    }
    const json data = json::parse(r.data_json, nullptr, false);
    if (!data.is_object()) {
        add("must be the answers as a JSON object", prefix + "data");
        return problems;
    }
    const survey::EvalState state = survey::evaluate_survey(survey, data, now_ms);
    for (const auto& [key, value] : data.items()) {
        if (problems.size() >= max_problems) return problems;
        const std::string where = prefix + "data." + (key.size() > 40 ? key.substr(0, 40) + "…" : key);
        std::string name = key;
        const bool comment = key.size() > 8 && key.compare(key.size() - 8, 8, "-Comment") == 0;
        if (comment) name = key.substr(0, key.size() - 8);
        const int q = survey.find_question(name);
        if (q < 0) {
            add("the survey has no question '" + name.substr(0, 40) + "'; remove it", where);
            continue;
        }
        const survey::Element& element = survey.elements[static_cast<std::size_t>(q)];
        if (!state.shown[static_cast<std::size_t>(q)]) {
            add("answers a question this respondent could not see (its conditions hide it)", where);
            continue;
        }
        if (comment) {
            if (!value.is_string()) add("must be text", where);
            continue;
        }
        if (std::string problem = answer_problem(element, value); !problem.empty()) {
            add(problem, where);
            continue;
        }
        const std::vector<std::string> errors = survey::question_errors(survey, state, q, "");
        if (!errors.empty()) add("the answer breaks the question's rules: " + errors.front(), where);
    }
    if (!survey::survey_is_complete(survey, state)) {
        add("the answers are not complete: a question the survey requires is unanswered", prefix + "data");
    }
    return problems;
}

Status check_bundle_survey(const survey::Survey& survey, const BundleFile& file) {
    if (file.bundle.survey_id == survey.id) return Ok{};
    return make_error("this bundle is of survey '" + file.bundle.survey_id + "', not '" + survey.id +
                          "'; give the survey file it was collected with",
                      file.name + ": survey_id");
}

Status check_response_against_survey(const survey::Survey& survey, const BundleFile& file, std::size_t index, std::int64_t now_ms) {
    const std::string place = file.name + ": responses[" + std::to_string(index) + "]";
    std::vector<Error> problems = response_problems(survey, file.bundle.responses[index], place, now_ms, 1);
    if (problems.empty()) return Ok{};
    return problems.front();
}

Status check_bundle_against_survey(const survey::Survey& survey, const BundleFile& file, std::int64_t now_ms) {
    if (Status same = check_bundle_survey(survey, file); !same) return same;
    for (std::size_t i = 0; i < file.bundle.responses.size(); ++i) {
        if (Status checked = check_response_against_survey(survey, file, i, now_ms); !checked) return checked;
    }
    return Ok{};
}

}  // namespace canvass::results
