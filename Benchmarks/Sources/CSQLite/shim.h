// The system SQLite (Debian: libsqlite3-dev), for SpeedReport's floor: the
// least an FTS5-backed resolver does, through the C API with nothing else.
#include <sqlite3.h>
