import GRDB
import TomeCatalog
import TomeFilename
import TomeNormalization

/// Decides which book of a catalog a filename names — or refuses.
///
/// The order of evidence:
/// 1. a `ko_md5` the catalog knows (method `ko_md5`);
/// 2. a basename or relative path that exactly one live book's file has
///    (method `path`);
/// 3. otherwise candidates come from the exact-key and FTS5 indexes — never
///    from a scan — and each is scored (see ``Scorer``); the best answers
///    only when it reaches ``Scorer/threshold`` and stands ``Scorer/margin``
///    points ahead of the next.
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

    /// At most this many candidates are scored per name.
    static let candidateLimit = 60

    /// Longer names are refused without reading them.
    public static let maximumNameBytes = 4096

    /// FTS queries use at most this many of the name's words.
    static let queryTokenLimit = 24

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
    ///   names are refused, never thrown.
    public func resolve(_ filename: String, koMD5: String? = nil, explain: Bool = false) throws(CatalogError) -> Resolution {
        let trimmed = filename.trimmingSpaces
        guard !trimmed.isEmpty else { return .refusal(filename, "empty filename") }
        // No filesystem allows more (255 bytes per name, 4 KiB per path): a
        // longer "name" is not a file's, and reading it would only cost time.
        guard filename.utf8.count <= Self.maximumNameBytes else {
            return .refusal(filename, "the name is longer than \(Self.maximumNameBytes) bytes")
        }
        let evidence = reader.read(filename)
        return try catalog.read { db in
            var run = ResolveRun(db: db, filename: filename, evidence: evidence, normalizer: normalizer)
            return try run.resolve(koMD5: koMD5, explain: explain)
        }
    }
}

/// The state of one resolve, inside one read transaction.
struct ResolveRun {
    let db: Database
    let filename: String
    let evidence: FilenameEvidence
    let normalizer: TextNormalizer
    var statements = 0

    init(db: Database, filename: String, evidence: FilenameEvidence, normalizer: TextNormalizer) {
        self.db = db
        self.filename = filename
        self.evidence = evidence
        self.normalizer = normalizer
    }

    mutating func fetchIDs(_ sql: String, _ arguments: StatementArguments) throws -> [Int64] {
        statements += 1
        return try Int64.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }

    mutating func resolve(koMD5: String?, explain: Bool) throws -> Resolution {
        // 1. ko_md5.
        if let koMD5 = koMD5?.lowercased(), koMD5.count == 32, koMD5.allSatisfy(\.isHexDigit) {
            let ids = try fetchIDs("""
                SELECT DISTINCT f.book_id FROM book_file f JOIN book b ON b.id = f.book_id
                WHERE f.ko_md5 = ? AND b.status = 'active' LIMIT 2
                """, [koMD5])
            if ids.count == 1 {
                return answer(ids[0], .koMD5, 1.0, "the file's ko_md5 is book \(ids[0])'s", explain: explain, scores: [])
            }
        }

        // 2. Exact path, then exact basename.
        var pathTies: [Int64] = []
        if filename.contains("/") {
            let ids = try fetchIDs("""
                SELECT DISTINCT f.book_id FROM book_file f JOIN book b ON b.id = f.book_id
                WHERE f.path = ? AND b.status = 'active' LIMIT 2
                """, [filename])
            if ids.count == 1 {
                return answer(ids[0], .path, 0.99, "a file of book \(ids[0]) has this path", explain: explain, scores: [])
            }
        }
        if !evidence.basename.isEmpty {
            let ids = try fetchIDs("""
                SELECT DISTINCT f.book_id FROM book_file f JOIN book b ON b.id = f.book_id
                WHERE f.basename = ? AND b.status = 'active' LIMIT 3
                """, [evidence.basename])
            if ids.count == 1 {
                return answer(ids[0], .path, 0.98, "a file of book \(ids[0]) has this name", explain: explain, scores: [])
            }
            pathTies = ids
        }

        // 3. Names that cannot be one book.
        if let range = evidence.volumeRange {
            return refuse("the name covers volumes \(fmt(range.lowerBound))–\(fmt(range.upperBound)), not one book", explain: explain, scores: [])
        }
        if evidence.chapter != nil || evidence.chapterRange != nil {
            let what = evidence.chapter.map { "chapter \(fmt($0))" }
                ?? evidence.chapterRange.map { "chapters \(fmt($0.lowerBound))–\(fmt($0.upperBound))" } ?? "chapters"
            return refuse("a chapter file (\(what)) is not a book of the catalog", explain: explain, scores: [])
        }

        // 4. Candidates, scored.
        let views = Scorer.views(of: evidence, normalizer: normalizer)
        guard views.contains(where: { !$0.tokens.isEmpty }) else {
            return refuse("no title words in the name", explain: explain, scores: [])
        }
        var ids = try retrieve(views: views)
        for id in pathTies where !ids.contains(id) { ids.append(id) }
        var scores = try score(ids, views: views)
        if !scores.contains(where: Scorer.isEligible) {
            // Nothing good: look wider, for typos and reordered words.
            let more = try retrieveFuzzy(views: views, excluding: Set(ids))
            if !more.isEmpty { scores += try score(more, views: views) }
        }
        return decide(scores, explain: explain)
    }

    // MARK: Retrieval

    /// Candidates from the exact keys, FTS5 word queries and series lookups.
    mutating func retrieve(views: [Scorer.View]) throws -> [Int64] {
        var ids: [Int64] = []
        var seen = Set<Int64>()
        func add(_ found: [Int64]) {
            for id in found where seen.insert(id).inserted && ids.count < Resolver.candidateLimit { ids.append(id) }
        }
        // A series and its volume first (`Berserk v02`): the most specific
        // lookup must not be crowded out by the candidate limit.
        let volume = evidence.volume ?? evidence.trailingNumber
        if let volume {
            var seriesKeys = Set<String>()
            for view in views {
                for reading in view.readings where !reading.isEmpty { seriesKeys.insert(reading.joined(separator: " ")) }
            }
            for key in seriesKeys {
                add(try fetchIDs("""
                    SELECT id FROM book WHERE series_key = ? AND series_index = ? AND status = 'active' LIMIT 5
                    """, [key, volume]))
                add(try fetchIDs("""
                    SELECT id FROM book WHERE series_key = ? AND status = 'active' ORDER BY series_index LIMIT 5
                    """, [key]))
            }
        }
        var keys = Set<String>()
        for view in views {
            for reading in view.readings where !reading.isEmpty {
                let key = reading.joined(separator: " ")
                guard keys.insert(key).inserted else { continue }
                // Books of the name's volume first: a series whose volumes all
                // share one title may hold more books than the limit.
                add(try fetchIDs("""
                    SELECT k.book_id FROM book_key k JOIN book b ON b.id = k.book_id
                    WHERE k.key = ? AND b.status = 'active'
                    ORDER BY (b.series_index IS ? OR b.core_volume IS ?) DESC LIMIT 20
                    """, [key, volume, volume]))
            }
        }
        for view in views where !view.tokens.isEmpty {
            // All the name's words, in any column: `Author - Title` finds the book.
            let all = try fetchIDs(FTSQuery.ranked(limit: 25),
                                   [FTSQuery.all(FTSQuery.distinctive(Array(view.tokens.prefix(Resolver.queryTokenLimit))))])
            add(all)
            // Each part alone, when the whole name found little (a part the
            // catalog does not hold, such as a release group's name).
            if all.count < 3 && view.segmentReadings.count > 1 {
                for reading in view.segmentReadings where !reading.isEmpty && reading != view.tokens {
                    add(try fetchIDs(FTSQuery.ranked(limit: 15),
                                     [FTSQuery.all(FTSQuery.distinctive(Array(reading.prefix(Resolver.queryTokenLimit))))]))
                }
            }
            if evidence.truncated, view.tokens.count >= 3 {
                add(try fetchIDs(FTSQuery.ranked(limit: 15),
                                 [FTSQuery.all(Array(view.tokens.prefix(Resolver.queryTokenLimit)), lastIsPrefix: true)]))
            }
        }
        return ids
    }

    /// Wider retrieval: any of the name's distinctive words.
    mutating func retrieveFuzzy(views: [Scorer.View], excluding: Set<Int64>) throws -> [Int64] {
        var ids: [Int64] = []
        for view in views {
            guard let query = FTSQuery.any(view.tokens) else { continue }
            for id in try fetchIDs(FTSQuery.ranked(limit: 20), [query])
            where !excluding.contains(id) && !ids.contains(id) {
                ids.append(id)
            }
        }
        return ids
    }

    // MARK: Scoring

    mutating func score(_ ids: [Int64], views: [Scorer.View]) throws -> [CandidateScore] {
        try loadCandidates(ids).map { Scorer.score($0, evidence: evidence, views: views) }
    }

    /// Loads candidates with two statements, whatever their number: the ids
    /// travel as one JSON array.
    mutating func loadCandidates(_ ids: [Int64]) throws -> [Scorer.Candidate] {
        guard !ids.isEmpty else { return [] }
        let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
        statements += 2
        var alts: [Int64: [(key: String, kind: String)]] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT book_id, key, kind FROM book_key
            WHERE book_id IN (SELECT value FROM json_each(?)) AND kind IN ('alt', 'alt_latin', 'series_latin')
            """), arguments: [list]) {
            alts[row["book_id"], default: []].append((row["key"], row["kind"]))
        }
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, title, authors, series, series_index, book_type, year, title_key, title_latin_key,
                   series_key, core_key, core_volume, author_keys
            FROM book WHERE id IN (SELECT value FROM json_each(?)) AND status = 'active'
            """), arguments: [list])
        var byID: [Int64: Scorer.Candidate] = [:]
        for row in rows {
            let id: Int64 = row["id"]
            byID[id] = Scorer.Candidate(row: row, altKeys: alts[id] ?? [])
        }
        return ids.compactMap { byID[$0] }
    }

    // MARK: Decision

    func decide(_ scores: [CandidateScore], explain: Bool) -> Resolution {
        let ranked = scores.sorted { ($0.disqualified == nil ? 1 : 0, $0.total) > ($1.disqualified == nil ? 1 : 0, $1.total) }
        let live = ranked.filter { $0.disqualified == nil }
        guard let best = live.first, Scorer.isEligible(best) else {
            return refuse(Scorer.refusalReason(ranked, evidence: evidence), explain: explain, scores: ranked)
        }
        let second = live.dropFirst().first
        let margin = best.total - (second?.total ?? 0)
        if let second, margin < Scorer.margin {
            return refuse(Scorer.ambiguityReason(best, second, live: live, evidence: evidence), explain: explain, scores: ranked)
        }
        // `Overlord Vol. 3` when the light novel has a volume 3 and the manga,
        // which the name matches as well, does not: the volume may be the manga's.
        if let volume = evidence.volume,
           let rival = ranked.first(where: { $0.disqualified != nil && $0.group != best.group
                && Scorer.nameEvidence($0) >= Scorer.nameEvidence(best) && Scorer.nameEvidence($0) > 0 }) {
            return refuse("ambiguous: volume \(fmt(volume)) of \(best.series ?? best.title) is in the catalog, but \(rival.series ?? rival.title) matches the name as well and has no volume \(fmt(volume))",
                          explain: explain, scores: ranked)
        }
        let confidence = min(0.99, max(0.5, 0.5 + (best.total - Scorer.threshold) / 100 + min(margin, 60) / 150))
        let method = best.titleMethod ?? .title
        let parts = best.parts.filter { $0.points > 0 }.map(\.name).joined(separator: ", ")
        return answer(best.bookID, method, (confidence * 100).rounded() / 100,
                      "\(best.title) (\(best.bookID)): \(parts)", explain: explain, scores: ranked)
    }

    func answer(_ id: Int64, _ method: Resolution.Method, _ confidence: Double, _ reason: String,
                explain: Bool, scores: [CandidateScore]) -> Resolution {
        var r = Resolution(filename: filename, bookID: id, method: method, confidence: confidence, reason: reason)
        if explain { r.explanation = Explanation(evidence: evidence, candidates: Array(scores.prefix(8)), statements: statements) }
        return r
    }

    func refuse(_ reason: String, explain: Bool, scores: [CandidateScore]) -> Resolution {
        var r = Resolution.refusal(filename, reason)
        if explain { r.explanation = Explanation(evidence: evidence, candidates: Array(scores.prefix(8)), statements: statements) }
        return r
    }
}

func fmt(_ value: Double) -> String { FilenameEvidence.format(value) }

extension String {
    var trimmingSpaces: Substring {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace || f == "\u{0}" { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace || l == "\u{0}" { s = s.dropLast() }
        return s
    }
}
