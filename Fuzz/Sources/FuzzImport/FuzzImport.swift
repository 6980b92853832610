// libFuzzer target: the JSON Lines import, into a catalog.
//
// An input is the contents of a JSON Lines file. It is written to a file in
// a per-process temporary folder, read once with `JSONLinesSource` (to know
// its books, or the line that stops it; FuzzJSONLines holds that reading
// against JSONDecoder), then imported with `Catalog.importBooks` into a
// catalog opened once per process: with `replace` (a bulk load), or
// synchronizing over three fixed books and then importing the same file
// again (which must change nothing). An import succeeds exactly when every
// line reads, every book validates and no id repeats; when it fails, it
// throws a `CatalogError` that says something (the source's `ImportError`
// as `.importFailed`), and the catalog holds what it held before.
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
    let path = base + "tome-fuzz-import-\(getpid())"
    try? FileManager.default.removeItem(atPath: path)
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    atexit {
        try? FileManager.default.removeItem(atPath: (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/" : NSTemporaryDirectory()) + "tome-fuzz-import-\(getpid())")
    }
    return path
}()
private let inputPath = folder + "/input.jsonl"
private let catalog: Catalog = {
    do {
        return try Catalog.open(path: folder + "/catalog.sqlite", create: true)
    } catch {
        fatalError("cannot create the fuzz catalog: \(error)")
    }
}()

/// Three books a synchronizing import starts from: one the input may
/// update (id 1), others it may remove.
private let baseBooks: [CatalogBook] = [
    CatalogBook(id: 1, title: "Dune", authors: ["Frank Herbert"], series: "Dune", seriesIndex: 1, bookType: .book,
                files: [CatalogFile(path: "Frank Herbert/Dune (1)/Dune - Frank Herbert.epub", format: "epub")]),
    CatalogBook(id: 2, title: "Berserk, Vol. 2", authors: ["Kentaro Miura"], series: "Berserk", seriesIndex: 2,
                bookType: .manga, altTitles: ["ベルセルク"],
                files: [CatalogFile(path: "Kentaro Miura/Berserk 02.cbz", format: "cbz", koMD5: "0123456789abcdef0123456789abcdef")]),
    CatalogBook(id: 3, title: "It", authors: ["Stephen King"], year: 1986, files: []),
]

/// Books held in memory, handed to an import one by one.
private struct Books: BookSource {
    var books: [CatalogBook]
    var index = 0
    var position: Int? { nil }
    var filesHashed: Int { 0 }
    mutating func next() throws(CatalogError) -> CatalogBook? {
        guard index < books.count else { return nil }
        defer { index += 1 }
        return books[index]
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImport(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
    write(bytes)
    let read = readBack(bytes)
    importInput(read, replace: size % 2 == 0, bytes)
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

/// Reads the file with `JSONLinesSource`: its books, up to the error.
private func readBack(_ bytes: UnsafeBufferPointer<UInt8>) -> ReadResult {
    var result = ReadResult()
    do {
        var source = try JSONLinesSource(path: inputPath)
        while let book = try source.next() { result.books.append(book) }
    } catch {
        result.error = error
    }
    return result
}

/// Imports the file; it succeeds exactly when it should, and a failure
/// leaves the catalog as it was.
private func importInput(_ read: ReadResult, replace: Bool, _ bytes: UnsafeBufferPointer<UInt8>) {
    var shouldSucceed = read.error == nil
    var ids = Set<Int64>()
    for book in read.books {
        if (try? book.validate()) == nil || !ids.insert(book.id).inserted { shouldSucceed = false }
    }
    if !replace {
        do {
            var base = Books(books: baseBooks)
            _ = try catalog.importBooks(from: &base, replace: true)
        } catch {
            fatalError("the base books do not import: \(error)")
        }
    }
    let before = count(bytes)
    let summary: ImportSummary
    do throws(CatalogError) {
        var source: JSONLinesSource
        do {
            source = try JSONLinesSource(path: inputPath)
        } catch {
            throw CatalogError.importFailed(error)
        }
        // An empty file empties the catalog here: the guard against that
        // (`allowEmpty`) has its own tests; this oracle is about reading.
        summary = try catalog.importBooks(from: &source, replace: replace, allowEmpty: true)
    } catch {
        guard !shouldSucceed else { fail("the import threw \(error) for a valid file of \(read.books.count) books", bytes) }
        guard !error.description.isEmpty else { fail("the import's error says nothing", bytes) }
        if case .importFailed(.badLine(let line, _)) = error, line < 1 || line > bytes.count + 1 {
            fail("the import's error names line \(line)", bytes)
        }
        let after = count(bytes)
        guard after == before else { fail("a failed import (\(error)) changed the catalog: \(before) → \(after) books", bytes) }
        return
    }
    guard shouldSucceed else {
        fail("the import succeeded (\(summary)) where it should fail (read error \(String(describing: read.error)))", bytes)
    }
    let books = read.books.count
    guard count(bytes) == books, summary.total == books else {
        fail("imported \(summary) but the file has \(books) books and the catalog \(count(bytes))", bytes)
    }
    for book in read.books.prefix(4) {
        let stored: StoredBook?
        do { stored = try catalog.book(id: book.id) } catch { fail("cannot read book \(book.id) back: \(error)", bytes) }
        guard let stored, stored.isActive, Array(stored.book.title.utf8) == Array(book.title.utf8) else {
            fail("book \(book.id) reads back as \(String(describing: stored))", bytes)
        }
    }
    if !replace {
        // The same file again changes nothing.
        do {
            var source = try JSONLinesSource(path: inputPath)
            let again = try catalog.importBooks(from: &source)
            guard again.added == 0, again.updated == 0, again.removed == 0, again.unchanged == books else {
                fail("importing the same file again: \(again), for \(books) books", bytes)
            }
        } catch {
            fail("importing the same file again threw \(error)", bytes)
        }
    }
}

private func count(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    do { return try catalog.activeBookCount() } catch { fail("cannot count the books: \(error)", bytes) }
}

/// The program's entry point: libFuzzer's driver, with this file's callback.
@main
enum Main {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzImport))
    }
}
