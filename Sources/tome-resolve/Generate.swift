import ArgumentParser
import TomeSynthetic

/// `tome-resolve generate`: a deterministic synthetic catalog, for benchmarks.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a deterministic synthetic catalog as JSON Lines (for benchmarks and scale tests).",
        discussion: """
            Series with many volumes and half volumes, titles sharing common words, duplicate \
            titles by different authors, Japanese and Russian titles. The same --books and \
            --seed always give the same output.
            """
    )

    @Option(help: "How many books.")
    var books: Int

    @Option(help: "The random seed.")
    var seed: UInt64 = 2026

    func validate() throws {
        guard books >= 0 else { throw ValidationError("--books must not be negative.") }
    }

    func run() {
        var output = ""
        output.reserveCapacity(1 << 20)
        for book in SyntheticCatalog(count: books, seed: seed) {
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
