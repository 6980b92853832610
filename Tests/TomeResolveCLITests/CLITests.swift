import Foundation
import Testing
import TomeTestSupport

/// Runs the built `tome-resolve` executable, as a user would.
enum CLI {
    static let executable: String = {
        let dir = Bundle.main.bundleURL.deletingLastPathComponent()
        let candidates = [
            dir.appendingPathComponent("tome-resolve").path,
            Bundle.main.bundleURL.appendingPathComponent("tome-resolve").path,
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tome-resolve").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }()

    static var repositoryRoot: String { Repository.root }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], input: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), inp = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inp
        try process.run()
        if let input { inp.fileHandleForWriting.write(Data(input.utf8)) }
        try inp.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func json(_ line: Substring) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
}

@Suite("tome-resolve parse")
struct ParseCommandTests {
    @Test func yotsubaVolumeTen() throws {
        let r = try CLI.run(["parse", "Yotsuba&! vol. 10.cbz", "--json"])
        #expect(r.status == 0)
        let o = try CLI.json(Substring(r.stdout.trimmingCharacters(in: .newlines)))
        #expect(o["volume"] as? Double == 10)
        #expect(o["volume_range"] is NSNull)
        #expect(o["extension"] as? String == "cbz")
        #expect(o["title"] as? String == "Yotsuba&!")
        for key in ["filename", "extension", "title", "tokens", "volume", "volume_range", "chapter", "year", "authors", "noise", "findings"] {
            #expect(o.keys.contains(key), "missing key \(key)")
        }
    }

    @Test func dungeonMeshiRangeIsNotAVolume() throws {
        let r = try CLI.run(["parse", "ダンジョン飯 1-3巻.cbz", "--json"])
        #expect(r.status == 0)
        let o = try CLI.json(Substring(r.stdout.trimmingCharacters(in: .newlines)))
        #expect(o["volume"] is NSNull)
        #expect(o["volume_range"] as? [Double] == [1, 3])
        #expect(o["title"] as? String == "ダンジョン飯")
    }

    @Test func oneLinePerNameInOrderAlsoFromStandardInput() throws {
        let names = ["Dune.epub", "Berserk v02 (2003) (Digital).cbz", "第3巻.cbz"]
        let r = try CLI.run(["parse", "--json"] + names)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(try lines.map { try CLI.json($0)["filename"] as? String } == names)

        let piped = try CLI.run(["parse", "--json", "-"], input: names.joined(separator: "\n") + "\n")
        #expect(piped.stdout == r.stdout)

        let human = try CLI.run(["parse", "Berserk v02 (2003) (Digital).cbz"])
        #expect(human.stdout.contains("volume     2"))
        #expect(human.stdout.contains("year       2003"))
    }
}

@Suite("tome-resolve index", .offTheCooperativePool)
struct IndexCommandTests {
    func temporary() -> String { TemporaryDirectory("tome-cli").path }

    @Test func importsTheBundledSampleAndPrintsCounts() throws {
        let dir = temporary()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/c.sqlite"
        let r = try CLI.run(["index", "--db", db, "--jsonl", CLI.repositoryRoot + "/Corpus/goodbooks-10k/catalog.jsonl"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("added            10000"))
        #expect(r.stdout.contains("active books     10000"))

        let again = try CLI.run(["index", "--db", db, "--jsonl", CLI.repositoryRoot + "/Corpus/goodbooks-10k/catalog.jsonl"])
        #expect(again.stdout.contains("unchanged        10000"))
    }

    @Test func aBadLineExitsNonZeroAndKeepsTheCatalog() throws {
        let dir = temporary()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/c.sqlite"
        let good = dir + "/good.jsonl"
        try "{\"id\": 1, \"title\": \"One\"}\n{\"id\": 2, \"title\": \"Two\"}\n".write(toFile: good, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["index", "--db", db, "--jsonl", good]).status == 0)

        let bad = dir + "/bad.jsonl"
        try "{\"id\": 3, \"title\": \"Three\"}\n{\"id\": 3, \"title\": \"Again\"}\n".write(toFile: bad, atomically: true, encoding: .utf8)
        for extra in [[], ["--replace"]] {
            let r = try CLI.run(["index", "--db", db, "--jsonl", bad] + extra)
            #expect(r.status != 0)
            #expect(r.stderr.contains("line 2: duplicate id 3"))
        }
        let check = try CLI.run(["index", "--db", db, "--jsonl", good])
        #expect(check.stdout.contains("unchanged            2"))
        #expect(check.stdout.contains("active books         2"))
    }

    @Test func usageErrorsAreExplained() throws {
        let none = try CLI.run(["index", "--db", "/tmp/x.sqlite"])
        #expect(none.status != 0)
        #expect(none.stderr.contains("--jsonl FILE, --calibre DIR or --tome TOME_DB"))
        let notACatalog = try CLI.run(["index", "--db", CLI.repositoryRoot + "/Package.swift", "--jsonl", "/dev/null"])
        #expect(notACatalog.status != 0)
        #expect(notACatalog.stderr.contains("is not a TomeResolver catalog"))
    }
}

@Suite("README")
struct ReadmeTests {
    /// The embedding example in the README is the example target's source,
    /// which `swift build` compiles: so the README's example compiles.
    @Test func embeddingExampleIsTheCompiledOne() throws {
        let readme = try String(contentsOfFile: CLI.repositoryRoot + "/README.md", encoding: .utf8)
        let example = try String(contentsOfFile: CLI.repositoryRoot + "/Examples/EmbeddingExample/main.swift", encoding: .utf8)
        let compiled = try #require(example.range(of: "import Hummingbird")).lowerBound
        let block = try #require(readme.range(of: "```swift\nimport Hummingbird"))
        let end = try #require(readme.range(of: "\n```", range: block.upperBound..<readme.endIndex))
        let shown = "import Hummingbird" + readme[block.upperBound..<end.lowerBound] + "\n"
        #expect(shown == String(example[compiled...]))
    }
}

@Suite("tome-resolve resolve --json")
struct ResolveJSONTests {
    /// Every line carries `refusal`: a documented code for a refusal, null
    /// for an answer; the exit status says whether any name was refused.
    @Test func everyRefusalCarriesItsCode() throws {
        let dir = TemporaryDirectory("tome-cli")
        defer { dir.cleanup() }
        let db = dir.file("c.sqlite")
        let jsonl = dir.write("c.jsonl", """
            {"id": 1, "title": "Dune", "authors": ["Frank Herbert"]}
            {"id": 2, "title": "Twilight", "authors": ["Stephenie Meyer"]}
            {"id": 3, "title": "Twilight", "authors": ["Meg Cabot"]}
            {"id": 4, "title": "Berserk, Vol. 1", "authors": ["Kentaro Miura"], "series": "Berserk", "series_index": 1}

            """)
        #expect(try CLI.run(["index", "--db", db, "--jsonl", jsonl]).status == 0)
        let names = ["Dune.epub", "Twilight.epub", "Berserk v02.cbz", "Berserk v01-03.cbz", "Berserk c012.cbz",
                     "Nothing Like This.epub", "[Group] (2003).cbz"]
        let expected: [String?] = [nil, "ambiguous", "volume_missing", "volume_range", "chapter_file", "no_candidate", "no_title_words"]
        let r = try CLI.run(["resolve", "--db", db, "--json"] + names)
        #expect(r.status == 1, "a refused name makes the exit status 1")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == names.count)
        for (line, code) in zip(lines, expected) {
            let o = try CLI.json(line)
            #expect(Set(o.keys) == ["filename", "book_id", "method", "confidence", "reason", "refusal"], "\(line)")
            if let code {
                #expect(o["refusal"] as? String == code, "\(line)")
                #expect(o["book_id"] is NSNull)
            } else {
                #expect(o["refusal"] is NSNull, "\(line)")
                #expect(o["book_id"] as? Int == 1)
            }
        }
        // Batch mode from standard input gives the same lines.
        let batch = try CLI.run(["resolve", "--db", db, "--json", "-"], input: names.joined(separator: "\n") + "\n")
        #expect(batch.status == 0)
        #expect(batch.stdout == r.stdout)
        // --explain adds each candidate's parts with their rule.
        let explained = try CLI.json(Substring(try CLI.run(["resolve", "--db", db, "--json", "--explain", "Dune.epub"]).stdout
            .trimmingCharacters(in: .newlines)))
        let explanation = try #require(explained["explanation"] as? [String: Any])
        let candidates = try #require(explanation["candidates"] as? [[String: Any]])
        let parts = try #require(candidates.first?["parts"] as? [[String: Any]])
        #expect(parts.first?["rule"] as? String == "title_exact")
        #expect(parts.first?["detail"] as? String == "title exact")
    }
}
