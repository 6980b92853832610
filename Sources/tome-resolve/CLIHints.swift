import TomeCatalog
import TomeServer

/// What `tome-resolve` adds to the libraries' errors: the command or option
/// that fixes the problem. The libraries describe only the problem (a host
/// embedding them has no `tome-resolve index`); the hints are the CLI's.
enum CLIHints {
    /// The message `tome-resolve` prints for `error` (after `Error: `), or
    /// nil for an error that is not the libraries'.
    static func message(for error: any Error) -> String? {
        switch error {
        case let error as CatalogError: describe(error)
        case let error as ImportError: describe(error)
        case let error as ResolveServiceError: describe(error)
        default: nil
        }
    }

    static func describe(_ error: CatalogError) -> String {
        switch error {
        case .missing(let path): "\(error): create one with `tome-resolve index --db \(path) --jsonl FILE`"
        case .newerVersion: "\(error); upgrade tome-resolve"
        case .neverImported(let path): "\(error) (`tome-resolve index --db \(path) --jsonl FILE`)"
        case .importFailed(let failure): describe(failure)
        default: "\(error)"
        }
    }

    static func describe(_ error: ImportError) -> String {
        switch error {
        // Relative paths come from the library root: name the option that sets it.
        case .outsideLibraryRoot: "\(error) (give --library-root)"
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
