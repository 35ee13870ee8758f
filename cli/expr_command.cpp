// canvass expr: evaluates one SurveyJS expression against optional answers, printing the
// result as JavaScript's JSON.stringify would (3 not 3.0; null for undefined, NaN, Infinity).
#include <cstdio>
#include <string>
#include <string_view>

#include "cli/commands.h"
#include "cli/options.h"
#include "core/expr/expression.h"
#include "core/util/time.h"

namespace canvass::cli {
namespace {

constexpr const char* expr_help =
    "Usage: canvass expr [options] [--] EXPRESSION\n"
    "\n"
    "Evaluates a SurveyJS expression and prints its result as JSON.\n"
    "\n"
    "Options:\n"
    "  --answers FILE   a SurveyJS data object the expression can read ('-' reads stdin)\n"
    "  --now ISO-8601   the moment today(), age() and the date functions use (default: now)\n"
    "  --help           show this help\n"
    "\n"
    "Put '--' before an expression that starts with '-', e.g. canvass expr -- '-2 ^ 2'.\n"
    "Exit status: 0 printed a result, 2 bad input (the reason is one line on stderr).\n";

int fail(const std::string& message) {
    std::fprintf(stderr, "canvass expr: %s\n", message.c_str());
    return 2;
}

}  // namespace

int run_expr(int argc, char** argv) {
    std::string expression_text, answers_path, now_text;
    bool have_expression = false, options_done = false;
    for (int i = 0; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (!options_done && arg == "--help") {
            std::fputs(expr_help, stdout);
            return 0;
        }
        if (!options_done && arg == "--") {
            options_done = true;
        } else if (!options_done && (arg == "--answers" || arg == "--now")) {
            if (i + 1 >= argc) return fail(std::string(arg) + " needs a value; see 'canvass expr --help'");
            (arg == "--answers" ? answers_path : now_text) = argv[++i];
        } else if (!options_done && arg.size() > 1 && arg[0] == '-') {
            return fail("unknown option '" + std::string(arg) + "'; put '--' before an expression that starts with '-'");
        } else if (have_expression) {
            return fail("give one expression (quote it): got '" + expression_text + "' and '" + std::string(arg) + "'");
        } else {
            expression_text = arg;
            have_expression = true;
        }
    }
    if (!have_expression) return fail("no expression given; see 'canvass expr --help'");

    nlohmann::json answers = nlohmann::json::object();
    if (!answers_path.empty()) {
        Result<nlohmann::json> loaded = read_answers_object(answers_path);
        if (!loaded) return fail(loaded.error().message);
        answers = std::move(loaded).value();
    }
    Result<TimePoint> now = now_option(now_text);
    if (!now) return fail(now.error().message);

    Result<std::shared_ptr<const expr::Expression>> parsed = expr::parse(expression_text);
    if (!parsed) return fail("'" + expression_text + "': " + parsed.error().message);
    const expr::DataContext context(&answers, now->unix_ms);
    std::puts(expr::evaluate(**parsed, context).dump().c_str());
    return 0;
}

}  // namespace canvass::cli
