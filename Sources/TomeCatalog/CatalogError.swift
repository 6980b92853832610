/// Why a catalog could not be opened, read or written.
///
/// Every case reads as a sentence that describes the problem; what to do
/// about it in a given program (which command to run) is that program's to
/// say (`tome-resolve` adds its own hints).
public enum CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No catalog exists at the path.
    case missing(path: String)
    /// The file is not a SQLite database, or not one of ours.
    case notACatalog(path: String, reason: String)
    /// The catalog was written by a newer TomeResolver.
    case newerVersion(path: String, migrations: [String])
    /// SQLite found the file damaged (`SQLITE_CORRUPT`, or `PRAGMA
    /// quick_check` reported problems); `detail` is SQLite's own words.
    case corrupt(path: String, detail: String)
    /// The catalog is read-only (its file or file system) and the work needs
    /// to write it.
    case readOnly(path: String, needed: String)
    /// No import ever completed into this catalog: it holds no books because
    /// none were imported, not because the library has none.
    case neverImported(path: String)
    /// The catalog's file was replaced by another or deleted while this
    /// process had it open: it neither reads nor writes it any more.
    case fileChanged(path: String, change: CatalogFileChange)
    /// SQLite failed in a way the cases above do not cover.
    case database(String)
    /// An import into the catalog failed on its source (a bad line, a
    /// duplicate id, an unreadable file): nothing was written.
    case importFailed(ImportError)

    public var description: String {
        switch self {
        case .missing(let path):
            return "no catalog at \(path)"
        case .notACatalog(let path, let reason):
            return "\(path) is not a TomeResolver catalog: \(reason)"
        case .newerVersion(let path, let migrations):
            return "\(path) was written by a newer TomeResolver (unknown schema steps: \(migrations.joined(separator: ", ")))"
        case .corrupt(let path, let detail):
            return "\(path) is corrupt (SQLite: \(detail)); import the books again into a new catalog"
        case .readOnly(let path, let needed):
            return "\(path) is read-only: \(needed) needs a writable catalog"
        case .neverImported:
            return "the catalog is empty: import books first"
        case .fileChanged(let path, let change):
            return change == .deleted
                ? "the catalog file \(path) was deleted while it was open"
                : "the catalog file \(path) was replaced by another file while it was open"
        case .database(let message):
            return "catalog error: \(message)"
        case .importFailed(let error):
            return error.description
        }
    }

    /// ``ImportError/badLine(line:reason:)`` as a catalog error, for code
    /// that reads its own line-based files and throws `CatalogError`
    /// (`TomeResolver`'s case files).
    public static func badLine(line: Int, reason: String) -> CatalogError {
        .importFailed(.badLine(line: line, reason: reason))
    }

    /// ``ImportError/unreadableSource(path:reason:)`` as a catalog error, for
    /// code that throws `CatalogError` (`TomeResolver`'s corpus report).
    public static func unreadableSource(path: String, reason: String) -> CatalogError {
        .importFailed(.unreadableSource(path: path, reason: reason))
    }
}
