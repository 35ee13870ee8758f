/* SQLite's operating-system layer for the browser build (SQLITE_OS_OTHER: CMakeLists.txt).
 *
 * The web app keeps its database in memory with SQLite's memdb VFS and saves copies to IndexedDB
 * itself (docs/storage.md), so it needs no files, and the module is linked without Emscripten's
 * file system. memdb still asks its base VFS, the default one registered here, for randomness,
 * the time and sleep. Opening a file through it fails: with SQLITE_TEMP_STORE=3 SQLite keeps
 * temporary tables and journals in memory and never asks. */
#include <sqlite3.h>

#include <string.h>
#include <sys/random.h>
#include <time.h>

static int web_open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
    (void)vfs;
    (void)name;
    (void)flags;
    (void)out_flags;
    file->pMethods = 0; /* SQLite must not call xClose on a file that never opened */
    return SQLITE_CANTOPEN;
}

static int web_delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
    (void)vfs;
    (void)name;
    (void)sync_dir;
    return SQLITE_IOERR_DELETE_NOENT;
}

static int web_access(sqlite3_vfs* vfs, const char* name, int flags, int* result) {
    (void)vfs;
    (void)name;
    (void)flags;
    *result = 0; /* no file exists */
    return SQLITE_OK;
}

static int web_full_pathname(sqlite3_vfs* vfs, const char* name, int size, char* out) {
    (void)vfs;
    sqlite3_snprintf(size, out, "%s", name);
    return SQLITE_OK;
}

/* From the browser's crypto.getRandomValues, through Emscripten's getentropy. */
static int web_randomness(sqlite3_vfs* vfs, int size, char* out) {
    (void)vfs;
    int done = 0;
    while (done < size) {
        const int chunk = size - done > 256 ? 256 : size - done; /* getentropy's limit */
        if (getentropy(out + done, (size_t)chunk) != 0) {
            memset(out + done, 0, (size_t)(size - done));
            break;
        }
        done += chunk;
    }
    return size;
}

/* Nothing waits for a lock here (one connection, one thread), so sleeping is never needed. */
static int web_sleep(sqlite3_vfs* vfs, int microseconds) {
    (void)vfs;
    return microseconds;
}

/* Milliseconds since the Julian epoch, as SQLite's own VFSes report them. */
static int web_current_time_int64(sqlite3_vfs* vfs, sqlite3_int64* now) {
    (void)vfs;
    static const sqlite3_int64 kUnixEpochAsJulianMs = (sqlite3_int64)24405875 * (sqlite3_int64)8640000;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    *now = kUnixEpochAsJulianMs + (sqlite3_int64)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
    return SQLITE_OK;
}

static int web_current_time(sqlite3_vfs* vfs, double* now) {
    sqlite3_int64 ms = 0;
    web_current_time_int64(vfs, &ms);
    *now = (double)ms / 86400000.0;
    return SQLITE_OK;
}

static int web_get_last_error(sqlite3_vfs* vfs, int size, char* out) {
    (void)vfs;
    if (size > 0) out[0] = 0;
    return 0;
}

static sqlite3_vfs web_vfs = {
    2,                         /* iVersion: has xCurrentTimeInt64 */
    (int)sizeof(sqlite3_file), /* szOsFile: no file is ever opened */
    512,                       /* mxPathname */
    0,                         /* pNext */
    "canvass-web",             /* zName */
    0,                         /* pAppData */
    web_open,
    web_delete,
    web_access,
    web_full_pathname,
    0, 0, 0, 0,                /* no extensions: xDlOpen, xDlError, xDlSym, xDlClose */
    web_randomness,
    web_sleep,
    web_current_time,
    web_get_last_error,
    web_current_time_int64,
    0, 0, 0,                   /* xSetSystemCall, xGetSystemCall, xNextSystemCall */
};

int sqlite3_os_init(void) { return sqlite3_vfs_register(&web_vfs, 1); }

int sqlite3_os_end(void) { return SQLITE_OK; }
