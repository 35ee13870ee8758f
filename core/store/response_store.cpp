// Schema migrations, then reads and writes of responses, drafts and rejected journal records.
#include "core/store/response_store.h"

#include <array>
#include <string_view>

namespace canvass {
namespace {

// Migration N takes the schema from version N to N+1. Append only: never edit a shipped one.
constexpr std::array<std::string_view, 4> kMigrations = {
    R"sql(
    CREATE TABLE responses (
        id             TEXT PRIMARY KEY,
        survey_id      TEXT NOT NULL,
        survey_version TEXT NOT NULL,
        locale         TEXT NOT NULL,
        segment        TEXT NOT NULL DEFAULT '',
        channel        TEXT NOT NULL CHECK (channel IN ('online', 'kiosk', 'paper', 'phone')),
        started_at     TEXT NOT NULL,
        submitted_at   TEXT NOT NULL,
        data           TEXT NOT NULL
    ) STRICT;
    CREATE INDEX responses_by_survey ON responses (survey_id, submitted_at);
    )sql",
    // 2: drafts (resume after a reload), and journal records that could not be replayed.
    R"sql(
    CREATE TABLE drafts (
        survey_id      TEXT PRIMARY KEY,
        id             TEXT NOT NULL,
        survey_version TEXT NOT NULL,
        locale         TEXT NOT NULL,
        channel        TEXT NOT NULL CHECK (channel IN ('online', 'kiosk', 'paper', 'phone')),
        started_at     TEXT NOT NULL,
        updated_at_ms  INTEGER NOT NULL,
        data           TEXT NOT NULL,
        position       TEXT NOT NULL
    ) STRICT;
    CREATE TABLE journal_rejects (
        record  TEXT PRIMARY KEY,
        problem TEXT NOT NULL
    ) STRICT;
    )sql",
    // 3: event kiosks. Partial responses a kiosk discarded are counted by their id alone (never
    // their answers), so replaying a record twice counts it once. When a staff member exported a
    // response: the row outlives the response's deletion, so a replayed journal cannot bring a
    // deleted response back. (Not a column of responses: ALTER TABLE needs SQLite features the
    // web build leaves out.) The device's own settings: its id, the staff PIN's hash.
    R"sql(
    CREATE TABLE discarded_partials (
        id           TEXT PRIMARY KEY,
        discarded_on TEXT NOT NULL
    ) STRICT;
    CREATE TABLE response_exports (
        id          TEXT PRIMARY KEY,
        exported_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE device_settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;
    )sql",
    // 4: the outbox (docs/outbox.md): each response also to be sent to the collector, queued in
    // its submit's transaction. Its own table, not a column of responses: a response deleted
    // after export may still be waiting to be sent, and rows are never deleted, so an old
    // journal record replayed later cannot queue a sent response again.
    R"sql(
    CREATE TABLE outbox (
        id        TEXT PRIMARY KEY,
        url       TEXT NOT NULL,
        body      TEXT NOT NULL,
        queued_at TEXT NOT NULL,
        state     TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'refused')),
        outcome   TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX outbox_by_state ON outbox (state);
    )sql",
};
static_assert(kMigrations.size() == ResponseStore::current_schema_version);

Result<std::int64_t> count_rows(const Database& db, std::string_view sql) {
    Result<Statement> query = db.prepare(sql);
    if (!query) return query.error();
    if (Result<bool> row = query->step(); !row) return row.error();
    return query->column_int(0);
}

}  // namespace

Result<ResponseStore> ResponseStore::open(const DatabaseLocation& where) {
    Result<Database> db = Database::open(where);
    if (!db) return db.error();
    ResponseStore store(std::move(db).value());
    if (Status migrated = store.migrate(); !migrated) return migrated.error();
    return store;
}

// secure_delete: an expired or discarded draft is overwritten, not left in a free page of the
// file that is copied into every later checkpoint.
Status ResponseStore::migrate() {
    if (Status pragmas = db_.exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA secure_delete = ON;");
        !pragmas) {
        return pragmas;
    }
    Result<Statement> version = db_.prepare("PRAGMA user_version");
    if (!version) return version.error();
    if (Result<bool> row = version->step(); !row) return row.error();
    schema_version_ = static_cast<int>(version->column_int(0));
    if (schema_version_ > current_schema_version) {
        return make_error("the store has schema version " + std::to_string(schema_version_) +
                              ", newer than this Canvass understands (" + std::to_string(current_schema_version) +
                              "); open it with a newer Canvass",
                          db_.path());
    }
    if (schema_version_ == current_schema_version) return Ok{};
    // Every step in one transaction: a crash or failure part-way leaves the store as it was.
    int reached = schema_version_;
    Status steps = in_transaction(db_, [&]() -> Status {
        for (; reached < current_schema_version; ++reached) {
            if (Status applied = db_.exec(kMigrations[static_cast<std::size_t>(reached)]); !applied) {
                return make_error("migrating to schema " + std::to_string(reached + 1) + ": " + applied.error().message,
                                  db_.path());
            }
        }
        return db_.exec("PRAGMA user_version = " + std::to_string(current_schema_version));
    });
    if (!steps) return steps;
    schema_version_ = current_schema_version;
    return Ok{};
}

namespace {

// A lookup of at most one row by its key (?1); `read` turns the row into a T.
template <class T, class Read>
Result<std::optional<T>> find_one(const Database& db, std::string_view sql, const std::string& key, Read&& read) {
    Result<Statement> query = db.prepare(sql);
    if (!query) return query.error();
    query->bind(1, key);
    Result<bool> row = query->step();
    if (!row) return row.error();
    if (!*row) return std::optional<T>{};
    return std::optional<T>{read(*query)};
}

}  // namespace

Result<std::int64_t> ResponseStore::count_responses() const { return count_rows(db_, "SELECT count(*) FROM responses"); }
Result<std::int64_t> ResponseStore::count_drafts() const { return count_rows(db_, "SELECT count(*) FROM drafts"); }

Status ResponseStore::insert_row(const StoredResponse& r) {
    Result<std::optional<StoredResponse>> existing = find(r.id);
    if (!existing) return existing.error();
    if (existing->has_value()) return make_error("a response with id " + r.id + " is already stored", db_.path());
    Result<Statement> insert = db_.prepare(
        "INSERT INTO responses (id, survey_id, survey_version, locale, segment, channel, started_at, submitted_at, data)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!insert) return insert.error();
    insert->bind(1, r.id).bind(2, r.survey_id).bind(3, r.survey_version).bind(4, r.locale).bind(5, r.segment);
    insert->bind(6, r.channel).bind(7, r.started_at).bind(8, r.submitted_at).bind(9, r.data_json);
    return insert->run();
}

Status ResponseStore::insert(const StoredResponse& r) {
    return in_savepoint(db_, [&] { return insert_row(r); });
}

Status ResponseStore::submit(const StoredResponse& r) {
    return in_savepoint(db_, [&]() -> Status {
        if (Status inserted = insert_row(r); !inserted) return inserted;
        Result<Statement> drop = db_.prepare("DELETE FROM drafts WHERE survey_id = ?1");
        if (!drop) return drop.error();
        drop->bind(1, r.survey_id);
        return drop->run();
    });
}

Status ResponseStore::submit(const StoredResponse& r, const OutboxEntry& outbox) {
    return in_savepoint(db_, [&]() -> Status {
        if (Status submitted = submit(r); !submitted) return submitted;
        return queue_outbox(outbox);
    });
}

Result<std::optional<StoredResponse>> ResponseStore::find(const std::string& id) const {
    return find_one<StoredResponse>(db_,
                                    "SELECT r.id, survey_id, survey_version, locale, segment, channel, started_at, submitted_at, data,"
                                    " coalesce(e.exported_at, '') FROM responses r LEFT JOIN response_exports e ON e.id = r.id"
                                    " WHERE r.id = ?1",
                                    id, [](const Statement& row) {
                                        StoredResponse r;
                                        r.id = row.column_text(0);
                                        r.survey_id = row.column_text(1);
                                        r.survey_version = row.column_text(2);
                                        r.locale = row.column_text(3);
                                        r.segment = row.column_text(4);
                                        r.channel = row.column_text(5);
                                        r.started_at = row.column_text(6);
                                        r.submitted_at = row.column_text(7);
                                        r.data_json = row.column_text(8);
                                        r.exported_at = row.column_text(9);
                                        return r;
                                    });
}

Status ResponseStore::save_draft(const Draft& d) {
    return in_savepoint(db_, [&]() -> Status {
        Result<Statement> upsert = db_.prepare(
            "INSERT OR REPLACE INTO drafts"
            " (survey_id, id, survey_version, locale, channel, started_at, updated_at_ms, data, position)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        if (!upsert) return upsert.error();
        upsert->bind(1, d.survey_id).bind(2, d.id).bind(3, d.survey_version).bind(4, d.locale).bind(5, d.channel);
        upsert->bind(6, d.started_at).bind(7, d.updated_at_ms).bind(8, d.data_json).bind(9, d.position_json);
        return upsert->run();
    });
}

Result<std::optional<Draft>> ResponseStore::find_draft(const std::string& survey_id) const {
    return find_one<Draft>(db_,
                           "SELECT survey_id, id, survey_version, locale, channel, started_at, updated_at_ms, data, position"
                           " FROM drafts WHERE survey_id = ?1",
                           survey_id, [](const Statement& row) {
                               Draft d;
                               d.survey_id = row.column_text(0);
                               d.id = row.column_text(1);
                               d.survey_version = row.column_text(2);
                               d.locale = row.column_text(3);
                               d.channel = row.column_text(4);
                               d.started_at = row.column_text(5);
                               d.updated_at_ms = row.column_int(6);
                               d.data_json = row.column_text(7);
                               d.position_json = row.column_text(8);
                               return d;
                           });
}

Result<std::optional<Draft>> ResponseStore::take_live_draft(const std::string& survey_id, std::int64_t now_ms,
                                                             std::int64_t max_age_ms) {
    Result<std::optional<Draft>> found = find_draft(survey_id);
    if (!found || !found->has_value() || !draft_expired(**found, now_ms, max_age_ms)) return found;
    if (Status dropped = discard_draft(survey_id); !dropped) return dropped.error();
    return std::optional<Draft>{};
}

Status ResponseStore::discard_draft(const std::string& survey_id) {
    return in_savepoint(db_, [&]() -> Status {
        Result<Statement> drop = db_.prepare("DELETE FROM drafts WHERE survey_id = ?1");
        if (!drop) return drop.error();
        drop->bind(1, survey_id);
        return drop->run();
    });
}

Status ResponseStore::note_discarded_partial(const std::string& id, const std::string& day) {
    return in_savepoint(db_, [&]() -> Status {
        Result<Statement> note = db_.prepare("INSERT OR IGNORE INTO discarded_partials (id, discarded_on) VALUES (?1, ?2)");
        if (!note) return note.error();
        note->bind(1, id).bind(2, day);
        return note->run();
    });
}

Result<std::int64_t> ResponseStore::count_discarded_partials() const {
    return count_rows(db_, "SELECT count(*) FROM discarded_partials");
}

Result<std::int64_t> ResponseStore::count_submitted_between(const std::string& from_iso, const std::string& to_iso) const {
    Result<Statement> query = db_.prepare("SELECT count(*) FROM responses WHERE submitted_at >= ?1 AND submitted_at < ?2");
    if (!query) return query.error();
    query->bind(1, from_iso).bind(2, to_iso);
    if (Result<bool> row = query->step(); !row) return row.error();
    return query->column_int(0);
}

Result<std::vector<StoredResponse>> ResponseStore::responses_of(const std::string& survey_id) const {
    Result<Statement> query = db_.prepare(
        "SELECT r.id, survey_id, survey_version, locale, segment, channel, started_at, submitted_at, data,"
        " coalesce(e.exported_at, '') FROM responses r LEFT JOIN response_exports e ON e.id = r.id"
        " WHERE survey_id = ?1 ORDER BY submitted_at, r.id");
    if (!query) return query.error();
    query->bind(1, survey_id);
    std::vector<StoredResponse> found;
    for (;;) {
        Result<bool> row = query->step();
        if (!row) return row.error();
        if (!*row) return found;
        found.push_back({query->column_text(0), query->column_text(1), query->column_text(2), query->column_text(3),
                         query->column_text(4), query->column_text(5), query->column_text(6), query->column_text(7),
                         query->column_text(8), query->column_text(9)});
    }
}

namespace {

// Runs `sql` once for each id (bound as ?1; `bind_rest` binds any other parameters), all in one
// savepoint: a staff export or deletion of many responses applies whole or not at all.
template <class BindRest>
Status for_each_id(Database& db, std::string_view sql, const std::vector<std::string>& ids, BindRest&& bind_rest) {
    return in_savepoint(db, [&]() -> Status {
        Result<Statement> statement = db.prepare(sql);
        if (!statement) return statement.error();
        for (const std::string& id : ids) {
            bind_rest(statement->reset().bind(1, id));
            if (Status done = statement->run(); !done) return done;
        }
        return Ok{};
    });
}

}  // namespace

Status ResponseStore::mark_exported(const std::vector<std::string>& ids, const std::string& at) {
    return for_each_id(db_, "INSERT OR IGNORE INTO response_exports (id, exported_at) SELECT id, ?2 FROM responses WHERE id = ?1",
                       ids, [&](Statement& mark) { mark.bind(2, at); });
}

Status ResponseStore::delete_exported(const std::vector<std::string>& ids) {
    return for_each_id(db_, "DELETE FROM responses WHERE id = ?1 AND id IN (SELECT id FROM response_exports)", ids,
                       [](Statement&) {});
}

Result<std::string> ResponseStore::last_export_at() const {
    Result<Statement> query = db_.prepare("SELECT coalesce(max(exported_at), '') FROM response_exports");
    if (!query) return query.error();
    if (Result<bool> row = query->step(); !row) return row.error();
    return query->column_text(0);
}

Result<bool> ResponseStore::exported_before(const std::string& id) const {
    Result<std::optional<std::string>> found = find_one<std::string>(
        db_, "SELECT exported_at FROM response_exports WHERE id = ?1", id, [](const Statement& row) { return row.column_text(0); });
    if (!found) return found.error();
    return found->has_value();
}

Status ResponseStore::set_device_setting(const std::string& key, const std::string& value) {
    return in_savepoint(db_, [&]() -> Status {
        Result<Statement> upsert = db_.prepare("INSERT OR REPLACE INTO device_settings (key, value) VALUES (?1, ?2)");
        if (!upsert) return upsert.error();
        upsert->bind(1, key).bind(2, value);
        return upsert->run();
    });
}

Result<std::optional<std::string>> ResponseStore::device_setting(const std::string& key) const {
    return find_one<std::string>(db_, "SELECT value FROM device_settings WHERE key = ?1", key,
                                 [](const Statement& row) { return row.column_text(0); });
}

const char* outbox_state_name(OutboxState state) {
    switch (state) {
        case OutboxState::Queued: return "queued";
        case OutboxState::Sent: return "sent";
        case OutboxState::Refused: return "refused";
    }
    return "queued";
}

namespace {

OutboxState outbox_state_from(const std::string& name) {
    if (name == "sent") return OutboxState::Sent;
    if (name == "refused") return OutboxState::Refused;
    return OutboxState::Queued;
}

constexpr std::string_view kOutboxColumns = "SELECT id, url, body, queued_at, state, outcome FROM outbox";

OutboxEntry outbox_row(const Statement& row) {
    return OutboxEntry{row.column_text(0), row.column_text(1), row.column_text(2),
                       row.column_text(3), outbox_state_from(row.column_text(4)), row.column_text(5)};
}

Result<std::vector<OutboxEntry>> outbox_in_state(const Database& db, OutboxState state) {
    Result<Statement> query = db.prepare(std::string(kOutboxColumns) + " WHERE state = ?1 ORDER BY rowid");
    if (!query) return query.error();
    query->bind(1, std::string(outbox_state_name(state)));
    std::vector<OutboxEntry> entries;
    for (;;) {
        Result<bool> row = query->step();
        if (!row) return row.error();
        if (!*row) return entries;
        entries.push_back(outbox_row(*query));
    }
}

}  // namespace

Status ResponseStore::queue_outbox(const OutboxEntry& e) {
    return in_savepoint(db_, [&]() -> Status {
        Result<Statement> insert = db_.prepare(
            "INSERT OR IGNORE INTO outbox (id, url, body, queued_at, state, outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        if (!insert) return insert.error();
        insert->bind(1, e.id).bind(2, e.url).bind(3, e.body).bind(4, e.queued_at);
        insert->bind(5, std::string(outbox_state_name(e.state))).bind(6, e.outcome);
        return insert->run();
    });
}

Result<std::vector<OutboxEntry>> ResponseStore::queued_outbox() const { return outbox_in_state(db_, OutboxState::Queued); }
Result<std::vector<OutboxEntry>> ResponseStore::refused_outbox() const { return outbox_in_state(db_, OutboxState::Refused); }

Result<std::optional<OutboxEntry>> ResponseStore::find_outbox(const std::string& id) const {
    return find_one<OutboxEntry>(db_, std::string(kOutboxColumns) + " WHERE id = ?1", id, outbox_row);
}

Status ResponseStore::settle_outbox(const std::string& id, OutboxState state, const std::string& outcome) {
    return in_savepoint(db_, [&]() -> Status {
        // A sent entry's body is dropped: the collector has the response, and a second copy of
        // personal data on the device helps no one.
        Result<Statement> settle = db_.prepare(
            "UPDATE outbox SET state = ?2, outcome = ?3, body = CASE WHEN ?2 = 'sent' THEN '' ELSE body END"
            " WHERE id = ?1 AND state = 'queued'");
        if (!settle) return settle.error();
        settle->bind(1, id).bind(2, std::string(outbox_state_name(state))).bind(3, outcome);
        return settle->run();
    });
}

Result<OutboxCounts> ResponseStore::count_outbox() const {
    Result<Statement> query = db_.prepare("SELECT state, count(*) FROM outbox GROUP BY state");
    if (!query) return query.error();
    OutboxCounts counts;
    for (;;) {
        Result<bool> row = query->step();
        if (!row) return row.error();
        if (!*row) return counts;
        const std::int64_t n = query->column_int(1);
        switch (outbox_state_from(query->column_text(0))) {
            case OutboxState::Queued: counts.queued = n; break;
            case OutboxState::Sent: counts.sent = n; break;
            case OutboxState::Refused: counts.refused = n; break;
        }
    }
}

Status ResponseStore::keep_rejected_record(const RejectedRecord& rejected) {
    return in_savepoint(db_, [&]() -> Status {
        Result<Statement> keep = db_.prepare("INSERT OR IGNORE INTO journal_rejects (record, problem) VALUES (?1, ?2)");
        if (!keep) return keep.error();
        keep->bind(1, rejected.record).bind(2, rejected.problem);
        return keep->run();
    });
}

Result<std::vector<RejectedRecord>> ResponseStore::rejected_records() const {
    Result<Statement> query = db_.prepare("SELECT record, problem FROM journal_rejects ORDER BY rowid");
    if (!query) return query.error();
    std::vector<RejectedRecord> records;
    for (;;) {
        Result<bool> row = query->step();
        if (!row) return row.error();
        if (!*row) return records;
        records.push_back({query->column_text(0), query->column_text(1)});
    }
}

}  // namespace canvass
