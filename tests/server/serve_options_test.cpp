// canvass serve's options: each mistake gets one line on stderr and exit status 2.
#include <doctest/doctest.h>
#include <httplib.h>

#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/store/bundle.h"
#include "tests/server/collector_process.h"

using nlohmann::json;
using namespace canvass;
using namespace canvass::testing;

TEST_CASE("canvass serve: bad options get one line and exit status 2") {
    Deployment deployment("options");
    struct Case {
        std::string args;
        std::string err;
    };
    const std::vector<Case> cases = {
        {"serve", "canvass serve: no data folder given: add --data DIR (it holds the store and the token's hash)\n"},
        {"serve --data " + shell_quoted(deployment.data()) + " --port 70000",
         "canvass serve: --port takes a port number from 0 to 65535 (it was '70000')\n"},
        {"serve --data " + shell_quoted(deployment.data()) + " --web /nonexistent-canvass-web",
         "canvass serve: no web folder at /nonexistent-canvass-web: build it with 'scripts/build web', give --web DIR, or --web none for the API only\n"},
        {"serve --data " + shell_quoted(deployment.data()) + " --web none",
         "canvass serve: no surveys given: add --surveys DIR (a folder with manifest.json)\n"},
        {"serve --data " + shell_quoted(deployment.data()) + " --fast", "canvass serve: unknown option '--fast'; see 'canvass serve --help'\n"},
    };
    for (const Case& bad : cases) {
        CAPTURE(bad.args);
        const CliRun run = run_canvass(bad.args);
        CHECK(run.exit_code == 2);
        CHECK(run.err == bad.err);
        CHECK(run.out.empty());
    }
}
