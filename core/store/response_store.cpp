// Schema kMigrations and response reads and writes.
#include "core/store/response_store.h"

#include <array>
#include <string_view>

namespace canvass {
namespace {

// Migration N takes the schema from version N to N+1. Append only: never edit a shipped one.
constexpr std::array<std::string_view, 1> kMigrations = {
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
};
static_assert(kMigrations.size() == ResponseStore::current_schema_version);

}  // namespace

Result<ResponseStore> ResponseStore::open(const std::string& path) {
    Result<Database> db = Database::open(path);
    if (!db) return db.error();
    ResponseStore store(std::move(db).value());
    if (Status migrated = store.migrate(); !migrated) return migrated.error();
    return store;
}

Status ResponseStore::migrate() {
    if (Status pragmas = db_.exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"); !pragmas) return pragmas;
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
    while (schema_version_ < current_schema_version) {
        const int next = schema_version_ + 1;
        Status step = in_transaction(db_, [&]() -> Status {
            if (Status applied = db_.exec(kMigrations[static_cast<std::size_t>(schema_version_)]); !applied) return applied;
            return db_.exec("PRAGMA user_version = " + std::to_string(next));
        });
        if (!step) return make_error("migrating to schema " + std::to_string(next) + ": " + step.error().message, db_.path());
        schema_version_ = next;
    }
    return Ok{};
}

Result<std::int64_t> ResponseStore::count_responses() const {
    Result<Statement> query = db_.prepare("SELECT count(*) FROM responses");
    if (!query) return query.error();
    if (Result<bool> row = query->step(); !row) return row.error();
    return query->column_int(0);
}

Status ResponseStore::insert(const StoredResponse& r) {
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

Result<std::optional<StoredResponse>> ResponseStore::find(const std::string& id) const {
    Result<Statement> query = db_.prepare(
        "SELECT id, survey_id, survey_version, locale, segment, channel, started_at, submitted_at, data"
        " FROM responses WHERE id = ?1");
    if (!query) return query.error();
    query->bind(1, id);
    Result<bool> row = query->step();
    if (!row) return row.error();
    if (!*row) return std::optional<StoredResponse>{};
    StoredResponse r;
    r.id = query->column_text(0);
    r.survey_id = query->column_text(1);
    r.survey_version = query->column_text(2);
    r.locale = query->column_text(3);
    r.segment = query->column_text(4);
    r.channel = query->column_text(5);
    r.started_at = query->column_text(6);
    r.submitted_at = query->column_text(7);
    r.data_json = query->column_text(8);
    return std::optional<StoredResponse>{std::move(r)};
}

}  // namespace canvass
