import ArgumentParser
import Foundation
import TomeCatalog
import TomeKeys

/// `tome-resolve keys`: API keys for the resolve service.
struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, list and revoke API keys (stored as hashes beside the catalog).",
        discussion: """
            Creating and revoking keys write the catalog, so they need a writable one; 'create' \
            first checks the whole catalog (PRAGMA quick_check) and refuses a corrupt one.
            """,
        subcommands: [Create.self, List.self, Revoke.self, Import.self],
        defaultSubcommand: List.self
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a key and print it once.")
        @OptionGroup var catalog: CatalogOptions
        @Option(help: "What the key is for (a device, a person).")
        var label: String

        func validate() throws {
            guard !label.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--label must not be empty.") }
        }

        func run() throws {
            let opened = try catalog.open()
            try opened.requireWritable(for: "creating an API key")
            // A key written into a damaged file could be lost with it.
            try opened.quickCheck()
            let store = try APIKeyStore(catalog: opened)
            let (key, plaintext) = try store.create(label: label)
            print("Created key \(key.id) (\(key.label)). It is shown only this once; only its hash is stored:\n")
            print("    \(plaintext)\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys: id, label, prefix, created, last used, state.")
        @OptionGroup var catalog: CatalogOptions

        func run() throws {
            let keys = try APIKeyStore(catalog: try catalog.open()).list()
            guard !keys.isEmpty else {
                print("No API keys. Create one with: tome-resolve keys create --label LABEL")
                return
            }
            print(Self.table(keys))
        }

        /// Labels longer than this are cut (with `…`) in the table.
        static let labelLimit = 40

        /// The keys as a table whose columns are as wide as their widest
        /// cell (labels cut at ``labelLimit`` characters), so that they never
        /// misalign; wide (CJK) characters count as two columns.
        static func table(_ keys: [APIKeyStore.Key]) -> String {
            func label(_ text: String) -> String {
                let flat = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
                return flat.count > labelLimit ? String(flat.prefix(labelLimit - 1)) + "…" : flat
            }
            let header = ["ID", "LABEL", "PREFIX", "CREATED", "LAST USED", "STATE"]
            let rows = keys.map { k in
                [String(k.id), label(k.label), k.prefix + "…", k.createdAt, k.lastUsedAt ?? "never",
                 k.revokedAt.map { "revoked \($0)" } ?? "active"]
            }
            let widths = header.indices.map { column in ([header] + rows).map { columns(of: $0[column]) }.max() ?? 0 }
            return ([header] + rows).map { row in
                row.enumerated().map { column, cell in
                    column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - columns(of: cell) + 2)
                }.joined()
            }.joined(separator: "\n")
        }

        /// Terminal columns of `text`: East Asian wide and fullwidth
        /// characters take two.
        static func columns(of text: String) -> Int {
            text.unicodeScalars.reduce(0) { sum, scalar in
                let v = scalar.value
                if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark { return sum }
                let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                    || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                    || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
                return sum + (wide ? 2 : 1)
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a Tome library's API keys, so devices keep the keys they have.",
            discussion: """
                Reads Tome's database read-only (it may be running). Run again, it adds keys new in \
                Tome and removes keys deleted there (Tome revokes a key by deleting it); keys created \
                here are never touched.
                """)
        @OptionGroup var catalog: CatalogOptions
        @Option(help: "The Tome library database (its SQLite file).")
        var tome: String

        func run() throws {
            let opened = try catalog.open()
            try opened.requireWritable(for: "importing API keys")
            // A Tome library always keeps keys (`LibrarySource.keyDatabase`).
            let library = LibrarySource.tome(path: tome, libraryRoot: nil)
            guard let summary = try APIKeyStore(catalog: opened).importKeys(of: library) else { return }
            print("Tome keys: \(summary)")
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a key; a running server refuses it from the next request on.")
        @OptionGroup var catalog: CatalogOptions
        @Argument(help: "The key's id (see 'keys list').")
        var id: Int64

        func run() throws {
            let opened = try catalog.open()
            try opened.requireWritable(for: "revoking an API key")
            let store = try APIKeyStore(catalog: opened)
            guard try store.revoke(id: id) else {
                if let key = try store.list().first(where: { $0.id == id }), let revoked = key.revokedAt {
                    throw CLIError("key \(id) (\(key.label)) is already revoked, since \(revoked)")
                }
                throw CLIError("no key with id \(id) (see 'tome-resolve keys list')")
            }
            print("Revoked key \(id).")
        }
    }
}

/// An error of a command's own, printed as `Error: <message>` (exit 2),
/// without the usage text a ``ValidationError`` adds.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
