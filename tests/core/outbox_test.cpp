// The outbox (docs/outbox.md): what a collector's answer means, backoff and pacing, what to send
// next, when a kiosk may send, the manifest's "collector" setting, and the outbox in the store,
// its journal records and their replay (real SQLite files; a stand-in journal that can crash).
//
// Sections: 1. answers; 2. backoff and pacing; 3. when to send; 4. the manifest setting;
// 5. the store and its migration; 6. journal and replay; 7. durable submits.
#include <doctest/doctest.h>

#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/app/app_state.h"
#include "core/app/view_model.h"
#include "core/collect/outbox.h"
#include "core/store/bundle.h"
#include "core/store/database.h"
#include "core/store/durable_store.h"
#include "core/store/journal.h"
#include "core/store/response_store.h"
#include "core/survey/manifest.h"
#include "default_survey_session.h"
#include "temp_dir.h"

using namespace canvass;
using namespace canvass::collect;
using canvass::testing::Session;
using canvass::testing::TempDir;

namespace {

constexpr const char* kId = "3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b";

StoredResponse response(const std::string& id) {
    return {id, "diz-digital-needs", "abc123", "en", "resident", "online",
            "2026-11-27T10:00:00Z", "2026-11-27T10:07:00Z", R"({"segment":["resident"]})"};
}

OutboxEntry entry(const std::string& id) {
    return {id, "/api/v1/responses", posted_response_body(response(id), ""), "2026-11-27T10:07:00Z", OutboxState::Queued, ""};
}

ResponseStore open_store(const std::string& path) {
    Result<ResponseStore> store = ResponseStore::open(path);
    REQUIRE(store.ok());
    return std::move(store).value();
}

std::string id_of(int n) { return "00000000-0000-4000-8000-00000000000" + std::to_string(n); }

}  // namespace

// --- 1. answers -------------------------------------------------------------------------------

TEST_CASE("judge_collector_reply: acknowledged, refused for good, or sent again") {
    const std::string ack201 = std::string(R"({"id":")") + kId + R"(","status":"stored"})";
    const std::string ack200 = std::string(R"({"id":")") + kId + R"(","status":"already stored"})";
    struct Row {
        int status;
        std::string body;
        SendVerdict verdict;
        std::string reason;
    };
    const std::vector<Row> rows = {
        {201, ack201, SendVerdict::Sent, "stored"},
        {200, ack200, SendVerdict::Sent, "already stored"},
        {200, R"({"id":"another","status":"stored"})", SendVerdict::Retry,
         "HTTP 200 without the collector's acknowledgement of this response: is the collector address right?"},
        {200, "<!doctype html><title>Canvass</title>", SendVerdict::Retry,
         "HTTP 200 without the collector's acknowledgement of this response: is the collector address right?"},
        {201, std::string(R"({"id":")") + kId + R"(","status":"queued"})", SendVerdict::Retry,
         "HTTP 201 without the collector's acknowledgement of this response: is the collector address right?"},
        {409, R"({"error":"response 3f1c is already stored with other content"})", SendVerdict::Refused,
         "HTTP 409: response 3f1c is already stored with other content"},
        {422, R"({"error":"the response does not fit","reasons":[{"at":"data.broadband","problem":"'satellite' is not one of the question's choices"},{"at":"data","problem":"not complete"}]})",
         SendVerdict::Refused, "HTTP 422: the response does not fit; data.broadband: 'satellite' is not one of the question's choices; data: not complete"},
        {400, "not json", SendVerdict::Refused, "HTTP 400"},
        {413, R"({"error":"the body is too large; send less"})", SendVerdict::Refused, "HTTP 413: the body is too large; send less"},
        {429, R"({"error":"too many requests"})", SendVerdict::Retry, "HTTP 429: too many requests"},
        {503, R"({"error":"the store could not commit"})", SendVerdict::Retry, "HTTP 503: the store could not commit"},
        {500, "", SendVerdict::Retry, "HTTP 500"},
        {404, R"({"error":"no such endpoint"})", SendVerdict::Retry, "HTTP 404: no such endpoint"},
        {0, "Failed to fetch", SendVerdict::Retry, "no answer from the collector: Failed to fetch"},
        {0, "", SendVerdict::Retry, "no answer from the collector"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.status);
        CAPTURE(row.body);
        const SendOutcome outcome = judge_collector_reply(row.status, row.body, kId);
        CHECK(static_cast<int>(outcome.verdict) == static_cast<int>(row.verdict));
        CHECK(outcome.reason == row.reason);
    }
}

TEST_CASE("a refusal's reason is cut to a length staff can read") {
    const std::string body = R"({"error":")" + std::string(1000, 'x') + R"("})";
    const SendOutcome outcome = judge_collector_reply(422, body, kId);
    CHECK(outcome.verdict == SendVerdict::Refused);
    CHECK(outcome.reason.size() == 300 + std::string("…").size());
}

// --- 2. backoff and pacing ----------------------------------------------------------------------

TEST_CASE("the retry wait doubles from 2 s to a 5-minute cap, with jitter between half and all of it") {
    struct Row {
        int failures;
        std::int64_t least, most;  // jitter 0x0000 and 0xFFFF
    };
    const std::vector<Row> rows = {
        {1, 1'000, 1'999},     {2, 2'000, 3'999},     {3, 4'000, 7'999},       {4, 8'000, 15'999},
        {5, 16'000, 31'999},   {6, 32'000, 63'999},   {7, 64'000, 127'999},    {8, 128'000, 255'998},
        {9, 150'000, 299'997}, {10, 150'000, 299'997}, {1000, 150'000, 299'997},
    };
    for (const Row& row : rows) {
        CAPTURE(row.failures);
        CHECK(outbox_retry_delay_ms(row.failures, {0, 0}) == row.least);
        CHECK(outbox_retry_delay_ms(row.failures, {0xFF, 0xFF}) == row.most);
        const std::int64_t middle = outbox_retry_delay_ms(row.failures, {0x80, 0x00});
        CHECK(middle > row.least);
        CHECK(middle < row.most);
    }
}

TEST_CASE("pacing: failures push the next try back, an answer clears them, coming back online tries at once") {
    OutboxPacing pacing;
    pacing = after_failure(pacing, 10'000, {0, 0}, "no answer from the collector");
    CHECK(pacing == OutboxPacing{1, 11'000, "no answer from the collector"});
    pacing = after_failure(pacing, 11'000, {0, 0}, "HTTP 503");
    CHECK(pacing == OutboxPacing{2, 13'000, "HTTP 503"});
    const OutboxPacing online = after_back_online(pacing);
    CHECK(online == OutboxPacing{2, 0, "HTTP 503"});
    CHECK(after_failure(online, 20'000, {0, 0}, "HTTP 503").next_try_ms == 24'000);  // still counting
    CHECK(after_answer(pacing) == OutboxPacing{});
}

// --- 3. when to send ---------------------------------------------------------------------------

TEST_CASE("next_outbox_entry sends the oldest, one at a time, only online, never while backing off or busy") {
    const std::vector<OutboxEntry> queued = {entry(id_of(1)), entry(id_of(2))};
    const OutboxPacing waiting{1, 5'000, "HTTP 503"};
    struct Row {
        const char* what;
        std::vector<OutboxEntry> queued;
        OutboxPacing pacing;
        std::int64_t now;
        OutboxConditions conditions;
        std::optional<std::size_t> next;
    };
    const std::vector<Row> rows = {
        {"the oldest first", queued, {}, 0, {}, 0},
        {"nothing queued", {}, {}, 0, {}, std::nullopt},
        {"offline", queued, {}, 0, {false, false, false}, std::nullopt},
        {"one on its way", queued, {}, 0, {true, true, false}, std::nullopt},
        {"a kiosk respondent answering", queued, {}, 0, {true, false, true}, std::nullopt},
        {"backing off", queued, waiting, 4'999, {}, std::nullopt},
        {"the backoff over", queued, waiting, 5'000, {}, 0},
    };
    for (const Row& row : rows) {
        CAPTURE(row.what);
        CHECK(next_outbox_entry(row.queued, row.pacing, row.now, row.conditions) == row.next);
    }
}

TEST_CASE("a kiosk sends only between respondents; anywhere else at any time") {
    AppState resident;
    resident.screen = Screen::Question;
    CHECK(outbox_may_send(resident));
    resident.screen = Screen::Submitting;  // not until the device's own store has confirmed it
    CHECK_FALSE(outbox_may_send(resident));
    struct Row {
        Screen screen;
        bool may;
    };
    const std::vector<Row> rows = {
        {Screen::Loading, false},     {Screen::Unavailable, true}, {Screen::Closed, true},
        {Screen::Welcome, true},      {Screen::Resume, false},     {Screen::Question, false},
        {Screen::CheckAnswers, false}, {Screen::Submitting, false}, {Screen::Confirmation, true},
        {Screen::StaffPin, true},     {Screen::Staff, true},       {Screen::Dashboard, true},
    };
    for (const Row& row : rows) {
        CAPTURE(screen_id(row.screen));
        AppState kiosk;
        kiosk.kiosk = KioskMode{};
        kiosk.screen = row.screen;
        CHECK(outbox_may_send(kiosk) == row.may);
    }
}

// A respondent of the default survey, whose manifest entry names `collector`, on the check page.
Session at_check_answers(const std::string& collector, bool kiosk) {
    auto active = std::make_shared<ActiveSurvey>(*canvass::testing::default_survey());
    active->collector = collector;
    Session session(active);
    if (kiosk) session.apply(intent::SetKiosk{KioskSettings{}});
    session.apply(intent::Start{});
    session.apply(intent::Answer{"segment", nlohmann::json::array({"resident"})});
    session.continue_to_end();
    REQUIRE(session.state.screen == Screen::CheckAnswers);
    return session;
}

std::vector<std::string> confirmation_paragraphs(const Session& session) { return build_view(session.state).paragraphs; }

constexpr const char* kWaitingText =
    "Your answers could not be sent yet, so they are kept on this device. They will be sent by themselves while this "
    "page is open, or the next time you open it with an internet connection.";

TEST_CASE("the confirmation says when a resident's answers wait on the device, and when they have gone") {
    Session session = at_check_answers("/", false);
    session.apply(intent::Submit{});
    const std::string id = session.effects.submit->id;
    session.apply(intent::SubmitFinished{true, ""});
    CHECK(session.state.delivery == Delivery::Sending);
    CHECK(confirmation_paragraphs(session).empty());  // not tried yet: nothing to say

    session.apply(intent::OutboxProgress{"00000000-0000-4000-8000-000000000001", Delivery::Sent});  // another response
    CHECK(session.state.delivery == Delivery::Sending);

    session.apply(intent::OutboxProgress{id, Delivery::WaitingForNetwork});
    CHECK(confirmation_paragraphs(session) == std::vector<std::string>{kWaitingText});
    CHECK(session.effects.announce.empty());

    session.apply(intent::OutboxProgress{id, Delivery::Sent});
    CHECK(confirmation_paragraphs(session) == std::vector<std::string>{"Your answers have been sent to the survey team."});
    CHECK(session.effects.announce == "Your answers have been sent to the survey team.");  // heard, not only seen

    session.apply(intent::OutboxProgress{id, Delivery::Refused});
    CHECK(confirmation_paragraphs(session).empty());  // still saved on the device, as the heading says
}

TEST_CASE("an answer from the collector before the store confirms the submit still reaches the confirmation") {
    Session session = at_check_answers("/", false);
    session.apply(intent::Submit{});
    const std::string id = session.effects.submit->id;
    session.apply(intent::OutboxProgress{id, Delivery::Sent});
    session.apply(intent::SubmitFinished{true, ""});
    CHECK(session.state.delivery == Delivery::Sent);
    CHECK(confirmation_paragraphs(session) == std::vector<std::string>{"Your answers have been sent to the survey team."});
    // The next respondent's submit starts again from nothing.
    session.apply(intent::StartAgain{});
    session.apply(intent::Start{});
    session.apply(intent::Answer{"segment", nlohmann::json::array({"business"})});
    session.continue_to_end();
    session.apply(intent::Submit{});
    session.apply(intent::SubmitFinished{true, ""});
    CHECK(session.state.delivery == Delivery::Sending);
}

TEST_CASE("no collector, or a kiosk: the confirmation says nothing about sending") {
    Session kept = at_check_answers("", false);
    kept.apply(intent::Submit{});
    const std::string kept_id = kept.effects.submit->id;
    kept.apply(intent::SubmitFinished{true, ""});
    kept.apply(intent::OutboxProgress{kept_id, Delivery::WaitingForNetwork});
    CHECK(kept.state.delivery == Delivery::NoCollector);
    CHECK(confirmation_paragraphs(kept).empty());

    Session kiosk = at_check_answers("/", true);
    kiosk.apply(intent::Submit{});
    const std::string kiosk_id = kiosk.effects.submit->id;
    kiosk.apply(intent::SubmitFinished{true, ""});
    kiosk.apply(intent::OutboxProgress{kiosk_id, Delivery::WaitingForNetwork});
    const std::vector<std::string> paragraphs = confirmation_paragraphs(kiosk);
    REQUIRE(paragraphs.size() == 1);
    CHECK(paragraphs[0].rfind("This screen starts again for the next person in", 0) == 0);
}

// --- 4. the manifest setting ---------------------------------------------------------------------

TEST_CASE("collector_problem accepts this site's paths and https:// addresses, and says what to fix") {
    const std::string fix = ": write \"/\" when canvass serve serves the app, or the collector's address such as \"https://collect.example.org/\"";
    struct Row {
        std::string value, problem;
    };
    const std::vector<Row> rows = {
        {"/", ""},
        {"/canvass/", ""},
        {"https://collect.example.org/", ""},
        {"https://collect.example.org", ""},
        {"https://collect.example.org:8443/canvass", ""},
        {"http://127.0.0.1:8080/", ""},
        {"http://localhost/", ""},
        {"", "must not be empty" + fix + "; leave \"collector\" out to keep responses on the device"},
        {"collect.example.org", "is neither a path on this site nor an https:// address" + fix},
        {"//collect.example.org/", "is neither a path on this site nor an https:// address" + fix},
        {"ftp://collect.example.org/", "is neither a path on this site nor an https:// address" + fix},
        {"http://collect.example.org/", "uses http://, which only a test on this machine (localhost, 127.0.0.1) may: a collector on a network needs https://"},
        {"https:///x", "has no valid host name after https://" + fix},
        {"https://collect.example.org:84x3/", "has a port that is not a number" + fix},
        {"https://collect.example.org:/", "has a port that is not a number" + fix},
        {"https://a.org/x; script-src *", "may hold only letters, digits and - . _ ~ / : (no query, fragment, spaces or quotes)" + fix},
        {"https://a.org/?x=1", "may hold only letters, digits and - . _ ~ / : (no query, fragment, spaces or quotes)" + fix},
        {"https://user@a.org/", "may hold only letters, digits and - . _ ~ / : (no query, fragment, spaces or quotes)" + fix},
        {"/a/../b/", "must not have '.' or '..' between its slashes"},
        {"/a:b/", "has ':' in its path" + fix},
        {"https://" + std::string(200, 'a') + ".org/", "is longer than 200 characters"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.value);
        CHECK(survey::collector_problem(row.value) == row.problem);
    }
}

TEST_CASE("the collector's endpoint and origin") {
    struct Row {
        std::string value, endpoint, origin;
    };
    const std::vector<Row> rows = {
        {"/", "/api/v1/responses", ""},
        {"/canvass", "/canvass/api/v1/responses", ""},
        {"https://collect.example.org", "https://collect.example.org/api/v1/responses", "https://collect.example.org"},
        {"https://collect.example.org:8443/c/", "https://collect.example.org:8443/c/api/v1/responses", "https://collect.example.org:8443"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.value);
        CHECK(survey::collector_endpoint(row.value) == row.endpoint);
        CHECK(survey::collector_origin(row.value) == row.origin);
    }
}

TEST_CASE("the manifest's collector is read, checked with its path, and its origins listed once") {
    nlohmann::json doc = nlohmann::json::parse(R"({"surveys": []})");
    auto add = [&](const std::string& id, const nlohmann::json& collector) {
        nlohmann::json e = {{"id", id}, {"file", id + ".json"}, {"title", "T"}, {"purpose", "P"}, {"estimatedMinutes", 5},
                            {"privacySummary", "S"}, {"privacyContact", "C"}, {"privacyNotice", "privacy.html"}};
        if (!collector.is_null()) e["collector"] = collector;
        doc["surveys"].push_back(e);
    };
    add("a", nullptr);
    add("b", "/");
    add("c", "https://collect.example.org/");
    add("d", "https://collect.example.org/other/");
    doc["default"] = "a";
    Result<survey::Manifest> manifest = survey::parse_manifest(doc, "manifest.json");
    REQUIRE(manifest.ok());
    CHECK(manifest->warnings.empty());
    CHECK(manifest->surveys[0].collector.empty());
    CHECK(manifest->surveys[1].collector == "/");
    CHECK(survey::collector_origins(*manifest) == std::vector<std::string>{"https://collect.example.org"});

    doc["surveys"][2]["collector"] = "http://collect.example.org/";
    Result<survey::Manifest> http = survey::parse_manifest(doc, "manifest.json");
    REQUIRE_FALSE(http.ok());
    CHECK(http.error().to_string() ==
          "manifest.json: surveys[2].collector: 'http://collect.example.org/' uses http://, which only a test on this machine "
          "(localhost, 127.0.0.1) may: a collector on a network needs https://");
    doc["surveys"][2]["collector"] = true;
    Result<survey::Manifest> not_text = survey::parse_manifest(doc, "manifest.json");
    REQUIRE_FALSE(not_text.ok());
    CHECK(not_text.error().to_string() ==
          "manifest.json: surveys[2].collector: must be a string: \"/\" when canvass serve serves the app, or the collector's https:// address");
}

TEST_CASE("the posted body is a bundle's response plus survey_id, and the kiosk's device when given") {
    const StoredResponse r = response(kId);
    CHECK(posted_response_body(r, "") ==
          std::string(R"({"channel":"online","data":{"segment":["resident"]},"id":")") + kId +
              R"(","locale":"en","submitted":"2026-11-27T10:07:00Z","survey_id":"diz-digital-needs","survey_version":"abc123"})");
    CHECK(nlohmann::json::parse(posted_response_body(r, "kiosk-7"))["device"] == "kiosk-7");
}

// --- 5. the store and its migration ---------------------------------------------------------------

TEST_CASE("a response and its outbox entry are stored together; settling keeps the first answer and drops a sent body") {
    TempDir dir;
    ResponseStore store = open_store(dir.file("outbox.db"));
    for (int n = 1; n <= 4; ++n) REQUIRE(store.submit(response(id_of(n)), entry(id_of(n))).ok());
    CHECK(*store.count_outbox() == OutboxCounts{4, 0, 0});
    REQUIRE(store.settle_outbox(id_of(1), OutboxState::Sent, "stored").ok());
    REQUIRE(store.settle_outbox(id_of(2), OutboxState::Refused, "HTTP 409: other content").ok());
    // The first answer stands: a late or replayed answer changes nothing.
    REQUIRE(store.settle_outbox(id_of(1), OutboxState::Refused, "HTTP 422").ok());
    REQUIRE(store.settle_outbox(id_of(2), OutboxState::Sent, "stored").ok());
    REQUIRE(store.settle_outbox("not-queued", OutboxState::Sent, "stored").ok());
    CHECK(*store.count_outbox() == OutboxCounts{2, 1, 1});

    Result<std::vector<OutboxEntry>> queued = store.queued_outbox();
    REQUIRE(queued.ok());
    REQUIRE(queued->size() == 2);
    CHECK((*queued)[0] == entry(id_of(3)));  // in the order queued
    CHECK((*queued)[1].id == id_of(4));
    Result<std::optional<OutboxEntry>> sent = store.find_outbox(id_of(1));
    REQUIRE(sent.ok());
    REQUIRE(sent->has_value());
    CHECK((*sent)->state == OutboxState::Sent);
    CHECK((*sent)->body.empty());
    Result<std::vector<OutboxEntry>> refused = store.refused_outbox();
    REQUIRE(refused.ok());
    REQUIRE(refused->size() == 1);
    CHECK((*refused)[0].outcome == "HTTP 409: other content");
    CHECK((*refused)[0].body == entry(id_of(2)).body);  // kept: staff export it as usual

    // Queuing an id again leaves its entry as it is.
    REQUIRE(store.queue_outbox(entry(id_of(1))).ok());
    CHECK(*store.count_outbox() == OutboxCounts{2, 1, 1});
}

TEST_CASE("a submit refused for its response queues nothing") {
    TempDir dir;
    ResponseStore store = open_store(dir.file("refused.db"));
    REQUIRE(store.submit(response(kId), entry(kId)).ok());
    OutboxEntry other = entry(id_of(9));
    other.id = id_of(9);
    Status again = store.submit(response(kId), other);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().message == std::string("a response with id ") + kId + " is already stored");
    CHECK(*store.count_outbox() == OutboxCounts{1, 0, 0});
    Result<std::optional<OutboxEntry>> none = store.find_outbox(id_of(9));
    REQUIRE(none.ok());
    CHECK_FALSE(none->has_value());
}

TEST_CASE("a version-3 store migrates to version 4, keeping its responses and gaining an empty outbox") {
    TempDir dir;
    const std::string path = dir.file("v3.db");
    {
        ResponseStore store = open_store(path);
        REQUIRE(store.insert(response(kId)).ok());
    }
    {  // what Canvass wrote before the outbox: the same tables without it, at version 3
        Result<Database> db = Database::open(path);
        REQUIRE(db.ok());
        REQUIRE(db->exec("DROP TABLE outbox; PRAGMA user_version = 3;").ok());
    }
    ResponseStore store = open_store(path);
    CHECK(store.schema_version() == 4);
    CHECK(*store.count_responses() == 1);
    CHECK(*store.count_outbox() == OutboxCounts{});
    REQUIRE(store.submit(response(id_of(1)), entry(id_of(1))).ok());
    CHECK(*store.count_outbox() == OutboxCounts{1, 0, 0});
}

// --- 6. journal and replay --------------------------------------------------------------------------

TEST_CASE("the journal replays a queued response and the collector's answers, however often and from wherever") {
    const std::vector<std::string> journal = {
        journal_response_submitted(response(id_of(1)), entry(id_of(1))),
        journal_response_submitted(response(id_of(2)), entry(id_of(2))),
        journal_outbox_settled(id_of(1), OutboxState::Sent, "stored"),
        journal_response_submitted(response(id_of(3))),  // a survey without a collector
        journal_outbox_settled(id_of(2), OutboxState::Refused, "HTTP 409: other content"),
    };
    TempDir dir;
    ResponseStore whole = open_store(dir.file("whole.db"));
    REQUIRE(replay_journal(whole, journal).ok());
    CHECK(*whole.count_responses() == 3);
    CHECK(*whole.count_outbox() == OutboxCounts{0, 1, 1});
    // Any suffix replayed onto a store holding any longer prefix ends the same: nothing queued again.
    for (std::size_t split = 0; split <= journal.size(); ++split) {
        for (std::size_t from = 0; from <= split; ++from) {
            CAPTURE(split);
            CAPTURE(from);
            TempDir each;
            ResponseStore store = open_store(each.file("s.db"));
            REQUIRE(replay_journal(store, {journal.begin(), journal.begin() + static_cast<long>(split)}).ok());
            REQUIRE(replay_journal(store, {journal.begin() + static_cast<long>(from), journal.end()}).ok());
            CHECK(*store.count_responses() == 3);
            CHECK(*store.count_outbox() == OutboxCounts{0, 1, 1});
            Result<std::vector<OutboxEntry>> refused = store.refused_outbox();
            REQUIRE(refused.ok());
            REQUIRE(refused->size() == 1);
            CHECK((*refused)[0] == OutboxEntry{id_of(2), "/api/v1/responses", entry(id_of(2)).body, "2026-11-27T10:07:00Z",
                                               OutboxState::Refused, "HTTP 409: other content"});
        }
    }
}

TEST_CASE("a malformed outbox record is refused naming what is wrong") {
    struct Row {
        std::string record, problem;
    };
    const std::vector<Row> rows = {
        {R"({"v":1,"kind":"outbox","id":"x","state":"lost","outcome":""})", R"(journal record 0: "state" is "lost", not "sent" or "refused")"},
        {R"({"v":1,"kind":"outbox","id":"x","state":"sent"})", R"(journal record 0: "outcome" is missing from the record)"},
        {R"({"v":1,"kind":"response","response":{"id":"a","survey_id":"s","survey_version":"v","locale":"en","segment":"","channel":"online","started_at":"t","submitted_at":"t","data":"{}"},"outbox":{"url":"/api/v1/responses","body":"{}"}})",
         R"(journal record 0: "queued_at" is missing from "outbox")"},
        {R"({"v":1,"kind":"response","response":{"id":"a","survey_id":"s","survey_version":"v","locale":"en","segment":"","channel":"online","started_at":"t","submitted_at":"t","data":"{}"},"outbox":[]})",
         R"(journal record 0: "outbox" is not an object)"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.record);
        TempDir dir;
        ResponseStore store = open_store(dir.file("bad.db"));
        Result<ReplayReport> report = replay_journal(store, {row.record});
        REQUIRE(report.ok());
        REQUIRE(report->rejected.size() == 1);
        CHECK(report->rejected[0].message == row.problem);
        CHECK(*store.count_responses() == 0);
    }
}

// --- 7. durable submits -------------------------------------------------------------------------------

namespace {

// A journal whose writes complete only when told, and which can "crash": keeps completed records only.
class HeldJournal final : public JournalWriter {
public:
    std::vector<std::string> completed;
    void append(std::string record, std::function<void(Status)> on_durable) override {
        pending_.push_back([this, record = std::move(record), on_durable = std::move(on_durable)] {
            completed.push_back(record);
            on_durable(Ok{});
        });
    }
    void checkpoint(std::string, std::function<void(Status)> done) override { done(make_error("no checkpoints here")); }
    void complete_all() {
        while (!pending_.empty()) {
            auto next = std::move(pending_.front());
            pending_.pop_front();
            next();
        }
    }

private:
    std::deque<std::function<void()>> pending_;
};

}  // namespace

TEST_CASE("a confirmed submit survives a crash with its outbox entry; an unconfirmed one leaves neither") {
    TempDir dir;
    HeldJournal journal;
    bool confirmed = false;
    {
        Result<DurableStore> store = DurableStore::open(":memory:", {}, journal);
        REQUIRE(store.ok());
        store->submit(response(id_of(1)), entry(id_of(1)), [&](Status s) { confirmed = s.ok(); });
        CHECK_FALSE(confirmed);
        journal.complete_all();
        CHECK(confirmed);
        store->submit(response(id_of(2)), entry(id_of(2)), [](Status) { FAIL("the page crashed before this completed"); });
        REQUIRE(store->settle_outbox(id_of(1), OutboxState::Sent, "stored").ok());
    }  // the page dies: the second submit's record and the answer's never completed
    Result<DurableStore> reopened = DurableStore::open(":memory:", journal.completed, journal);
    REQUIRE(reopened.ok());
    CHECK(*reopened->store().count_responses() == 1);
    CHECK(*reopened->store().count_outbox() == OutboxCounts{1, 0, 0});  // sent again: the collector answers 200
    Result<std::vector<OutboxEntry>> queued = reopened->store().queued_outbox();
    REQUIRE(queued.ok());
    REQUIRE(queued->size() == 1);
    CHECK((*queued)[0] == entry(id_of(1)));
}
