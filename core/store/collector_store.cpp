// The collector's store on SQLite.
#include "core/store/collector_store.h"

namespace canvass {
namespace {

constexpr const char* kSchema = R"sql(
    CREATE TABLE collected (
        id TEXT PRIMARY KEY,
        survey_id TEXT NOT NULL,
        survey_version TEXT NOT NULL,
        locale TEXT NOT NULL,
        channel TEXT NOT NULL,
        device_id TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        data_json TEXT NOT NULL,
        received_at TEXT NOT NULL
    );
    CREATE INDEX collected_by_survey ON collected (survey_id, submitted_at, id);
)sql";

constexpr const char* kColumns = "id, survey_id, survey_version, locale, channel, device_id, submitted_at, data_json";

StoredResponse read_row(const Statement& row) {
    StoredResponse r;
    r.id = row.column_text(0);
    r.survey_id = row.column_text(1);
    r.survey_version = row.column_text(2);
    r.locale = row.column_text(3);
    r.channel = row.column_text(4);
    r.device_id = row.column_text(5);
    r.submitted_at = row.column_text(6);
    r.data_json = row.column_text(7);
    return r;
}

}  // namespace

Result<CollectorStore> CollectorStore::open(const std::string& path) {
    Result<Database> db = Database::open(path);
    if (!db) return db.error();
    CollectorStore store(std::move(db).value());
    // WAL: a commit appends to the log (one fsync with synchronous=FULL) and readers never wait
    // for the writer. busy_timeout: the report's reads and a checkpoint may briefly hold locks.
    if (Status pragmas = store.db_.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;");
        !pragmas) {
        return pragmas.error();
    }
    if (Status schema = store.prepare_schema(); !schema) return schema.error();
    return store;
}

Status CollectorStore::prepare_schema() {
    Result<Statement> version = db_.prepare("PRAGMA user_version");
    if (!version) return version.error();
    Result<bool> row = version->step();
    if (!row) return row.error();
    const std::int64_t found = *row ? version->column_int(0) : 0;
    if (found == current_schema_version) return Ok{};
    if (found > current_schema_version) {
        return make_error("this collector store was written by a newer Canvass (schema " + std::to_string(found) +
                              "); run that version, or restore a backup",
                          db_.path());
    }
    return in_transaction(db_, [&]() -> Status {
        if (Status made = db_.exec(kSchema); !made) return made;
        return db_.exec("PRAGMA user_version = " + std::to_string(current_schema_version));
    });
}

Status CollectorStore::insert(const StoredResponse& r, const std::string& received_at) {
    Result<Statement> insert = db_.prepare(
        "INSERT INTO collected (id, survey_id, survey_version, locale, channel, device_id, submitted_at, data_json, received_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert) return insert.error();
    insert->bind(1, r.id).bind(2, r.survey_id).bind(3, r.survey_version).bind(4, r.locale).bind(5, r.channel);
    insert->bind(6, r.device_id).bind(7, r.submitted_at).bind(8, r.data_json).bind(9, received_at);
    if (Status done = insert->run(); !done) {
        return make_error("response " + r.id + " could not be stored: " + done.error().message, done.error().location);
    }
    return Ok{};
}

Result<std::optional<StoredResponse>> CollectorStore::find(const std::string& id) const {
    Result<Statement> query = db_.prepare(std::string("SELECT ") + kColumns + " FROM collected WHERE id = ?");
    if (!query) return query.error();
    query->bind(1, id);
    Result<bool> row = query->step();
    if (!row) return row.error();
    if (!*row) return std::optional<StoredResponse>();
    return std::optional<StoredResponse>(read_row(*query));
}

Result<std::vector<StoredResponse>> CollectorStore::responses_of(const std::string& survey_id) const {
    Result<Statement> query =
        db_.prepare(std::string("SELECT ") + kColumns + " FROM collected WHERE survey_id = ? ORDER BY submitted_at, id");
    if (!query) return query.error();
    query->bind(1, survey_id);
    std::vector<StoredResponse> out;
    for (;;) {
        Result<bool> row = query->step();
        if (!row) return row.error();
        if (!*row) return out;
        out.push_back(read_row(*query));
    }
}

Result<std::int64_t> CollectorStore::count_responses() const {
    Result<Statement> query = db_.prepare("SELECT count(*) FROM collected");
    if (!query) return query.error();
    Result<bool> row = query->step();
    if (!row) return row.error();
    return query->column_int(0);
}

Status CollectorStore::probe() const {
    Result<Statement> query = db_.prepare("SELECT 1 FROM collected LIMIT 1");
    if (!query) return query.error();
    if (Result<bool> row = query->step(); !row) return row.error();
    return Ok{};
}

}  // namespace canvass
