import Crypto
import Foundation
import GRDB
import TomeFilename
import TomeNormalization

/// Where books come from: a JSON Lines file, a Calibre library, a generator.
///
/// Sources stream: ``next()`` returns one book at a time, so an import's
/// memory does not grow with the size of the source.
public protocol BookSource {
    /// The next book, or nil at the end.
    mutating func next() throws(CatalogError) -> CatalogBook?
    /// Where the last book came from (a line number), for error messages.
    var position: Int? { get }
    /// How many files' `ko_md5` the source computed so far.
    var filesHashed: Int { get }
}

/// What an import did.
public struct ImportSummary: Sendable, Hashable, CustomStringConvertible {
    public var added = 0
    public var updated = 0
    /// Books marked removed because the source no longer has them (in
    /// `--replace` mode: books of the old catalog the new source lacks).
    public var removed = 0
    public var unchanged = 0
    public var filesHashed = 0
    /// Wall-clock seconds.
    public var seconds = 0.0

    public init() {}

    /// Books read from the source.
    public var total: Int { added + updated + unchanged }

    public var description: String {
        "added \(added), updated \(updated), removed \(removed), unchanged \(unchanged), files hashed \(filesHashed)"
    }
}

extension Catalog {
    /// Imports every book of `source` in one transaction.
    ///
    /// - Without `replace`, it synchronizes: new books are added, changed
    ///   books updated, books the source no longer has are marked removed (and
    ///   never answered again). Importing the same source twice changes nothing.
    /// - With `replace`, the catalog's books are dropped and the source's
    ///   inserted. Tables that are not the catalog's (API keys) are untouched.
    ///
    /// Any error — a bad line, a duplicate id, an unreadable file — rolls the
    /// whole import back: the catalog stays exactly as it was.
    ///
    /// - Parameter progress: called with the number of books read so far,
    ///   every 1,000 books.
    public func importBooks(
        from source: inout some BookSource, replace: Bool = false, progress: ((Int) -> Void)? = nil
    ) throws(CatalogError) -> ImportSummary {
        let started = DispatchTime.now().uptimeNanoseconds
        var summary = ImportSummary()
        let normalizer = TextNormalizer.shared
        do {
            try TextNormalizer.prepare()
        } catch {
            throw .database("\(error)")
        }
        try write { db in
            // A bounded 64 MiB page cache: large imports touch many index pages.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            var writer = try BookWriter(db: db, normalizer: normalizer)
            if replace {
                let previous = try Set(Int64.fetchAll(db, sql: "SELECT id FROM book WHERE status = 'active'"))
                try db.execute(sql: """
                    DELETE FROM book_fts; DELETE FROM book_key;
                    DELETE FROM book_file; DELETE FROM book;
                    """)
                var seen = Set<Int64>()
                while let book = try source.next() {
                    try book.validate(at: source.position)
                    guard seen.insert(book.id).inserted else { throw CatalogError.duplicateID(id: book.id, line: source.position) }
                    try writer.insert(book)
                    summary.added += 1
                    if summary.total % 1000 == 0 { progress?(summary.total) }
                }
                summary.removed = previous.subtracting(seen).count
            } else {
                try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS import_seen (id INTEGER PRIMARY KEY); DELETE FROM temp.import_seen")
                let markSeen = try db.cachedStatement(sql: "INSERT OR IGNORE INTO temp.import_seen (id) VALUES (?)")
                while let book = try source.next() {
                    try book.validate(at: source.position)
                    try markSeen.execute(arguments: [book.id])
                    guard db.changesCount == 1 else { throw CatalogError.duplicateID(id: book.id, line: source.position) }
                    switch try writer.sync(book) {
                    case .added: summary.added += 1
                    case .updated: summary.updated += 1
                    case .unchanged: summary.unchanged += 1
                    }
                    if summary.total % 1000 == 0 { progress?(summary.total) }
                }
                let gone = try Int64.fetchAll(db, sql: """
                    SELECT id FROM book WHERE status = 'active' AND id NOT IN (SELECT id FROM temp.import_seen)
                    """)
                for id in gone { try writer.markRemoved(id) }
                summary.removed = gone.count
                try db.execute(sql: "DELETE FROM temp.import_seen")
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO tome_catalog (key, value) VALUES ('last_import_at', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))")
        }
        summary.filesHashed = source.filesHashed
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return summary
    }
}

extension CatalogBook {
    /// ``validate()`` with the source position in the message.
    func validate(at position: Int?) throws(CatalogError) {
        do {
            try validate()
        } catch {
            if let position, case .invalidBook(let reason) = error { throw .badLine(line: position, reason: reason) }
            throw error
        }
    }

    /// A digest of every imported field and of ``CatalogSchema/derivedVersion``:
    /// equal digests mean nothing changed, neither the book nor the way its
    /// normalized forms are computed.
    var fingerprint: String {
        var text = "v\(CatalogSchema.derivedVersion)\u{1F}\(id)\u{1F}\(title)\u{1F}\(authors.joined(separator: "\u{1E}"))\u{1F}\(series ?? "\u{0}")"
        text += "\u{1F}\(seriesIndex.map { "\($0)" } ?? "\u{0}")\u{1F}\(bookType?.rawValue ?? "\u{0}")"
        if let run { text += "\u{1F}run=\(run)" }
        text += "\u{1F}\(altTitles.joined(separator: "\u{1E}"))\u{1F}\(language ?? "\u{0}")\u{1F}\(year.map(String.init) ?? "\u{0}")"
        text += "\u{1F}" + identifiers.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\u{1E}")
        for file in files {
            text += "\u{1D}\(file.path)\u{1F}\(file.format ?? "\u{0}")\u{1F}\(file.size.map(String.init) ?? "\u{0}")\u{1F}\(file.koMD5 ?? "\u{0}")"
        }
        return SHA256.hash(data: Array(text.utf8)).prefix(16).map { String(format2: $0) }.joined()
    }
}

/// Writes books into the catalog's tables with prepared statements reused
/// for every book.
struct BookWriter {
    enum Outcome { case added, updated, unchanged }

    let db: Database
    let normalizer: TextNormalizer
    let now: String

    init(db: Database, normalizer: TextNormalizer) throws {
        self.db = db
        self.normalizer = normalizer
        self.now = try String.fetchOne(db, sql: "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')") ?? ""
    }

    /// Adds, updates or leaves `book`, comparing fingerprints.
    mutating func sync(_ book: CatalogBook) throws -> Outcome {
        let existing = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT fingerprint, status FROM book WHERE id = ?"), arguments: [book.id])
        guard let existing else {
            try insert(book)
            return .added
        }
        if (existing["fingerprint"] as String) == book.fingerprint && (existing["status"] as String) == "active" {
            return .unchanged
        }
        try deleteDerived(book.id)
        try db.cachedStatement(sql: "DELETE FROM book WHERE id = ?").execute(arguments: [book.id])
        try insert(book)
        return .updated
    }

    /// Marks a book removed: it stays stored but leaves every index.
    func markRemoved(_ id: Int64) throws {
        try deleteDerived(id)
        try db.cachedStatement(sql: "UPDATE book SET status = 'removed', imported_at = ? WHERE id = ?").execute(arguments: [now, id])
    }

    private func deleteDerived(_ id: Int64) throws {
        try db.cachedStatement(sql: "DELETE FROM book_fts WHERE rowid = ?").execute(arguments: [id])
        try db.cachedStatement(sql: "DELETE FROM book_key WHERE book_id = ?").execute(arguments: [id])
        try db.cachedStatement(sql: "DELETE FROM book_file WHERE book_id = ?").execute(arguments: [id])
    }

    /// Inserts a new book with its files, keys and FTS rows.
    func insert(_ book: CatalogBook) throws {
        let n = normalizer
        let titleTokens = n.tokens(book.title)
        let titleLatin = n.latinTokens(book.title)
        let seriesTokens = book.series.map(n.tokens) ?? []
        let seriesLatin = book.series.map(n.latinTokens) ?? []
        // Authors in their own script, then in Latin letters when that differs
        // (`Фёдор Достоевский` → `fedor dostoevskiy`), so both can meet a name.
        var authorKeys = book.authors.map(n.key)
        for author in book.authors where !author.unicodeScalars.allSatisfy(\.isASCII) {
            let latin = n.latinKey(author)
            if !latin.isEmpty, !authorKeys.contains(latin) { authorKeys.append(latin) }
        }
        let altTokens = book.altTitles.map(n.tokens)
        let altLatin = book.altTitles.map(n.latinTokens)
        // The title as a filename would carry it: `Bleach, Volume 01` → `bleach`, volume 1.
        let core = FilenameReader(normalizer: n).readTitle(book.title)
        let coreTokens = core.tokens.isEmpty ? titleTokens : core.tokens

        try db.cachedStatement(sql: """
            INSERT INTO book (id, title, authors, series, series_index, book_type, alt_titles, language, year,
                              identifiers, status, fingerprint, title_key, title_latin_key, series_key, core_key, core_volume,
                              author_keys, imported_at, run)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                book.id, book.title, JSONText.encode(book.authors), book.series, book.seriesIndex,
                book.bookType?.rawValue, JSONText.encode(book.altTitles), book.language, book.year,
                JSONText.encode(book.identifiers), book.fingerprint, titleTokens.joined(separator: " "),
                titleLatin.joined(separator: " "), seriesTokens.isEmpty ? nil : seriesTokens.joined(separator: " "),
                coreTokens.joined(separator: " "), core.volume, JSONText.encode(authorKeys), now, book.run,
            ])

        let insertFile = try db.cachedStatement(sql: """
            INSERT INTO book_file (book_id, position, path, basename, format, size, ko_md5) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, file) in book.files.enumerated() {
            let format = file.format ?? FileFormat.guess(file.path)
            try insertFile.execute(arguments: [book.id, position, file.path, file.basename, format, file.size, file.koMD5])
        }

        let insertKey = try db.cachedStatement(sql: "INSERT OR IGNORE INTO book_key (key, book_id, kind) VALUES (?, ?, ?)")
        func key(_ tokens: [String], _ kind: KeyKind) throws {
            guard !tokens.isEmpty else { return }
            try insertKey.execute(arguments: [tokens.joined(separator: " "), book.id, kind.rawValue])
        }
        try key(titleTokens, .title)
        if titleLatin != titleTokens { try key(titleLatin, .titleLatin) }
        if coreTokens != titleTokens { try key(coreTokens, .core) }

        try key(seriesTokens, .series)
        if seriesLatin != seriesTokens { try key(seriesLatin, .seriesLatin) }
        for (index, (tokens, latin)) in zip(altTokens, altLatin).enumerated() {
            try key(tokens, .alt)
            if latin != tokens { try key(latin, .altLatin) }
            // `容疑者Xの献身 [Yōgisha X no kenshin]`: also without its bracketed parts.
            let core = FilenameReader(normalizer: n).readTitle(book.altTitles[index]).tokens
            if !core.isEmpty, core != tokens { try key(core, .alt) }
        }

        // FTS text: the normalized tokens, plus the Latin transliteration when
        // it differs, so `Bratya Karamazovy` finds `Братья Карамазовы`.
        func ftsText(_ tokens: [String], _ latin: [String]) -> String {
            latin == tokens ? tokens.joined(separator: " ") : (tokens + latin).joined(separator: " ")
        }
        try db.cachedStatement(sql: "INSERT INTO book_fts (rowid, title, series, authors, alt_titles) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [
                book.id, ftsText(titleTokens, titleLatin), ftsText(seriesTokens, seriesLatin),
                authorKeys.joined(separator: " "),
                zip(altTokens, altLatin).map { ftsText($0, $1) }.joined(separator: " "),
            ])
    }
}

/// Formats from file names.
enum FileFormat {
    /// The lowercased extension of `path` (`kepub.epub` kept whole).
    static func guess(_ path: String) -> String? {
        let lower = path.lowercased()
        if lower.hasSuffix(".kepub.epub") { return "kepub.epub" }
        guard let dot = lower.lastIndex(of: "."), !lower[dot...].contains("/") else { return nil }
        let ext = String(lower[lower.index(after: dot)...])
        return ext.isEmpty ? nil : ext
    }
}
