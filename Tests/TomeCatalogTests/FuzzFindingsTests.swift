import Foundation
import Testing
@testable import TomeCatalog

/// Defects the fuzz targets (Fuzz/, `bash Fuzz/run.sh`) found, each with the
/// smallest input that showed it.
@Suite("Fuzz findings: catalog")
struct CatalogFuzzFindingsTests {
    /// FuzzJSONLines: `{"id": 1, "title": "\u0000"}` imported, and the
    /// book read back with the title `""` — SQLite's text ends at a NUL when
    /// read. A NUL in any text of a line is now refused as a bad line.
    @Test(arguments: [
        (#"{"id": 1, "title": "\u0000"}"#, #""title""#),
        (#"{"id": 1, "title": "Dune\u0000 Messiah"}"#, #""title""#),
        (#"{"id": 1, "title": "Dune", "authors": ["Frank\u0000Herbert"]}"#, #""authors""#),
        (#"{"id": 1, "title": "Dune", "series": "\u0000"}"#, #""series""#),
        (#"{"id": 1, "title": "Dune", "alt_titles": ["x", "\u0000"]}"#, #""alt_titles""#),
        (#"{"id": 1, "title": "Dune", "language": "en\u0000"}"#, #""language""#),
        (#"{"id": 1, "title": "Dune", "identifiers": {"isbn\u0000": "1"}}"#, #""identifiers""#),
        (#"{"id": 1, "title": "Dune", "files": [{"path": "Dune\u0000.epub"}]}"#, #""files""#),
    ])
    func aNULInAnyTextIsABadLine(line: String, key: String) throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let catalog = try Catalog.open(path: dir.file("c.sqlite"), create: true)
        var first = try JSONLinesSource(path: dir.write("ok.jsonl", #"{"id": 7, "title": "It"}"# + "\n"))
        #expect(try catalog.importBooks(from: &first).added == 1)

        let path = dir.write("nul.jsonl", #"{"id": 2, "title": "Dune"}"# + "\n" + line + "\n")
        var reading = try JSONLinesSource(path: path)
        #expect(try reading.next()?.id == 2)
        #expect(throws: ImportError.badLine(line: 2, reason: "\(key) must not contain a NUL character (\\u0000)")) {
            try reading.next()
        }
        // The import stops there and changes nothing.
        var source = try JSONLinesSource(path: path)
        #expect(throws: CatalogError.badLine(line: 2, reason: "\(key) must not contain a NUL character (\\u0000)")) {
            try catalog.importBooks(from: &source)
        }
        #expect(try catalog.allBooks().map(\.book.id) == [7])
    }

    /// The fast reader leaves a `\u0000` to JSONDecoder (and so to the check
    /// above); other escapes it still reads itself.
    @Test func theFastReaderLeavesNULEscapesToJSONDecoder() {
        func fast(_ line: String) -> CatalogBook? {
            let bytes = Array(line.utf8)
            return bytes.withUnsafeBufferPointer { JSONBookReader.book($0) }
        }
        #expect(fast(#"{"id": 1, "title": "a\u0000b"}"#) == nil)
        #expect(fast(#"{"id": 1, "title": "a\u0001b"}"#)?.title == "a\u{1}b")
        #expect(fast(#"{"id": 1, "title": "a\u00e9b"}"#)?.title == "aéb")
    }
}
