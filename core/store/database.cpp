// SQLite connection and statement wrappers.
#include "core/store/database.h"

#include <sqlite3.h>

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

std::int64_t Statement::column_int(int index) const { return sqlite3_column_int64(handle_.get(), index); }

std::string Statement::column_text(int index) const {
    const unsigned char* text = sqlite3_column_text(handle_.get(), index);
    const int size = sqlite3_column_bytes(handle_.get(), index);
    return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)) : std::string();
}

bool Statement::column_is_null(int index) const { return sqlite3_column_type(handle_.get(), index) == SQLITE_NULL; }

Result<Database> Database::open(const std::string& path) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    Database db;
    db.handle_.reset(raw);
    db.path_ = path;
    if (rc != SQLITE_OK) return sqlite_error(raw, path, "opening the database");
    sqlite3_extended_result_codes(raw, 1);
    return db;
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
