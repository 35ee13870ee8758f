// The collector's API through a real `canvass serve` on loopback (docs/api.md): every status
// code a client can meet, with its exact message, the report, the export, the static files and
// other origins. Crashes: collector_crash_test.cpp; the command's options: serve_options_test.cpp.
//
// Sections: 2. Responses; 3. Access and limits; 4. Report, export, health, files; 5. Other origins
// (1., the helpers, are in collector_process.h).
#include <doctest/doctest.h>
#include <httplib.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/store/bundle.h"
#include "core/survey/survey.h"
#include "tests/core/cli_run.h"
#include "tests/server/collector_process.h"

using nlohmann::json;
using namespace canvass;
using namespace canvass::testing;

// --- 2. Responses -------------------------------------------------------------------------------

TEST_CASE("collector: a new response is 201, a retry 200, the same id with other content 409") {
    Deployment deployment("responses");
    Collector collector(deployment, {"--rate", "0"});
    CHECK(collector.ready_line() == "listening on http://127.0.0.1:" + std::to_string(collector.port()) + "\n");
    httplib::Client c = client(collector);
    const httplib::Result created = c.Post("/api/v1/responses", response(1).dump(), "application/json");
    REQUIRE(created);
    CHECK(created->status == 201);
    CHECK(body_of(created) == json{{"id", id_of(1)}, {"status", "stored"}});
    CHECK_FALSE(created->has_header("Set-Cookie"));
    CHECK(created->get_header_value("Content-Type") == "application/json; charset=utf-8");
    const httplib::Result retried = c.Post("/api/v1/responses", response(1).dump(2), "application/json");
    REQUIRE(retried);
    CHECK(retried->status == 200);
    CHECK(body_of(retried).at("status") == "already stored");
    const httplib::Result conflict =
        c.Post("/api/v1/responses", response(1, {{"segment", {"business"}}}).dump(), "application/json");
    REQUIRE(conflict);
    CHECK(conflict->status == 409);
    CHECK(body_of(conflict).at("error") == "response " + id_of(1) +
                                               " is already stored with different content; a response id names one response: "
                                               "send a new response with a new id");
}

TEST_CASE("collector: many clients posting the same response at once store it once") {
    Deployment deployment("race");
    Collector collector(deployment, {"--rate", "0"});
    std::atomic<int> created{0}, retried{0}, other{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            httplib::Client c("127.0.0.1", collector.port());
            c.set_read_timeout(30);
            const httplib::Result res = c.Post("/api/v1/responses", response(7).dump(), "application/json");
            (!res ? other : res->status == 201 ? created : res->status == 200 ? retried : other) += 1;
        });
    }
    for (std::thread& thread : threads) thread.join();
    CHECK(created == 1);
    CHECK(retried == 7);
    CHECK(other == 0);
}

TEST_CASE("collector: bad bodies get 400, 413 and 422, and the server stays up") {
    Deployment deployment("bad");
    Collector collector(deployment, {"--rate", "0"});
    httplib::Client c = client(collector);
    struct Case {
        std::string body;
        int status;
        std::string error;
    };
    const std::vector<Case> cases = {
        {"{\"id\": ", 400, "the body is not valid JSON: body:1:8: invalid JSON: unexpected end of input; expected '[', '{', or a literal"},
        {"\"a string\"", 400, "the body must be one response as a JSON object"},
        {response(2, {{"broadband", "fibre"}}).dump(), 422, "the response does not fit survey 'results-small': fix the reasons listed"},
        {std::string(300 * 1024, '['), 413, "the body is larger than 256 KiB, the most one response may be; send less"},
    };
    for (const Case& bad : cases) {
        CAPTURE(bad.body.substr(0, 60));
        const httplib::Result res = c.Post("/api/v1/responses", bad.body, "application/json");
        REQUIRE(res);
        CHECK(res->status == bad.status);
        CHECK(body_of(res).at("error") == bad.error);
    }
    // Far over the limit: refused before the body is read.
    const httplib::Result huge = c.Post("/api/v1/responses", std::string(2 * 1024 * 1024, ' '), "application/json");
    if (huge) CHECK(huge->status == 413);  // the client may also see the connection closed under it
    httplib::Client after = client(collector);
    const httplib::Result health = after.Get("/api/v1/health");
    REQUIRE(health);
    CHECK(health->status == 200);
    CHECK(body_of(health).at("responses") == 0);
}

// --- 3. Access and limits -----------------------------------------------------------------------

TEST_CASE("collector: staff endpoints need the token, which the server keeps only as a hash") {
    Deployment deployment("staff");
    Collector collector(deployment, {"--rate", "0"});
    httplib::Client c = client(collector);
    const httplib::Result before = c.Get("/api/v1/export?survey=results-small");
    REQUIRE(before);
    CHECK(before->status == 401);
    CHECK(body_of(before).at("error") == "no staff token is set up on this server: run 'canvass serve --new-token --data DIR' on it");
    const std::string token = new_token(deployment);  // takes effect without a restart
    const std::string stored = read_whole_file(deployment.root / "data" / "staff-token.sha256");
    CHECK(stored.find(token) == std::string::npos);
    CHECK(stored.size() == 65);
    const httplib::Result missing = c.Get("/api/v1/export?survey=results-small");
    REQUIRE(missing);
    CHECK(missing->status == 401);
    CHECK(body_of(missing).at("error") == "this needs the staff token: send the header 'Authorization: Bearer TOKEN'");
    const httplib::Result wrong = c.Post("/api/v1/bundles", bearer(token + "0"), "{}", "application/json");
    REQUIRE(wrong);
    CHECK(wrong->status == 401);
    CHECK(body_of(wrong).at("error") ==
          "the staff token is wrong: use the token 'canvass serve --new-token' printed (a newer one replaces older ones)");

    // A kiosk bundle: two new, then the same again (both already there), then one of them changed.
    ResponseBundle bundle{"results-small", "kiosk-2", "2026-11-18T17:00:00Z", {}};
    for (int n : {11, 12}) {
        StoredResponse r;
        const json j = response(n);
        r.id = id_of(n);
        r.survey_id = "results-small";
        r.survey_version = survey_version();
        r.submitted_at = j.at("submitted");
        r.locale = "en";
        r.channel = "kiosk";
        r.data_json = j.at("data").dump();
        r.device_id = "kiosk-2";
        bundle.responses.push_back(r);
    }
    httplib::Client staff = client(collector);
    const httplib::Result added = staff.Post("/api/v1/bundles", bearer(token), write_bundle(bundle), "application/json");
    REQUIRE(added);
    CHECK(added->status == 200);
    CHECK(body_of(added) == json{{"survey_id", "results-small"}, {"added", 2}, {"already_there", 0}});
    const httplib::Result again = staff.Post("/api/v1/bundles", bearer(token), write_bundle(bundle), "application/json");
    REQUIRE(again);
    CHECK(body_of(again) == json{{"survey_id", "results-small"}, {"added", 0}, {"already_there", 2}});
    // One changed and one new: the bundle is refused whole, the new one with it.
    bundle.responses[1].data_json = json{{"segment", {"commuter"}}}.dump();
    StoredResponse fresh = bundle.responses[0];
    fresh.id = id_of(13);
    bundle.responses.push_back(fresh);
    const httplib::Result conflict = staff.Post("/api/v1/bundles", bearer(token), write_bundle(bundle), "application/json");
    REQUIRE(conflict);
    CHECK(conflict->status == 409);
    const httplib::Result health = staff.Get("/api/v1/health");
    REQUIRE(health);
    CHECK(body_of(health).at("responses") == 2);
    const httplib::Result exported = staff.Get("/api/v1/export?survey=results-small", bearer(token));
    REQUIRE(exported);
    CHECK(exported->status == 200);
    Result<ResponseBundle> read = read_bundle(exported->body, "export");
    REQUIRE(read.ok());
    REQUIRE(read->responses.size() == 2);
    CHECK(read->responses[0].device_id == "kiosk-2");
    CHECK(json::parse(read->responses[1].data_json) == response(12).at("data"));
}

TEST_CASE("collector: a client over its rate gets 429 with Retry-After, and other endpoints are unknown") {
    Deployment deployment("rate");
    Collector collector(deployment, {"--rate", "1", "--burst", "3"});
    httplib::Client c = client(collector);
    for (int i = 0; i < 3; ++i) {
        CAPTURE(i);
        const httplib::Result res = c.Get("/api/v1/nothing-here");
        REQUIRE(res);
        CHECK(res->status == 404);
        CHECK(body_of(res).at("error") == "no such endpoint: GET /api/v1/nothing-here (see docs/api.md)");
    }
    // Refilled at 1 a second: of 20 more requests sent at once, one is refused however slowly
    // this machine runs them.
    httplib::Result limited = c.Post("/api/v1/responses", response(3).dump(), "application/json");
    for (int i = 0; i < 20 && limited && limited->status != 429; ++i) {
        limited = client(collector).Post("/api/v1/responses", response(3).dump(), "application/json");
    }
    REQUIRE(limited);
    CHECK(limited->status == 429);
    CHECK(limited->get_header_value("Retry-After") == "1");
    CHECK(body_of(limited).at("error") == "too many requests from this client; wait for the seconds in Retry-After, then send again");
    // Static files are not rate limited: a page load fetches many.
    httplib::Client page = client(collector);
    const httplib::Result index = page.Get("/");
    REQUIRE(index);
    CHECK(index->status == 200);
}

// --- 4. Report, export, health, files -------------------------------------------------------------

TEST_CASE("collector: the report is the Board report of what is stored, once there are k responses") {
    Deployment deployment("report");
    Collector collector(deployment, {"--rate", "0"});
    httplib::Client c = client(collector);
    for (int n = 1; n <= 9; ++n) REQUIRE(c.Post("/api/v1/responses", response(n).dump(), "application/json")->status == 201);
    const httplib::Result few = c.Get("/api/v1/report?survey=results-small");
    REQUIRE(few);
    CHECK(few->status == 409);
    CHECK(body_of(few).at("error").get<std::string>().find("10") != std::string::npos);
    for (int n = 10; n <= 12; ++n) REQUIRE(c.Post("/api/v1/responses", response(n).dump(), "application/json")->status == 201);
    const httplib::Result report = c.Get("/api/v1/report?survey=results-small");
    REQUIRE(report);
    CHECK(report->status == 200);
    const json parsed = body_of(report);
    CHECK(parsed.at("response_count") == 12);
    CHECK(parsed.at("format") == "canvass.report");
    const httplib::Result unknown = c.Get("/api/v1/report?survey=transport");
    REQUIRE(unknown);
    CHECK(unknown->status == 404);
    const httplib::Result unnamed = c.Get("/api/v1/report");
    REQUIRE(unnamed);
    CHECK(unnamed->status == 400);
    CHECK(body_of(unnamed).at("error") == "say which survey: add ?survey=ID");
    const httplib::Result health = c.Get("/api/v1/health");
    REQUIRE(health);
    CHECK(body_of(health) == json{{"status", "ok"}, {"version", "0.1.0"}, {"responses", 12}, {"surveys", {"results-small"}}});
}

TEST_CASE("collector: the web folder is served with its content types and no more") {
    Deployment deployment("files");
    Collector collector(deployment, {"--rate", "0"});
    httplib::Client c = client(collector);
    struct Case {
        std::string path;
        int status;
        std::string type;
    };
    const std::vector<Case> cases = {
        {"/", 200, "text/html; charset=utf-8"},
        {"/index.html", 200, "text/html; charset=utf-8"},
        {"/canvass.wasm", 200, "application/wasm"},
        {"/style.css", 200, "text/css; charset=utf-8"},
        // --surveys is served at /surveys/, ahead of the web folder's own: the page reads the manifest the server checks against
        {"/surveys/manifest.json", 200, "application/json; charset=utf-8"},
        {"/surveys/missing.json", 404, "text/plain; charset=utf-8"},
        {"/missing.js", 404, "text/plain; charset=utf-8"},
    };
    for (const Case& file : cases) {
        CAPTURE(file.path);
        const httplib::Result res = c.Get(file.path);
        REQUIRE(res);
        CHECK(res->status == file.status);
        CHECK(res->get_header_value("Content-Type") == file.type);
        CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
        CHECK_FALSE(res->has_header("Set-Cookie"));
    }
    const httplib::Result wasm = c.Get("/canvass.wasm");
    REQUIRE(wasm);
    CHECK(wasm->body == std::string("\0asm\1\0\0\0", 8));
    CHECK(wasm->get_header_value("Cache-Control") == "no-cache");
}

// --- 5. Other origins ----------------------------------------------------------------

TEST_CASE("collector: a manifest's collector on another origin is added to the page's CSP connect-src") {
    // The page's own CSP, as shell.html writes it: the server widens exactly this text.
    std::ifstream shell_file(std::string(CANVASS_SOURCE_DIR) + "/shell.html", std::ios::binary);
    std::ostringstream shell;
    shell << shell_file.rdbuf();
    REQUIRE(shell.str().find("content=\"default-src 'self'; ") != std::string::npos);

    Deployment deployment("csp");
    write_text(deployment.root / "web" / "index.html", shell.str());
    nlohmann::json manifest = nlohmann::json::parse(std::ifstream(deployment.root / "surveys" / "manifest.json"));
    manifest["surveys"][0]["collector"] = "https://collect.example.org/";
    write_text(deployment.root / "surveys" / "manifest.json", manifest.dump(2));
    Collector collector(deployment, {"--rate", "0"});
    httplib::Client c = client(collector);
    for (const std::string path : {"/", "/index.html"}) {
        CAPTURE(path);
        const httplib::Result page = c.Get(path);
        REQUIRE(page);
        CHECK(page->status == 200);
        CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
        CHECK(page->body.find("content=\"default-src 'self'; connect-src 'self' https://collect.example.org; script-src") !=
              std::string::npos);
    }
    // Without such a collector the page is the file as it is (the web folder test above).
}

TEST_CASE("collector: only origins given with --allow-origin may post from their pages (CORS)") {
    Deployment deployment("cors");
    Collector collector(deployment, {"--rate", "0", "--allow-origin", "https://survey.example.org"});
    httplib::Client c = client(collector);
    const httplib::Result preflight =
        c.Options("/api/v1/responses", {{"Origin", "https://survey.example.org"}, {"Access-Control-Request-Method", "POST"}});
    REQUIRE(preflight);
    CHECK(preflight->status == 204);
    CHECK(preflight->get_header_value("Access-Control-Allow-Origin") == "https://survey.example.org");
    CHECK(preflight->get_header_value("Access-Control-Allow-Headers") == "Content-Type");
    const httplib::Result posted = c.Post("/api/v1/responses", {{"Origin", "https://survey.example.org"}}, response(1).dump(), "application/json");
    REQUIRE(posted);
    CHECK(posted->status == 201);
    CHECK(posted->get_header_value("Access-Control-Allow-Origin") == "https://survey.example.org");
    const httplib::Result stranger = c.Options("/api/v1/responses", {{"Origin", "https://elsewhere.example"}});
    REQUIRE(stranger);
    CHECK(stranger->status == 403);
    CHECK_FALSE(stranger->has_header("Access-Control-Allow-Origin"));
}

