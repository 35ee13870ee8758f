// The survey engine's public entry points: loading and validating SurveyJS JSON, survey
// identity, and `check` (which questions are visible, required and invalid for some answers).
// The runtime API for the UI is in core/survey/runtime.h; the evaluation state in engine.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/survey/model.h"

namespace canvass::survey {

// Panels inside panels that validate_survey accepts (documented in docs/formats.md). Regex
// limits are in core/survey/regex.h.
inline constexpr int kMaxPanelDepth = 16;

// Every problem in a parsed survey document, errors first in document order, then warnings.
// `file_name` is only used for messages. Never throws.
std::vector<Diagnostic> validate_survey(const nlohmann::json& document, std::string_view file_name = {});

// Builds the model. Fails with the first error diagnostic (location = its JSON path) when
// validate_survey reports any error; warnings are kept in Survey::warnings.
Result<Survey> load_survey(const nlohmann::json& document, std::string_view file_name);

// The canonical JSON of a document: nlohmann's dump() with no indentation, i.e. object keys
// sorted by byte order, no whitespace, strings as UTF-8 (only '"', '\\' and control characters
// escaped), numbers as nlohmann prints them (integers as integers, doubles in shortest
// round-trip form).
std::string canonical_json(const nlohmann::json& document);

// The survey id: `canvassId` when it is a non-empty string, else the file name's last path
// component without a trailing ".json".
std::string survey_id(const nlohmann::json& document, std::string_view file_name);

// What survey-core says about a set of answers, as if `survey.data = answers;
// survey.clearIncorrectValues();` had run (see docs/formats.md, "check").
struct CheckResult {
    std::vector<std::string> visible;   // questions visible with their page and panels, survey order
    std::vector<std::string> required;  // visible questions required now (isRequired or requiredIf)
    std::vector<std::string> invalid;   // visible questions with at least one validation error
    bool complete = false;              // survey.validate(): no errors on any visible page

    // One line of JSON with the keys in this order: {"visible":[...],"required":[...],
    // "invalid":[...],"complete":true|false}.
    std::string to_json_line() const;
};

// `answers` must be a JSON object (anything else is treated as no answers).
CheckResult check(const Survey& survey, const nlohmann::json& answers, std::int64_t now_ms);

}  // namespace canvass::survey
