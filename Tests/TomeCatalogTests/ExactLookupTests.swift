import Foundation
import Testing
import TomeTestSupport
@testable import TomeCatalog

/// The one-statement exact lookup returns what the single-key statements it
/// replaced return, says when a limit cut a lookup, and finds the books
/// whose keys extend a key.
@Suite("Exact lookup")
struct ExactLookupTests {
    static let books: [CatalogBook] = {
        var books = [
            book(1, "The Stand", "Stephen King"),
            book(2, "The Stand: Captain Trips", "Roberto Aguirre-Sacasa"),
            book(3, "Dune", "Frank Herbert", series: "Dune", index: 1),
            book(4, "Dune Messiah", "Frank Herbert", series: "Dune", index: 2),
            book(5, "Children of Dune", "Frank Herbert", series: "Dune", index: 3),
            book(6, "Twilight", "Stephenie Meyer", series: "Twilight", index: 1),
            book(7, "Twilight", "Meg Cabot", series: "The Mediator", index: 6),
            book(8, "Walking Dead", "Ann Other"),
            book(9, "The Walking Dead", "Robert Kirkman"),
        ]
        // 30 volumes of one series, all titled alike, and 3 other series of that name.
        for v in 1...30 {
            books.append(book(100 + Int64(v), "Light", "Ann One", series: "Light", index: Double(v), type: .manga))
        }
        for (i, author) in ["Bo Two", "Cy Three", "Di Four"].enumerated() {
            books.append(book(200 + Int64(i), "Light", author, series: "Light \(author)", index: 1))
        }
        return books
    }()

    let temporary: TemporaryCatalog
    init() throws { temporary = try TemporaryCatalog(Self.books) }

    func exact(_ lookup: ExactLookup) throws -> ExactLookup.Found {
        try temporary.catalog.reading { try $0.bookIDs(exact: lookup) }
    }

    /// The statements the exact lookup replaced, one per key, in its order.
    func separately(_ lookup: ExactLookup) throws -> [Int64] {
        try temporary.catalog.reading { reader in
            var ids: [Int64] = []
            if let whole = lookup.wholeName { ids += try reader.bookIDs(key: whole, preferringVolume: nil, limit: 10) }
            if let volume = lookup.volume {
                for key in lookup.seriesKeys {
                    ids += try reader.bookIDs(seriesKey: key, index: volume, limit: 5)
                    ids += try reader.bookIDs(seriesKey: key, limit: 5)
                }
            }
            for key in lookup.keys { ids += try reader.bookIDs(key: key, preferringVolume: lookup.volume, limit: 20) }
            return ids
        }
    }

    @Test(arguments: [
        ExactLookup(wholeName: "the stand", keys: ["stephen king"]),
        ExactLookup(wholeName: "dune v02", keys: ["dune"], seriesKeys: ["dune"], volume: 2),
        ExactLookup(keys: ["twilight", "meg cabot"]),
        ExactLookup(wholeName: "nothing here", keys: ["no such key"]),
    ])
    func findsWhatOneStatementPerKeyFinds(_ lookup: ExactLookup) throws {
        let found = try exact(lookup)
        #expect(Set(found.ids) == Set(try separately(lookup)))
        #expect(found.isComplete)
    }

    @Test func oneStatementWhateverTheNumberOfKeys() throws {
        let statements = try temporary.catalog.reading { reader -> Int in
            _ = try reader.bookIDs(exact: ExactLookup(wholeName: "a", keys: ["b", "c", "d", "e"], seriesKeys: ["b", "c"], volume: 1))
            return reader.statements
        }
        #expect(statements == 1)
    }

    @Test func longerKeysAreFoundApart() throws {
        let found = try exact(ExactLookup(keys: ["the stand"]))
        #expect(found.ids == [1])
        #expect(found.extended == [2])
        let dune = try exact(ExactLookup(keys: ["dune"]))
        #expect(Set(dune.extended) == [4], "`dune messiah` extends `dune`; `children of dune` does not start with it")
        let walking = try exact(ExactLookup(keys: ["walking dead"]))
        #expect(walking.ids == [8] && walking.extended == [9], "the title after an article is a rival")
    }

    @Test func aCutWithoutAVolumeIsIncomplete() throws {
        // 33 books titled Light: more than the key's 20.
        let found = try exact(ExactLookup(keys: ["light"]))
        #expect(found.ids.count == 20)
        #expect(!found.isComplete)
    }

    @Test func withAVolumeOnlyTheVolumeAndOneBookPerSeriesAreNeeded() throws {
        let found = try exact(ExactLookup(keys: ["light"], volume: 7))
        // Volume 7 of Light first, then one book of each other series titled Light.
        #expect(found.ids == [107, 200, 201, 202])
        #expect(found.isComplete, "the left-out volumes of Light add nothing its first book does not")
    }

    @Test func rankingLimitsAndCompleteness() {
        typealias R = ExactLookup.Row
        // Whole name: books without a volume first, at most 10.
        let whole = (1...11).map { R(part: 0, ord: 0, id: Int64($0), rank: $0 == 11 ? 1 : 0, group: nil) }
        let w = ExactLookup.rank(whole, hasVolume: false)
        #expect(w.ids.first == 11 && w.ids.count == 10 && !w.isComplete)
        // A series with the volume: more than 5 books is a cut.
        let series = (1...6).map { R(part: 1, ord: 0, id: Int64($0), rank: 0, group: nil) }
        #expect(!ExactLookup.rank(series, hasVolume: true).isComplete)
        // Lowest-numbered books: ordered by their index, never a cut.
        let lowest = [R(part: 2, ord: 0, id: 9, rank: 2, group: nil), R(part: 2, ord: 0, id: 8, rank: 1, group: nil)]
        let l = ExactLookup.rank(lowest, hasVolume: true)
        #expect(l.ids == [8, 9] && l.isComplete)
        // More extension keys than the limit: not complete.
        let longer = (0...ExactLookup.extensionLimit).map { R(part: 4, ord: 0, id: Int64($0), rank: 0, group: nil) }
        #expect(!ExactLookup.rank(longer, hasVolume: false).isComplete)
        #expect(ExactLookup.rank(Array(longer.dropLast()), hasVolume: false).isComplete)
    }

    @Test(arguments: [
        #"["Ann Leckie"]"#, #"["a","b"]"#, "[]", #"[ "x" , "y" ]"#, #"["say \"hi\"","back\\slash","a/b"]"#,
        #"["line\nbreak","tab\there"]"#, #"["Фёдор Достоевский","村上春樹"]"#, #"["\u00e9"]"#, #"["a""#, "not json", #"{"a":"b"}"#,
        #"["a",1]"#, "",
    ])
    func stringArraysReadAsFoundationReadsThem(_ text: String) {
        let foundation = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String] ?? []
        #expect(JSONText.strings(text) == foundation)
    }

    @Test func encodedArraysRoundTrip() {
        for strings in [["Ann Leckie"], ["say \"hi\"", "back\\slash", "a/b", "tab\t"], ["Фёдор", "村上"], []] {
            #expect(JSONText.strings(JSONText.encode(strings)) == strings)
        }
    }

    @Test func tokensSplitAtSpaces() {
        #expect(CandidateRecord.split("the hunger games") == ["the", "hunger", "games"])
        #expect(CandidateRecord.split("  a  b ") == ["a", "b"])
        #expect(CandidateRecord.split("") == [] && CandidateRecord.split(nil) == [])
        #expect(CandidateRecord.split("братья карамазовы") == ["братья", "карамазовы"])
    }
}
