// Reading bundles and surveys for the results commands, and writing outputs safely.
#include "cli/bundle_files.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <unistd.h>

#include "core/io/json_document.h"
#include "core/survey/survey.h"

namespace canvass::cli {

Result<std::vector<results::BundleFile>> read_bundle_files(const std::vector<std::string>& paths) {
    std::vector<results::BundleFile> files;
    for (const std::string& path : paths) {
        Result<std::string> text = read_text_file(path, kMaxBundleBytes);
        if (!text) return text.error();
        Result<ResponseBundle> bundle = read_bundle(*text, path);
        if (!bundle) return bundle.error();
        files.push_back(results::BundleFile{path, std::move(*bundle)});
    }
    return files;
}

Result<survey::Survey> read_survey_file(const std::string& path) {
    Result<nlohmann::json> document = read_json_file(path);
    if (!document) return document.error();
    Result<survey::Survey> loaded = survey::load_survey(*document, path);
    if (!loaded) {
        return make_error("invalid survey: " + loaded.error().to_string() + " (run 'canvass validate' for every problem)", path);
    }
    return loaded;
}

Status write_output_file(const std::string& path, const std::string& text) {
    if (path == "-") {
        if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
            return make_error("could not write to standard output");
        }
        return Ok{};
    }
    const std::string temporary = path + ".partial";
    std::FILE* out = std::fopen(temporary.c_str(), "wb");
    if (!out) return make_error("cannot write here: " + std::string(std::strerror(errno)) + "; choose a folder you can write to", path);
    const bool written = std::fwrite(text.data(), 1, text.size(), out) == text.size() && std::fflush(out) == 0 && fsync(fileno(out)) == 0;
    const int saved_errno = errno;
    if (std::fclose(out) != 0 || !written) {
        std::remove(temporary.c_str());
        return make_error("could not write the whole file (" + std::string(std::strerror(written ? errno : saved_errno)) +
                              "); nothing was changed, so free some space and try again",
                          path);
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        std::remove(temporary.c_str());
        return make_error("could not put the file in place: " + reason, path);
    }
    return Ok{};
}

}  // namespace canvass::cli
