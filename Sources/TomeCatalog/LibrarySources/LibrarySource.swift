/// A library the catalog imports its books from — every kind of source,
/// named once.
///
/// `tome-resolve index --jsonl/--calibre/--tome`, `keys import --tome`,
/// `serve --follow-tome/--follow-calibre` and the service's
/// `SourceFollower` all go through this type: a new kind of source is one
/// folder of `LibrarySources/` (its ``BookSource``) and one case here.
///
/// ```swift
/// let library = LibrarySource.calibre(root: "/srv/calibre")
/// let result = try library.importBooks(into: catalog)
/// print(result.summary) // "added 812, updated 0, removed 0, unchanged 0, files hashed 812"
/// ```
public enum LibrarySource: Sendable, Equatable {
    /// A JSON Lines file, one book per line (`-`: standard input); see
    /// ``JSONLinesSource``.
    case jsonLines(path: String)
    /// A Calibre library folder (its `metadata.db`, opened read-only); see
    /// ``CalibreLibrarySource``.
    case calibre(root: String)
    /// A Tome library server's database, read-only while Tome runs; file
    /// paths are made relative to `libraryRoot` (nil: the longest folder
    /// common to all files). See ``TomeLibrarySource``.
    case tome(path: String, libraryRoot: String?)

    /// The kinds of source, without their locations.
    public enum Kind: String, Sendable, CaseIterable {
        case jsonLines = "jsonl"
        case calibre
        case tome
    }

    /// The source's kind.
    public var kind: Kind {
        switch self {
        case .jsonLines: .jsonLines
        case .calibre: .calibre
        case .tome: .tome
        }
    }

    /// What the source is, for people: `JSON Lines file`, `Calibre library`,
    /// `Tome library`.
    public var displayName: String {
        switch kind {
        case .jsonLines: "JSON Lines file"
        case .calibre: "Calibre library"
        case .tome: "Tome library"
        }
    }

    /// The file or folder given: the JSON Lines file, the Calibre library
    /// folder, the Tome database.
    public var location: String {
        switch self {
        case .jsonLines(let path): path
        case .calibre(let root): root
        case .tome(let path, _): path
        }
    }

    /// The files whose changes mean the source changed, the main file first:
    /// for a SQLite source, the database and its write-ahead log and
    /// rollback journal (a WAL commit changes only the log; a checkpoint
    /// only the file).
    public var watchedFiles: [String] {
        let database: String
        switch self {
        case .jsonLines(let path): return [path]
        case .calibre(let root): database = (root.hasSuffix("/") ? String(root.dropLast()) : root) + "/metadata.db"
        case .tome(let path, _): database = path
        }
        return [database, database + "-wal", database + "-journal"]
    }

    /// The database holding the library's own API keys (Tome's `api_keys`),
    /// which `TomeKeys` can copy; nil for a source without keys.
    public var keyDatabase: String? {
        if case .tome(let path, _) = self { return path }
        return nil
    }

    /// What ``importBooks(into:replace:allowEmpty:progress:)`` did.
    public struct Imported: Sendable {
        /// The catalog's import summary.
        public var summary: ImportSummary
        /// Facts about the source worth telling (Tome: the library root
        /// paths were made relative to, books left out as not active).
        public var notes: [String] = []
    }

    /// Reads the source and imports its books into `catalog`, in one
    /// transaction (see ``Catalog/importBooks(from:replace:allowEmpty:progress:)``:
    /// a source without books that would empty the catalog is refused
    /// unless `allowEmpty`).
    public func importBooks(into catalog: Catalog, replace: Bool = false, allowEmpty: Bool = false,
                            progress: ((Int) -> Void)? = nil) throws(CatalogError) -> Imported {
        let options = ImportOptions(replace: replace, allowEmpty: allowEmpty, progress: progress)
        do {
            return try readAndImport(into: catalog, options)
        } catch let error as CatalogError {
            throw error
        } catch let error as ImportError {
            throw .importFailed(error)
        } catch {
            throw .database("\(error)")
        }
    }

    /// ``importBooks(into:replace:allowEmpty:progress:)``, whose source may
    /// fail with an ``ImportError`` before the import starts.
    private func readAndImport(into catalog: Catalog, _ options: ImportOptions) throws -> Imported {
        switch self {
        case .jsonLines(let path):
            var source = try JSONLinesSource(path: path)
            return Imported(summary: try options.run(catalog, &source))
        case .calibre(let root):
            var source = try CalibreLibrarySource(root: root)
            return Imported(summary: try options.run(catalog, &source))
        case .tome(let path, let libraryRoot):
            var source = try TomeLibrarySource(path: path, libraryRoot: libraryRoot)
            var notes = ["file paths are relative to \(source.libraryRoot)"]
            if source.inactiveBooks > 0 { notes.append("\(source.inactiveBooks) books not active in Tome were left out") }
            return Imported(summary: try options.run(catalog, &source), notes: notes)
        }
    }
}

/// How ``LibrarySource/importBooks(into:replace:allowEmpty:progress:)`` imports.
private struct ImportOptions {
    var replace: Bool
    var allowEmpty: Bool
    var progress: ((Int) -> Void)?

    func run<Source: BookSource>(_ catalog: Catalog, _ source: inout Source) throws(CatalogError) -> ImportSummary {
        try catalog.importBooks(from: &source, replace: replace, allowEmpty: allowEmpty, progress: progress)
    }
}
