// The canvass command-line tool: the same core as the web app, for survey authors, staff and
// the Board's analyst. Each subcommand lives in its own file; this one dispatches.
#include <cstdio>
#include <cstring>
#include <string>

namespace {

constexpr const char* usage =
    "Usage: canvass <command> [options]\n"
    "\n"
    "Commands:\n"
    "  version        print the Canvass version\n"
    "\n"
    "Run 'canvass <command> --help' for a command's options.\n";

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
        std::fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const std::string command = argv[1];
    if (command == "version" || command == "--version") {
        std::puts("canvass 0.1.0");
        return 0;
    }
    std::fprintf(stderr, "canvass: unknown command '%s'; run 'canvass --help' for the list\n", command.c_str());
    return 2;
}
