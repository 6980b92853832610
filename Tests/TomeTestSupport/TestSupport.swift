import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TomeCatalog

/// A fresh directory under the system's temporary folder, removed by
/// ``cleanup()`` (or when a ``TemporaryCatalog`` that owns it goes away).
public struct TemporaryDirectory: Sendable {
    public let path: String

    public init(_ label: String = "tome-tests") {
        path = NSTemporaryDirectory() + label + "-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func file(_ name: String) -> String { path + "/" + name }

    /// Writes `text` to `name` in this directory and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) -> String {
        let p = file(name)
        precondition(FileManager.default.createFile(atPath: p, contents: Data(text.utf8)), "cannot write \(p)")
        return p
    }

    /// Writes `bytes` to `name` in this directory and returns its path.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) -> String {
        let p = file(name)
        precondition(FileManager.default.createFile(atPath: p, contents: Data(bytes)), "cannot write \(p)")
        return p
    }

    public func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

/// Books held in memory, handed to an import one by one.
public struct MemoryBookSource: BookSource {
    public var books: [CatalogBook]
    private var index = 0

    public init(_ books: [CatalogBook]) {
        self.books = books
    }

    public var position: Int? { nil }
    public var filesHashed: Int { 0 }

    public mutating func next() throws(CatalogError) -> CatalogBook? {
        guard index < books.count else { return nil }
        defer { index += 1 }
        return books[index]
    }
}

/// A catalog in a temporary file, removed when the value goes away.
public final class TemporaryCatalog: @unchecked Sendable {
    public let directory: TemporaryDirectory
    public let path: String
    public let catalog: Catalog

    /// A new catalog holding `books`.
    public init(_ books: [CatalogBook] = [], extensions: [CatalogSchemaExtension] = []) throws {
        directory = TemporaryDirectory("tome-catalog")
        path = directory.file("c.sqlite")
        catalog = try Catalog.open(path: path, create: true, extensions: extensions)
        if !books.isEmpty { try load(books) }
    }

    /// Synchronizes the catalog with `books` (books not among them are removed).
    @discardableResult
    public func load(_ books: [CatalogBook]) throws -> ImportSummary {
        var source = MemoryBookSource(books)
        return try catalog.importBooks(from: &source)
    }

    /// Imports a JSON Lines file.
    @discardableResult
    public func load(jsonLines path: String) throws -> ImportSummary {
        var source = try JSONLinesSource(path: path)
        return try catalog.importBooks(from: &source)
    }

    deinit { directory.cleanup() }
}

/// Paths in the repository.
public enum Repository {
    /// The repository root, found from this file's path.
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `Corpus/`.
    public static var corpus: String { root + "/Corpus" }

    /// The bundled goodbooks-10k sample catalog.
    public static var goodbooks: String { corpus + "/goodbooks-10k/catalog.jsonl" }
}

/// A book with one file, for small test catalogs.
public func book(_ id: Int64, _ title: String, _ author: String, series: String? = nil, index: Double? = nil,
                 type: BookType = .book, alt: [String] = [], md5: String? = nil) -> CatalogBook {
    let ext = type == .manga || type == .comic ? "cbz" : "epub"
    return CatalogBook(id: id, title: title, authors: [author], series: series, seriesIndex: index, bookType: type,
                       altTitles: alt, files: [CatalogFile(path: "\(author)/\(title) (\(id))/\(title) - \(author).\(ext)", format: ext, koMD5: md5)])
}

/// The Tome library fixture (`Tests/Fixtures/tome-library`): a database
/// written by Tome's own schema, its expected books and its two keys.
public enum TomeFixture {
    public static let directory = Repository.root + "/Tests/Fixtures/tome-library"
    public static let database = directory + "/tome.db"

    /// (plaintext, label) of the fixture's keys, from `api-keys.txt`.
    public static let keys: [(plaintext: String, label: String)] = {
        let text = (try? String(contentsOfFile: directory + "/api-keys.txt", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
            let fields = $0.split(separator: "\t")
            return (String(fields[0]), String(fields[1]))
        }
    }()

    /// A copy of the fixture database in `directory`, to change.
    public static func copy(into directory: TemporaryDirectory) throws -> String {
        let path = directory.file("tome.db")
        try FileManager.default.copyItem(atPath: database, toPath: path)
        return path
    }
}

/// A TCP socket connected to `127.0.0.1:port` (the caller closes it).
public func connectToLocalhost(port: Int) throws -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EMFILE) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else {
        close(fd)
        throw POSIXError(.ECONNREFUSED)
    }
    return fd
}
