// The canvass command-line tool: the same core as the web app, for survey authors, staff and
// the Board's analyst. Each subcommand lives in its own file; this one dispatches.
#include <cstdio>
#include <cstring>
#include <string_view>

#include "cli/commands.h"

namespace {

struct Command {
    std::string_view name;
    int (*run)(int argc, char** argv);
    std::string_view summary;
};

constexpr Command commands[] = {
    {"expr", canvass::cli::run_expr, "evaluate a SurveyJS expression and print the result as JSON"},
    {"validate", canvass::cli::run_validate, "check a SurveyJS survey file and list its errors and warnings"},
    {"check", canvass::cli::run_check, "say which questions are visible, required and invalid for answers"},
    {"merge", canvass::cli::run_merge, "merge kiosk bundles into one, each response once"},
    {"aggregate", canvass::cli::run_aggregate, "count bundles into the Board's report, small counts suppressed"},
    {"report", canvass::cli::run_report, "write a Board report (canvass.report JSON) as a printable HTML page"},
    {"simulate", canvass::cli::run_simulate, "write a response bundle of simulated respondents who follow a survey"},
    {"csv", canvass::cli::run_csv, "write raw responses from bundles as a CSV file (personal data: staff only)"},
    {"serve", canvass::cli::run_serve, "run the collector: take responses over HTTP and serve the web app"},
};

void print_usage(std::FILE* out) {
    std::fputs("Usage: canvass <command> [options]\n\nCommands:\n", out);
    for (const Command& command : commands) {
        std::fprintf(out, "  %-10.*s %.*s\n", int(command.name.size()), command.name.data(), int(command.summary.size()),
                     command.summary.data());
    }
    std::fputs("  version    print the Canvass version\n\nRun 'canvass <command> --help' for a command's options.\n", out);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        print_usage(stderr);
        return 2;
    }
    const std::string_view name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
        print_usage(stdout);
        return 0;
    }
    if (name == "version" || name == "--version") {
        std::puts("canvass 0.1.0");
        return 0;
    }
    for (const Command& command : commands) {
        if (command.name == name) return command.run(argc - 2, argv + 2);
    }
    std::fprintf(stderr, "canvass: unknown command '%s'; run 'canvass --help' for the list\n", argv[1]);
    return 2;
}
