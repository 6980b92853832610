/// A book as an importer reads it from a source, before it is stored.
///
/// The same type describes a line of the JSON Lines interchange format and a
/// book of a Calibre library:
///
/// ```json
/// {"id": 17, "title": "Spice and Wolf", "authors": ["Isuna Hasekura"],
///  "series": "Spice and Wolf", "series_index": 1, "book_type": "light_novel",
///  "alt_titles": ["狼と香辛料"], "language": "jpn", "year": 2006,
///  "files": [{"path": "Isuna Hasekura/Spice and Wolf (17)/Spice and Wolf - Isuna Hasekura.epub",
///             "format": "epub", "ko_md5": "…"}]}
/// ```
public struct CatalogBook: Sendable, Hashable, Codable {
    /// The host library's own id: every answer carries it.
    public var id: Int64
    public var title: String
    /// Authors, in the order the source gives them.
    public var authors: [String]
    public var series: String?
    /// A real number: `2.5` happens. For a comic, the issue number.
    public var seriesIndex: Double?
    /// A comic's run — ComicInfo's `Volume` (`1`, `2`, `1963`): two books of
    /// one series with the same issue number are told apart by it.
    public var run: Double?
    public var bookType: BookType?
    /// Original-language titles and other editions' titles.
    public var altTitles: [String]
    public var language: String?
    public var year: Int?
    /// Other identifiers (`isbn`, `goodreads`…), as the source names them.
    public var identifiers: [String: String]
    public var files: [CatalogFile]
    /// A whole volume (the default) or a single chapter; a chapter book's
    /// number is its ``seriesIndex``. See ``ContentType``.
    public var contentType: ContentType
    /// KOReader partial MD5s of the book that belong to no listed file: a
    /// library that knows a book's hashes but not which copy has which (Tome
    /// records the hash of the stored file and of each copy it served), so
    /// that a device's copy resolves by whichever hash it carries.
    public var koMD5s: [String]

    public init(
        id: Int64, title: String, authors: [String] = [], series: String? = nil, seriesIndex: Double? = nil,
        run: Double? = nil, bookType: BookType? = nil, altTitles: [String] = [], language: String? = nil, year: Int? = nil,
        identifiers: [String: String] = [:], files: [CatalogFile] = [], contentType: ContentType = .volume,
        koMD5s: [String] = []
    ) {
        self.id = id
        self.title = title
        self.authors = authors
        self.series = series
        self.seriesIndex = seriesIndex
        self.run = run
        self.bookType = bookType
        self.altTitles = altTitles
        self.language = language
        self.year = year
        self.identifiers = identifiers
        self.files = files
        self.contentType = contentType
        self.koMD5s = koMD5s
    }

    enum CodingKeys: String, CodingKey {
        case id, title, authors, series, seriesIndex = "series_index", run, bookType = "book_type"
        case altTitles = "alt_titles", language, year, identifiers, files
        case contentType = "content_type", koMD5s = "ko_md5s"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(authors, forKey: .authors)
        try c.encodeIfPresent(series, forKey: .series)
        try c.encodeIfPresent(seriesIndex, forKey: .seriesIndex)
        try c.encodeIfPresent(run, forKey: .run)
        try c.encodeIfPresent(bookType, forKey: .bookType)
        try c.encode(altTitles, forKey: .altTitles)
        try c.encodeIfPresent(language, forKey: .language)
        try c.encodeIfPresent(year, forKey: .year)
        try c.encode(identifiers, forKey: .identifiers)
        try c.encode(files, forKey: .files)
        // Written only when they say something, so a volume's line keeps its shape.
        if contentType != .volume { try c.encode(contentType, forKey: .contentType) }
        if !koMD5s.isEmpty { try c.encode(koMD5s, forKey: .koMD5s) }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        title = try c.decode(String.self, forKey: .title)
        authors = try c.decodeIfPresent([String].self, forKey: .authors) ?? []
        series = try c.decodeIfPresent(String.self, forKey: .series)
        seriesIndex = try c.decodeIfPresent(Double.self, forKey: .seriesIndex)
        run = try c.decodeIfPresent(Double.self, forKey: .run)
        bookType = try c.decodeIfPresent(BookType.self, forKey: .bookType)
        altTitles = try c.decodeIfPresent([String].self, forKey: .altTitles) ?? []
        language = try c.decodeIfPresent(String.self, forKey: .language)
        year = try c.decodeIfPresent(Int.self, forKey: .year)
        identifiers = try c.decodeIfPresent([String: String].self, forKey: .identifiers) ?? [:]
        files = try c.decodeIfPresent([CatalogFile].self, forKey: .files) ?? []
        contentType = try c.decodeIfPresent(ContentType.self, forKey: .contentType) ?? .volume
        koMD5s = try c.decodeIfPresent([String].self, forKey: .koMD5s)?.map { $0.lowercased() } ?? []
    }

    /// Checks what JSON types cannot: a positive id, a non-empty title,
    /// finite numbers, relative file paths — and the sizes of
    /// ``ImportLimits`` (a text or a list over its limit throws
    /// ``ImportError/textTooLong(at:field:bytes:limit:)`` or
    /// ``ImportError/tooMany(at:field:count:limit:)``, at the book's id).
    public func validate() throws(ImportError) {
        guard id > 0 else { throw .invalidBook("id must be a positive integer, got \(id)") }
        try checkLimits(at: .book(id))
        // Byte checks first (an import validates every book), the same
        // rules on Characters when they cannot decide.
        guard Self.startsVisible(title) || !title.trimmingWhitespace.isEmpty else {
            throw .invalidBook("title must not be empty")
        }
        if let seriesIndex, !seriesIndex.isFinite { throw .invalidBook("series_index must be a finite number") }
        if let run, !run.isFinite { throw .invalidBook("run must be a finite number") }
        for file in files {
            guard !file.path.isEmpty else { throw .invalidBook("a file has an empty path") }
            guard !file.path.hasPrefix("/"), !Self.hasParentComponent(file.path) else {
                throw .invalidBook("file path must be relative and stay inside the library: \(file.path)")
            }
            if let md5 = file.koMD5, !KOReaderDigest.isPartialMD5(md5) {
                throw .invalidBook("ko_md5 must be 32 hexadecimal digits: \(md5)")
            }
        }
        for md5 in koMD5s where !KOReaderDigest.isPartialMD5(md5) {
            throw .invalidBook("ko_md5s must hold 32 hexadecimal digits each: \(md5)")
        }
        if contentType == .chapter, seriesIndex == nil {
            throw .invalidBook("a chapter book needs its chapter number in series_index")
        }
    }

    /// The text starts with a visible ASCII character, so it is not empty
    /// once trimmed.
    private static func startsVisible(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        return first > 0x20 && first < 0x7F
    }

    /// A `..` component between slashes (`a/../b`, `../a`, `a/..`). Bytes
    /// for an ASCII path; otherwise Characters (`/` and a combining mark
    /// make one Character, which does not separate).
    private static func hasParentComponent(_ path: String) -> Bool {
        guard path.utf8.allSatisfy({ $0 < 0x80 }) else { return path.split(separator: "/").contains("..") }
        var run = 0  // bytes of the current component
        var dots = 0
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if run == 2 && dots == 2 { return true }
                run = 0
                dots = 0
            } else {
                run += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return run == 2 && dots == 2
    }
}

/// One file of a book, relative to the library's root.
public struct CatalogFile: Sendable, Hashable, Codable {
    public var path: String
    /// Lowercased (`epub`, `cbz`); taken from the path when the source omits it.
    public var format: String?
    public var size: Int64?
    /// KOReader's partial MD5 of the file (see ``KOReaderDigest``).
    public var koMD5: String?

    public init(path: String, format: String? = nil, size: Int64? = nil, koMD5: String? = nil) {
        self.path = path
        self.format = format
        self.size = size
        self.koMD5 = koMD5
    }

    enum CodingKeys: String, CodingKey {
        case path, format, size, koMD5 = "ko_md5"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decode(String.self, forKey: .path)
        format = try c.decodeIfPresent(String.self, forKey: .format)?.lowercased()
        size = try c.decodeIfPresent(Int64.self, forKey: .size)
        koMD5 = try c.decodeIfPresent(String.self, forKey: .koMD5)?.lowercased()
    }

    /// The last component of ``path``.
    public var basename: String {
        String(path.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(path))
    }
}

/// Whether a book is a whole volume or a single chapter.
///
/// Some libraries (Tome) also catalog single chapters of a series as books
/// of their own, the chapter number in ``CatalogBook/seriesIndex``. A
/// chapter book is found only by its own files and by a chapter file's name
/// (`One Piece c012`, `One Piece - Chapter 12`): a chapter file never
/// resolves to a volume book, and a volume file never to a chapter book.
public enum ContentType: String, Sendable, Hashable, Codable, CaseIterable {
    case volume
    case chapter
}

/// What kind of book a record is; `.cbz` files lean towards comics and manga.
public enum BookType: String, Sendable, Hashable, Codable, CaseIterable {
    case book
    case manga
    case lightNovel = "light_novel"
    case comic
}

extension String {
    var trimmingWhitespace: Substring {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return s
    }
}
