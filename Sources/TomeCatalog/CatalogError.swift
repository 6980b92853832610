/// Why a catalog could not be opened, read or imported.
///
/// Every case reads as a sentence a person can act on.
public enum CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No catalog exists at the path.
    case missing(path: String)
    /// The file is not a SQLite database, or not one of ours.
    case notACatalog(path: String, reason: String)
    /// The catalog was written by a newer TomeResolver.
    case newerVersion(path: String, migrations: [String])
    /// A book breaks a rule of the interchange format.
    case invalidBook(String)
    /// A line of a JSON Lines source could not be read.
    case badLine(line: Int, reason: String)
    /// Two books of one source share an id.
    case duplicateID(id: Int64, line: Int?)
    /// A source (JSON Lines file, Calibre library) cannot be read.
    case unreadableSource(path: String, reason: String)
    /// SQLite found the file damaged (`SQLITE_CORRUPT`, or `PRAGMA
    /// quick_check` reported problems); `detail` is SQLite's own words.
    case corrupt(path: String, detail: String)
    /// The catalog is read-only (its file or file system) and the work needs
    /// to write it.
    case readOnly(path: String, needed: String)
    /// No import ever completed into this catalog: it holds no books because
    /// none were imported, not because the library has none.
    case neverImported(path: String)
    /// SQLite failed in a way the cases above do not cover.
    case database(String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "no catalog at \(path): create one with `tome-resolve index --db \(path) --jsonl FILE`"
        case .notACatalog(let path, let reason):
            return "\(path) is not a TomeResolver catalog: \(reason)"
        case .newerVersion(let path, let migrations):
            return "\(path) was written by a newer TomeResolver (unknown schema steps: \(migrations.joined(separator: ", "))); upgrade tome-resolve"
        case .invalidBook(let reason):
            return "invalid book: \(reason)"
        case .badLine(let line, let reason):
            return "line \(line): \(reason)"
        case .duplicateID(let id, let line):
            if let line { return "line \(line): duplicate id \(id) (an earlier line has the same id)" }
            return "duplicate id \(id)"
        case .unreadableSource(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .corrupt(let path, let detail):
            return "\(path) is corrupt (SQLite: \(detail)); import the books again into a new catalog"
        case .readOnly(let path, let needed):
            return "\(path) is read-only: \(needed) needs a writable catalog"
        case .neverImported(let path):
            return "the catalog is empty: import books first (`tome-resolve index --db \(path) --jsonl FILE`)"
        case .database(let message):
            return "catalog error: \(message)"
        }
    }
}
