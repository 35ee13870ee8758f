// Journal records as JSON text, and their idempotent replay onto a store.
// Sections: 1. encoding  2. decoding  3. replay
#include "core/store/journal.h"

#include <optional>
#include <type_traits>
#include <variant>

#include <nlohmann/json.hpp>

#include "core/io/json_document.h"

namespace canvass {
namespace {

using nlohmann::json;

// --- 1. encoding -------------------------------------------------------------------------------
// A string that is not UTF-8 (a JavaScript lone surrogate can make one) is written with U+FFFD
// in its place rather than failing the write: the record stays readable and the store keeps the
// original bytes.
std::string dump(const json& record) { return record.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

namespace {

json response_record(const StoredResponse& r) {
    return {{"v", kJournalFormatVersion},
            {"kind", "response"},
            {"response",
             {{"id", r.id},
              {"survey_id", r.survey_id},
              {"survey_version", r.survey_version},
              {"locale", r.locale},
              {"segment", r.segment},
              {"channel", r.channel},
              {"started_at", r.started_at},
              {"submitted_at", r.submitted_at},
              {"data", r.data_json}}}};
}

}  // namespace

std::string journal_response_submitted(const StoredResponse& r) { return dump(response_record(r)); }

// The outbox entry travels in the response's own record: one record, so a replay can never
// restore the response without its place in the queue.
std::string journal_response_submitted(const StoredResponse& r, const OutboxEntry& outbox) {
    json record = response_record(r);
    record["outbox"] = {{"url", outbox.url}, {"body", outbox.body}, {"queued_at", outbox.queued_at}};
    return dump(record);
}

std::string journal_outbox_settled(const std::string& id, OutboxState state, const std::string& outcome) {
    return dump({{"v", kJournalFormatVersion}, {"kind", "outbox"}, {"id", id}, {"state", outbox_state_name(state)}, {"outcome", outcome}});
}

std::string journal_draft_saved(const Draft& d) {
    return dump({{"v", kJournalFormatVersion},
                 {"kind", "draft"},
                 {"draft",
                  {{"id", d.id},
                   {"survey_id", d.survey_id},
                   {"survey_version", d.survey_version},
                   {"locale", d.locale},
                   {"channel", d.channel},
                   {"started_at", d.started_at},
                   {"updated_at_ms", d.updated_at_ms},
                   {"data", d.data_json},
                   {"position", d.position_json}}}});
}

std::string journal_draft_discarded(const std::string& survey_id) {
    return dump({{"v", kJournalFormatVersion}, {"kind", "discard"}, {"survey_id", survey_id}});
}

std::string journal_partial_discarded(const std::string& id, const std::string& day) {
    return dump({{"v", kJournalFormatVersion}, {"kind", "partial"}, {"id", id}, {"day", day}});
}

std::string journal_responses_exported(const std::vector<std::string>& ids, const std::string& at) {
    return dump({{"v", kJournalFormatVersion}, {"kind", "exported"}, {"ids", ids}, {"at", at}});
}

std::string journal_responses_deleted(const std::vector<std::string>& ids) {
    return dump({{"v", kJournalFormatVersion}, {"kind", "deleted"}, {"ids", ids}});
}

std::string journal_setting_changed(const std::string& key, const std::string& value) {
    return dump({{"v", kJournalFormatVersion}, {"kind", "setting"}, {"key", key}, {"value", value}});
}

// --- 2. decoding -------------------------------------------------------------------------------
namespace {

struct Discard { std::string survey_id; };
struct Partial { std::string id, day; };
struct Exported { std::vector<std::string> ids; std::string at; };
struct Deleted { std::vector<std::string> ids; };
struct Setting { std::string key, value; };
struct Submitted { StoredResponse response; std::optional<OutboxEntry> outbox; };
struct OutboxAnswer { std::string id; OutboxState state; std::string outcome; };
using Change = std::variant<Submitted, Draft, Discard, Partial, Exported, Deleted, Setting, OutboxAnswer>;

// Reads fields out of one JSON object; the first problem is kept and later reads do nothing.
class Fields {
public:
    Fields(const json& object, std::string name) : object_(object), name_(std::move(name)) {}

    std::string text(const char* key) {
        const json* value = find(key);
        if (!value) return {};
        if (!value->is_string()) return fail("\"" + std::string(key) + "\" in " + name_ + " is not text");
        return value->get<std::string>();
    }
    std::vector<std::string> texts(const char* key) {
        const json* value = find(key);
        std::vector<std::string> items;
        if (!value) return items;
        if (!value->is_array()) {
            fail("\"" + std::string(key) + "\" in " + name_ + " is not a list");
            return items;
        }
        for (const json& item : *value) {
            if (!item.is_string()) {
                fail("\"" + std::string(key) + "\" in " + name_ + " holds something that is not text");
                return {};
            }
            items.push_back(item.get<std::string>());
        }
        return items;
    }
    std::int64_t integer(const char* key) {
        const json* value = find(key);
        if (!value) return 0;
        if (!value->is_number_integer()) {
            fail("\"" + std::string(key) + "\" in " + name_ + " is not a whole number");
            return 0;
        }
        return value->get<std::int64_t>();
    }
    const std::optional<std::string>& problem() const { return problem_; }

private:
    const json* find(const char* key) {
        if (problem_) return nullptr;
        const auto found = object_.find(key);
        if (found == object_.end()) {
            fail("\"" + std::string(key) + "\" is missing from " + name_);
            return nullptr;
        }
        return &*found;
    }
    std::string fail(std::string problem) {
        if (!problem_) problem_ = std::move(problem);
        return {};
    }

    const json& object_;
    std::string name_;
    std::optional<std::string> problem_;
};

// A record's problem, without the "journal record N: " its caller adds.
Result<Change> decode(const std::string& text) {
    // A record carries one response: the survey loader's limits are ample.
    Result<json> parsed = parse_json_document(text, "record", JsonLimits{16 * 1024 * 1024, 64});
    if (!parsed) return make_error(parsed.error().message + " (at " + parsed.error().location + ")");
    const json& record = *parsed;
    if (!record.is_object()) return make_error("not a JSON object");
    Fields top(record, "the record");
    const std::int64_t version = top.integer("v");
    const std::string kind = top.text("kind");
    if (top.problem()) return make_error(*top.problem());
    if (version > kJournalFormatVersion || version < 1) {
        return make_error("record format " + std::to_string(version) + " is not one this Canvass reads (1 to " +
                          std::to_string(kJournalFormatVersion) + ")");
    }
    const auto body = [&](const char* key) -> const json* {
        const auto found = record.find(key);
        return found != record.end() && found->is_object() ? &*found : nullptr;
    };
    if (kind == "response") {
        const json* object = body("response");
        if (!object) return make_error("\"response\" is missing or not an object");
        Fields f(*object, "\"response\"");
        StoredResponse r{f.text("id"),         f.text("survey_id"),  f.text("survey_version"),
                         f.text("locale"),     f.text("segment"),    f.text("channel"),
                         f.text("started_at"), f.text("submitted_at"), f.text("data")};
        if (f.problem()) return make_error(*f.problem());
        Submitted submitted{std::move(r), std::nullopt};
        if (const auto queued = record.find("outbox"); queued != record.end()) {
            if (!queued->is_object()) return make_error("\"outbox\" is not an object");
            Fields o(*queued, "\"outbox\"");
            OutboxEntry entry{submitted.response.id, o.text("url"), o.text("body"), o.text("queued_at"), OutboxState::Queued, ""};
            if (o.problem()) return make_error(*o.problem());
            submitted.outbox = std::move(entry);
        }
        return Change{std::move(submitted)};
    }
    if (kind == "draft") {
        const json* object = body("draft");
        if (!object) return make_error("\"draft\" is missing or not an object");
        Fields f(*object, "\"draft\"");
        Draft d;
        d.id = f.text("id");
        d.survey_id = f.text("survey_id");
        d.survey_version = f.text("survey_version");
        d.locale = f.text("locale");
        d.channel = f.text("channel");
        d.started_at = f.text("started_at");
        d.updated_at_ms = f.integer("updated_at_ms");
        d.data_json = f.text("data");
        d.position_json = f.text("position");
        if (f.problem()) return make_error(*f.problem());
        return Change{std::move(d)};
    }
    if (kind == "discard") {
        Discard discard{top.text("survey_id")};
        if (top.problem()) return make_error(*top.problem());
        return Change{std::move(discard)};
    }
    if (kind == "partial") {
        Partial partial{top.text("id"), top.text("day")};
        if (top.problem()) return make_error(*top.problem());
        return Change{std::move(partial)};
    }
    if (kind == "exported") {
        Exported exported{top.texts("ids"), top.text("at")};
        if (top.problem()) return make_error(*top.problem());
        return Change{std::move(exported)};
    }
    if (kind == "deleted") {
        Deleted deleted{top.texts("ids")};
        if (top.problem()) return make_error(*top.problem());
        return Change{std::move(deleted)};
    }
    if (kind == "setting") {
        Setting setting{top.text("key"), top.text("value")};
        if (top.problem()) return make_error(*top.problem());
        return Change{std::move(setting)};
    }
    if (kind == "outbox") {
        OutboxAnswer answer{top.text("id"), OutboxState::Queued, ""};
        const std::string state = top.text("state");
        answer.outcome = top.text("outcome");
        if (top.problem()) return make_error(*top.problem());
        if (state != "sent" && state != "refused") return make_error("\"state\" is \"" + state + "\", not \"sent\" or \"refused\"");
        answer.state = state == "sent" ? OutboxState::Sent : OutboxState::Refused;
        return Change{std::move(answer)};
    }
    return make_error("unknown kind \"" + kind + "\" (expected response, draft, discard, partial, exported, deleted, setting or outbox)");
}

enum class Outcome { Applied, Skipped };

// Whether a response is already stored decides both kinds: a stored response means this record
// (or a later one) has been applied before, so applying it again would undo newer changes.
Result<Outcome> apply_change(ResponseStore& store, const Change& change) {
    if (const auto* submitted = std::get_if<Submitted>(&change)) {
        const StoredResponse* response = &submitted->response;
        // Queued whether or not the response is inserted below: entries are never deleted, so
        // this only fills in an entry a crash left out, never re-queues a sent one.
        if (submitted->outbox) {
            if (Status queued = store.queue_outbox(*submitted->outbox); !queued) return queued.error();
        }
        Result<std::optional<StoredResponse>> existing = store.find(response->id);
        if (!existing) return existing.error();
        if (existing->has_value()) return Outcome::Skipped;
        // Exported, checked and deleted by staff: an older record must not bring it back.
        Result<bool> exported = store.exported_before(response->id);
        if (!exported) return exported.error();
        if (*exported) return Outcome::Skipped;
        if (Status inserted = store.submit(*response); !inserted) return inserted.error();
        return Outcome::Applied;
    }
    if (const auto* draft = std::get_if<Draft>(&change)) {
        Result<std::optional<StoredResponse>> submitted = store.find(draft->id);
        if (!submitted) return submitted.error();
        if (submitted->has_value()) return Outcome::Skipped;
        Result<bool> exported = store.exported_before(draft->id);  // submitted, exported and deleted since
        if (!exported) return exported.error();
        if (*exported) return Outcome::Skipped;
        if (Status saved = store.save_draft(*draft); !saved) return saved.error();
        return Outcome::Applied;
    }
    // The rest are idempotent by themselves: a counted partial, an export mark, a deletion and a
    // setting come out the same however often they are applied.
    Status applied = std::visit(
        [&](const auto& c) -> Status {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, Discard>) return store.discard_draft(c.survey_id);
            else if constexpr (std::is_same_v<T, Partial>) return store.note_discarded_partial(c.id, c.day);
            else if constexpr (std::is_same_v<T, Exported>) return store.mark_exported(c.ids, c.at);
            else if constexpr (std::is_same_v<T, Deleted>) return store.delete_exported(c.ids);
            else if constexpr (std::is_same_v<T, Setting>) return store.set_device_setting(c.key, c.value);
            else if constexpr (std::is_same_v<T, OutboxAnswer>) return store.settle_outbox(c.id, c.state, c.outcome);
            else return Ok{};  // responses and drafts are handled above
        },
        change);
    if (!applied) return applied.error();
    return Outcome::Applied;
}

}  // namespace

// --- 3. replay ---------------------------------------------------------------------------------
Result<ReplayReport> replay_journal(ResponseStore& store, const std::vector<std::string>& records) {
    ReplayReport report;
    if (records.empty()) return report;
    Status replayed = store.in_batch([&]() -> Status {
        for (std::size_t i = 0; i < records.size(); ++i) {
            Result<Change> change = decode(records[i]);
            Result<Outcome> outcome = change ? apply_change(store, *change) : Result<Outcome>(change.error());
            if (outcome) {
                ++(*outcome == Outcome::Applied ? report.applied : report.skipped);
                continue;
            }
            Error rejected = make_error("journal record " + std::to_string(i) + ": " + outcome.error().message, store.path());
            if (Status kept = store.keep_rejected_record({records[i], rejected.message}); !kept) return kept;
            report.rejected.push_back(std::move(rejected));
        }
        return Ok{};
    });
    if (!replayed) return make_error("replaying the journal: " + replayed.error().message, store.path());
    return report;
}

}  // namespace canvass
