// `check`: which questions are visible, required and invalid for a set of answers, and
// whether survey.validate() would pass, as survey-core 3.1.1 computes them.
#include "core/survey/engine.h"
#include "core/survey/survey.h"
#include "core/survey/validation.h"

namespace canvass::survey {

std::string CheckResult::to_json_line() const {
    const nlohmann::json v(visible), r(required), i(invalid);
    return "{\"visible\":" + v.dump() + ",\"required\":" + r.dump() + ",\"invalid\":" + i.dump() +
           ",\"complete\":" + (complete ? "true" : "false") + "}";
}

CheckResult check(const Survey& survey, const nlohmann::json& answers, std::int64_t now_ms) {
    const EvalState state = evaluate_survey(survey, answers, now_ms);
    CheckResult result;
    for (int q : survey.questions) {
        if (!state.shown[q]) continue;
        const std::string& name = survey.elements[q].name;
        result.visible.push_back(name);
        if (state.required[q]) result.required.push_back(name);
        if (!question_errors(survey, state, q, "").empty()) result.invalid.push_back(name);
    }
    result.complete = survey_is_complete(survey, state);
    return result;
}

}  // namespace canvass::survey
