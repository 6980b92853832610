import Foundation
import Testing
import TomeTestSupport

/// `index`: an empty source does not empty a catalog unless told to, and a
/// book over a limit is refused by line.
@Suite("tome-resolve index: limits and --allow-empty", .serialized, .offTheCooperativePool)
struct ImportLimitsCLITests {
    static let books = """
        {"id": 1, "title": "Dune", "authors": ["Frank Herbert"]}
        {"id": 2, "title": "Emma", "authors": ["Jane Austen"]}

        """

    @Test func anEmptySourceIsRefusedUnlessAllowed() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let db = dir.file("c.sqlite")
        #expect(try CLI.run(["index", "--db", db, "--jsonl", dir.write("books.jsonl", Self.books)]).status == 0)
        let empty = dir.write("empty.jsonl", "")
        for extra in [[], ["--replace"]] {
            let refused = try CLI.run(["index", "--db", db, "--jsonl", empty] + extra)
            #expect(refused.status == 2)
            #expect(refused.stderr == """
                Error: the source holds no books; the catalog's 2 books would all be removed — pass --allow-empty to do that

                """, "\(refused.stderr)")
            #expect(refused.stdout.isEmpty)
            // The catalog kept its books: the same books again change nothing.
            let again = try CLI.run(["index", "--db", db, "--jsonl", dir.file("books.jsonl")])
            #expect(Self.figure("unchanged", again.stdout) == 2, "\(again.stdout)")
        }

        let allowed = try CLI.run(["index", "--db", db, "--jsonl", empty, "--allow-empty"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(Self.figure("removed", allowed.stdout) == 2, "\(allowed.stdout)")
        #expect(Self.figure("active books", allowed.stdout) == 0, "\(allowed.stdout)")

        // A first import of an empty source removes nothing: allowed.
        let first = try CLI.run(["index", "--db", dir.file("new.sqlite"), "--jsonl", empty])
        #expect(first.status == 0, "\(first.stderr)")
    }

    @Test func aTitleOverTheLimitIsRefusedByLine() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let db = dir.file("c.sqlite")
        #expect(try CLI.run(["index", "--db", db, "--jsonl", dir.write("books.jsonl", Self.books)]).status == 0)
        let title = String(repeating: "t", count: 70 * 1024)
        let big = dir.write("big.jsonl", Self.books + #"{"id": 3, "title": "\#(title)"}"# + "\n")
        let refused = try CLI.run(["index", "--db", db, "--jsonl", big])
        #expect(refused.status == 2)
        #expect(refused.stderr == "Error: line 3: title is 71,680 bytes, over the 65,536-byte limit\n", "\(refused.stderr)")
        let again = try CLI.run(["index", "--db", db, "--jsonl", dir.file("books.jsonl")])
        #expect(Self.figure("unchanged", again.stdout) == 2, "\(again.stdout)")
    }

    @Test func helpTellsTheLimitsAndTheFlag() throws {
        let help = try CLI.run(["index", "--help"])
        #expect(help.stdout.contains("--allow-empty"))
        let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("at most 65536 bytes each"), "\(help.stdout)")
        #expect(words.contains("a JSON Lines line of at most 1048576 bytes"), "\(help.stdout)")
    }

    /// The number `index` prints after `label` (`  removed        2`).
    static func figure(_ label: String, _ stdout: String) -> Int? {
        for line in stdout.split(separator: "\n") where line.hasPrefix("  " + label + " ") {
            return line.split(separator: " ").last.flatMap { Int($0) }
        }
        return nil
    }
}
