import TomeCatalog
import TomeFilename
import TomeNormalization

/// Decides which book of a catalog a filename names — or refuses.
///
/// The order of evidence:
/// 1. a `ko_md5` the catalog knows (method `ko_md5`);
/// 2. a basename or relative path that exactly one live book's file has
///    (method `path`);
/// 3. names that cannot be one book are refused: a range of volumes, a
///    chapter file;
/// 4. otherwise candidates come from the exact-key index (one statement);
///    each is scored (``Scorer``), and when the ``Decision`` answers with a
///    book whose exact keys explain the whole name (``ExactAnswer``), that
///    is the answer; else the FTS5 index adds candidates — never a scan —
///    and the ``Decision`` answers or refuses over all of them.
///
/// ```swift
/// let resolver = Resolver(catalog: try Catalog.open(path: "c.sqlite"))
/// let r = try resolver.resolve("Suzanne Collins - The Hunger Games.epub")
/// r.bookID  // 1
/// r.method  // .title
/// ```
///
/// A resolver is safe to share between threads: each resolve runs in its
/// own read transaction on one of the pool's reader connections, with
/// prepared statements cached per connection.
public final class Resolver: Sendable {
    public let catalog: Catalog
    let reader: FilenameReader
    let normalizer: TextNormalizer

    /// Longer names are refused without reading them (``NameCheck/maximumBytes``).
    public static var maximumNameBytes: Int { NameCheck.maximumBytes }

    public init(catalog: Catalog, normalizer: TextNormalizer = .shared) {
        self.catalog = catalog
        self.normalizer = normalizer
        self.reader = FilenameReader(normalizer: normalizer)
    }

    /// Resolves one filename (a basename or a relative path).
    ///
    /// - Parameters:
    ///   - koMD5: the file's KOReader partial MD5, when the device sent it.
    ///   - explain: attach the evidence and scored candidates.
    /// - Throws: ``CatalogError`` only when the catalog cannot be read; bad
    ///   names are refused (``RefusalCode/emptyName``, ``RefusalCode/nameTooLong``,
    ///   ``RefusalCode/invalidName``), never thrown.
    public func resolve(_ filename: String, koMD5: String? = nil, explain: Bool = false) throws(CatalogError) -> Resolution {
        if let problem = NameCheck.problem(in: filename) {
            return .refusal(filename, problem.refusal, problem.description)
        }
        let evidence = reader.read(filename)
        return try catalog.reading { catalogReader in
            var run = ResolveRun(filename: filename, evidence: evidence, normalizer: normalizer, explain: explain)
            return try run.resolve(koMD5: koMD5, reader: &catalogReader)
        }
    }
}

extension Resolver {
    /// The books that `hashes` (KOReader partial MD5s) name: each hash that
    /// files of exactly one active book carry, mapped to that book, keyed
    /// as given (case is ignored in the lookup). Hashes of no book, or of
    /// several, are left out; so is anything that is not 32 hex digits.
    public func books(koMD5s hashes: [String]) throws(CatalogError) -> [String: Int64] {
        let valid = hashes.filter(KOReaderDigest.isPartialMD5)
        guard !valid.isEmpty else { return [:] }
        let found = try catalog.reading { reader in try reader.bookIDs(koMD5s: Array(Set(valid.map { $0.lowercased() }))) }
        var matches: [String: Int64] = [:]
        for hash in valid {
            if let id = found[hash.lowercased()] { matches[hash] = id }
        }
        return matches
    }
}

/// One resolve, inside one read transaction.
struct ResolveRun {
    let filename: String
    let evidence: FilenameEvidence
    let normalizer: TextNormalizer
    let explain: Bool

    init(filename: String, evidence: FilenameEvidence, normalizer: TextNormalizer, explain: Bool) {
        self.filename = filename
        self.evidence = evidence
        self.normalizer = normalizer
        self.explain = explain
    }

    mutating func resolve(koMD5: String?, reader: inout CatalogReader) throws -> Resolution {
        // 1. ko_md5.
        if let koMD5 = koMD5?.lowercased(), KOReaderDigest.isPartialMD5(koMD5) {
            let ids = try reader.bookIDs(koMD5: koMD5, limit: 2)
            if ids.count == 1 {
                return answer(ids[0], .koMD5, 1.0, "the file's ko_md5 is book \(ids[0])'s", reader: reader)
            }
        }

        // 2. Exact path, then exact basename.
        var pathTies: [Int64] = []
        if filename.utf8.contains(UInt8(ascii: "/")) {
            let ids = try reader.bookIDs(path: filename, limit: 2)
            if ids.count == 1 {
                return answer(ids[0], .path, 0.99, "a file of book \(ids[0]) has this path", reader: reader)
            }
        }
        if !evidence.basename.isEmpty {
            let ids = try reader.bookIDs(basename: evidence.basename, limit: 3)
            if ids.count == 1 {
                return answer(ids[0], .path, 0.98, "a file of book \(ids[0]) has this name", reader: reader)
            }
            pathTies = ids
        }

        // 3. Names that cannot be one book.
        if let range = evidence.volumeRange {
            return refuse(.volumeRange, "the name covers volumes \(fmt(range.lowerBound))–\(fmt(range.upperBound)), not one book",
                          reader: reader)
        }
        // A volume file may list the chapters it holds (`v11 c090-098`): it is
        // that volume. A single chapter, or chapters without a volume, is
        // never a volume book; a single chapter may be a chapter book.
        if evidence.chapter != nil || (evidence.chapterRange != nil && evidence.volume == nil) {
            if let chapter = evidence.chapter, evidence.chapterRange == nil {
                // The name's whole title text must be the chapter book's
                // series (own script or Latin letters), or the series and,
                // as another dash part, one of the book's authors
                // (`Tatsuki Fujimoto - Chainsaw Man c002`): no part of the
                // name is left to chance.
                var keys: [String] = []
                let views = NameView.views(of: evidence, normalizer: normalizer)
                for view in views where !view.tokens.isEmpty {
                    let key = view.tokens.joined(separator: " ")
                    if !keys.contains(key) { keys.append(key) }
                }
                var ids = try reader.chapterBooks(seriesKeys: keys, chapter: chapter, limit: 2).map(\.id)
                if ids.isEmpty {
                    ids = try chapterBooksNamingAnAuthor(views, chapter: chapter, reader: &reader)
                }
                if ids.count == 1 {
                    return answer(ids[0], .chapter, 0.95, "chapter \(fmt(chapter)) of the name's series is chapter book \(ids[0])",
                                  reader: reader)
                }
                if ids.count > 1 {
                    return refuse(.ambiguous, "several chapter books are chapter \(fmt(chapter)) of the name's series", reader: reader)
                }
            }
            let what = evidence.chapter.map { "chapter \(fmt($0))" }
                ?? evidence.chapterRange.map { "chapters \(fmt($0.lowerBound))–\(fmt($0.upperBound))" } ?? "chapters"
            return refuse(.chapterFile, "a chapter file (\(what)) is not a book of the catalog", reader: reader)
        }

        // 4. Candidates, scored.
        let views = NameView.views(of: evidence, normalizer: normalizer)
        guard views.contains(where: { !$0.tokens.isEmpty }) else {
            return refuse(.noTitleWords, "no title words in the name", reader: reader)
        }
        let stem = WholeName(evidence: evidence, normalizer: normalizer)
        // 4a. Exact keys first: when the books they find explain the whole
        // name, the full-text index is not asked.
        let exact = try Retrieval.exact(views: views, evidence: evidence, wholeName: stem, reader: &reader)
        var scored: [Int64: CandidateScore] = [:]
        func score(_ ids: [Int64]) throws -> [CandidateScore] {
            let missing = ids.filter { scored[$0] == nil }
            for record in try reader.candidates(missing) {
                scored[record.id] = Scorer.score(record, evidence: evidence, views: views)
            }
            return ids.compactMap { scored[$0] }
        }
        var ids = exact.ids
        for id in pathTies where !ids.contains(id) { ids.append(id) }
        if !exact.ids.isEmpty {
            // The books of the exact keys; then, only when they give an
            // answer that explains the name, the books with longer keys
            // (its possible rivals) join them.
            var first = try score(ids)
            stem.reward(&first)
            var ranked = Decision.rank(first)
            var outcome = Decision.decide(ranked, evidence: evidence, wholeName: stem)
            if case .answer(let best, _) = outcome, exact.isComplete, !exact.longer.isEmpty,
               ExactAnswer.explainsName(best, evidence: evidence) {
                var all = try score(ids + exact.longer)
                stem.reward(&all)
                ranked = Decision.rank(all)
                outcome = Decision.decide(ranked, evidence: evidence, wholeName: stem)
            }
            switch outcome {
            case .answer(let best, let confidence) where exact.isComplete && ExactAnswer.explainsName(best, evidence: evidence):
                return answer(best.bookID, best.titleMethod ?? .title, confidence, Decision.answerReason(best), reader: reader,
                              scores: ranked)
            case .refusal(.ambiguous, let reason) where ExactAnswer.isTie(ranked, evidence: evidence):
                return refuse(.ambiguous, reason, reader: reader, scores: ranked)
            default:
                break
            }
        }
        // 4b. The full-text index.
        ids = try Retrieval.fullText(views: views, evidence: evidence, after: exact.ids + exact.longer, reader: &reader)
        for id in pathTies where !ids.contains(id) { ids.append(id) }
        var scores = try score(ids)
        if !scores.contains(where: Decision.isEligible) {
            // Nothing good: look wider, for typos and reordered words.
            let more = try Retrieval.fuzzy(views: views, excluding: Set(ids), reader: &reader)
            if !more.isEmpty {
                scores += try reader.candidates(more).map { Scorer.score($0, evidence: evidence, views: views) }
            }
        }
        stem.reward(&scores)
        if !scores.contains(where: Decision.isEligible), let answer = try Stem.answer(evidence: evidence, views: views, reader: &reader) {
            return self.answer(answer.id, .title, Decision.confidence(best: Weights.threshold, margin: Weights.margin),
                               "\(answer.title) (\(answer.id)): the name is the start of this title, and of no other", reader: reader,
                               scores: Decision.rank(scores))
        }
        let ranked = Decision.rank(scores)
        switch Decision.decide(ranked, evidence: evidence, wholeName: stem) {
        case .answer(let best, let confidence):
            return answer(best.bookID, best.titleMethod ?? .title, confidence, Decision.answerReason(best), reader: reader, scores: ranked)
        case .refusal(let code, let reason):
            return refuse(code, reason, reader: reader, scores: ranked)
        }
    }

    /// Chapter books whose series is all of a name's dash parts but one,
    /// that one being an author of the book (two books at most).
    func chapterBooksNamingAnAuthor(_ views: [NameView], chapter: Double, reader: inout CatalogReader) throws -> [Int64] {
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

    func answer(_ id: Int64, _ method: Resolution.Method, _ confidence: Double, _ reason: String,
                reader: CatalogReader, scores: [CandidateScore] = []) -> Resolution {
        var r = Resolution(filename: filename, bookID: id, method: method, confidence: confidence, reason: reason)
        if explain { r.explanation = Explanation(evidence: evidence, candidates: Array(scores.prefix(8)), statements: reader.statements) }
        return r
    }

    func refuse(_ code: RefusalCode, _ reason: String, reader: CatalogReader, scores: [CandidateScore] = []) -> Resolution {
        var r = Resolution.refusal(filename, code, reason)
        if explain { r.explanation = Explanation(evidence: evidence, candidates: Array(scores.prefix(8)), statements: reader.statements) }
        return r
    }
}

func fmt(_ value: Double) -> String { FilenameEvidence.format(value) }
