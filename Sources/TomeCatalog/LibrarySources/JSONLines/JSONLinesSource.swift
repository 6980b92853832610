import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads books from a JSON Lines file, one book per line, streaming.
///
/// The interchange contract: `id` (a positive integer, unique in the file)
/// and `title` (non-empty) are required; every other key is optional and may
/// be `null`; unknown keys are ignored. Blank lines are skipped. A line that
/// breaks the contract stops the import with its line number and the reason:
///
/// ```
/// line 42: "series_index" must be a number, got a string
/// ```
///
/// A line is at most ``ImportLimits/lineBytes`` (1 MiB): a longer one stops
/// the import (``ImportError/lineTooLong(line:bytes:limit:)``) without ever
/// being held whole (``LineReader``), so a file with a 1 GB line costs the
/// import no more memory than a small one.
public struct JSONLinesSource: BookSource {
    public let path: String
    private let file: UnsafeMutablePointer<FILE>
    private let handle: FileHandleBox
    private let lines: LineReader
    private var lineNumber = 0
    private let decoder = JSONDecoder()

    public private(set) var position: Int?
    public var filesHashed: Int { 0 }

    /// Opens `path` for reading (`-` reads standard input).
    public init(path: String) throws(ImportError) {
        self.path = path
        if path == "-" {
            guard let input = fdopen(dup(0), "rb") else {
                throw .unreadableSource(path: path, reason: "standard input cannot be read")
            }
            file = input
        } else {
            var info = stat()
            if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                throw .unreadableSource(path: path, reason: "it is a directory")
            }
            guard let opened = fopen(path, "rb") else {
                throw .unreadableSource(path: path, reason: String(cString: strerror(errno)))
            }
            file = opened
        }
        let handle = FileHandleBox(file: file, owned: true)
        self.handle = handle
        lines = LineReader(limit: ImportLimits.lineBytes) { buffer in
            let count = fread(buffer.baseAddress, 1, buffer.count, handle.file)
            return count == 0 && ferror(handle.file) != 0 ? -1 : count
        }
    }

    public mutating func next() throws(ImportError) -> CatalogBook? {
        while let next = lines.next() {
            lineNumber += 1
            position = lineNumber
            let line: UnsafeBufferPointer<UInt8>
            switch next {
            case .text(let text): line = text
            case .tooLong(let bytes): throw .lineTooLong(line: lineNumber, bytes: bytes, limit: lines.limit)
            }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            guard String(validating: line, as: UTF8.self) != nil else {
                throw .badLine(line: lineNumber, reason: "not valid UTF-8")
            }
            // The common shape without Foundation; anything else (and every
            // error's explanation) through JSONDecoder.
            if let book = JSONBookReader.book(line) { return book }
            let book: CatalogBook
            do {
                book = try decoder.decode(CatalogBook.self, from: Data(line))
            } catch let error as DecodingError {
                throw .badLine(line: lineNumber, reason: Self.explain(error))
            } catch {
                throw .badLine(line: lineNumber, reason: "not valid JSON")
            }
            // Only an escape (`\u0000`) puts a NUL in a JSON string, and the
            // fast reader leaves those to JSONDecoder: SQLite's text would
            // end at it when read back (a title `Dune\u0000 Messiah` read as
            // `Dune`), and no filename can hold one.
            if let key = Self.keyHoldingNUL(book) {
                throw .badLine(line: lineNumber, reason: "\(key) must not contain a NUL character (\\u0000)")
            }
            return book
        }
        if lines.failed || ferror(file) != 0 {
            throw .unreadableSource(path: path, reason: "read error after line \(lineNumber)")
        }
        return nil
    }

    /// The first key, quoted as in an error message, whose text holds a NUL.
    static func keyHoldingNUL(_ book: CatalogBook) -> String? {
        func nul(_ text: String?) -> Bool { text?.utf8.contains(0) ?? false }
        if nul(book.title) { return "\"title\"" }
        if book.authors.contains(where: nul) { return "\"authors\"" }
        if nul(book.series) { return "\"series\"" }
        if book.altTitles.contains(where: nul) { return "\"alt_titles\"" }
        if nul(book.language) { return "\"language\"" }
        if book.identifiers.contains(where: { nul($0.key) || nul($0.value) }) { return "\"identifiers\"" }
        for file in book.files where nul(file.path) || nul(file.format) || nul(file.koMD5) { return "\"files\"" }
        return nil
    }

    /// A sentence for a decoding error: which key, what was expected.
    static func explain(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context, _ extra: CodingKey? = nil) -> String {
            let keys = context.codingPath + (extra.map { [$0] } ?? [])
            guard !keys.isEmpty else { return "the line" }
            return "\"" + keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") + "\""
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing required key \(path(context, key))"
        case .valueNotFound(_, let context):
            return "\(path(context)) must not be null"
        case .typeMismatch(let type, let context):
            if context.codingPath.isEmpty { return "expected a JSON object" }
            return "\(path(context)) must be \(describe(type))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "not valid JSON" }
            return "\(path(context)) has an invalid value (\(context.debugDescription))"
        @unknown default:
            return "cannot be decoded"
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int64.Type, is Int.Type: return "an integer"
        case is Double.Type: return "a number"
        case is String.Type: return "a string"
        case is [String].Type: return "an array of strings"
        case is [String: String].Type: return "an object of strings"
        case is [CatalogFile].Type: return "an array of file objects"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "of type \(name)"
        }
    }
}

/// Closes the file when the last copy of a source goes away.
final class FileHandleBox {
    let file: UnsafeMutablePointer<FILE>
    let owned: Bool
    init(file: UnsafeMutablePointer<FILE>, owned: Bool) {
        self.file = file
        self.owned = owned
    }
    deinit {
        if owned { fclose(file) }
    }
}
