// canvass check: what survey-core says about answers to a survey (visible, required and
// invalid questions, and whether the survey would complete), one answer set or a batch.
#include <cstdio>
#include <sstream>
#include <string>
#include <string_view>

#include "cli/commands.h"
#include "cli/options.h"
#include "core/io/json_document.h"
#include "core/survey/survey.h"
#include "core/util/time.h"

namespace canvass::cli {
namespace {

constexpr const char* check_help =
    "Usage: canvass check SURVEY.json (--answers ANSWERS.json | --batch ANSWERS.jsonl) [--now ISO-8601]\n"
    "\n"
    "Prints, as one line of JSON, what SurveyJS (survey-core 3.1.1) makes of the answers after\n"
    "'survey.data = answers; survey.clearIncorrectValues()':\n"
    "\n"
    "  {\"visible\":[...],\"required\":[...],\"invalid\":[...],\"complete\":true|false}\n"
    "\n"
    "visible: questions shown (with their page and panels), in survey order; required: the\n"
    "visible ones required now; invalid: the visible ones with a validation error; complete:\n"
    "what survey.validate() returns.\n"
    "\n"
    "Options:\n"
    "  --answers FILE   one JSON object of answers ('-' reads stdin)\n"
    "  --batch FILE     JSON Lines: one answers object per line ('-' reads stdin); prints one\n"
    "                   result line per input line, in order; a line that is not a JSON\n"
    "                   object prints {\"error\":\"...\"} and the command goes on\n"
    "  --now ISO-8601   the moment today() and age() use (default: the current time)\n"
    "  --help           show this help\n"
    "\n"
    "Exit status: 0 results printed (complete or not), 2 bad input: unreadable survey or\n"
    "answers, answers not a JSON object, or an invalid survey (one line on stderr).\n";

int fail(const std::string& message) {
    std::fprintf(stderr, "canvass check: %s\n", message.c_str());
    return 2;
}

// The batch limit: a whole JSONL file is read at once.
constexpr std::size_t kMaxBatchBytes = 256u * 1024u * 1024u;

}  // namespace

int run_check(int argc, char** argv) {
    std::string survey_path, answers_path, batch_path, now_text;
    for (int i = 0; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::fputs(check_help, stdout);
            return 0;
        }
        if (arg == "--answers" || arg == "--batch" || arg == "--now") {
            if (i + 1 >= argc) return fail(std::string(arg) + " needs a value; see 'canvass check --help'");
            (arg == "--answers" ? answers_path : arg == "--batch" ? batch_path : now_text) = argv[++i];
        } else if (arg.size() > 1 && arg[0] == '-') {
            return fail("unknown option '" + std::string(arg) + "'; see 'canvass check --help'");
        } else if (!survey_path.empty()) {
            return fail("give one survey file; see 'canvass check --help'");
        } else {
            survey_path = arg;
        }
    }
    if (survey_path.empty()) return fail("no survey file given; see 'canvass check --help'");
    if (answers_path.empty() == batch_path.empty()) return fail("give exactly one of --answers FILE or --batch FILE");

    Result<TimePoint> now = now_option(now_text);
    if (!now) return fail(now.error().message);

    Result<nlohmann::json> doc = read_json_file(survey_path);
    if (!doc) return fail(doc.error().to_string());
    Result<survey::Survey> loaded = survey::load_survey(*doc, survey_path);
    if (!loaded) return fail(survey_path + ": invalid survey: " + loaded.error().to_string() + " (run 'canvass validate' for every problem)");
    const survey::Survey& s = *loaded;

    if (!answers_path.empty()) {
        Result<nlohmann::json> answers = read_answers_object(answers_path);
        if (!answers) return fail(answers.error().message);
        std::printf("%s\n", survey::check(s, *answers, now->unix_ms).to_json_line().c_str());
        return 0;
    }

    Result<std::string> text = read_text_file(batch_path, kMaxBatchBytes);
    if (!text) return fail(text.error().to_string());
    std::istringstream lines(*text);
    std::string line;
    for (int number = 1; std::getline(lines, line); ++number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const std::string name = "line " + std::to_string(number);
        Result<nlohmann::json> answers = parse_json_document(line, name);
        std::string out;
        if (!answers) {
            // "line 6: invalid JSON: ... (column 2)": the location within a one-line document.
            const std::string& loc = answers.error().location;
            const std::size_t colon = loc.rfind(':');
            const std::string column = colon == std::string::npos ? std::string() : " (column " + loc.substr(colon + 1) + ")";
            out = nlohmann::json{{"error", name + ": " + answers.error().message + column}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        } else if (!answers->is_object()) {
            out = nlohmann::json{{"error", name + ": the answers must be a JSON object"}}.dump();
        } else {
            out = survey::check(s, *answers, now->unix_ms).to_json_line();
        }
        std::fwrite(out.data(), 1, out.size(), stdout);
        std::fputc('\n', stdout);
    }
    std::fflush(stdout);
    return 0;
}

}  // namespace canvass::cli
