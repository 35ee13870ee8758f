// The outbox's native half against a real `canvass serve` on loopback: platform::post_json
// (cpp-httplib) posting a queued entry's body, and the rules (core/collect/outbox.h) reading the
// collector's real answers: stored, already stored, refused, no answer. The browser half is
// tests/e2e/outbox.test.mjs.
#include <doctest/doctest.h>

#include <string>

#include "core/collect/outbox.h"
#include "platform/platform.h"
#include "tests/server/collector_process.h"

using namespace canvass;
using namespace canvass::testing;

namespace {

collect::SendOutcome post(const std::string& url, const std::string& body, const std::string& id) {
    std::optional<platform::HttpReply> answer;
    platform::post_json(url, body, [&](platform::HttpReply reply) { answer = std::move(reply); });
    REQUIRE(answer.has_value());  // natively the answer comes before post_json returns
    return collect::judge_collector_reply(answer->status, answer->body, id);
}

}  // namespace

TEST_CASE("outbox natively: the collector's real answers mean stored, already stored, refused, or send again") {
    Deployment deployment("outbox-native");
    Collector collector(deployment, {"--rate", "0"});
    const std::string url = "http://127.0.0.1:" + std::to_string(collector.port()) + "/api/v1/responses";
    const std::string body = response(1).dump();

    collect::SendOutcome first = post(url, body, id_of(1));
    CHECK(first.verdict == collect::SendVerdict::Sent);
    CHECK(first.reason == "stored");
    collect::SendOutcome again = post(url, body, id_of(1));  // the answer was lost: the retry settles it
    CHECK(again.verdict == collect::SendVerdict::Sent);
    CHECK(again.reason == "already stored");
    collect::SendOutcome conflict = post(url, response(1, {{"segment", {"business"}}}).dump(), id_of(1));
    CHECK(conflict.verdict == collect::SendVerdict::Refused);
    CHECK(conflict.reason == "HTTP 409: response " + id_of(1) +
                                 " is already stored with different content; a response id names one response: "
                                 "send a new response with a new id");
    // Another endpoint's 200 (a static file) is not an acknowledgement.
    collect::SendOutcome elsewhere = post("http://127.0.0.1:" + std::to_string(collector.port()) + "/api/v1/health", body, id_of(2));
    CHECK(elsewhere.verdict == collect::SendVerdict::Retry);

    const int port = collector.port();
    collector.stop(SIGTERM);
    collect::SendOutcome down = post("http://127.0.0.1:" + std::to_string(port) + "/api/v1/responses", response(2).dump(), id_of(2));
    CHECK(down.verdict == collect::SendVerdict::Retry);
    CHECK(down.reason.rfind("no answer from the collector: ", 0) == 0);
    CHECK(post("https://collect.example.org/api/v1/responses", body, id_of(1)).reason ==
          "no answer from the collector: natively only http:// addresses on this machine can be posted to");
}
