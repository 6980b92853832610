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
///   `core_volume` the volume that title names. `subtitle_main_key`,
///   `subtitle_rest_key` (the title split at its subtitle; NULL: none) and
///   `series_core_key` (the series without a bracketed qualifier; NULL:
///   none) are the book's ``TitleFacts`` (migration v5).
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
    public static let derivedVersion = 6

    /// The value of `tome_catalog.format`.
    static let formatMarker = "tome-resolver-catalog"

    /// Migrations that were the catalog's once and now belong to another
    /// module, with its name: files that ran them still open without it.
    static let movedMigrations: [String: String] = ["v2: api keys": "TomeKeys"]

    /// The catalog's migrations, then each extension's, in order. Never edit
    /// a shipped one; add another.
    static func migrator(extensions: [CatalogSchemaExtension]) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: books, files, keys, fts", migrate: createTables)
        // Later migrations check foreign keys as they go (`.immediate`): the
        // default deferred check reads every row of every table afterwards —
        // seconds on a catalog of a million books, for a new column or table.
        migrator.registerMigration("v3: comic runs", foreignKeyChecks: .immediate) { db in
            // A comic's run (ComicInfo's Volume): `v1 #245` is not `v3 #245`.
            try db.execute(sql: "ALTER TABLE book ADD COLUMN run REAL")
        }
        migrator.registerMigration("v4: chapter books, book hashes", foreignKeyChecks: .immediate,
                                   migrate: addChapterBooks)
        migrator.registerMigration("v5: title facts", foreignKeyChecks: .immediate, migrate: addTitleFacts)
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
