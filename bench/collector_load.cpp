// Load for the collector (`canvass serve`), from a second process: N client threads on
// keep-alive connections post distinct valid responses (simulated respondents of a survey, each
// sent with a fresh id), and it reports accepted submissions per second and latency. Also the
// checking half of scripts/collector-faults. Run by hand with the release build (README,
// "Benchmarks"; docs/deploy.md has the figures).
//
//   collector_load --port N [--threads T] [--seconds S] [--rate R] [--survey FILE] [--seed X]
//                  [--acked FILE] [--until-gone] [--baseline]
//   collector_load --port N --verify ACKED_FILE --token TOKEN [--survey FILE]
//
// --rate R sends R responses per second in all (spread over the threads, each on a fixed
// schedule; latency counts from when a request was due, so a slow server cannot hide its queue);
// without it every thread sends as fast as answers come back. --acked appends the id of every
// 2xx-acknowledged response to FILE as it arrives. --until-gone keeps sending until the server is
// unreachable (it was killed). --baseline first runs the same threads for the same time on
// `GET /api/v1/health` (HTTP and the server's threads, no parsing, checking or disk), and reports
// the submissions' rate as a ratio of it: a same-run yardstick on a noisy machine. --verify fetches the export and checks every id in ACKED_FILE is
// stored exactly once; exit status 1 when not.
//
// Sections: 1. Options; 2. The responses to send; 3. Sending; 4. Verifying; 5. main.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/results/simulate.h"
#include "core/store/bundle.h"
#include "core/survey/survey.h"
#include "core/util/uuid.h"

using nlohmann::json;
using namespace canvass;
using Clock = std::chrono::steady_clock;

namespace {

// --- 1. Options ---------------------------------------------------------------------------------

struct Options {
    std::string host = "127.0.0.1";
    int port = 0;
    int threads = 16;
    double seconds = 10;
    double rate = 0;  // responses per second in all; 0: as fast as possible
    std::string survey = "assets/surveys/diz-digital-needs.json";
    std::uint64_t seed = 1;
    std::string acked;
    bool until_gone = false;
    bool baseline = false;
    std::string verify;
    std::string token;
};

[[noreturn]] void usage(const std::string& problem) {
    std::fprintf(stderr, "collector_load: %s (see the usage at the top of bench/collector_load.cpp)\n", problem.c_str());
    std::exit(2);
}

Options parse_options(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--until-gone" || arg == "--baseline") {
            (arg == "--until-gone" ? o.until_gone : o.baseline) = true;
            continue;
        }
        if (i + 1 >= argc) usage(arg + " needs a value");
        const std::string value = argv[++i];
        if (arg == "--host") o.host = value;
        else if (arg == "--port") o.port = std::atoi(value.c_str());
        else if (arg == "--threads") o.threads = std::max(1, std::atoi(value.c_str()));
        else if (arg == "--seconds") o.seconds = std::atof(value.c_str());
        else if (arg == "--rate") o.rate = std::atof(value.c_str());
        else if (arg == "--survey") o.survey = value;
        else if (arg == "--seed") o.seed = std::strtoull(value.c_str(), nullptr, 10);
        else if (arg == "--acked") o.acked = value;
        else if (arg == "--verify") o.verify = value;
        else if (arg == "--token") o.token = value;
        else usage("unknown option " + arg);
    }
    if (o.port <= 0) usage("--port is needed");
    // A baseline at a fixed rate would measure the rate; until the server is gone, it never ends.
    if (o.baseline && (o.rate > 0 || o.until_gone)) usage("--baseline runs as fast as answers come: not with --rate or --until-gone");
    return o;
}

survey::Survey load_survey_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const json document = json::parse(text.str(), nullptr, false);
    if (document.is_discarded()) usage("cannot read the survey " + path);
    Result<survey::Survey> loaded = survey::load_survey(document, path);
    if (!loaded) usage("invalid survey: " + loaded.error().to_string());
    return std::move(loaded).value();
}

// --- 2. The responses to send -------------------------------------------------------------------

// A few hundred simulated respondents as POST bodies, each with a placeholder id that every
// request overwrites in place: distinct, valid responses without building JSON per request.
constexpr std::string_view kPlaceholderId = "00000000-0000-4000-8000-000000000000";

struct Body {
    std::string text;
    std::size_t id_at = 0;
};

std::vector<Body> make_bodies(const survey::Survey& survey, std::uint64_t seed) {
    results::SimulateOptions options;
    options.count = 300;
    options.seed = seed;
    Result<ResponseBundle> simulated = results::simulate_responses(survey, options);
    if (!simulated) usage("cannot simulate responses: " + simulated.error().to_string());
    std::vector<Body> bodies;
    for (const StoredResponse& r : simulated->responses) {
        json item = {{"survey_id", survey.id}, {"id", kPlaceholderId}, {"survey_version", r.survey_version},
                     {"submitted", r.submitted_at}, {"locale", r.locale}, {"channel", r.channel},
                     {"data", json::parse(r.data_json)}};
        Body body{item.dump(), 0};
        body.id_at = body.text.find(kPlaceholderId);
        bodies.push_back(std::move(body));
    }
    return bodies;
}

// splitmix64: fresh ids without a lock or a system call per request.
std::uint64_t next_random(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::string fresh_id(std::uint64_t& state) {
    std::array<std::uint8_t, 16> bytes{};
    for (int half = 0; half < 2; ++half) {
        const std::uint64_t r = next_random(state);
        for (int i = 0; i < 8; ++i) bytes[static_cast<std::size_t>(half * 8 + i)] = static_cast<std::uint8_t>(r >> (8 * i));
    }
    return Uuid::from_random(bytes).to_string();
}

// --- 3. Sending -----------------------------------------------------------------------------------

struct Tally {
    std::vector<double> latencies_ms;  // of acknowledged (2xx) responses
    std::map<int, long> statuses;      // 0: no answer (connection failed)
    long accepted = 0;
};

// What one run sends: a response with a fresh id, or (the baseline) a health check.
enum class Sending { Responses, HealthChecks };

json run_load(const Options& o, const std::vector<Body>& bodies, Sending sending) {
    std::FILE* acked = o.acked.empty() ? nullptr : std::fopen(o.acked.c_str(), "a");
    if (!o.acked.empty() && !acked) usage("cannot write " + o.acked);
    std::mutex acked_mutex;
    std::vector<Tally> tallies(static_cast<std::size_t>(o.threads));
    const Clock::time_point start = Clock::now();
    const Clock::time_point end = start + std::chrono::microseconds(static_cast<long long>(o.seconds * 1e6));
    std::vector<std::thread> threads;
    for (int t = 0; t < o.threads; ++t) {
        threads.emplace_back([&, t] {
            Tally& tally = tallies[static_cast<std::size_t>(t)];
            // The clock in the seed: ids never repeat between runs against the same store.
            std::uint64_t random = o.seed * 1'000'003 + static_cast<std::uint64_t>(t) * 7919 +
                                   static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
            httplib::Client client(o.host, o.port);
            client.set_keep_alive(true);
            client.set_tcp_nodelay(true);  // as browsers do
            client.set_connection_timeout(5);
            client.set_read_timeout(30);
            const double interval_s = o.rate > 0 ? o.threads / o.rate : 0;
            // Threads start spread over one interval, so a fixed rate is even, not in waves.
            Clock::time_point due = start + std::chrono::microseconds(static_cast<long long>(interval_s * 1e6 * t / o.threads));
            for (long i = static_cast<long>(t);; i += o.threads) {
                if (!o.until_gone && Clock::now() >= end) break;
                if (interval_s > 0) {
                    std::this_thread::sleep_until(due);
                    if (!o.until_gone && due >= end) break;
                }
                const Clock::time_point sent = interval_s > 0 ? due : Clock::now();
                due += std::chrono::microseconds(static_cast<long long>(interval_s * 1e6));
                if (sending == Sending::HealthChecks) {
                    const httplib::Result res = client.Get("/api/v1/health");
                    const int status = res ? res->status : 0;
                    tally.statuses[status] += 1;
                    if (status == 200) {
                        tally.latencies_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
                        tally.accepted += 1;
                    }
                    continue;
                }
                Body body = bodies[static_cast<std::size_t>(i) % bodies.size()];
                const std::string id = fresh_id(random);
                body.text.replace(body.id_at, id.size(), id);
                const httplib::Result res = client.Post("/api/v1/responses", body.text, "application/json");
                const int status = res ? res->status : 0;
                tally.statuses[status] += 1;
                if (!res) {
                    if (o.until_gone) return;  // the server is gone: this round is over
                    continue;
                }
                if (status >= 200 && status < 300) {
                    tally.latencies_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
                    if (status == 201) tally.accepted += 1;
                    if (acked) {
                        std::lock_guard lock(acked_mutex);
                        std::fprintf(acked, "%s\n", id.c_str());
                        std::fflush(acked);
                    }
                }
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    const double elapsed_s = std::chrono::duration<double>(Clock::now() - start).count();
    if (acked) std::fclose(acked);

    Tally all;
    for (const Tally& tally : tallies) {
        all.latencies_ms.insert(all.latencies_ms.end(), tally.latencies_ms.begin(), tally.latencies_ms.end());
        for (const auto& [status, n] : tally.statuses) all.statuses[status] += n;
        all.accepted += tally.accepted;
    }
    std::sort(all.latencies_ms.begin(), all.latencies_ms.end());
    const auto percentile = [&](double p) {
        if (all.latencies_ms.empty()) return 0.0;
        return all.latencies_ms[std::min(all.latencies_ms.size() - 1, static_cast<std::size_t>(p * all.latencies_ms.size()))];
    };
    json statuses = json::object();
    for (const auto& [status, n] : all.statuses) statuses[status == 0 ? "no answer" : std::to_string(status)] = n;
    return {{"threads", o.threads},
                          {"target_rate", o.rate},
                          {"seconds", std::round(elapsed_s * 100) / 100},
                          {"accepted", all.accepted},
                          {"accepted_per_s", std::round(all.accepted / elapsed_s)},
                          {"p50_ms", std::round(percentile(0.50) * 100) / 100},
                          {"p99_ms", std::round(percentile(0.99) * 100) / 100},
                          {"max_ms", all.latencies_ms.empty() ? 0.0 : std::round(all.latencies_ms.back() * 100) / 100},
                          {"statuses", statuses}};
}

int run_load(const Options& o) {
    const survey::Survey survey = load_survey_file(o.survey);
    const std::vector<Body> bodies = make_bodies(survey, o.seed);
    if (!o.baseline) {
        std::printf("%s\n", run_load(o, bodies, Sending::Responses).dump().c_str());
        return 0;
    }
    json health = run_load(o, bodies, Sending::HealthChecks);
    json responses = run_load(o, bodies, Sending::Responses);
    const double health_rate = health["accepted_per_s"].get<double>();
    const json summary = {{"health_checks", health},
                          {"responses", responses},
                          {"responses_per_health_check",
                           health_rate > 0 ? std::round(responses["accepted_per_s"].get<double>() / health_rate * 1000) / 1000 : 0.0}};
    std::printf("%s\n", summary.dump().c_str());
    return 0;
}

// --- 4. Verifying ---------------------------------------------------------------------------------

int run_verify(const Options& o) {
    const survey::Survey survey = load_survey_file(o.survey);
    std::ifstream in(o.verify);
    std::map<std::string, int> acknowledged;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) acknowledged[line] += 1;
    }
    httplib::Client client(o.host, o.port);
    client.set_read_timeout(120);
    const httplib::Result res = client.Get("/api/v1/export?survey=" + survey.id, {{"Authorization", "Bearer " + o.token}});
    if (!res || res->status != 200) {
        std::fprintf(stderr, "collector_load: the export failed (%d): %s\n", res ? res->status : 0, res ? res->body.c_str() : "no answer");
        return 1;
    }
    // The export is read as a bundle would be, with the id count kept here (read_bundle would
    // refuse a duplicate outright; this says how many there are).
    const json exported = json::parse(res->body, nullptr, false);
    std::map<std::string, int> stored;
    for (const json& r : exported.value("responses", json::array())) stored[r.value("id", "")] += 1;
    long missing = 0, duplicated = 0, unacknowledged = 0;
    for (const auto& [id, n] : acknowledged) {
        const auto found = stored.find(id);
        if (found == stored.end()) ++missing;
    }
    for (const auto& [id, n] : stored) {
        if (n > 1) ++duplicated;
        if (!acknowledged.count(id)) ++unacknowledged;
    }
    // The export must also be a bundle the CLI reads, unless it is over the size a bundle file
    // may be (docs/api.md says so; the counts above do not depend on it).
    std::string bundle_check = "ok";
    bool bundle_ok = true;
    if (res->body.size() > kMaxBundleBytes) {
        bundle_check = "not read: the export is " + std::to_string(res->body.size() >> 20) + " MiB, over the " +
                       std::to_string(kMaxBundleBytes >> 20) + " MiB a bundle file may be";
    } else if (Result<ResponseBundle> read = read_bundle(res->body, "export"); !read) {
        bundle_check = read.error().to_string();
        bundle_ok = false;
    }
    const json counts = {{"acknowledged", acknowledged.size()},
                         {"stored", exported.value("responses", json::array()).size()},
                         {"missing", missing},
                         {"duplicated", duplicated},
                         {"stored_not_acknowledged", unacknowledged},
                         {"export_as_bundle", bundle_check}};
    std::printf("%s\n", counts.dump().c_str());
    return missing == 0 && duplicated == 0 && bundle_ok ? 0 : 1;
}

}  // namespace

// --- 5. main ----------------------------------------------------------------------------------------

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);  // a killed server must show as a failed request, not end the load
    const Options o = parse_options(argc, argv);
    return o.verify.empty() ? run_load(o) : run_verify(o);
}
