// `canvass validate` on each kind of bad survey file the issue lists: a clear message naming the
// file and the place in it, exit status 2, never a crash or a hang. Runs the real CLI binary.
#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

struct Run {
    std::string output;  // stdout and stderr together
    int status = -1;
};

Run run_cli(const std::string& arguments) {
    const std::string command = std::string(CANVASS_CLI_PATH) + " " + arguments + " 2>&1";
    Run run;
    std::FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    std::array<char, 4096> buffer{};
    while (std::fgets(buffer.data(), buffer.size(), pipe)) run.output += buffer.data();
    const int raw = pclose(pipe);
    run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return run;
}

struct ScratchFile {
    fs::path path;
    ScratchFile(const std::string& name, const std::string& content) {
        path = fs::temp_directory_path() / ("canvass-validate-" + std::to_string(::getpid()) + "-" + name);
        std::ofstream(path, std::ios::binary) << content;
    }
    ~ScratchFile() { fs::remove(path); }
};

std::string nested_panels(int depth) {
    std::string element = "{\"type\":\"text\",\"name\":\"leaf\"}";
    for (int i = 0; i < depth; ++i) element = "{\"type\":\"panel\",\"name\":\"p" + std::to_string(i) + "\",\"elements\":[" + element + "]}";
    return "{\"pages\":[{\"name\":\"p\",\"elements\":[" + element + "]}]}";
}

}  // namespace

TEST_CASE("validate: each kind of bad survey gets its own clear message and exit status 2") {
    struct Row {
        const char* name;
        std::string content;
        std::string expected;  // the whole output, with FILE standing for the file's path
    };
    const Row rows[] = {
        {"malformed.json", "{\n  \"pages\": [\n    {\"name\": \"p1\", \"elements\": [ {\"type\": \"text\", \"name\": \"a\",} ]}\n  ]\n}\n",
         "canvass validate: FILE:3:63: invalid JSON: unexpected '}'; expected string literal\n"},
        {"duplicate.json", R"json({"pages":[{"name":"p1","elements":[{"type":"text","name":"a"},{"type":"radiogroup","name":"A","choices":[1]}]}]})json",
         "error: pages[0].elements[1].name: duplicate question name 'A' (also used at pages[0].elements[0]; names are compared ignoring case)\n"},
        {"cycle.json", R"json({"calculatedValues":[{"name":"x","expression":"{y}+1"},{"name":"y","expression":"{x}*2"}],"pages":[{"name":"p1","elements":[{"type":"text","name":"a"}]}]})json",
         "error: calculatedValues[0].expression: calculated values form a cycle: x -> y -> x\n"},
        {"regex.json", R"json({"pages":[{"name":"p1","elements":[{"type":"text","name":"a","validators":[{"type":"regex","regex":"([a-z"}]},{"type":"text","name":"b","validators":[{"type":"regex","regex":"(?<=x)y"}]}]}]})json",
         "error: pages[0].elements[0].validators[0].regex: invalid regex: missing ] for character class at 5\n"
         "error: pages[0].elements[1].validators[0].regex: lookbehind (?<= or (?<! is not supported in regex validators\n"},
        {"huge.json", "{\"title\":\"" + std::string(5 * 1024 * 1024, 'x') + "\"}",
         "canvass validate: FILE: the file is over the limit of 5242880 bytes; split it or remove what it does not need\n"},
        {"deep-json.json", std::string(100, '[') + std::string(100, ']'),
         "canvass validate: FILE: arrays and objects are nested more than 64 deep; flatten the structure\n"},
        {"deep-panels.json", nested_panels(17),
         "error: pages[0]" + [] { std::string path; for (int i = 0; i < 17; ++i) path += ".elements[0]"; return path; }() +
             ": panels are nested more than 16 deep\n"},
        {"latin1.json", "{\"title\":\"Caf\xe9\",\"pages\":[]}",
         "canvass validate: FILE:1:14: not UTF-8 text: byte 0xE9 cannot start or continue a character; save the file as UTF-8\n"},
        {"unknown-type.json", R"json({"pages":[{"name":"p1","elements":[{"type":"slider","name":"s"}]}]})json",
         "error: pages[0].elements[0].type: unknown element type 'slider' in element 's' (supported: radiogroup, checkbox, dropdown, boolean, rating, text, comment, ranking, matrix, html, expression, panel)\n"},
        {"bad-expression.json", R"json({"pages":[{"name":"p1","elements":[{"type":"text","name":"t","visibleIf":"{nobody} = 1 and {t} notempty)"}]}]})json",
         "error: pages[0].elements[0].visibleIf: unexpected ')' at 29\n"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.name);
        ScratchFile file(row.name, row.content);
        const Run run = run_cli("validate " + file.path.string());
        std::string expected = row.expected;
        if (const std::size_t at = expected.find("FILE"); at != std::string::npos) expected.replace(at, 4, file.path.string());
        CHECK(run.output == expected);
        CHECK(run.status == 2);
    }
}

TEST_CASE("validate: warnings (unknown property, unknown variable) do not make a survey invalid") {
    ScratchFile file("warnings.json",
                     R"json({"canvassId":"warn","pages":[{"name":"p1","elements":[{"type":"text","name":"t","colour":"red","visibleIf":"{nobody} = 1"}]}]})json");
    const Run run = run_cli("validate " + file.path.string());
    CHECK(run.status == 0);
    CHECK(run.output.find("warning: pages[0].elements[0].colour: unknown property 'colour' (ignored)\n") != std::string::npos);
    CHECK(run.output.find("warning: pages[0].elements[0].visibleIf: unknown variable 'nobody': no question or calculated "
                          "value has this name, so it is treated as empty\n") != std::string::npos);
}

TEST_CASE("validate accepts every survey shipped in assets/ and every test survey") {
    int surveys = 0;
    for (const char* folder : {"assets/surveys", "tests/surveys"}) {
        for (const auto& entry : fs::directory_iterator(fs::path(CANVASS_SOURCE_DIR) / folder)) {
            if (entry.path().extension() != ".json") continue;
            ++surveys;
            CAPTURE(entry.path().string());
            const Run run = run_cli("validate " + entry.path().string());
            CHECK(run.status == 0);
            CHECK(run.output.find("error:") == std::string::npos);
        }
    }
    CHECK(surveys >= 6);
}

TEST_CASE("validate: a missing file is named, with what to check") {
    const Run run = run_cli("validate /nonexistent/canvass-survey.json");
    CHECK(run.status == 2);
    CHECK(run.output == "canvass validate: /nonexistent/canvass-survey.json: cannot open the file; check the path and that you may read it\n");
}
