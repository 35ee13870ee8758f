// SQLite connection and statement wrappers.
#include "core/store/database.h"

#include <sqlite3.h>

#include <cstring>

namespace canvass {
namespace {

Error sqlite_error(sqlite3* db, const std::string& location, std::string_view doing) {
    std::string what = db ? sqlite3_errmsg(db) : "out of memory";
    return make_error(std::string(doing) + " failed: " + what, location);
}

}  // namespace

void Statement::Finalizer::operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
void Database::Closer::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

Statement::Statement(sqlite3_stmt* handle, std::string location) : handle_(handle), location_(std::move(location)) {}

// Binding errors (a wrong index) are programming errors; they surface at step() as SQLite errors.
Statement& Statement::bind(int index, std::string_view text) {
    sqlite3_bind_text(handle_.get(), index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(handle_.get(), index, value);
    return *this;
}

Statement& Statement::bind_null(int index) {
    sqlite3_bind_null(handle_.get(), index);
    return *this;
}

Result<bool> Statement::step() {
    const int rc = sqlite3_step(handle_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return sqlite_error(sqlite3_db_handle(handle_.get()), location_, "SQL step");
}

Status Statement::run() {
    for (;;) {
        Result<bool> row = step();
        if (!row) return row.error();
        if (!*row) return Ok{};
    }
}

Statement& Statement::reset() {
    sqlite3_reset(handle_.get());
    sqlite3_clear_bindings(handle_.get());
    return *this;
}

std::int64_t Statement::column_int(int index) const { return sqlite3_column_int64(handle_.get(), index); }

std::string Statement::column_text(int index) const {
    const unsigned char* text = sqlite3_column_text(handle_.get(), index);
    const int size = sqlite3_column_bytes(handle_.get(), index);
    return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)) : std::string();
}

bool Statement::column_is_null(int index) const { return sqlite3_column_type(handle_.get(), index) == SQLITE_NULL; }

Result<Database> Database::open(const DatabaseLocation& where) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(where.path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                   where.in_memory ? "memdb" : nullptr);
    Database db;
    db.handle_.reset(raw);
    db.path_ = where.path;
    if (rc != SQLITE_OK) return sqlite_error(raw, where.path, "opening the database");
    sqlite3_extended_result_codes(raw, 1);
    if (where.in_memory && !where.image.empty()) {
        // SQLite takes the copy over (FREEONCLOSE) and may grow it as the database grows.
        const auto size = static_cast<sqlite3_int64>(where.image.size());
        auto* copy = static_cast<unsigned char*>(sqlite3_malloc64(static_cast<sqlite3_uint64>(size)));
        if (!copy) return make_error("no memory to restore the database (" + std::to_string(size) + " bytes)", where.path);
        std::memcpy(copy, where.image.data(), where.image.size());
        if (sqlite3_deserialize(raw, "main", copy, size, size, SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) !=
            SQLITE_OK) {
            return sqlite_error(raw, where.path, "restoring the saved database");
        }
    }
    return db;
}

Result<std::string> Database::serialize() const {
    sqlite3_int64 size = 0;
    unsigned char* bytes = sqlite3_serialize(handle_.get(), "main", &size, 0);
    // An empty database (no page written yet) has no bytes at all; that is not an error.
    if (!bytes) {
        if (size == 0) return std::string();
        return sqlite_error(handle_.get(), path_, "copying the database");
    }
    std::string copy(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
    sqlite3_free(bytes);
    return copy;
}

Status Database::exec(std::string_view sql) {
    const std::string text(sql);
    char* message = nullptr;
    if (sqlite3_exec(handle_.get(), text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string what = message ? message : sqlite3_errmsg(handle_.get());
        sqlite3_free(message);
        return make_error("SQL failed: " + what, path_);
    }
    return Ok{};
}

Result<Statement> Database::prepare(std::string_view sql) const {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(handle_.get(), sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
        return sqlite_error(handle_.get(), path_, "preparing SQL");
    }
    return Statement(stmt, path_);
}

}  // namespace canvass
