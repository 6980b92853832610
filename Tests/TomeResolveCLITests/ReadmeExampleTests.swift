import Foundation
import Testing
import TomeTestSupport

/// A command-and-output example of a Markdown file: a fenced block whose
/// lines start with `$ ` (a command) followed by what it prints.
struct DocumentedExample: CustomStringConvertible {
    var file: String
    var line: Int
    var command: String
    var expected: String

    var description: String { "\((file as NSString).lastPathComponent):\(line): $ \(command)" }

    /// The examples of `path`, and the lines of the blocks marked
    /// `<!-- illustrative -->` (the line of their fence), which are not run.
    static func examples(in path: String) throws -> (run: [DocumentedExample], illustrative: [Int]) {
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        var run: [DocumentedExample] = [], illustrative: [Int] = []
        var i = 0
        while i < lines.count {
            guard lines[i].hasPrefix("```") else { i += 1; continue }
            let fence = i
            var block: [String] = []
            i += 1
            while i < lines.count, !lines[i].hasPrefix("```") {
                block.append(lines[i])
                i += 1
            }
            i += 1
            guard block.contains(where: { $0.hasPrefix("$ ") }) else { continue }
            let before = lines[..<fence].last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
            if before.hasPrefix("<!-- illustrative") {
                illustrative.append(fence + 1)
                continue
            }
            var current: DocumentedExample?
            for (offset, text) in block.enumerated() {
                if text.hasPrefix("$ ") {
                    if let current { run.append(current) }
                    current = DocumentedExample(file: path, line: fence + 2 + offset, command: String(text.dropFirst(2)), expected: "")
                } else if var example = current {
                    example.expected += (example.expected.isEmpty ? "" : "\n") + text
                    current = example
                }
            }
            if let current { run.append(current) }
        }
        return (run, illustrative)
    }

    /// `expected` as a regular expression: `…` stands for any text (a key,
    /// a part of a long line, lines left out); everything else is literal.
    var pattern: NSRegularExpression {
        let parts = Self.normalized(expected).components(separatedBy: "…").map(NSRegularExpression.escapedPattern(for:))
        return try! NSRegularExpression(pattern: "^" + parts.joined(separator: "[\\s\\S]*?") + "$")
    }

    /// Trailing blank lines and spaces dropped, durations (`in 5.23 s`) made equal.
    static func normalized(_ text: String) -> String {
        var lines = text.components(separatedBy: "\n").map { line -> String in
            var line = line
            while line.last == " " { line.removeLast() }
            return line.replacingOccurrences(of: #"in [0-9]+(\.[0-9]+)? s\b"#, with: "in … s", options: .regularExpression)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}

/// Every command-and-output example of the README and of
/// `Benchmarks/README.md` is run with the built `tome-resolve` and its
/// output compared with the one shown, or is marked
/// `<!-- illustrative -->` right before its block.
@Suite("README examples", .serialized, .offTheCooperativePool)
struct ReadmeExampleTests {
    static let documents = [Repository.root + "/README.md", Repository.root + "/Benchmarks/README.md"]

    /// Runs one example's command from the repository root: `tome-resolve`
    /// (after `swift run [-c release]` or alone) is the built executable,
    /// `/tmp/` a fresh folder, the default catalog's cache a folder of the run.
    static func output(of example: DocumentedExample, cache: String) throws -> String {
        let work = TemporaryDirectory("tome-readme")
        defer { work.cleanup() }
        var command = example.command
        for prefix in ["swift run -c release tome-resolve ", "swift run tome-resolve ", "tome-resolve "] where command.hasPrefix(prefix) {
            command = "\"$TOME\" " + command.dropFirst(prefix.count)
            break
        }
        command = command.replacingOccurrences(of: "/tmp/", with: work.path + "/")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " 2>&1"]
        process.currentDirectoryURL = URL(fileURLWithPath: Repository.root)
        var environment = ProcessInfo.processInfo.environment
        environment["TOME"] = CLI.executable
        environment["XDG_CACHE_HOME"] = cache
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: work.path + "/", with: "/tmp/")
    }

    @Test func everyExampleRunsAsShown() throws {
        let cache = TemporaryDirectory("tome-readme-cache")
        defer { cache.cleanup() }
        // The default catalog, built once beforehand: its one-time "Building
        // the default catalog…" line (which the README mentions) is not part
        // of the examples' output.
        _ = try Self.output(of: DocumentedExample(file: "", line: 0, command: "tome-resolve resolve Dune.epub", expected: ""),
                            cache: cache.path)
        var count = 0
        for document in Self.documents {
            for example in try DocumentedExample.examples(in: document).run {
                count += 1
                let actual = DocumentedExample.normalized(try Self.output(of: example, cache: cache.path))
                let matches = example.pattern.firstMatch(in: actual, range: NSRange(actual.startIndex..., in: actual)) != nil
                #expect(matches, "\(example)\n--- the README shows:\n\(example.expected)\n--- the command prints:\n\(actual)")
            }
        }
        #expect(count >= 6, "only \(count) examples found")
    }

    /// The checker itself: an example is found, its `…` matches anything,
    /// any other difference fails, and a marked block is left out.
    @Test func theCheckerCanFail() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.write("doc.md", """
            ```
            $ tome-resolve parse "Dune.epub"
            Dune.epub
              title      Dune
            …
            ```

            <!-- illustrative: a made-up output -->
            ```
            $ tome-resolve nothing
            nothing at all
            ```
            """)
        let (run, illustrative) = try DocumentedExample.examples(in: path)
        #expect(run.count == 1 && illustrative == [9])
        let example = try #require(run.first)
        #expect(example.command == #"tome-resolve parse "Dune.epub""#)
        func matches(_ text: String) -> Bool {
            let text = DocumentedExample.normalized(text)
            return example.pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
        #expect(matches("Dune.epub\n  title      Dune\n  tokens     dune\n"))
        #expect(!matches("Dune.epub\n  title      Dune2\n  tokens     dune\n"))
        #expect(!matches("Dune.epub\n"))
        let cache = TemporaryDirectory("tome-readme-cache")
        defer { cache.cleanup() }
        #expect(matches(try Self.output(of: example, cache: cache.path)))
    }
}
