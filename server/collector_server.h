// The collector's HTTP binding (cpp-httplib): `canvass serve`. Routes /api/v1/ to the pure
// decisions in core/collect, writes through the group-commit writer, and serves the built web
// folder, so one process is a whole deployment (docs/api.md, docs/deploy.md). Native only.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/collect/rate_limit.h"
#include "core/collect/submission.h"

namespace canvass::server {

struct ServerConfig {
    std::string bind = "127.0.0.1";
    int port = 8080;            // 0: the system picks a free port
    std::string data_dir;       // holds collector.sqlite and staff-token.sha256
    std::string web_dir;        // the built web folder; "" serves no files
    collect::HostedSurveys surveys;
    collect::RateLimit rate;
    std::size_t max_response_bytes = collect::kMaxResponseBodyBytes;
    std::size_t max_bundle_bytes = collect::kMaxBundleBodyBytes;
    // Behind a reverse proxy every request comes from the proxy's address: take the client's
    // from the last X-Forwarded-For entry (the one the proxy added) instead.
    bool behind_proxy = false;
    int threads = 64;  // connections served at once (a keep-alive connection holds one)
    std::vector<std::string> allowed_origins;  // other origins whose pages may POST responses
    // The folder with manifest.json that the surveys were read from: served at /surveys/ ahead
    // of the web folder's own, so the page gets the manifest this server checks against. "": none.
    std::string surveys_dir;
    // Collectors on other origins named by the manifest ("collector"): the app's page is served
    // with its CSP's connect-src listing them, so its outbox may post there (docs/outbox.md).
    std::vector<std::string> connect_origins;
};

// The files in a data folder.
std::string store_path(const std::string& data_dir);
std::string token_hash_path(const std::string& data_dir);

// Runs until SIGINT or SIGTERM. Prints "listening on http://ADDR:PORT" once ready. Returns the
// exit status: 0 after a clean stop, 2 when it cannot start (one line on stderr says why).
int run_collector(const ServerConfig& config);

}  // namespace canvass::server
