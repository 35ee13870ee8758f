// How results match an answer to a question's options: by text, so a choice written as 1 and an
// answer stored as 1 (or a boolean as true) meet whatever their JSON type.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace canvass::results {

// Strings as they are, whole numbers without a decimal point, booleans as "true"/"false".
std::string value_key(const nlohmann::json& value);

}  // namespace canvass::results
