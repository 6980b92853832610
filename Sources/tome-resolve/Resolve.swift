import ArgumentParser
import Foundation
import TomeCatalog
import TomeFilename
import TomeResolver
import TomeWire

/// `tome-resolve resolve`: which book is this file?
struct Resolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the book each filename names, or refuse and say why.",
        discussion: """
            Exit status: 0 when every name resolved, 1 when any was refused, 2 on an error \
            (a missing or corrupt catalog, a usage error). With '-', names are read from \
            standard input, one per line (blank lines skipped), and one result per line is written as each is \
            decided (batch mode; exit status 0 unless an error occurs). With --json, each \
            line is {"filename", "book_id", "method", "confidence", "reason", "refusal"}: \
            book_id is null for a refusal, and refusal (null for an answer) is one of: \
            \(RefusalCode.allCases.map(\.rawValue).joined(separator: ", ")).
            """
    )

    @OptionGroup var catalog: CatalogOptions

    @Flag(help: "Print one JSON object per name, one per line (with a refusal code for each refusal).")
    var json = false

    @Flag(help: "Show the evidence read from the name and the scored candidates.")
    var explain = false

    @Option(name: .customLong("ko-md5"), help: "The file's KOReader partial MD5 (single name only).")
    var koMD5: String?

    @Argument(help: "Filenames or relative paths; '-' reads one per line from standard input.")
    var filenames: [String]

    func validate() throws {
        if koMD5 != nil && filenames.count != 1 { throw ValidationError("--ko-md5 applies to a single filename.") }
        if let koMD5, !KOReaderDigest.isPartialMD5(koMD5) {
            throw ValidationError("--ko-md5 must be KOReader's partial MD5: 32 hexadecimal digits (got \(koMD5.count) characters).")
        }
    }

    func run() throws {
        let opened = try catalog.open()
        // An empty catalog that was never imported into would refuse every
        // name as if the library lacked it.
        guard try opened.hasCompletedImport() else { throw CatalogError.neverImported(path: opened.path) }
        if let warning = DerivedVersionCheck(imported: try opened.importedDerivedVersion()).warning {
            FileHandle.standardError.write(Data("Warning: \(warning)\n".utf8))
        }
        let resolver = Resolver(catalog: opened)
        if filenames == ["-"] {
            while let line = readLine(strippingNewline: true) {
                let name = line.hasSuffix("\r") ? String(line.dropLast()) : line
                // A blank line is no name: skipped, not refused.
                if name.allSatisfy(\.isWhitespace) { continue }
                try emit(resolver.resolve(name, explain: explain))
                fflush(nil)
            }
            return
        }
        var refused = false
        for name in filenames {
            let r = try resolver.resolve(name, koMD5: koMD5, explain: explain)
            refused = refused || !r.isResolved
            try emit(r)
        }
        if refused { throw ExitCode(1) }
    }

    func emit(_ r: Resolution) throws {
        if json {
            print(ResolutionReport(r).jsonLine())
        } else {
            print(ResolutionText.describe(r))
        }
    }
}

/// The human-readable form of a resolution.
enum ResolutionText {
    static func describe(_ r: Resolution) -> String {
        var lines = [r.filename]
        if let id = r.bookID {
            lines.append("  → book \(id)  (\(r.method.rawValue), confidence \(String(format: "%.2f", r.confidence)))")
            lines.append("    \(r.reason)")
        } else {
            lines.append("  ✗ refused: \(r.reason)  [\(r.refusal?.rawValue ?? "-")]")
        }
        if let x = r.explanation {
            let e = x.evidence
            var read: [String] = ["title \"\(e.title)\""]
            if let v = e.volume { read.append("volume \(FilenameEvidence.format(v))") }
            if let range = e.volumeRange { read.append("volumes \(FilenameEvidence.format(range.lowerBound))–\(FilenameEvidence.format(range.upperBound))") }
            if let c = e.chapter { read.append("chapter \(FilenameEvidence.format(c))") }
            if let y = e.year { read.append("year \(y)") }
            if !e.authors.isEmpty { read.append("authors? " + e.authors.map(\.name).joined(separator: " | ")) }
            if !e.noise.isEmpty { read.append("noise " + e.noise.joined(separator: " ")) }
            lines.append("  read: " + read.joined(separator: "; "))
            var asked = "\(x.statements) SQL statements"
            if let source = x.source { asked += "; last source asked: \(source.rawValue)" }
            if let veto = x.veto { asked += "; vetoed by \(veto.rawValue)" }
            lines.append("  candidates (\(asked)):")
            for c in x.candidates {
                let head = "    \(String(format: "%6.1f", c.total))  \(c.bookID)  \(c.title)"
                    + (c.series.map { " [\($0)\(c.seriesIndex.map { " #" + FilenameEvidence.format($0) } ?? "")]" } ?? "")
                lines.append(head)
                lines.append("            " + c.parts.map { "\($0.detail) \($0.points >= 0 ? "+" : "")\(FilenameEvidence.format($0.points))" }.joined(separator: ", "))
                if let d = c.disqualification { lines.append("            disqualified: \(d)") }
            }
        }
        return lines.joined(separator: "\n")
    }
}
