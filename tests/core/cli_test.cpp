// Tests for the canvass command-line tool, run as a real process: `validate` and `check`
// output formats, exit codes and error lines. Expected JSON output lives in tests/golden/.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

struct Run {
    int exit_code = -1;
    std::string out;  // stdout
    std::string err;  // stderr
};

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Runs the CLI with `args` (already shell-quoted), capturing stdout and stderr separately.
Run run_cli(const std::string& args) {
    const fs::path dir = fs::temp_directory_path() / "canvass_cli_test";
    fs::create_directories(dir);
    const fs::path err_file = dir / "stderr.txt";
    const std::string command = std::string("'") + CANVASS_CLI_PATH + "' " + args + " 2>'" + err_file.string() + "'";
    Run run;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
    const int status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.err = slurp(err_file);
    return run;
}

std::string source(const std::string& relative) { return std::string(CANVASS_SOURCE_DIR) + "/" + relative; }

fs::path write_temp(const std::string& name, const std::string& content) {
    const fs::path dir = fs::temp_directory_path() / "canvass_cli_test";
    fs::create_directories(dir);
    const fs::path path = dir / name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

}  // namespace

TEST_CASE("canvass validate accepts the default survey") {
    const Run run = run_cli("validate '" + source("assets/surveys/diz-digital-needs.json") + "'");
    CHECK(run.exit_code == 0);
    CHECK(run.err.empty());
    CHECK(run.out.rfind("ok: diz-digital-needs ", 0) == 0);
    CHECK(run.out.size() == std::string("ok: diz-digital-needs ").size() + 64 + 1);
}

TEST_CASE("canvass validate lists errors and warnings with JSON paths") {
    const fs::path bad = write_temp("bad-survey.json", R"j({"pages":[{"name":"p","elements":[
        {"type":"text","name":"a","foo":1},
        {"type":"text","name":"b","visibleIf":"({a} = 1))"},
        {"type":"signaturepad","name":"sig"}]}]})j");
    const Run run = run_cli("validate '" + bad.string() + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.out == slurp(source("tests/golden/validate-bad-survey.txt")));
}

TEST_CASE("canvass validate and check name FILE:LINE:COL for unreadable JSON") {
    const fs::path broken = write_temp("broken.json", "{\n  \"pages\": [,]\n}");
    struct Row {
        const char* command;
        const char* prefix;
    };
    const Row rows[] = {{"validate", "canvass validate: "}, {"check", "canvass check: "}};
    for (const Row& row : rows) {
        CAPTURE(std::string(row.command));
        std::string args = std::string(row.command) + " '" + broken.string() + "'";
        if (std::string(row.command) == "check") args += " --answers -";
        const Run run = run_cli(args + " </dev/null");
        CHECK(run.exit_code == 2);
        CHECK(run.out.empty());
        CHECK(run.err == std::string(row.prefix) + broken.string() + ":2:13: invalid JSON: unexpected ','; expected '[', '{', or a literal\n");
    }
}

TEST_CASE("canvass check prints one JSON line; --batch one per input line") {
    const std::string survey = source("assets/surveys/diz-digital-needs.json");
    const fs::path answers = write_temp("answers.json", R"({"segment":["resident"],"postcode_district":"not a district!"})");
    const Run one = run_cli("check '" + survey + "' --answers '" + answers.string() + "' --now 2026-06-15T12:00:00Z");
    CHECK(one.exit_code == 0);
    CHECK(one.out ==
          R"({"visible":["intro","segment","postcode_district","home_broadband_type","home_broadband_speed","home_broadband_satisfaction","home_broadband_reliability","mobile_network","mobile_signal","home_devices","digital_skills","online_services_used","barriers","skills_sessions_interest","priorities","ideas","equality_intro","age_band","disability"],"required":["segment"],"invalid":["postcode_district"],"complete":false})"
          "\n");

    const Run batch = run_cli("check '" + survey + "' --batch '" + source("tests/golden/check-diz.answers.jsonl") + "' --now 2026-06-15T12:00:00Z");
    CHECK(batch.exit_code == 0);
    CHECK(batch.err.empty());
    CHECK(batch.out == slurp(source("tests/golden/check-diz.expected.jsonl")));
}

TEST_CASE("canvass check refuses bad input with exit 2") {
    const std::string survey = source("assets/surveys/diz-digital-needs.json");
    const fs::path array = write_temp("array.json", "[1]");
    struct Row {
        const char* name;
        std::string args;
        std::string err;
    };
    const Row rows[] = {
        {"answers not an object", "check '" + survey + "' --answers '" + array.string() + "'",
         "canvass check: " + array.string() + ": the answers must be a JSON object, such as {\"q1\": 2}\n"},
        {"no answers option", "check '" + survey + "'", "canvass check: give exactly one of --answers FILE or --batch FILE\n"},
        {"bad --now", "check '" + survey + "' --answers - --now yesterday", ""},
        {"invalid survey", "check '" + write_temp("invalid.json", R"({"pages":[{"elements":[{"type":"bogus","name":"x"}]}]})").string() + "' --answers -", ""},
    };
    for (const Row& row : rows) {
        CAPTURE(std::string(row.name));
        const Run run = run_cli(row.args + " </dev/null");
        CHECK(run.exit_code == 2);
        CHECK(run.out.empty());
        if (!row.err.empty()) CHECK(run.err == row.err);
        CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
    }
}

TEST_CASE("every new command has --help") {
    for (const char* command : {"validate", "check"}) {
        CAPTURE(std::string(command));
        const Run run = run_cli(std::string(command) + " --help");
        CHECK(run.exit_code == 0);
        CHECK(run.out.rfind(std::string("Usage: canvass ") + command, 0) == 0);
    }
}
