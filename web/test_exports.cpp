// Test and benchmark entry points into the store (docs/automation.md, "Test exports"). The
// respondent flow is not built yet, so tests/e2e/storage.test.mjs and bench/durability.mjs store
// responses through these, on the real path: DurableStore, SQLite, the IndexedDB journal. They
// refuse unless the page was opened with ?test-exports, and they are not part of window.canvass,
// which stays read-only.
//
// One function, canvass_test(request JSON) -> result JSON, with an "op":
//   submit {response, ticket}   starts a submit; its outcome arrives via Module.onCanvassTestSettled(ticket, ok, message)
//   checkpoint {ticket}         starts a checkpoint; outcome as for submit
//   saveDraft {draft}           discardDraft {surveyId}      takeDraft {surveyId, nowMs, maxAgeMs}
//   find {id}                   fill {count, dataBytes}: stores `count` made-up responses straight into
//                               SQLite without journalling them (benchmark set-up; checkpoint after)
#include <emscripten/emscripten.h>

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "core/io/json_document.h"
#include "core/util/uuid.h"
#include "platform/platform.h"
#include "web/web_app.h"

namespace canvass::web {
WebApp& mutable_running_app();

namespace {

// clang-format off
EM_JS(int, js_test_exports_enabled, (), { return Module['canvassTestExports'] === true ? 1 : 0; });
EM_JS(void, js_test_settle, (int ticket, int ok, const char* message), {
    if (Module['onCanvassTestSettled']) Module['onCanvassTestSettled'](ticket, ok === 1, UTF8ToString(message));
});
// clang-format on

using nlohmann::json;

std::string text(const json& object, const char* key) {
    const auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::int64_t number(const json& object, const char* key) {
    const auto found = object.find(key);
    return found != object.end() && found->is_number() ? found->get<std::int64_t>() : 0;
}

json draft_json(const Draft& d) {
    return {{"id", d.id}, {"surveyId", d.survey_id}, {"surveyVersion", d.survey_version}, {"locale", d.locale},
            {"channel", d.channel}, {"startedAt", d.started_at}, {"updatedAtMs", d.updated_at_ms},
            {"data", d.data_json}, {"position", d.position_json}};
}

json failure(const Error& error) { return {{"ok", false}, {"error", error.to_string()}}; }

std::function<void(Status)> settle_ticket(int ticket) {
    return [ticket](Status outcome) {
        js_test_settle(ticket, outcome ? 1 : 0, outcome ? "" : outcome.error().to_string().c_str());
    };
}

json handle(const json& request) {
    DurableStore* store = mutable_running_app().store();
    if (!store) return failure(make_error("the store is not open"));
    const std::string op = text(request, "op");
    if (op == "submit") {
        const json r = request.value("response", json::object());
        StoredResponse response{text(r, "id"),        text(r, "surveyId"),    text(r, "surveyVersion"),
                                text(r, "locale"),    text(r, "segment"),     text(r, "channel"),
                                text(r, "startedAt"), text(r, "submittedAt"), text(r, "data")};
        store->submit(response, settle_ticket(static_cast<int>(number(request, "ticket"))));
        return {{"ok", true}};
    }
    if (op == "checkpoint") {
        store->checkpoint(settle_ticket(static_cast<int>(number(request, "ticket"))));
        return {{"ok", true}};
    }
    if (op == "saveDraft") {
        const json d = request.value("draft", json::object());
        Draft draft{text(d, "id"),        text(d, "surveyId"), text(d, "surveyVersion"), text(d, "locale"), text(d, "channel"),
                    text(d, "startedAt"), number(d, "updatedAtMs"), text(d, "data"), text(d, "position")};
        Status saved = store->save_draft(draft);
        return saved ? json{{"ok", true}} : failure(saved.error());
    }
    if (op == "discardDraft") {
        Status discarded = store->discard_draft(text(request, "surveyId"));
        return discarded ? json{{"ok", true}} : failure(discarded.error());
    }
    if (op == "takeDraft") {
        Result<std::optional<Draft>> taken =
            store->take_live_draft(text(request, "surveyId"), number(request, "nowMs"), number(request, "maxAgeMs"));
        if (!taken) return failure(taken.error());
        return {{"ok", true}, {"draft", taken->has_value() ? draft_json(**taken) : json(nullptr)}};
    }
    if (op == "find") {
        Result<std::optional<StoredResponse>> found = store->store().find(text(request, "id"));
        if (!found) return failure(found.error());
        if (!found->has_value()) return {{"ok", true}, {"response", nullptr}};
        const StoredResponse& r = **found;
        return {{"ok", true},
                {"response", {{"id", r.id}, {"surveyId", r.survey_id}, {"surveyVersion", r.survey_version},
                              {"locale", r.locale}, {"segment", r.segment}, {"channel", r.channel},
                              {"startedAt", r.started_at}, {"submittedAt", r.submitted_at}, {"data", r.data_json}}}};
    }
    if (op == "fill") {
        const std::int64_t count = number(request, "count");
        const std::string data = "{\"ideas\":\"" + std::string(static_cast<std::size_t>(std::max<std::int64_t>(0, number(request, "dataBytes"))), 'x') + "\"}";
        Status filled = store->store().in_batch([&]() -> Status {
            for (std::int64_t i = 0; i < count; ++i) {
                const std::string id = Uuid::from_random(platform::random_bytes_16()).to_string();
                StoredResponse r{id, "diz-digital-needs", "bench", "en", "resident", "kiosk",
                                 "2026-11-26T10:00:00Z", "2026-11-26T10:07:00Z", data};
                if (Status inserted = store->store().insert(r); !inserted) return inserted;
            }
            return Ok{};
        });
        return filled ? json{{"ok", true}} : failure(filled.error());
    }
    return failure(make_error("unknown op \"" + op + "\""));
}

}  // namespace
}  // namespace canvass::web

extern "C" {

// The returned text stays valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* canvass_test(const char* request_json) {
    using namespace canvass;
    static std::string buffer;
    nlohmann::json result;
    if (!web::js_test_exports_enabled()) {
        result = web::failure(make_error("test exports are off: open the page with ?test-exports"));
    } else if (Result<nlohmann::json> request = parse_json_document(request_json, "request"); !request || !request->is_object()) {
        result = web::failure(request ? make_error("the request is not a JSON object") : request.error());
    } else {
        result = web::handle(*request);
    }
    buffer = result.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return buffer.c_str();
}

}
