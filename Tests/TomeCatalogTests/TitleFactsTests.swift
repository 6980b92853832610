import Foundation
import GRDB
import Testing
@testable import TomeCatalog
import TomeTestSupport

/// ``TitleFacts`` are computed once, at import (or by the migration that
/// added them), and read back by every resolve: what a catalog stores must
/// be what the facts of its books' titles and series are.
@Suite("Title facts")
struct TitleFactsTests {
    static let rows: [(title: String, series: String?, main: [String]?, rest: [String]?, core: [String]?)] = [
        ("Walden; or, Life in the Woods", nil, ["walden"], ["or", "life", "in", "the", "woods"], nil),
        ("The Diamond Age: Or, A Young Lady's Illustrated Primer", nil, ["the", "diamond", "age"],
         ["or", "a", "young", "ladys", "illustrated", "primer"], nil),
        ("Dune", "Dune", nil, nil, nil),
        ("Ubel Blatt, Vol. 1", "The Rising of the Shield Hero (Manga)", nil, nil, ["the", "rising", "of", "the", "shield", "hero"]),
        // A mark at the start is no subtitle; `:` needs its space.
        (": Nothing", "(Qualifier only)", nil, nil, nil),
        ("Re:Zero", nil, nil, nil, nil),
        // ` - ` is cut before its space; `;` wins over `:`.
        ("Title - Part Two", nil, ["title"], ["part", "two"], nil),
        ("A: B; C", nil, ["a", "b"], ["c"], nil),
    ]

    @Test func factsOfTitles() {
        for row in Self.rows {
            let f = TitleFacts(title: row.title, series: row.series)
            #expect(f.subtitle?.main == row.main, "\(row.title)")
            #expect(f.subtitle?.rest == row.rest, "\(row.title)")
            #expect(f.seriesCore == row.core, "\(String(describing: row.series))")
        }
    }

    /// Every book of two corpus catalogs (their subtitles, qualifiers, CJK
    /// and Cyrillic titles): the stored facts equal the facts computed from
    /// the stored title and series.
    @Test func storedFactsAreTheTitlesFacts() throws {
        for set in ["hand/subtitles-and-stems", "hand/world-markers", "hand/same-title-volumes"] {
            let temporary = try TemporaryCatalog()
            try temporary.load(jsonLines: Repository.corpus + "/\(set).catalog.jsonl")
            try Self.expectStoredFactsMatch(temporary.catalog, set)
        }
    }

    /// A catalog made before the facts were stored gets them from the
    /// migration that adds their columns: answers need no re-import.
    @Test func theMigrationFillsOlderCatalogs() throws {
        let temporary = try TemporaryCatalog()
        try temporary.load(jsonLines: Repository.corpus + "/hand/subtitles-and-stems.catalog.jsonl")
        try temporary.catalog.pool.write { db in
            try db.execute(sql: """
                ALTER TABLE book DROP COLUMN subtitle_main_key;
                ALTER TABLE book DROP COLUMN subtitle_rest_key;
                ALTER TABLE book DROP COLUMN series_core_key;
                DELETE FROM grdb_migrations WHERE identifier = 'v5: title facts';
                """)
        }
        let reopened = try Catalog.open(path: temporary.path)
        let filled = try reopened.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM book WHERE subtitle_main_key IS NOT NULL OR series_core_key IS NOT NULL")
        }
        #expect((filled ?? 0) > 10, "the corpus set has many subtitles: \(filled ?? 0) filled")
        try Self.expectStoredFactsMatch(reopened, "migrated subtitles-and-stems")
    }

    static func expectStoredFactsMatch(_ catalog: Catalog, _ what: String) throws {
        let ids = try catalog.pool.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM book WHERE status = 'active' AND content_type = 'volume'") }
        let records = try catalog.reading { reader in try reader.candidates(ids) }
        #expect(records.count == ids.count && !ids.isEmpty, "\(what)")
        var withSubtitle = 0
        for record in records {
            let computed = TitleFacts(title: record.title, series: record.series)
            #expect(record.facts == computed, "\(what): \(record.id) \(record.title)")
            if record.facts.subtitle != nil { withSubtitle += 1 }
        }
        // The comparison must be able to fail: the sets hold subtitles.
        if what.contains("subtitles") { #expect(withSubtitle > 10, "\(what): \(withSubtitle)") }
    }
}
