// Survey identity: the canonical JSON of a survey document (whose SHA-256 is its version) and
// its id (canvassId, else the file name).
#include "core/survey/survey.h"

namespace canvass::survey {

std::string canonical_json(const nlohmann::json& document) {
    // nlohmann keeps object keys in a std::map, so dump() sorts them by byte order; no indent
    // means no whitespace; ensure_ascii=false keeps UTF-8 as is. Parsed documents are valid
    // UTF-8 (read_json_file checks), so the replace handler never fires on them.
    return document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string survey_id(const nlohmann::json& document, std::string_view file_name) {
    if (document.is_object()) {
        const auto it = document.find("canvassId");
        if (it != document.end() && it->is_string() && !it->get<std::string>().empty()) return it->get<std::string>();
    }
    std::string name(file_name);
    const std::size_t slash = name.find_last_of("/\\");
    if (slash != std::string::npos) name = name.substr(slash + 1);
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0) name.resize(name.size() - 5);
    return name;
}

}  // namespace canvass::survey
