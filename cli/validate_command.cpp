// canvass validate: checks a SurveyJS survey file against the subset Canvass supports and
// lists every error and warning with its JSON path; given a survey manifest (or a folder with
// one), checks the manifest and every survey it lists, as the web app will load them.
#include <cstdio>
#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <string_view>

#include "cli/commands.h"
#include "core/io/json_document.h"
#include "core/survey/manifest.h"
#include "core/survey/survey.h"

namespace canvass::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* validate_help =
    "Usage: canvass validate SURVEY.json\n"
    "       canvass validate MANIFEST.json | FOLDER\n"
    "\n"
    "Checks a SurveyJS survey (the subset Canvass supports) and prints one line per problem:\n"
    "\n"
    "  error: JSON.PATH: message\n"
    "  warning: JSON.PATH: message\n"
    "\n"
    "for example 'error: pages[2].elements[4].visibleIf: unexpected ')' at 17'. Errors come\n"
    "first, each group in document order. A valid survey prints 'ok: ID VERSION' last, where\n"
    "ID is canvassId (or the file name) and VERSION the SHA-256 of its canonical JSON.\n"
    "\n"
    "A survey manifest (a JSON object with \"surveys\"; docs/formats.md, \"Survey manifest\"), or a\n"
    "folder holding manifest.json or surveys/manifest.json (such as the built web folder), is\n"
    "checked with every survey it lists: each file must exist, be a valid survey and have the\n"
    "entry's id. Lines then name the file: 'error: FILE: JSON.PATH: message'. Each valid survey\n"
    "prints 'ok: ID VERSION', and a valid manifest 'ok: MANIFEST: N surveys, default ID' last.\n"
    "When the manifest's folder sits in a web folder (next to index.html), the privacy notice\n"
    "pages must exist there too, and a page still holding template [placeholders] is a warning.\n"
    "\n"
    "Exit status: 0 valid (warnings allowed), 2 errors found or the file cannot be read or\n"
    "parsed (then one line on stderr names FILE:LINE:COLUMN).\n";

int fail(const std::string& message) {
    std::fprintf(stderr, "canvass validate: %s\n", message.c_str());
    return 2;
}

// SurveyJS has no "surveys" property, and a manifest has no pages or questions.
bool is_manifest(const nlohmann::json& doc) {
    return doc.is_object() && doc.contains("surveys") && !doc.contains("pages") && !doc.contains("elements") &&
           !doc.contains("questions");
}

void print(const char* severity, const std::string& file, const std::string& path, const std::string& message) {
    std::printf("%s: %s: %s%s\n", severity, file.c_str(), path.empty() ? "" : (path + ": ").c_str(), message.c_str());
}

// The first "[...]" in a privacy page: the template (docs/privacy-notice.md) marks what an
// officer must fill in that way. Empty when there is none or the page cannot be read.
std::string first_placeholder(const fs::path& page) {
    const Result<std::string> text = read_text_file(page.string(), 1024 * 1024);
    if (!text) return {};
    const std::regex placeholder(R"(\[[^\]\[<>\n]{1,80}\])");
    std::smatch match;
    return std::regex_search(*text, match, placeholder) ? match.str() : std::string();
}

int validate_survey_file(const std::string& path, const nlohmann::json& doc) {
    const std::vector<survey::Diagnostic> diagnostics = survey::validate_survey(doc, path);
    bool has_error = false;
    for (const survey::Diagnostic& d : diagnostics) {
        has_error = has_error || d.severity == survey::Severity::Error;
        std::printf("%s\n", d.to_string().c_str());
    }
    if (has_error) return 2;
    Result<survey::Survey> loaded = survey::load_survey(doc, path);
    if (!loaded) return fail(loaded.error().to_string());
    std::printf("ok: %s %s\n", loaded->id.c_str(), loaded->version.c_str());
    return 0;
}

int validate_manifest_file(const std::string& manifest_path, const nlohmann::json& doc) {
    bool has_error = false;
    for (const survey::Diagnostic& d : survey::validate_manifest(doc)) {
        has_error = has_error || d.severity == survey::Severity::Error;
        print(d.severity == survey::Severity::Error ? "error" : "warning", manifest_path, d.path, d.message);
    }
    const Result<survey::Manifest> manifest = survey::parse_manifest(doc, manifest_path);
    if (!manifest) return 2;  // every problem is printed above

    const fs::path folder = fs::path(manifest_path).parent_path();
    // Privacy notice paths start at the web folder's top, where index.html is.
    const fs::path web_folder = folder.parent_path();
    const bool in_web_folder = fs::is_regular_file(web_folder / "index.html");
    std::set<fs::path> warned_pages;  // surveys often share one notice: one warning each
    for (const survey::ManifestEntry& entry : manifest->surveys) {
        const std::string file = (folder / entry.file).string();
        Result<nlohmann::json> survey_doc = read_json_file(file);
        if (!survey_doc) {
            print("error", manifest_path, entry.path + ".file", "cannot read the survey: " + survey_doc.error().to_string());
            has_error = true;
            continue;
        }
        bool survey_ok = true;
        for (const survey::Diagnostic& d : survey::validate_survey(*survey_doc, file)) {
            survey_ok = survey_ok && d.severity != survey::Severity::Error;
            print(d.severity == survey::Severity::Error ? "error" : "warning", file, d.path, d.message);
        }
        if (!survey_ok) {
            has_error = true;
            continue;
        }
        Result<survey::Survey> loaded = survey::load_survey(*survey_doc, file);
        if (!loaded) return fail(loaded.error().to_string());
        if (loaded->id != entry.id) {
            print("error", manifest_path, entry.path + ".id",
                  "the id '" + entry.id + "' does not match the survey file: " + file + " has the id '" + loaded->id +
                      "' (its canvassId, else its file name); make them the same");
            has_error = true;
            continue;
        }
        bool links_ok = true;
        if (in_web_folder) {
            for (const auto& [locale, page] : entry.privacy_notice.by_locale) {
                const std::string where = entry.path + ".privacyNotice" + (entry.privacy_notice.by_locale.size() > 1 ? "." + locale : "");
                const fs::path page_path = web_folder / page;
                if (!fs::is_regular_file(page_path)) {
                    print("error", manifest_path, where,
                          "'" + page + "' is not in the web folder " + web_folder.string() + ": the welcome screen's link would be broken");
                    links_ok = false;
                } else if (const std::string placeholder = warned_pages.insert(page_path).second ? first_placeholder(page_path) : "";
                           !placeholder.empty()) {
                    print("warning", page_path.string(), "",
                          "still has placeholders in [brackets], such as '" + placeholder + "': fill them in before the survey goes live");
                }
            }
        }
        has_error = has_error || !links_ok;
        if (links_ok) std::printf("ok: %s %s\n", loaded->id.c_str(), loaded->version.c_str());
    }
    if (has_error) return 2;
    std::printf("ok: %s: %zu survey%s, default %s\n", manifest_path.c_str(), manifest->surveys.size(),
                manifest->surveys.size() == 1 ? "" : "s", manifest->default_id.c_str());
    return 0;
}

}  // namespace

int run_validate(int argc, char** argv) {
    std::string path;
    for (int i = 0; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::fputs(validate_help, stdout);
            return 0;
        }
        if (arg.size() > 1 && arg[0] == '-') return fail("unknown option '" + std::string(arg) + "'; see 'canvass validate --help'");
        if (!path.empty()) return fail("give one survey file, manifest or folder; see 'canvass validate --help'");
        path = arg;
    }
    if (path.empty()) return fail("no survey file given; see 'canvass validate --help'");

    std::error_code ignored;
    if (fs::is_directory(path, ignored)) {
        const fs::path folder(path);
        if (fs::is_regular_file(folder / "manifest.json", ignored)) {
            path = (folder / "manifest.json").string();
        } else if (fs::is_regular_file(folder / "surveys" / "manifest.json", ignored)) {
            path = (folder / "surveys" / "manifest.json").string();
        } else {
            return fail(path + ": no manifest.json or surveys/manifest.json in this folder; give a survey or manifest file");
        }
    }

    Result<nlohmann::json> doc = read_json_file(path);
    if (!doc) return fail(doc.error().to_string());
    return is_manifest(*doc) ? validate_manifest_file(path, *doc) : validate_survey_file(path, *doc);
}

}  // namespace canvass::cli
