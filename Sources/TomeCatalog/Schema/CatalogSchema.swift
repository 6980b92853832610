import GRDB

/// The catalog's tables, created and upgraded by GRDB's `DatabaseMigrator`.
///
/// - `tome_catalog`: a marker row that says the file is a catalog, and facts
///   about it (`format`, `created_at`, `last_import_at`, and
///   `derived_version`: the ``derivedVersion`` of the last import).
/// - `book`: one row per book; `status` is `active` or `removed` (a removed
///   book is never answered again). Normalized keys are stored at import so
///   nothing is normalized twice per request.
/// - `book_file`: the files of each book (`path`, `basename`, `format`,
///   `size`, `ko_md5`), with exact-match indexes on basename, path and ko_md5.
/// - `book_hash`: KOReader partial MD5s of a book that belong to no listed
///   file (``CatalogBook/koMD5s``), looked up like `book_file.ko_md5`.
/// - A chapter book (``ContentType/chapter``) has its series key in
///   `chapter_series_key` (not `series_key`) and no `book_key` or
///   `book_fts` rows: only its files and a chapter file's series and
///   number find it.
/// - `book_key`: exact normalized keys (`title`, `title_latin`, `core`, `alt`,
///   `alt_latin`, `series`, `series_latin`) → book, for whole-name matches.
///   The `core` key is the title as the filename reader reads it, without
///   volume markers and tags (`Bleach, Volume 01` → `bleach`), and
///   `core_volume` the volume that title names.
/// - `book_fts`: FTS5 with `unicode61 remove_diacritics 2` over the
///   normalized title, series, authors and alt titles (word retrieval).
///
/// Why no `trigram` table: it was built and measured (7% of the file, and
/// slower imports), but substring retrieval is not needed — a truncated name
/// is a word-bounded prefix (an FTS5 prefix query) and a typo leaves the
/// other words of a title intact (an FTS5 OR query, then an edit distance).
///
/// FTS rows exist only for active books. Tables that are not the catalog's
/// (API keys, for instance) live in the same file, are created by a
/// ``CatalogSchemaExtension`` of the module that owns them, and are never
/// touched by an import.
public enum CatalogSchema {
    /// The version of the normalized forms stored at import (keys, tokens,
    /// core titles). Raise it whenever normalization or title reading changes:
    /// every book's fingerprint changes with it, so the next synchronizing
    /// import recomputes them all.
    public static let derivedVersion = 5

    /// The value of `tome_catalog.format`.
    static let formatMarker = "tome-resolver-catalog"

    /// Migrations that were the catalog's once and now belong to another
    /// module, with its name: files that ran them still open without it.
    static let movedMigrations: [String: String] = ["v2: api keys": "TomeKeys"]

    /// The catalog's migrations, then each extension's, in order. Never edit
    /// a shipped one; add another.
    static func migrator(extensions: [CatalogSchemaExtension]) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: books, files, keys, fts") { db in
            try db.execute(sql: """
                CREATE TABLE tome_catalog (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                );
                INSERT INTO tome_catalog (key, value) VALUES ('format', '\(formatMarker)');
                INSERT INTO tome_catalog (key, value) VALUES ('created_at', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));

                CREATE TABLE book (
                    id INTEGER PRIMARY KEY NOT NULL,
                    title TEXT NOT NULL,
                    authors TEXT NOT NULL,
                    series TEXT,
                    series_index REAL,
                    book_type TEXT,
                    alt_titles TEXT NOT NULL,
                    language TEXT,
                    year INTEGER,
                    identifiers TEXT NOT NULL,
                    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'removed')),
                    fingerprint TEXT NOT NULL,
                    title_key TEXT NOT NULL,
                    title_latin_key TEXT NOT NULL,
                    series_key TEXT,
                    core_key TEXT NOT NULL,
                    core_volume REAL,
                    author_keys TEXT NOT NULL,
                    imported_at TEXT NOT NULL
                );
                CREATE INDEX book_by_status ON book (status);
                CREATE INDEX book_by_series ON book (series_key, series_index);

                CREATE TABLE book_file (
                    id INTEGER PRIMARY KEY,
                    book_id INTEGER NOT NULL REFERENCES book (id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    path TEXT NOT NULL,
                    basename TEXT NOT NULL,
                    format TEXT,
                    size INTEGER,
                    ko_md5 TEXT
                );
                CREATE INDEX book_file_by_book ON book_file (book_id);
                CREATE INDEX book_file_by_basename ON book_file (basename);
                CREATE INDEX book_file_by_path ON book_file (path);
                CREATE INDEX book_file_by_ko_md5 ON book_file (ko_md5) WHERE ko_md5 IS NOT NULL;

                CREATE TABLE book_key (
                    key TEXT NOT NULL,
                    book_id INTEGER NOT NULL REFERENCES book (id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    PRIMARY KEY (key, book_id, kind)
                ) WITHOUT ROWID;
                CREATE INDEX book_key_by_book ON book_key (book_id);

                CREATE VIRTUAL TABLE book_fts USING fts5(
                    title, series, authors, alt_titles,
                    tokenize = 'unicode61 remove_diacritics 2'
                );
                """)
        }
        // Later migrations check foreign keys as they go (`.immediate`): the
        // default deferred check reads every row of every table afterwards —
        // seconds on a catalog of a million books, for a new column or table.
        migrator.registerMigration("v3: comic runs", foreignKeyChecks: .immediate) { db in
            // A comic's run (ComicInfo's Volume): `v1 #245` is not `v3 #245`.
            try db.execute(sql: "ALTER TABLE book ADD COLUMN run REAL")
        }
        migrator.registerMigration("v4: chapter books, book hashes", foreignKeyChecks: .immediate) { db in
            // A chapter book (`content_type = 'chapter'`) keeps its series
            // key apart, in `chapter_series_key`, and has no `book_key` or
            // `book_fts` rows: volume lookups never meet it, and a chapter
            // file's name finds it by series and chapter number only.
            // `book_hash`: KOReader hashes of a book tied to no listed file.
            try db.execute(sql: """
                ALTER TABLE book ADD COLUMN content_type TEXT NOT NULL DEFAULT 'volume'
                    CHECK (content_type IN ('volume', 'chapter'));
                ALTER TABLE book ADD COLUMN chapter_series_key TEXT;
                CREATE INDEX book_by_chapter ON book (chapter_series_key, series_index)
                    WHERE chapter_series_key IS NOT NULL;
                CREATE TABLE book_hash (
                    ko_md5 TEXT NOT NULL,
                    book_id INTEGER NOT NULL REFERENCES book (id) ON DELETE CASCADE,
                    PRIMARY KEY (ko_md5, book_id)
                ) WITHOUT ROWID;
                CREATE INDEX book_hash_by_book ON book_hash (book_id);
                """)
        }
        for schemaExtension in extensions {
            for migration in schemaExtension.migrations {
                let owner = schemaExtension.name
                migrator.registerMigration(migration.identifier, foreignKeyChecks: .immediate) { db in
                    try migration.migrate(db)
                    // Signed, so that a catalog opened without this extension
                    // knows the migration is not from a newer catalog.
                    try db.execute(sql: "INSERT OR REPLACE INTO tome_catalog (key, value) VALUES (?, ?)",
                                   arguments: ["migration:" + migration.identifier, owner])
                }
            }
        }
        return migrator
    }
}

/// Tables that another module keeps in the catalog's file (API keys, for
/// instance), created by migrations registered through the catalog's
/// migrator: one `grdb_migrations` table, one order, one upgrade on open.
///
/// ```swift
/// let keysSchema = CatalogSchemaExtension(name: "TomeKeys", migrations: [
///     .init("v2: api keys") { db in try db.execute(sql: "CREATE TABLE api_key (…)") },
/// ])
/// let catalog = try Catalog.open(path: path, extensions: [keysSchema])
/// ```
///
/// No import touches an extension's tables. A catalog opened without an
/// extension still opens a file where that extension ran: each extension
/// migration signs its identifier in `tome_catalog`.
public struct CatalogSchemaExtension: Sendable {
    /// One migration: a stable identifier (never change a shipped one) and its work.
    public struct Migration: Sendable {
        public var identifier: String
        public var migrate: @Sendable (Database) throws -> Void

        public init(_ identifier: String, migrate: @escaping @Sendable (Database) throws -> Void) {
            self.identifier = identifier
            self.migrate = migrate
        }
    }

    /// The owning module's name, recorded with each migration it ran.
    public var name: String
    public var migrations: [Migration]

    public init(name: String, migrations: [Migration]) {
        self.name = name
        self.migrations = migrations
    }
}
