/// Why books could not be read from a library source, or imported.
///
/// A ``BookSource`` throws it; ``Catalog/importBooks(from:replace:allowEmpty:progress:)``
/// reports it as ``CatalogError/importFailed(_:)``, after rolling the whole
/// import back.
public enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A book breaks a rule of the interchange format.
    case invalidBook(String)
    /// A line of a JSON Lines source could not be read.
    case badLine(line: Int, reason: String)
    /// Two books of one source share an id.
    case duplicateID(id: Int64, line: Int?)
    /// A source (JSON Lines file, Calibre library, Tome database, a book's
    /// file) cannot be read.
    case unreadableSource(path: String, reason: String)
    /// A file of a book in the Tome database at `path` lies outside the
    /// library root its relative paths are taken from.
    case outsideLibraryRoot(path: String, book: Int64, file: String, root: String)
    /// A text of a book is longer than its limit (``ImportLimits``): `bytes`
    /// of UTF-8 (for a library database, counted by SQLite: the text never
    /// becomes a Swift string).
    case textTooLong(at: SourcePlace, field: BookField, bytes: Int, limit: Int)
    /// A book has more of something (alt titles, authors…) than its limit
    /// (``ImportLimits``).
    case tooMany(at: SourcePlace, field: BookField, count: Int, limit: Int)
    /// A line of a JSON Lines source is longer than
    /// ``ImportLimits/lineBytes``; `bytes` is its length, newline excluded.
    case lineTooLong(line: Int, bytes: Int, limit: Int)
    /// The source holds no book while the catalog holds `catalogBooks`
    /// active ones: importing it would remove them all, which an import
    /// does only when told to (`allowEmpty`).
    case emptySource(catalogBooks: Int)

    public var description: String {
        switch self {
        case .invalidBook(let reason):
            return "invalid book: \(reason)"
        case .badLine(let line, let reason):
            return "line \(line): \(reason)"
        case .duplicateID(let id, let line):
            if let line { return "line \(line): duplicate id \(id) (an earlier line has the same id)" }
            return "duplicate id \(id)"
        case .unreadableSource(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .outsideLibraryRoot(let path, let book, let file, let root):
            return "cannot read \(path): book \(book)'s file \(file) is not inside the library root \(root)"
        case .textTooLong(let place, let field, let bytes, let limit):
            return "\(place): \(field.oneText) is \(groupedDigits(bytes)) bytes, over the \(groupedDigits(limit))-byte limit"
        case .tooMany(let place, let field, let count, let limit):
            return "\(place): \(groupedDigits(count)) \(field.plural), over the limit of \(groupedDigits(limit)) per book"
        case .lineTooLong(let line, let bytes, let limit):
            return "line \(line): the line is \(groupedDigits(bytes)) bytes, over the \(groupedDigits(limit))-byte limit of a line"
        case .emptySource(let books):
            if books == 1 { return "the source holds no books; the catalog's one book would be removed" }
            return "the source holds no books; the catalog's \(groupedDigits(books)) books would all be removed"
        }
    }
}
