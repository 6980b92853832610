import Foundation
import GRDB
@testable import TomeCatalog
@_exported import TomeTestSupport

enum Fixtures {
    /// The repository root, found from this file's path.
    static var repositoryRoot: String { Repository.root }

    /// The bundled goodbooks-10k sample catalog.
    static var goodbooks: String { Repository.goodbooks }

    /// The Calibre library fixture (copied from a library Calibre 6.13 made).
    static let calibreLibrary: String = {
        if let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) {
            return url.path + "/calibre-library"
        }
        return repositoryRoot + "/Tests/TomeCatalogTests/Fixtures/calibre-library"
    }()

    /// An extension's table, as another module (TomeKeys) keeps one.
    static let notesExtension = CatalogSchemaExtension(name: "TestNotes", migrations: [
        .init("test notes v1") { db in try db.execute(sql: "CREATE TABLE extension_note (id INTEGER PRIMARY KEY, label TEXT)") },
    ])

    static func jsonLines(_ books: [CatalogBook]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return books.map { String(decoding: try! encoder.encode($0), as: UTF8.self) }.joined(separator: "\n") + "\n"
    }

    static func sampleBooks(_ ids: ClosedRange<Int64>) -> [CatalogBook] {
        ids.map { id in
            CatalogBook(
                id: id, title: "Book Number \(id)", authors: ["Author \(id % 3)"], series: id % 2 == 0 ? "Even Series" : nil,
                seriesIndex: id % 2 == 0 ? Double(id) / 2 : nil, bookType: .book, altTitles: ["Книга \(id)"],
                language: "eng", year: 2000 + Int(id),
                files: [CatalogFile(path: "Author/Book \(id) (\(id))/Book \(id) - Author.epub", format: "epub")])
        }
    }
}

/// Everything an import may change, for before/after comparisons.
struct CatalogSnapshot: Equatable {
    var books: [StoredBook]
    var counts: [String: Int]

    init(_ catalog: Catalog) throws {
        books = try catalog.allBooks()
        counts = try catalog.pool.read { db in
            var counts: [String: Int] = [:]
            for table in ["book", "book_file", "book_key", "book_fts"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)")
            }
            return counts
        }
    }
}

extension CatalogBook {
    /// `self` with formats guessed the way the catalog guesses them.
    var withStoredFormats: CatalogBook {
        var copy = self
        copy.files = files.map { var f = $0; f.format = f.format ?? FileFormat.guess(f.path); return f }
        return copy
    }
}
