// canvass merge: kiosk bundles into one, each response once.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "cli/bundle_files.h"
#include "cli/commands.h"

namespace canvass::cli {
namespace {

constexpr const char* merge_help =
    "Usage: canvass merge BUNDLE.json... -o MERGED.json\n"
    "\n"
    "Merges canvass.responses bundles (from kiosks, or earlier merges) into one bundle holding\n"
    "each response once. The same response in two bundles, or the same bundle given twice,\n"
    "counts once. The same response id with different content is refused: nothing says which\n"
    "copy is right. All bundles must be of one survey and one survey version.\n"
    "The output names each response's device, so the Board report can list its sources.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE  where to write the merged bundle ('-' for standard output)\n"
    "  --help             show this help\n"
    "\n"
    "Exit status: 0 merged, 2 bad input (one line on stderr naming the file and the place).\n";

int fail(const std::string& message) {
    std::fprintf(stderr, "canvass merge: %s\n", message.c_str());
    return 2;
}

}  // namespace

int run_merge(int argc, char** argv) {
    std::vector<std::string> inputs;
    std::string output;
    for (int i = 0; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::fputs(merge_help, stdout);
            return 0;
        }
        if (arg == "-o" || arg == "--output") {
            if (i + 1 >= argc) return fail(std::string(arg) + " needs a file name; see 'canvass merge --help'");
            output = argv[++i];
        } else if (arg.size() > 1 && arg[0] == '-') {
            return fail("unknown option '" + std::string(arg) + "'; see 'canvass merge --help'");
        } else {
            inputs.emplace_back(arg);
        }
    }
    if (inputs.empty()) return fail("no bundles given; see 'canvass merge --help'");
    if (output.empty()) return fail("no output file given: add -o MERGED.json");
    Result<std::vector<results::BundleFile>> files = read_bundle_files(inputs);
    if (!files) return fail(files.error().to_string());
    Result<ResponseBundle> merged = results::merge_bundles(*files);
    if (!merged) return fail(merged.error().to_string());
    if (Status written = write_output_file(output, write_bundle(*merged)); !written) return fail(written.error().to_string());
    std::fprintf(stderr, "canvass merge: %zu responses from %zu bundles\n", merged->responses.size(), files->size());
    return 0;
}

}  // namespace canvass::cli
