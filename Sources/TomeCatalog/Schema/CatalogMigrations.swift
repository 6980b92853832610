import GRDB

// The catalog's own migrations, one function each. Never edit a shipped
// one (files that ran it would differ from new ones); add another.
extension CatalogSchema {
    /// v1: the catalog marker, books, their files, their keys and the FTS5 index.
    static func createTables(_ db: Database) throws {
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

    /// v4: chapter books and book hashes.
    ///
    /// A chapter book (`content_type = 'chapter'`) keeps its series key
    /// apart, in `chapter_series_key`, and has no `book_key` or `book_fts`
    /// rows: volume lookups never meet it, and a chapter file's name finds
    /// it by series and chapter number only. `book_hash`: KOReader hashes of
    /// a book tied to no listed file.
    static func addChapterBooks(_ db: Database) throws {
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
}

extension CatalogSchema {
    /// v5: ``TitleFacts`` stored per book, computed here for the books a
    /// catalog already holds, so that answers stay the same before the next
    /// import recomputes every book (``derivedVersion`` 6).
    static func addTitleFacts(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE book ADD COLUMN subtitle_main_key TEXT;
            ALTER TABLE book ADD COLUMN subtitle_rest_key TEXT;
            ALTER TABLE book ADD COLUMN series_core_key TEXT;
            """)
        // Most titles have no subtitle and most series no qualifier: only
        // those rows are written. Read first, then write (not while the
        // cursor walks the same table).
        var updates: [(Int64, TitleFacts)] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT id, title, series FROM book")
        while let row = try rows.next() {
            let facts = TitleFacts(title: row[1], series: row[2])
            if facts.subtitle != nil || facts.seriesCore != nil { updates.append((row[0], facts)) }
        }
        let update = try db.makeStatement(sql: """
            UPDATE book SET subtitle_main_key = ?, subtitle_rest_key = ?, series_core_key = ? WHERE id = ?
            """)
        for (id, facts) in updates {
            let c = facts.columns
            try update.execute(arguments: [c.subtitleMain, c.subtitleRest, c.seriesCore, id])
        }
    }
}
