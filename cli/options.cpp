// Reading --now and --answers for the subcommands that take them.
#include "cli/options.h"

#include "core/io/json_document.h"
#include "platform/platform.h"

namespace canvass::cli {

Result<TimePoint> now_option(const std::string& now_text) {
    if (now_text.empty()) return platform::now();
    Result<TimePoint> parsed = parse_iso8601(now_text);
    if (!parsed) return make_error("--now: " + parsed.error().message);
    return parsed;
}

Result<nlohmann::json> read_answers_object(const std::string& path) {
    Result<nlohmann::json> loaded = read_json_file(path);
    if (!loaded) return make_error(loaded.error().to_string());
    if (!loaded->is_object()) return make_error(path + ": the answers must be a JSON object, such as {\"q1\": 2}");
    return loaded;
}

}  // namespace canvass::cli
