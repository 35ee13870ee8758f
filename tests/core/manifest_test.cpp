// Survey manifests (core/survey/manifest.h): every error with its exact path and message,
// warnings, choosing a survey from a link, availability around UK day boundaries, and the
// shipped manifest (assets/surveys/manifest.json).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/io/json_document.h"
#include "core/survey/manifest.h"

using namespace canvass;
using namespace canvass::survey;
using nlohmann::json;

namespace {

json entry(const std::string& id = "transport") {
    return json{{"id", id},
                {"file", id + ".json"},
                {"title", {{"default", "Getting about"}, {"pl", "Podróże"}}},
                {"purpose", "What would make journeys better."},
                {"estimatedMinutes", 5},
                {"privacySummary", "We only share totals."},
                {"privacyContact", "dpo@example.gov.uk"},
                {"privacyNotice", "privacy.html"}};
}

json manifest_with(json e) { return json{{"surveys", json::array({std::move(e)})}}; }

std::vector<std::string> diagnostics_of(const json& doc) {
    std::vector<std::string> out;
    for (const Diagnostic& d : validate_manifest(doc)) out.push_back(d.to_string());
    return out;
}

TimePoint at(const char* iso) {
    const Result<TimePoint> t = parse_iso8601(iso);
    REQUIRE_MESSAGE(t.ok(), iso);
    return *t;
}

}  // namespace

TEST_CASE("is_valid_survey_id accepts only what a link may carry") {
    struct Row { std::string id; bool valid; };
    const Row rows[] = {
        {"diz-digital-needs", true}, {"a", true}, {"2026-transport", true}, {std::string(64, 'a'), true},
        {"", false}, {std::string(65, 'a'), false}, {"Transport", false}, {"../x", false}, {"a b", false},
        {"a_b", false}, {"a.json", false}, {"%2e%2e", false}, {"ankieta-\xc5\x82", false},
    };
    for (const Row& row : rows) {
        CAPTURE(row.id);
        CHECK(is_valid_survey_id(row.id) == row.valid);
    }
}

TEST_CASE("parse_manifest reads an entry") {
    json e = entry();
    e["opens"] = "2026-05-01";
    e["closes"] = "2026-07-31T17:00:00+01:00";
    e["privacyNotice"] = {{"default", "privacy.html"}, {"pl", "surveys/privacy-pl.html"}};
    const Result<Manifest> m = parse_manifest(manifest_with(e), "surveys/manifest.json");
    REQUIRE_MESSAGE(m.ok(), m.error().to_string());
    CHECK(m->default_id == "transport");  // the only survey is the default
    REQUIRE(m->surveys.size() == 1);
    const ManifestEntry& t = m->surveys[0];
    CHECK(t.id == "transport");
    CHECK(t.file == "transport.json");
    CHECK(t.path == "surveys[0]");
    CHECK(t.title.get("pl") == "Podróże");
    CHECK(t.purpose.get("pl") == "What would make journeys better.");  // falls back to "default"
    CHECK(t.estimated_minutes == 5);
    REQUIRE(t.opens);
    CHECK(t.opens->whole_day);
    CHECK(t.opens->instant == at("2026-04-30T23:00:00Z"));  // midnight BST
    CHECK(t.opens->uk == UkLocalTime{{2026, 5, 1}, 0});
    REQUIRE(t.closes);
    CHECK_FALSE(t.closes->whole_day);
    CHECK(t.closes->instant == at("2026-07-31T16:00:00Z"));
    CHECK(t.closes->uk == UkLocalTime{{2026, 7, 31}, 17 * 60});
    CHECK(t.privacy_notice.get("pl") == "surveys/privacy-pl.html");
    CHECK(m->warnings.empty());
}

TEST_CASE("parse_manifest names the file, the JSON path and what to fix") {
    const auto with = [](const char* key, json value) {
        json e = entry();
        e[key] = std::move(value);
        return manifest_with(e);
    };
    const auto without = [](const char* key) {
        json e = entry();
        e.erase(key);
        return manifest_with(e);
    };
    json two = json{{"surveys", json::array({entry("a"), entry("b")})}};
    json duplicate = json{{"surveys", json::array({entry("a"), entry("b"), entry("a")})}, {"default", "a"}};
    json unknown_default = two;
    unknown_default["default"] = "c";
    json bad_version = manifest_with(entry());
    bad_version["manifestVersion"] = 2;
    json dates = entry();
    dates["opens"] = "2026-06-01";
    dates["closes"] = "2026-05-31";
    json same_instant = entry();
    same_instant["opens"] = "2026-06-01T09:00:00Z";
    same_instant["closes"] = "2026-06-01T10:00:00+01:00";
    const std::string f = "surveys/manifest.json: ";
    const std::string e0 = f + "surveys[0].";

    struct Row { const char* name; json doc; std::string error; };
    const Row rows[] = {
        {"not an object", json::array(), "surveys/manifest.json: a survey manifest must be a JSON object with a \"surveys\" array"},
        {"no surveys", json::object(), f + "surveys: missing: list the surveys, like \"surveys\": [{\"id\": ..., \"file\": ...}]"},
        {"empty surveys", json{{"surveys", json::array()}}, f + "surveys: must be a non-empty array of surveys"},
        {"entry not an object", json{{"surveys", json::array({"x.json"})}},
         f + "surveys[0]: a survey entry must be an object with \"id\", \"file\", \"title\" and the other properties"},
        {"newer format", bad_version, f + "manifestVersion: must be 1: this is the only manifest format this version of Canvass reads"},
        {"missing id", without("id"), e0 + "id: missing: give the survey's id (its canvassId, or its file name without .json)"},
        {"bad id", with("id", "Transport 2026"),
         e0 + "id: 'Transport 2026' is not a valid id: use 1 to 64 characters from a-z, 0-9 and '-' (it appears in links as ?survey=ID)"},
        {"duplicate id", duplicate, f + "surveys[2].id: duplicate id 'a' (also at surveys[0].id): each survey needs its own id"},
        {"missing file", without("file"), e0 + "file: missing: name the survey's JSON file in this folder, such as \"transport.json\""},
        {"file escapes", with("file", "../secrets.json"),
         e0 + "file: '../secrets.json' must not leave the folder ('..' is not allowed): write a path inside the folder, such as \"transport.json\""},
        {"file escapes later", with("file", "2026/../../x.json"),
         e0 + "file: '2026/../../x.json' must not leave the folder ('..' is not allowed): write a path inside the folder, such as \"transport.json\""},
        {"absolute file", with("file", "/etc/transport.json"),
         e0 + "file: '/etc/transport.json' must not be an absolute path: write a path inside the folder, such as \"transport.json\""},
        {"file URL", with("file", "https://example.com/transport.json"),
         e0 + "file: 'https://example.com/transport.json' must not be a web address: write a path inside the folder, such as \"transport.json\""},
        {"protocol-relative URL", with("file", "//example.com/transport.json"),
         e0 + "file: '//example.com/transport.json' must not be a web address: write a path inside the folder, such as \"transport.json\""},
        {"backslashes", with("file", "2026\\transport.json"), e0 + "file: '2026\\transport.json' must use '/' between folder names, not '\\'"},
        {"escaped dots", with("file", "%2e%2e/transport.json"),
         e0 + "file: '%2e%2e/transport.json' may only use letters, digits, '.', '-', '_' and '/' between folder names: write a path inside the folder, such as \"transport.json\""},
        {"hidden name", with("file", "./transport.json"),
         e0 + "file: './transport.json' has an empty or hidden name ('//', '.', '.x'): write a path inside the folder, such as \"transport.json\""},
        {"not json", with("file", "transport.txt"),
         e0 + "file: 'transport.txt' must name a .json file: write a path inside the folder, such as \"transport.json\""},
        {"missing title", without("title"), e0 + "title: missing: the survey's title, for the welcome screen"},
        {"title without English", with("title", json{{"pl", "Podróże"}}),
         e0 + "title: needs English text under \"default\", like {\"default\": \"...\", \"pl\": \"...\"}"},
        {"title a number", with("title", 5),
         e0 + "title: must be a string or an object of strings by locale, like {\"default\": \"...\", \"pl\": \"...\"}"},
        {"empty purpose", with("purpose", ""), e0 + "purpose: must not be empty: one or two plain sentences on what the survey is for"},
        {"empty Polish", with("purpose", json{{"default", "x"}, {"pl", ""}}), e0 + "purpose.pl: must not be empty: leave the language out instead"},
        {"minutes missing", without("estimatedMinutes"), e0 + "estimatedMinutes: missing: about how many minutes the survey takes, such as 10"},
        {"minutes zero", with("estimatedMinutes", 0), e0 + "estimatedMinutes: must be a whole number of minutes from 1 to 120"},
        {"minutes fraction", with("estimatedMinutes", 2.5), e0 + "estimatedMinutes: must be a whole number of minutes from 1 to 120"},
        {"minutes text", with("estimatedMinutes", "10"), e0 + "estimatedMinutes: must be a whole number of minutes from 1 to 120"},
        {"no such day", with("opens", "2026-02-30"),
         e0 + "opens: '2026-02-30' is not an ISO-8601 date-time: expected a valid day at character 11 (expected e.g. 2026-11-26 or 2026-11-26T14:30:00Z)"},
        {"date a number", with("closes", 20260731),
         e0 + "closes: must be a date such as \"2026-07-31\" (whole days in UK time) or a date-time with its zone such as \"2026-07-31T17:00:00+01:00\""},
        {"no zone", with("closes", "2026-07-31T17:00"),
         e0 + "closes: '2026-07-31T17:00' has no time zone: add Z (UTC) or an offset such as +01:00 (British Summer Time), or write the date alone, such as \"2026-07-31\", for whole days in UK time"},
        {"year typo", with("closes", "2206-07-31"), e0 + "closes: '2206-07-31': the year must be from 2000 to 2099"},
        {"closes before opens", manifest_with(dates), e0 + "closes: '2026-05-31' must be after opens ('2026-06-01'): as written the survey is never open"},
        {"closes at the moment it opens", manifest_with(same_instant),
         e0 + "closes: '2026-06-01T10:00:00+01:00' must be after opens ('2026-06-01T09:00:00Z'): as written the survey is never open"},
        {"missing privacy notice", without("privacyNotice"),
         e0 + "privacyNotice: missing: the full privacy notice, a page in the web folder such as \"privacy.html\""},
        {"privacy notice elsewhere", with("privacyNotice", "https://council.example/privacy"),
         e0 + "privacyNotice: 'https://council.example/privacy' must not be a web address: write a path inside the folder, such as \"privacy.html\" (a page in the web folder, so it works offline)"},
        {"Polish privacy notice escapes", with("privacyNotice", json{{"default", "privacy.html"}, {"pl", "../privacy-pl.html"}}),
         e0 + "privacyNotice.pl: '../privacy-pl.html' must not leave the folder ('..' is not allowed): write a path inside the folder, such as \"privacy.html\" (a page in the web folder, so it works offline)"},
        {"missing contact", without("privacyContact"),
         e0 + "privacyContact: missing: who people can ask about their data: an e-mail address and/or a postal address"},
        {"two surveys, no default", two,
         f + "default: missing: with more than one survey, say which one a link without ?survey= opens, such as \"default\": \"a\""},
        {"unknown default", unknown_default, f + "default: 'c' is not the id of any survey in \"surveys\""},
    };
    for (const Row& row : rows) {
        CAPTURE(std::string(row.name));
        const Result<Manifest> m = parse_manifest(row.doc, "surveys/manifest.json");
        REQUIRE_FALSE(m.ok());
        CHECK(m.error().to_string() == row.error);
    }
}

TEST_CASE("validate_manifest lists every problem, errors first, and warns about unknown keys and placeholders") {
    json e = entry();
    e["colour"] = "blue";
    e["file"] = "../x.json";
    e["privacyContact"] = {{"default", "[Data Protection Officer], [address]"}, {"pl", "Inspektor ochrony danych"}};
    json doc = manifest_with(e);
    doc["theme"] = "dark";
    doc["surveys"].push_back(entry("other"));
    doc["surveys"][1]["estimatedMinutes"] = 500;
    doc["default"] = "transport";
    CHECK(diagnostics_of(doc) == std::vector<std::string>{
        "error: surveys[0].file: '../x.json' must not leave the folder ('..' is not allowed): write a path inside the folder, such as \"transport.json\"",
        "error: surveys[1].estimatedMinutes: must be a whole number of minutes from 1 to 120",
        "warning: surveys[0].privacyContact.default: still has a placeholder in [brackets]: fill it in before the survey goes live",
        "warning: surveys[0].colour: unknown property 'colour' (ignored)",
        "warning: theme: unknown property 'theme' (ignored)",
    });
}

TEST_CASE("choose_survey: the default, a listed id, and links that name nothing here") {
    json doc = json{{"surveys", json::array({entry("diz-digital-needs"), entry("transport")})}, {"default", "diz-digital-needs"}};
    const Result<Manifest> m = parse_manifest(doc, "surveys/manifest.json");
    REQUIRE(m.ok());

    const Result<const ManifestEntry*> fallback = choose_survey(*m, "");
    REQUIRE(fallback.ok());
    CHECK((*fallback)->id == "diz-digital-needs");
    const Result<const ManifestEntry*> transport = choose_survey(*m, "transport");
    REQUIRE(transport.ok());
    CHECK((*transport)->id == "transport");

    struct Row { std::string requested; std::string error; };
    const std::string invalid = "the link's survey id is not valid: an id has 1 to 64 characters from a-z, 0-9 and '-'; check the link you were given";
    const Row rows[] = {
        {"transprt", "there is no survey with the id 'transprt' here; check the link you were given"},
        {"Transport", invalid},
        {"../manifest", invalid},
        {"<script>alert(1)</script>", invalid},
        {std::string(65, 'a'), invalid},
    };
    for (const Row& row : rows) {
        CAPTURE(row.requested);
        const Result<const ManifestEntry*> chosen = choose_survey(*m, row.requested);
        REQUIRE_FALSE(chosen.ok());
        CHECK(chosen.error().to_string() == row.error);
    }
}

TEST_CASE("availability: open from the start of the opens day to the end of the closes day, UK time") {
    json e = entry();
    e["opens"] = "2026-05-01";
    e["closes"] = "2026-12-18";
    json timed = entry();
    timed["opens"] = "2026-05-01T09:00:00+01:00";
    timed["closes"] = "2026-07-31T17:00:00Z";
    const Result<Manifest> days = parse_manifest(manifest_with(e), "m.json");
    const Result<Manifest> times = parse_manifest(manifest_with(timed), "m.json");
    const Result<Manifest> open_ended = parse_manifest(manifest_with(entry()), "m.json");
    REQUIRE(days.ok());
    REQUIRE(times.ok());
    REQUIRE(open_ended.ok());

    struct Row { const ManifestEntry* entry; const char* now; AvailabilityState state; const char* date; };
    const Row rows[] = {
        {&days->surveys[0], "2026-04-30T22:59:59.999Z", AvailabilityState::NotYetOpen, "2026-05-01"},  // 23:59 BST on 30 April
        {&days->surveys[0], "2026-04-30T23:00:00Z", AvailabilityState::Open, "2026-12-18"},
        {&days->surveys[0], "2026-12-18T23:59:59.999Z", AvailabilityState::Open, "2026-12-18"},        // GMT in December
        {&days->surveys[0], "2026-12-19T00:00:00Z", AvailabilityState::Closed, "2026-12-18"},
        {&times->surveys[0], "2026-05-01T07:59:59Z", AvailabilityState::NotYetOpen, "2026-05-01T09:00:00+01:00"},
        {&times->surveys[0], "2026-05-01T08:00:00Z", AvailabilityState::Open, "2026-07-31T17:00:00Z"},
        {&times->surveys[0], "2026-07-31T17:00:00Z", AvailabilityState::Closed, "2026-07-31T17:00:00Z"},
        {&open_ended->surveys[0], "2000-01-01T00:00:00Z", AvailabilityState::Open, ""},
        {&open_ended->surveys[0], "2099-12-31T00:00:00Z", AvailabilityState::Open, ""},
    };
    for (const Row& row : rows) {
        CAPTURE(row.now);
        const Availability a = availability(*row.entry, at(row.now).unix_ms);
        CHECK(availability_id(a.state) == std::string(availability_id(row.state)));
        CHECK((a.date ? a.date->text : std::string()) == row.date);
    }
    // What to tell people: the last day open, and a closing time in UK time.
    CHECK(days->surveys[0].closes->uk == UkLocalTime{{2026, 12, 18}, 0});
    CHECK(times->surveys[0].closes->uk == UkLocalTime{{2026, 7, 31}, 18 * 60});
    CHECK(times->surveys[0].opens->uk == UkLocalTime{{2026, 5, 1}, 9 * 60});
}

TEST_CASE("the shipped manifest is valid; its only warnings are the contact placeholders to fill in") {
    const Result<json> doc = read_json_file(std::string(CANVASS_SOURCE_DIR) + "/assets/surveys/manifest.json");
    REQUIRE(doc.ok());
    const Result<Manifest> m = parse_manifest(*doc, "surveys/manifest.json");
    REQUIRE_MESSAGE(m.ok(), m.error().to_string());
    CHECK(m->default_id == "diz-digital-needs");
    const ManifestEntry& diz = *m->find("diz-digital-needs");
    CHECK(diz.file == "diz-digital-needs.json");
    CHECK(diz.estimated_minutes == 10);
    for (const char* locale : {"en", "pl"}) {
        CAPTURE(locale);
        CHECK_FALSE(diz.title.get(locale).empty());
        CHECK_FALSE(diz.purpose.get(locale).empty());
        CHECK_FALSE(diz.privacy_summary.get(locale).empty());
        CHECK_FALSE(diz.privacy_contact.get(locale).empty());
    }
    CHECK(diz.purpose.get("pl") != diz.purpose.get("en"));
    CHECK(diz.privacy_summary.get("pl") != diz.privacy_summary.get("en"));
    CHECK(diz.privacy_notice.get("en") == "privacy.html");
    CHECK(diz.privacy_notice.get("pl") == "privacy-pl.html");
    std::vector<std::string> warnings;
    for (const Diagnostic& d : m->warnings) warnings.push_back(d.to_string());
    CHECK(warnings == std::vector<std::string>{
        "warning: surveys[0].privacyContact.default: still has a placeholder in [brackets]: fill it in before the survey goes live",
        "warning: surveys[0].privacyContact.pl: still has a placeholder in [brackets]: fill it in before the survey goes live",
    });
}
