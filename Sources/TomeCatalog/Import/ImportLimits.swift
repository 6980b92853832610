/// The most an import takes from one book, and from one line of a JSON
/// Lines source.
///
/// No real book comes near these numbers: they exist so that a hostile or
/// broken source (a 100 MB title, a book with 100,000 alt titles, a file
/// with no newline) is refused with a clear error instead of costing the
/// import gigabytes of memory, the catalog hundreds of megabytes and every
/// resolve that meets the book a noticeable fraction of a second.
///
/// A book over a limit is **refused, not truncated**: the import stops with
/// an ``ImportError`` that names the line (JSON Lines) or the book id
/// (Calibre, Tome), and — one transaction — the catalog stays as it was.
/// A cut title or a dropped alt title would be a wrong book record stored
/// silently; a librarian would rather fix the source once.
///
/// | What | Limit |
/// |---|---|
/// | a title, an author, a series, an alt title, a file path (each) | 65,536 bytes (UTF-8) |
/// | a language, an identifier's name or value, a file format (each) | 65,536 bytes |
/// | alt titles of a book | 256 |
/// | authors of a book | 256 |
/// | files of a book | 256 |
/// | identifiers of a book | 64 |
/// | a line of a JSON Lines source | 1,048,576 bytes (1 MiB), newline excluded |
///
/// The counts are generous on purpose: one refused book stops the whole
/// import, so a real book must never meet them.
///
/// A Tome database keeps a book's authors in one column (`author`, joined
/// with `", "`): the text limit applies to that column. KOReader hashes
/// (`ko_md5s`) are not counted: each is one exact lookup, whatever their
/// number, and a JSON Lines line bounds them anyway.
public enum ImportLimits {
    /// The most bytes (UTF-8) of one text of a book.
    public static let textBytes = 65_536
    /// The most alt titles of one book: the most translated books have
    /// around a hundred titles; each costs a resolve that meets the book
    /// some microseconds (100,000 of them cost 0.37 s).
    public static let altTitles = 256
    /// The most authors of one book (an anthology's contributors fit).
    public static let authors = 256
    /// The most files of one book.
    public static let files = 256
    /// The most identifiers of one book.
    public static let identifiers = 64
    /// The most bytes of one line of a JSON Lines source, without its
    /// newline. A longer line is refused in bounded memory: the reader
    /// never holds more than this (plus one read's chunk) of it.
    public static let lineBytes = 1_048_576
}

/// A text or list of a book, as a limit names it in an ``ImportError``.
public enum BookField: String, Sendable, Hashable, CaseIterable {
    case title
    case authors
    case series
    case altTitles = "alt_titles"
    case language
    case identifiers
    case filePath = "files.path"
    case fileFormat = "files.format"

    /// One text of this field, for a sentence: `title`, `an author`.
    public var oneText: String {
        switch self {
        case .title: "title"
        case .authors: "an author"
        case .series: "series"
        case .altTitles: "an alt title"
        case .language: "language"
        case .identifiers: "an identifier"
        case .filePath: "a file path"
        case .fileFormat: "a file format"
        }
    }

    /// Several of this field, for a sentence: `alt titles`.
    public var plural: String {
        switch self {
        case .title: "titles"
        case .authors: "authors"
        case .series: "series"
        case .altTitles: "alt titles"
        case .language: "languages"
        case .identifiers: "identifiers"
        case .filePath: "files"
        case .fileFormat: "file formats"
        }
    }
}

/// Where in a source a book is: a line of a JSON Lines file, or the book's
/// own id in a library database (Calibre, Tome) or in a source without lines.
public enum SourcePlace: Sendable, Hashable, CustomStringConvertible {
    case line(Int)
    case book(Int64)

    public var description: String {
        switch self {
        case .line(let line): "line \(line)"
        case .book(let id): "book \(id)"
        }
    }
}

extension CatalogBook {
    /// Checks the book against ``ImportLimits``; `place` is where the error
    /// says the book is.
    func checkLimits(at place: SourcePlace) throws(ImportError) {
        func text(_ value: String?, _ field: BookField) throws(ImportError) {
            guard let value else { return }
            let bytes = value.utf8.count
            if bytes > ImportLimits.textBytes {
                throw .textTooLong(at: place, field: field, bytes: bytes, limit: ImportLimits.textBytes)
            }
        }
        func count(_ n: Int, _ field: BookField, _ limit: Int) throws(ImportError) {
            if n > limit { throw .tooMany(at: place, field: field, count: n, limit: limit) }
        }
        try count(altTitles.count, .altTitles, ImportLimits.altTitles)
        try count(authors.count, .authors, ImportLimits.authors)
        try count(files.count, .filePath, ImportLimits.files)
        try count(identifiers.count, .identifiers, ImportLimits.identifiers)
        try text(title, .title)
        for author in authors { try text(author, .authors) }
        try text(series, .series)
        for alt in altTitles { try text(alt, .altTitles) }
        try text(language, .language)
        for (key, value) in identifiers {
            try text(key, .identifiers)
            try text(value, .identifiers)
        }
        for file in files {
            try text(file.path, .filePath)
            try text(file.format, .fileFormat)
        }
    }
}

/// `1234567` → `1,234,567`.
func groupedDigits(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, d) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(d)
    }
    return n < 0 ? "-" + out : out
}
