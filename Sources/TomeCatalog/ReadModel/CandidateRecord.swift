import Foundation
import GRDB

/// A book as the resolver weighs it: the stored fields and the normalized
/// forms the catalog computed at import, nothing more.
///
/// Rows are decoded by column *index*, in the order of ``CandidateRecord/columns``
/// (decoding by name costs a case-insensitive lookup per column per row).
/// Tests and tools build records by hand with the memberwise initializer:
///
/// ```swift
/// let dune = CandidateRecord(id: 10, title: "Dune", titleTokens: ["dune"])
/// ```
public struct CandidateRecord: Sendable, Hashable {
    /// An alternative title's tokens, and whether they are a transliteration.
    public struct AltTitle: Sendable, Hashable {
        public var tokens: [String]
        public var isLatin: Bool

        public init(tokens: [String], isLatin: Bool) {
            self.tokens = tokens
            self.isLatin = isLatin
        }
    }

    public var id: Int64
    public var title: String
    public var authors: [String]
    public var series: String?
    public var seriesIndex: Double?
    /// A comic's run (ComicInfo's `Volume`), when the catalog has it.
    public var run: Double?
    public var bookType: BookType?
    public var year: Int?
    /// The normalized title.
    public var titleTokens: [String]
    /// The title in Latin letters (equal to ``titleTokens`` for Latin titles).
    public var latinTokens: [String]
    /// The title without volume markers and tags (`Bleach, Volume 01` → `bleach`).
    public var coreTokens: [String]
    /// The volume the title itself names, if any.
    public var coreVolume: Double?
    public var seriesTokens: [String]
    /// The series in Latin letters, when that differs.
    public var seriesLatinTokens: [String]
    /// Each author's name, normalized (own script, then Latin letters).
    public var authorTokens: [[String]]
    /// Alternative titles (from `book_key`, kinds `alt` and `alt_latin`).
    public var altTitles: [AltTitle]
    /// The title's subtitle split and the series' core, stored at import.
    public var facts: TitleFacts

    public init(
        id: Int64, title: String, authors: [String] = [], series: String? = nil, seriesIndex: Double? = nil,
        run: Double? = nil, bookType: BookType? = nil, year: Int? = nil, titleTokens: [String], latinTokens: [String]? = nil,
        coreTokens: [String]? = nil, coreVolume: Double? = nil, seriesTokens: [String] = [],
        seriesLatinTokens: [String] = [], authorTokens: [[String]] = [], altTitles: [AltTitle] = [],
        facts: TitleFacts? = nil
    ) {
        self.id = id
        self.title = title
        self.authors = authors
        self.series = series
        self.seriesIndex = seriesIndex
        self.run = run
        self.bookType = bookType
        self.year = year
        self.titleTokens = titleTokens
        self.latinTokens = latinTokens ?? titleTokens
        self.coreTokens = coreTokens ?? titleTokens
        self.coreVolume = coreVolume
        self.seriesTokens = seriesTokens
        self.seriesLatinTokens = seriesLatinTokens
        self.authorTokens = authorTokens
        self.altTitles = altTitles
        // A record built by hand gets the facts an import would store.
        self.facts = facts ?? TitleFacts(title: title, series: series)
    }

    /// The volume this book is: its series index, else the volume its title names.
    public var volume: Double? { (series != nil ? seriesIndex : nil) ?? coreVolume }

    /// The columns of `book` a record is decoded from, in decoding order;
    /// the fifteenth is the book's alt titles and Latin series from
    /// `book_key`, as `kind US key` entries separated by RS; the last three
    /// its ``TitleFacts``.
    ///
    /// The kinds are tested with `OR`, not `IN (…)`: SQLite builds a
    /// temporary table for an `IN` list each time a correlated subquery
    /// runs, which cost about 3 µs per candidate.
    static let columns = """
        id, title, authors, series, series_index, book_type, year, title_key, title_latin_key, \
        series_key, core_key, core_volume, author_keys, run, \
        (SELECT group_concat(k.kind || char(31) || k.key, char(30)) FROM book_key k
         WHERE k.book_id = book.id AND (k.kind = 'alt' OR k.kind = 'alt_latin' OR k.kind = 'series_latin')), \
        subtitle_main_key, subtitle_rest_key, series_core_key
        """

    /// The active volume books whose ids are in the JSON array parameter
    /// (a chapter book is never weighed against a name).
    static let sql = """
        SELECT \(columns)
        FROM book WHERE id IN (SELECT value FROM json_each(?)) AND +status = 'active' AND +content_type = 'volume'
        """
}

extension CandidateRecord: FetchableRecord {
    /// Decodes a row of ``columns``, by index, without Foundation: token
    /// columns are split at spaces, JSON arrays read by ``JSONText/strings(_:)``.
    public init(row: Row) {
        id = row[0]
        title = row[1]
        authors = JSONText.strings(row[2])
        series = row[3]
        seriesIndex = row[4]
        bookType = (row[5] as String?).flatMap(BookType.init(rawValue:))
        year = row[6]
        titleTokens = Self.tokens(row, 7)
        latinTokens = Self.tokens(row, 8)
        seriesTokens = Self.tokens(row, 9)
        coreTokens = Self.tokens(row, 10)
        coreVolume = row[11]
        authorTokens = JSONText.strings(row[12]).compactMap { let t = Self.split($0); return t.isEmpty ? nil : t }
        run = row[13]
        seriesLatinTokens = []
        altTitles = []
        if let keys = row[14] as String? {
            for entry in keys.split(separator: "\u{1E}" as Character) {
                guard let us = entry.firstIndex(of: "\u{1F}"), let kind = KeyKind(rawValue: String(entry[..<us])) else { continue }
                let tokens = Self.split(entry[entry.index(after: us)...])
                guard !tokens.isEmpty else { continue }
                switch kind {
                case .alt: altTitles.append(.init(tokens: tokens, isLatin: false))
                case .altLatin: altTitles.append(.init(tokens: tokens, isLatin: true))
                case .seriesLatin: if seriesLatinTokens.isEmpty { seriesLatinTokens = tokens }
                default: break
                }
            }
        }
        // NULL: no subtitle, no qualifier; '' is an empty side.
        facts = TitleFacts()
        if row.hasNull(atIndex: 15) == false {
            facts.subtitle = .init(main: Self.tokens(row, 15), rest: Self.tokens(row, 16))
        }
        if row.hasNull(atIndex: 17) == false { facts.seriesCore = Self.tokens(row, 17) }
    }

    /// Space-separated tokens.
    static func split(_ text: String?) -> [String] {
        guard var text, !text.isEmpty else { return [] }
        return text.withUTF8(splitSpaces)
    }

    /// The space-separated tokens of column `index`, read in place.
    static func tokens(_ row: Row, _ index: Int) -> [String] {
        (try? row.withUnsafeData(atIndex: index) { data -> [String] in
            guard let data, !data.isEmpty else { return [] }
            return data.withUnsafeBytes { splitSpaces($0.bindMemory(to: UInt8.self)) }
        }) ?? []
    }

    /// UTF-8 bytes split at spaces, empty runs dropped.
    static func splitSpaces(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var out: [String] = []
        var start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x20 {
            if i > start { out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)) }
            start = i + 1
        }
        return out
    }

    static func split(_ text: Substring) -> [String] {
        text.split(separator: " " as Character).map(String.init)
    }
}
