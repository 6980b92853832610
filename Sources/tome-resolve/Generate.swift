import ArgumentParser
import TomeSynthetic

/// `tome-resolve generate`: a deterministic synthetic catalog, for benchmarks.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a deterministic synthetic catalog as JSON Lines (for benchmarks and scale tests).",
        discussion: """
            Series with many volumes and half volumes, titles sharing common words, duplicate \
            titles by different authors, Japanese and Russian titles. The same --books and \
            --seed always give the same output; --first-id only renumbers them.
            """
    )

    @Option(help: "How many books.")
    var books: Int

    @Option(help: "The random seed.")
    var seed: UInt64 = 2026

    @Option(help: ArgumentHelp(
        "The id of the first book (the same books, renumbered from here).",
        discussion: "To append synthetic books to another catalog without colliding with its ids."))
    var firstID: Int64 = 1

    func validate() throws {
        guard books >= 0 else { throw ValidationError("--books must not be negative.") }
        guard firstID >= 1 else { throw ValidationError("--first-id must be at least 1.") }
        guard firstID <= Int64.max - Int64(books) else { throw ValidationError("--first-id is too large for --books.") }
    }

    func run() {
        var output = ""
        output.reserveCapacity(1 << 20)
        for book in SyntheticCatalog(count: books, seed: seed, firstID: firstID) {
            output += JSONLinesWriter.line(book)
            output += "\n"
            if output.utf8.count > 1 << 20 {
                print(output, terminator: "")
                output.removeAll(keepingCapacity: true)
            }
        }
        print(output, terminator: "")
    }
}
