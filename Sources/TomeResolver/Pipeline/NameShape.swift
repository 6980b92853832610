import TomeCatalog
import TomeFilename
import TomeNormalization

/// Names whose shape says they are not one book of the catalog — or are a
/// chapter book:
/// - a range of volumes (`v01-03`, `1-3巻`): ``RefusalCode/volumeRange``;
/// - a chapter file (`c012`, `Chapter 5`, chapters without a volume): a
///   chapter book when exactly one has the name's series and chapter, else
///   ``RefusalCode/chapterFile``. A volume file may list the chapters it
///   holds (`v11 c090-098`): it is that volume, and passes.
enum NameShape {
    enum Outcome {
        /// The name may be one book: read on.
        case oneBook
        /// A chapter book of the name's series and chapter.
        case chapterBook(Int64, reason: String)
        case refusal(RefusalCode, String)
    }

    static func check(_ evidence: FilenameEvidence, normalizer: TextNormalizer, reader: inout CatalogReader) throws -> Outcome {
        if let range = evidence.volumeRange {
            return .refusal(.volumeRange, "the name covers volumes \(fmt(range.lowerBound))–\(fmt(range.upperBound)), not one book")
        }
        guard evidence.chapter != nil || (evidence.chapterRange != nil && evidence.volume == nil) else { return .oneBook }
        if let chapter = evidence.chapter, evidence.chapterRange == nil {
            let ids = try chapterBooks(evidence, chapter: chapter, normalizer: normalizer, reader: &reader)
            if ids.count == 1 {
                return .chapterBook(ids[0], reason: "chapter \(fmt(chapter)) of the name's series is chapter book \(ids[0])")
            }
            if ids.count > 1 {
                return .refusal(.ambiguous, "several chapter books are chapter \(fmt(chapter)) of the name's series")
            }
        }
        let what = evidence.chapter.map { "chapter \(fmt($0))" }
            ?? evidence.chapterRange.map { "chapters \(fmt($0.lowerBound))–\(fmt($0.upperBound))" } ?? "chapters"
        return .refusal(.chapterFile, "a chapter file (\(what)) is not a book of the catalog")
    }

    /// Chapter books (two at most) whose series is the name's whole title
    /// text (own script or Latin letters), or the series and, as another
    /// dash part, one of the book's authors (`Tatsuki Fujimoto - Chainsaw
    /// Man c002`): no part of the name is left to chance.
    static func chapterBooks(_ evidence: FilenameEvidence, chapter: Double, normalizer: TextNormalizer,
                             reader: inout CatalogReader) throws -> [Int64] {
        var keys: [String] = []
        let views = NameView.views(of: evidence, normalizer: normalizer)
        for view in views where !view.tokens.isEmpty {
            let key = view.tokens.joined(separator: " ")
            if !keys.contains(key) { keys.append(key) }
        }
        let ids = try reader.chapterBooks(seriesKeys: keys, chapter: chapter, limit: 2).map(\.id)
        return ids.isEmpty ? try chapterBooksNamingAnAuthor(views, chapter: chapter, reader: &reader) : ids
    }

    /// Chapter books whose series is all of a name's dash parts but one,
    /// that one being an author of the book (two books at most).
    static func chapterBooksNamingAnAuthor(_ views: [NameView], chapter: Double, reader: inout CatalogReader) throws -> [Int64] {
        var found: [Int64] = []
        for view in views where view.segmentReadings.count >= 2 {
            for (i, author) in view.segmentReadings.enumerated() where !author.isEmpty {
                let rest = view.segmentReadings.enumerated().filter { $0.offset != i }.flatMap(\.element)
                guard !rest.isEmpty else { continue }
                let authorKey = author.joined(separator: " ")
                for book in try reader.chapterBooks(seriesKeys: [rest.joined(separator: " ")], chapter: chapter, limit: 2)
                where book.authorKeys.contains(authorKey) && !found.contains(book.id) {
                    found.append(book.id)
                }
            }
        }
        return found
    }
}
