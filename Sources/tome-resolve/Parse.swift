import ArgumentParser
import Foundation
import TomeFilename
import TomeNormalization
import TomeWire

/// `tome-resolve parse`: shows what the filename reader reads from names.
struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the evidence read from filenames (no catalog needed).",
        discussion: """
            Prints the extension, title, volume or range (a comic's issue, its run and \
            start year), chapter, year, edition, author \
            candidates, removed tags and every decision made, with its byte span. \
            With --json, prints one JSON object per filename, one per line.
            """
    )

    @Argument(help: "Filenames or paths to read. '-' reads one name per line from standard input.")
    var filenames: [String]

    @Flag(help: "Print one JSON object per filename, one per line.")
    var json = false

    func run() throws {
        do { try TextNormalizer.prepare() } catch { throw ValidationError("\(error)") }
        let reader = FilenameReader()
        for name in names() {
            let evidence = reader.read(name)
            if json {
                print(WireJSON.string(EvidenceReport(evidence)))
            } else {
                print(Self.describe(evidence))
            }
        }
    }

    private func names() -> AnySequence<String> {
        if filenames == ["-"] {
            return AnySequence(AnyIterator { readLine(strippingNewline: true) })
        }
        return AnySequence(filenames)
    }

    static func describe(_ e: FilenameEvidence) -> String {
        var lines = [e.filename]
        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { lines.append("  \(label.padding(toLength: 10, withPad: " ", startingAt: 0)) \(value)") }
        }
        add("title", e.title.isEmpty ? "(none)" : e.title)
        add("tokens", e.tokens.joined(separator: " "))
        add("extension", e.fileExtension)
        add("volume", e.volume.map { FilenameEvidence.format($0) + (e.volumeForm.map { "  (\($0.rawValue))" } ?? "") })
        add("volumes", e.volumeRange.map { "\(FilenameEvidence.format($0.lowerBound))–\(FilenameEvidence.format($0.upperBound))" })
        add("run", e.run.map { FilenameEvidence.format($0) })
        add("started", e.seriesYear.map(String.init))
        add("edition", e.formatHint ?? (e.collectedEdition.isEmpty ? nil : "collected (\(e.collectedEdition.joined(separator: " ")))"))
        add("chapter", e.chapter.map(FilenameEvidence.format))
        add("chapters", e.chapterRange.map { "\(FilenameEvidence.format($0.lowerBound))–\(FilenameEvidence.format($0.upperBound))" })
        add("year", e.year.map(String.init))
        add("series", e.seriesHint)
        add("authors", e.authors.map { "\($0.name) (\($0.position.rawValue))" }.joined(separator: "; "))
        add("noise", e.noise.joined(separator: " "))
        add("folders", e.directories.joined(separator: " / "))
        if e.truncated { add("truncated", "yes: the last word may be cut") }
        lines.append("  findings:")
        lines += e.findings.map { "    \($0)" }
        return lines.joined(separator: "\n")
    }
}
