// SurveyJS's built-in texts (error messages, "Other (describe)", "None", progress...) in
// English and Polish, as survey-core 3.1.1's localization tables word them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace canvass::survey {

// The text for `key` (survey-core's localization key, e.g. "requiredError") in `locale`
// ("pl", "pl-PL"; anything else, "" included, is English). Unknown keys give "".
std::string ui_string(std::string_view key, std::string_view locale);

// Replaces "{0}", "{1}", ... with the arguments (survey-core's String.format).
std::string format_string(std::string_view pattern, const std::vector<std::string>& args);

}  // namespace canvass::survey
