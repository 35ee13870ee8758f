// A small owning wrapper over a SQLite connection and its statements, so store code reads as
// SQL plus error handling and never leaks a handle. Errors come back as Result values that
// name the database file and what SQLite said.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace canvass {

class Statement {
public:
    Statement() = default;
    Statement(sqlite3_stmt* handle, std::string location);

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, std::int64_t value);
    Statement& bind_null(int index);

    // Runs one step: true when a row is ready to read, false when done.
    Result<bool> step();
    Status run();  // steps to completion; for statements without rows
    // Makes the statement ready to run again with new bindings (the old ones are cleared).
    Statement& reset();

    std::int64_t column_int(int index) const;
    std::string column_text(int index) const;
    bool column_is_null(int index) const;

private:
    struct Finalizer { void operator()(sqlite3_stmt* stmt) const; };
    std::unique_ptr<sqlite3_stmt, Finalizer> handle_;
    std::string location_;
};

// Where a database lives. Natively it is a file. In the browser it is memory (SQLite's memdb),
// started from `image`, the bytes of the last checkpoint, while copies are kept in IndexedDB
// (docs/storage.md): the module then needs no file system at all.
struct DatabaseLocation {
    DatabaseLocation(std::string file_path) : path(std::move(file_path)) {}
    DatabaseLocation(const char* file_path) : path(file_path) {}
    // `name` starts with '/' (memdb shares such a database between connections) and names the
    // database in messages; an empty `image` is a new database.
    static DatabaseLocation memory(std::string name, std::string image) {
        DatabaseLocation where(std::move(name));
        where.in_memory = true;
        where.image = std::move(image);
        return where;
    }

    std::string path;
    bool in_memory = false;
    std::string image;
};

class Database {
public:
    // Opens (creating if needed) the database; a file path of ":memory:" is a private in-memory one.
    static Result<Database> open(const DatabaseLocation& where);

    Status exec(std::string_view sql);  // one or more statements, no results
    Result<Statement> prepare(std::string_view sql) const;
    // The bytes of the database file as it is now, committed changes only: a checkpoint's copy.
    Result<std::string> serialize() const;
    const std::string& path() const { return path_; }
    sqlite3* handle() const { return handle_.get(); }

private:
    struct Closer { void operator()(sqlite3* db) const; };
    std::unique_ptr<sqlite3, Closer> handle_;
    std::string path_;
};

// Runs `work` inside BEGIN IMMEDIATE / COMMIT, rolling back when it fails.
template <class Work>
Status in_transaction(Database& db, Work&& work) {
    if (Status begun = db.exec("BEGIN IMMEDIATE"); !begun) return begun;
    Status done = work();
    if (!done) {
        (void)db.exec("ROLLBACK");
        return done;
    }
    if (Status committed = db.exec("COMMIT"); !committed) {
        (void)db.exec("ROLLBACK");
        return committed;
    }
    return Ok{};
}

// Runs `work` inside SAVEPOINT / RELEASE: on its own it is a transaction, and inside a larger
// one (a journal replay) a failing `work` is undone alone while the rest carries on.
template <class Work>
Status in_savepoint(Database& db, Work&& work) {
    if (Status begun = db.exec("SAVEPOINT canvass_write"); !begun) return begun;
    Status done = work();
    if (!done) {
        (void)db.exec("ROLLBACK TO canvass_write; RELEASE canvass_write");
        return done;
    }
    if (Status released = db.exec("RELEASE canvass_write"); !released) {
        (void)db.exec("ROLLBACK TO canvass_write; RELEASE canvass_write");
        return released;
    }
    return Ok{};
}

}  // namespace canvass
