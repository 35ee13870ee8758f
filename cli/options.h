// Option values more than one subcommand reads the same way, with the same messages.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/util/time.h"

namespace canvass::cli {

// --now: the given ISO-8601 moment, or the current time when the option was not given.
Result<TimePoint> now_option(const std::string& now_text);

// --answers FILE: a SurveyJS data object ('-' reads stdin); anything but a JSON object is refused.
Result<nlohmann::json> read_answers_object(const std::string& path);

}  // namespace canvass::cli
