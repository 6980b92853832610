// libFuzzer target: the JSON Lines reader (the import's first half; the
// import itself is FuzzImport's).
//
// An input is the contents of a JSON Lines file. It is written to a file in
// a per-process temporary folder and read through the public path,
// `JSONLinesSource`, line by line, against `JSONDecoder` on the same line
//    (the source's fast `JSONBookReader` must give the book `JSONDecoder`
//    gives, byte for byte, or leave the line to it; a line `JSONDecoder`
//    rejects must stop the source with `badLine` at that line number; a
//    line that is not UTF-8, or holds a NUL in a text (`\u0000`), likewise).
// A violated property is a crash (`fatalError`), which libFuzzer reports.
import CFuzzDriver
import Foundation
import TomeCatalog

#if canImport(Glibc)
import Glibc
#endif

/// A folder of this process's own, on tmpfs when there is one.
private let folder: String = {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/" : NSTemporaryDirectory()
    let path = base + "tome-fuzz-jsonl-\(getpid())"
    try? FileManager.default.removeItem(atPath: path)
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    atexit {
        try? FileManager.default.removeItem(atPath: (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/" : NSTemporaryDirectory()) + "tome-fuzz-jsonl-\(getpid())")
    }
    return path
}()
private let inputPath = folder + "/input.jsonl"
private let decoder = JSONDecoder()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONLines(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
    write(bytes)
    _ = readBack(bytes)
    return 0
}

private func fail(_ what: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Never {
    let shown = String(decoding: bytes.prefix(600), as: UTF8.self)
    fatalError("\(what) — input \(shown.debugDescription) (\(bytes.count) bytes)")
}

private func write(_ bytes: UnsafeBufferPointer<UInt8>) {
    let fd = open(inputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { fatalError("cannot write \(inputPath)") }
    var done = 0
    while done < bytes.count {
        let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
        guard n > 0 else { fatalError("cannot write \(inputPath)") }
        done += n
    }
    close(fd)
}

/// What reading the file gave: its books, up to the error that stopped it.
private struct ReadResult {
    var books: [CatalogBook] = []
    var error: ImportError?
}

/// Reads the file with `JSONLinesSource` and holds every line against
/// `JSONDecoder`.
private func readBack(_ bytes: UnsafeBufferPointer<UInt8>) -> ReadResult {
    // The lines as getline gives them: split at "\n", the last may lack one.
    var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    if bytes.last == 0x0A || bytes.isEmpty { lines.removeLast() }

    var source: JSONLinesSource
    do {
        source = try JSONLinesSource(path: inputPath)
    } catch {
        fatalError("cannot open \(inputPath): \(error)")
    }
    var result = ReadResult()
    for (index, line) in lines.enumerated() {
        let number = index + 1
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
        // What the line must give: JSONDecoder's book, or a bad line.
        var expected: CatalogBook?
        if String(validating: line, as: UTF8.self) != nil {
            expected = try? decoder.decode(CatalogBook.self, from: Data(line))
        }
        // A NUL in any text is refused (SQLite would cut the text there).
        if let book = expected, holdsNUL(book) { expected = nil }
        let got: CatalogBook?
        do {
            got = try source.next()
        } catch {
            guard expected == nil else {
                fail("line \(number): the source threw \(error) where JSONDecoder reads \(expected!)", bytes)
            }
            guard case .badLine(let at, let reason) = error, at == number, !reason.isEmpty else {
                fail("line \(number): the source threw \(error), not a bad line \(number)", bytes)
            }
            guard source.position == number else { fail("line \(number): position \(String(describing: source.position))", bytes) }
            result.error = error
            return result
        }
        guard let got else { fail("line \(number): the source ended early", bytes) }
        guard let expected else {
            fail("line \(number): the source read \(got) where JSONDecoder fails", bytes)
        }
        guard same(got, expected) else {
            fail("line \(number): the source read\n  \(got)\nJSONDecoder read\n  \(expected)", bytes)
        }
        result.books.append(got)
    }
    do {
        if let extra = try source.next() { fail("the source read a book after the last line: \(extra)", bytes) }
    } catch {
        fail("the source threw \(error) after the last line", bytes)
    }
    return result
}

private func holdsNUL(_ book: CatalogBook) -> Bool {
    func nul(_ text: String?) -> Bool { text?.utf8.contains(0) ?? false }
    return nul(book.title) || book.authors.contains(where: nul) || nul(book.series) || book.altTitles.contains(where: nul)
        || nul(book.language) || book.identifiers.contains(where: { nul($0.key) || nul($0.value) })
        || book.files.contains(where: { nul($0.path) || nul($0.format) || nul($0.koMD5) })
}

/// Equal, and equal byte for byte: `String`'s `==` is canonical
/// equivalence, and `Double`'s ignores the sign of zero.
private func same(_ a: CatalogBook, _ b: CatalogBook) -> Bool {
    func bytes(_ s: String?) -> [UInt8]? { s.map { Array($0.utf8) } }
    func bits(_ d: Double?) -> UInt64? { d?.bitPattern }
    guard a == b, a.id == b.id, bytes(a.title) == bytes(b.title), a.authors.map(bytes) == b.authors.map(bytes),
          bytes(a.series) == bytes(b.series), bits(a.seriesIndex) == bits(b.seriesIndex), bits(a.run) == bits(b.run),
          a.bookType == b.bookType, a.altTitles.map(bytes) == b.altTitles.map(bytes), bytes(a.language) == bytes(b.language),
          a.year == b.year, a.files.count == b.files.count
    else { return false }
    let keysA = a.identifiers.map { (Array($0.key.utf8), Array($0.value.utf8)) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }
    let keysB = b.identifiers.map { (Array($0.key.utf8), Array($0.value.utf8)) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }
    guard keysA.map(\.0) == keysB.map(\.0), keysA.map(\.1) == keysB.map(\.1) else { return false }
    for (f, g) in zip(a.files, b.files) {
        guard bytes(f.path) == bytes(g.path), bytes(f.format) == bytes(g.format), f.size == g.size,
              bytes(f.koMD5) == bytes(g.koMD5) else { return false }
    }
    return true
}


/// The program's entry point: libFuzzer's driver, with this file's callback.
@main
enum Main {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzJSONLines))
    }
}
