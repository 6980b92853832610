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
            func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s.padding(toLength: n, withPad: " ", startingAt: 0) }
            print(pad("ID", 5) + pad("LABEL", 28) + pad("PREFIX", 11) + pad("CREATED", 22) + pad("LAST USED", 22) + "STATE")
            for k in keys {
                print(pad(String(k.id), 5) + pad(k.label, 28) + pad(k.prefix + "…", 11) + pad(k.createdAt, 22)
                      + pad(k.lastUsedAt ?? "never", 22) + (k.revokedAt.map { "revoked \($0)" } ?? "active"))
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
            let summary = try APIKeyStore(catalog: opened).importTomeKeys(from: tome)
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
                throw ValidationError("No active key with id \(id).")
            }
            print("Revoked key \(id).")
        }
    }
}
