import ArgumentParser
import Foundation
import TomeCatalog

#if canImport(Glibc)
import Glibc
#endif

/// `tome-resolve index`: imports a JSON Lines file, a Calibre library or a
/// Tome library database into a catalog.
struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import books into a catalog from a JSON Lines file, a Calibre library or a Tome database.",
        discussion: """
            Without --replace, the import synchronizes: new books are added, changed books \
            updated, and books missing from the source are marked removed (never answered \
            again). Importing the same source twice changes nothing. The whole import is one \
            transaction: on any error (a bad line, a duplicate id, an unreadable file) the \
            catalog stays exactly as it was and the command exits non-zero. API keys stored \
            in the catalog file are never touched (see 'keys import --tome'). A Tome database \
            is read without disturbing a running Tome: read-only, in one read transaction, \
            never checkpointed.

            A source without books is refused while the catalog holds books (it would remove \
            them all: a truncated export or a wrong path, more often than not); --allow-empty \
            imports it anyway. A first import of an empty source into an empty catalog is allowed.

            Limits (a book over one stops the import, naming its line or book id): a title, \
            author, series, alt title, file path, language, identifier or format of at most \
            \(ImportLimits.textBytes) bytes each; at most \(ImportLimits.altTitles) alt titles, \
            \(ImportLimits.authors) authors, \(ImportLimits.files) files and \(ImportLimits.identifiers) \
            identifiers per book; a JSON Lines line of at most \(ImportLimits.lineBytes) bytes.
            """
    )

    @Option(help: "The catalog file (created when missing).")
    var db: String

    @Option(help: "A JSON Lines file, one book per line ('-' reads standard input).")
    var jsonl: String?

    @Option(help: "A Calibre library folder (its metadata.db is opened read-only).")
    var calibre: String?

    @Option(help: ArgumentHelp("A Tome library server's database (read-only; it may be in use).", valueName: "tome-db"))
    var tome: String?

    @Option(help: ArgumentHelp(
        "With --tome: the folder Tome's absolute file paths are relative to. Default: the longest folder common to all files.",
        valueName: "dir"))
    var libraryRoot: String?

    @Flag(help: "Drop the catalog's books and import the source afresh (API keys are kept).")
    var replace = false

    @Flag(help: "Import a source without books even when that removes every book of the catalog.")
    var allowEmpty = false

    func validate() throws {
        switch [jsonl, calibre, tome].compactMap({ $0 }).count {
        case 0: throw ValidationError("Give a source: --jsonl FILE, --calibre DIR or --tome TOME_DB.")
        case 1: break
        default: throw ValidationError("Give one source only: --jsonl, --calibre or --tome.")
        }
        if libraryRoot != nil, tome == nil { throw ValidationError("--library-root goes with --tome.") }
    }

    func run() throws {
        // A first import that fails leaves no catalog behind: an empty one
        // would only say "the catalog is empty" later.
        let isNew = !FileManager.default.fileExists(atPath: db)
        do {
            try importSource()
        } catch {
            if isNew {
                for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: db + suffix) }
            }
            throw error
        }
    }

    /// The source the options name (``validate()`` ensures exactly one).
    var library: LibrarySource {
        if let jsonl { return .jsonLines(path: jsonl) }
        if let calibre { return .calibre(root: calibre) }
        return .tome(path: tome!, libraryRoot: libraryRoot)
    }

    private func importSource() throws {
        let catalog = try Catalog.open(path: db, create: true)
        let progress = ImportProgress()
        let library = self.library
        let imported = try library.importBooks(into: catalog, replace: replace, allowEmpty: allowEmpty,
                                               progress: progress.update)
        let summary = imported.summary
        progress.finish()
        let active = try catalog.activeBookCount()
        print("Imported \(library.location) into \(db) in \(String(format: "%.2f", summary.seconds)) s\(replace ? " (replaced)" : "")")
        for (label, value) in [
            ("added", summary.added), ("updated", summary.updated), ("removed", summary.removed),
            ("unchanged", summary.unchanged), ("files hashed", summary.filesHashed), ("active books", active),
        ] {
            print("  \(label.padding(toLength: 13, withPad: " ", startingAt: 0))\(String(value).leftPadded(to: 9))")
        }
        for note in imported.notes { print("  (\(note))") }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
