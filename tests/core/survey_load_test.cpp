// Tests for loading and validating SurveyJS JSON (core/survey/load.cpp, identity.cpp):
// every diagnostic with its exact JSON path and message, bad documents (malformed, not UTF-8,
// too large), and survey identity.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/io/json_document.h"
#include "core/survey/survey.h"
#include "core/util/sha256.h"

using canvass::survey::Diagnostic;
using canvass::survey::load_survey;
using canvass::survey::validate_survey;

namespace {

std::vector<std::string> diagnostics_of(const std::string& json_text) {
    const nlohmann::json doc = nlohmann::json::parse(json_text);
    std::vector<std::string> out;
    for (const Diagnostic& d : validate_survey(doc, "t.json")) out.push_back(d.to_string());
    return out;
}

std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& l : lines) out += l + "\n";
    return out;
}

struct DiagRow {
    const char* name;
    std::string survey;
    std::vector<std::string> expected;
};

// A page wrapper so rows stay short.
std::string page(const std::string& elements) { return R"({"pages":[{"name":"p","elements":[)" + elements + "]}]}"; }

}  // namespace

TEST_CASE("validate_survey reports each problem with its JSON path") {
    const std::string nested = [] {
        // 17 panels inside each other: one more than kMaxPanelDepth.
        std::string s = R"({"type":"text","name":"deep"})";
        for (int i = 17; i >= 1; --i) s = R"({"type":"panel","name":"p)" + std::to_string(i) + R"(","elements":[)" + s + "]}";
        return page(s);
    }();
    const std::string nested_ok = [] {
        std::string s = R"({"type":"text","name":"deep"})";
        for (int i = 16; i >= 1; --i) s = R"({"type":"panel","name":"p)" + std::to_string(i) + R"(","elements":[)" + s + "]}";
        return page(s);
    }();
    const DiagRow rows[] = {
        {"valid", page(R"({"type":"text","name":"a"},{"type":"radiogroup","name":"b","choices":["x",{"value":"y","text":{"default":"Y","pl":"T"}}],"visibleIf":"{a} notempty"})"), {}},
        {"unknown element type", page(R"({"type":"text","name":"a"},{"type":"signaturepad","name":"sig"})"),
         {"error: pages[0].elements[1].type: unknown element type 'signaturepad' in element 'sig' (supported: radiogroup, checkbox, dropdown, boolean, rating, text, comment, ranking, matrix, html, expression, panel)"}},
        {"duplicate names ignore case", page(R"({"type":"text","name":"Age"},{"type":"panel","name":"pp","elements":[{"type":"text","name":"age"}]})"),
         {"error: pages[0].elements[1].elements[0].name: duplicate question name 'age' (also used at pages[0].elements[0]; names are compared ignoring case)"}},
        {"expression parse error", page(R"j({"type":"text","name":"a"},{"type":"text","name":"b","visibleIf":"{a} = 1)"})j"),
         {"error: pages[0].elements[1].visibleIf: unexpected ')' at 7"}},
        {"missing name", page(R"({"type":"text","title":"No name"})"), {"error: pages[0].elements[0]: text element has no \"name\""}},
        {"title of the wrong type", page(R"({"type":"text","name":"a","title":5})"),
         {"error: pages[0].elements[0].title: must be a string or an object of strings by locale, like {\"default\": \"...\", \"pl\": \"...\"}"}},
        {"isRequired of the wrong type", page(R"({"type":"text","name":"a","isRequired":"yes"})"), {"error: pages[0].elements[0].isRequired: must be true or false"}},
        {"calculated values cycle",
         R"({"calculatedValues":[{"name":"a","expression":"{b} + 1"},{"name":"b","expression":"{c} * 2"},{"name":"c","expression":"{a}"}],"pages":[{"name":"p","elements":[{"type":"text","name":"q"}]}]})",
         {"error: calculatedValues[0].expression: calculated values form a cycle: a -> b -> c -> a"}},
        {"invalid regex", page(R"({"type":"text","name":"a","validators":[{"type":"regex","regex":"^(ab"}]})"),
         {"error: pages[0].elements[0].validators[0].regex: invalid regex: unterminated group at 4"}},
        {"lookbehind refused", page(R"({"type":"text","name":"a","validators":[{"type":"regex","regex":"(?<=x)y"}]})"),
         {"error: pages[0].elements[0].validators[0].regex: lookbehind (?<= or (?<! is not supported in regex validators"}},
        {"unknown validator type", page(R"({"type":"text","name":"a","validators":[{"type":"luhn"}]})"),
         {"error: pages[0].elements[0].validators[0].type: unknown validator type 'luhn' (numeric, text, regex, email, answercount, expression)"}},
        {"panels nested too deep", nested,
         {"error: pages[0].elements[0].elements[0].elements[0].elements[0].elements[0].elements[0].elements[0].elements[0].elements[0].elements[0].elements[0].elements[0].elements[0].elements[0].elements[0].elements[0].elements[0]: panels are nested more than 16 deep"}},
        {"16 nested panels are fine", nested_ok, {}},
        {"unknown property is a warning", page(R"({"type":"text","name":"a","maskType":"pattern"})"),
         {"warning: pages[0].elements[0].maskType: unknown property 'maskType' (ignored)"}},
        {"unknown top-level property", R"({"cookieName":"x","pages":[{"name":"p","elements":[{"type":"text","name":"q"}]}]})",
         {"warning: cookieName: unknown property 'cookieName' (ignored)"}},
        {"unknown variable is a warning", page(R"({"type":"text","name":"a","visibleIf":"{nosuch} = 1 and {a} empty"})"),
         {"warning: pages[0].elements[0].visibleIf: unknown variable 'nosuch': no question or calculated value has this name, so it is treated as empty"}},
        {"known names: questions, comments, calculated values, item, dotted",
         R"({"calculatedValues":[{"name":"total","expression":"{m.r1} + 1"}],"pages":[{"name":"p","elements":[{"type":"matrix","name":"m","rows":["r1"],"columns":[1]},{"type":"checkbox","name":"c","choices":["a"],"choicesVisibleIf":"{item} != {TOTAL}","visibleIf":"{c-Comment} empty"}]}]})",
         {}},
        {"errors come before warnings", page(R"({"type":"text","name":"a","foo":1},{"type":"bogus","name":"b"})"),
         {"error: pages[0].elements[1].type: unknown element type 'bogus' in element 'b' (supported: radiogroup, checkbox, dropdown, boolean, rating, text, comment, ranking, matrix, html, expression, panel)",
          "warning: pages[0].elements[0].foo: unknown property 'foo' (ignored)"}},
        {"not an object", "[1, 2]", {"error: a survey must be a JSON object"}},
    };
    for (const DiagRow& row : rows) {
        CAPTURE(std::string(row.name));
        CHECK(join(diagnostics_of(row.survey)) == join(row.expected));
    }
}

TEST_CASE("load_survey fails with the first error and keeps warnings") {
    const nlohmann::json bad = nlohmann::json::parse(page(R"j({"type":"text","name":"a","visibleIf":"{a} = )"})j"));
    const auto failed = load_survey(bad, "bad.json");
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().location == "pages[0].elements[0].visibleIf");
    CHECK(failed.error().message == "unexpected ')' at 6");

    const nlohmann::json warned = nlohmann::json::parse(page(R"({"type":"text","name":"a","foo":true})"));
    const auto loaded = load_survey(warned, "dir/warned.json");
    REQUIRE(loaded.ok());
    CHECK(loaded->warnings.size() == 1);
    CHECK(loaded->id == "warned");
    CHECK(loaded->questions.size() == 1);
}

TEST_CASE("bad survey files are refused with FILE:LINE:COL") {
    struct Row {
        const char* name;
        std::string text;
        std::string expected;
    };
    const Row rows[] = {
        {"malformed", "{\"pages\": [\n  {\"name\": \"p\",, }\n]}", "s.json:2:16: invalid JSON: unexpected ','; expected string literal"},
        {"not UTF-8", "{\"title\": \"caf\xe9\"}", "s.json:1:15: not UTF-8 text: byte 0xE9 cannot start or continue a character; save the file as UTF-8"},
    };
    for (const Row& row : rows) {
        CAPTURE(std::string(row.name));
        const auto parsed = canvass::parse_json_document(row.text, "s.json");
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().to_string() == row.expected);
    }
    // Over 5 MB: refused before parsing.
    std::string big = "{\"title\": \"" + std::string(5 * 1024 * 1024, 'x') + "\"}";
    const auto too_big = canvass::parse_json_document(big, "big.json");
    REQUIRE_FALSE(too_big.ok());
    CHECK(too_big.error().location == "big.json");
}

TEST_CASE("survey identity: canvassId or file name, version from canonical JSON") {
    const nlohmann::json a = nlohmann::json::parse(R"({"pages":[{"name":"p","elements":[{"type":"text","name":"q"}]}], "canvassId": "my-survey", "title": "Łódź"})");
    const nlohmann::json b = nlohmann::json::parse("{\n  \"title\" : \"\\u0141\\u00f3d\\u017a\",\n  \"canvassId\":\"my-survey\",\n  \"pages\":[{\"elements\":[{\"name\":\"q\",\"type\":\"text\"}],\"name\":\"p\"}]\n}");
    CHECK(canvass::survey::canonical_json(a) ==
          R"({"canvassId":"my-survey","pages":[{"elements":[{"name":"q","type":"text"}],"name":"p"}],"title":"Łódź"})");
    CHECK(canvass::survey::canonical_json(a) == canvass::survey::canonical_json(b));
    const auto loaded = load_survey(a, "other.json");
    REQUIRE(loaded.ok());
    CHECK(loaded->id == "my-survey");
    CHECK(loaded->version == canvass::sha256_hex(canvass::survey::canonical_json(a)));
    CHECK(canvass::survey::survey_id(nlohmann::json::object(), "/x/y/feedback.json") == "feedback");
    CHECK(canvass::survey::survey_id(nlohmann::json::parse(R"({"canvassId": ""})"), "feedback.json") == "feedback");
}

TEST_CASE("root-level elements make one page; localised texts fall back like survey-core") {
    const auto loaded = load_survey(nlohmann::json::parse(R"({"elements":[{"type":"text","name":"a","title":{"default":"Hello","pl":"Cześć","pt-BR":"Olá"}},{"type":"text","name":"b","title":{"en":"English only"}}]})"), "r.json");
    REQUIRE(loaded.ok());
    REQUIRE(loaded->pages.size() == 1);
    CHECK(loaded->pages[0].name == "page1");
    const auto& title = loaded->elements[0].title;
    struct Row { const char* locale; const char* text; };
    const Row rows[] = {{"", "Hello"}, {"pl", "Cześć"}, {"de", "Hello"}, {"pt-BR", "Olá"}, {"pl-PL", "Cześć"}};
    for (const Row& row : rows) {
        CAPTURE(row.locale);
        CHECK(title.get(row.locale) == row.text);
    }
    // Only "en": the default locale reads it; "pl" has nothing to fall back to.
    CHECK(loaded->elements[1].title.get("") == "English only");
    CHECK(loaded->elements[1].title.get("pl") == "");
}
