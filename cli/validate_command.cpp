// canvass validate: checks a SurveyJS survey file against the subset Canvass supports and
// lists every error and warning with its JSON path.
#include <cstdio>
#include <string>
#include <string_view>

#include "cli/commands.h"
#include "core/io/json_document.h"
#include "core/survey/survey.h"

namespace canvass::cli {
namespace {

constexpr const char* validate_help =
    "Usage: canvass validate SURVEY.json\n"
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
    "Exit status: 0 valid (warnings allowed), 2 errors found or the file cannot be read or\n"
    "parsed (then one line on stderr names FILE:LINE:COLUMN).\n";

int fail(const std::string& message) {
    std::fprintf(stderr, "canvass validate: %s\n", message.c_str());
    return 2;
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
        if (!path.empty()) return fail("give one survey file; see 'canvass validate --help'");
        path = arg;
    }
    if (path.empty()) return fail("no survey file given; see 'canvass validate --help'");

    Result<nlohmann::json> doc = read_json_file(path);
    if (!doc) return fail(doc.error().to_string());
    const std::vector<survey::Diagnostic> diagnostics = survey::validate_survey(*doc, path);
    bool has_error = false;
    for (const survey::Diagnostic& d : diagnostics) {
        has_error = has_error || d.severity == survey::Severity::Error;
        std::printf("%s\n", d.to_string().c_str());
    }
    if (has_error) return 2;
    Result<survey::Survey> loaded = survey::load_survey(*doc, path);
    if (!loaded) return fail(loaded.error().to_string());
    std::printf("ok: %s %s\n", loaded->id.c_str(), loaded->version.c_str());
    return 0;
}

}  // namespace canvass::cli
