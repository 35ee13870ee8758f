// Matching answers to options by text (value_key.h).
#include "core/results/value_key.h"

#include <cmath>
#include <cstdint>

namespace canvass::results {

std::string value_key(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
    if (value.is_number_float()) {
        const double d = value.get<double>();
        if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<std::int64_t>(d));
        return value.dump();
    }
    if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
    return value.dump();
}

}  // namespace canvass::results
