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
        case .database(let message):
            return "catalog error: \(message)"
        }
    }
}
