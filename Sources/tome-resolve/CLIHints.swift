import TomeCatalog
import TomeServer

/// What `tome-resolve` adds to the libraries' errors: the command or option
/// that fixes the problem. The libraries describe only the problem (a host
/// embedding them has no `tome-resolve index`); the hints are the CLI's.
enum CLIHints {
    /// The message `tome-resolve` prints for `error` (after `Error: `), or
    /// nil for an error that is not the libraries'. `following`: the error
    /// of a followed library's sync (`serve --follow-…`), whose fixes are
    /// not `index` options.
    static func message(for error: any Error, following: Bool = false) -> String? {
        switch error {
        case let error as CatalogError: describe(error, following: following)
        case let error as ImportError: describe(error, following: following)
        case let error as ResolveServiceError: describe(error)
        default: nil
        }
    }

    static func describe(_ error: CatalogError, following: Bool = false) -> String {
        switch error {
        case .missing(let path): "\(error): create one with `tome-resolve index --db \(path) --jsonl FILE`"
        case .newerVersion: "\(error); upgrade tome-resolve"
        case .neverImported(let path): "\(error) (`tome-resolve index --db \(path) --jsonl FILE`)"
        case .importFailed(let failure): describe(failure, following: following)
        default: "\(error)"
        }
    }

    static func describe(_ error: ImportError, following: Bool = false) -> String {
        switch error {
        // Relative paths come from the library root: name the option that sets it.
        case .outsideLibraryRoot: "\(error) (give --library-root)"
        // A follower never empties the catalog; `index` does when told to.
        case .emptySource where following:
            "\(error); a followed library never empties the catalog (`tome-resolve index --allow-empty` does)"
        case .emptySource: "\(error) — pass --allow-empty to do that"
        default: "\(error)"
        }
    }

    static func describe(_ error: ResolveServiceError) -> String {
        switch error {
        // The follower worded the reason with ``message(for:)`` already.
        case .unreadableLibrary: "\(error)"
        case .noAPIKey(let path):
            // The sentence `CatalogError.readOnly` makes, with the command
            // that creates a key.
            "\(CatalogError.readOnly(path: path, needed: "serving without an API key (create one with 'tome-resolve keys create' before making it read-only)"))"
        }
    }
}
