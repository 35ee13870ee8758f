// The collector's durability promise through a real process: every response acknowledged with
// 2xx is stored exactly once after a SIGKILL and a restart.
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

TEST_CASE("collector: every acknowledged response is there exactly once after SIGKILL and a restart") {
    Deployment deployment("crash");
    const std::string token = new_token(deployment);
    std::vector<std::string> acknowledged;
    {
        Collector collector(deployment, {"--rate", "0"});
        std::vector<std::thread> threads;
        std::mutex mutex;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                httplib::Client c("127.0.0.1", collector.port());
                c.set_read_timeout(30);
                for (int i = 0; i < 15; ++i) {
                    const int n = 100 + t * 100 + i;
                    const httplib::Result res = c.Post("/api/v1/responses", response(n).dump(), "application/json");
                    if (res && res->status == 201) {
                        std::lock_guard lock(mutex);
                        acknowledged.push_back(id_of(n));
                    }
                }
            });
        }
        for (std::thread& thread : threads) thread.join();
        CHECK(collector.stop(SIGKILL) == -SIGKILL);
    }
    REQUIRE(acknowledged.size() == 60);
    Collector restarted(deployment, {"--rate", "0"});
    httplib::Client c = client(restarted);
    const httplib::Result retry = c.Post("/api/v1/responses", response(100).dump(), "application/json");
    REQUIRE(retry);
    CHECK(retry->status == 200);
    const httplib::Result exported = c.Get("/api/v1/export?survey=results-small", bearer(token));
    REQUIRE(exported);
    Result<ResponseBundle> bundle = read_bundle(exported->body, "export");  // refuses an id twice
    REQUIRE(bundle.ok());
    std::map<std::string, int> seen;
    for (const StoredResponse& r : bundle->responses) seen[r.id] += 1;
    for (const std::string& id : acknowledged) {
        CAPTURE(id);
        CHECK(seen[id] == 1);
    }
    CHECK(bundle->responses.size() == 60);
    // The health check's count, kept in memory, starts again from what the store holds.
    const httplib::Result health = c.Get("/api/v1/health");
    REQUIRE(health);
    CHECK(json::parse(health->body).at("responses") == 60);
    CHECK(restarted.stop(SIGTERM) == 0);
}

