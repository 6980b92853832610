import TomeCatalog
import TomeFilename
import TomeNormalization

/// One resolve of one name, inside one read transaction: the stages in
/// order, each either deciding or handing on.
///
/// ```
/// file identity → name shape → title words? → exact keys → full text → fuzzy → stem
///   (ko_md5, path)  (range, chapter)             └────── candidate sources ──────┘
/// ```
///
/// Every candidate source adds to one ``CandidatePool``: a book is scored
/// once, and each verdict is taken over every candidate found so far. A
/// later source is asked only when the earlier ones cannot decide.
struct ResolveRun {
    let filename: String
    let evidence: FilenameEvidence
    let normalizer: TextNormalizer
    let explain: Bool
    /// The CPU time the candidate stages may use (``ResolveBudget``).
    let timeBudget: Duration

    /// The stages, with the budget's refusal when one runs out of it.
    mutating func resolve(koMD5: String?, reader: inout CatalogReader) throws -> Resolution {
        do {
            return try stages(koMD5: koMD5, reader: &reader)
        } catch let exceeded as ResolveBudget.Exceeded {
            return refuse(.overBudget, exceeded.reason, reader: reader)
        }
    }

    private mutating func stages(koMD5: String?, reader: inout CatalogReader) throws -> Resolution {
        var pathTies: [Int64] = []
        switch try FileIdentity.find(filename: filename, koMD5: koMD5, evidence: evidence, reader: &reader) {
        case .book(let id, let method, let confidence, let reason):
            return answer(id, method, confidence, reason, reader: reader)
        case .ties(let ids):
            pathTies = ids
        }
        // A name with more parts or words than a file's: no lookup at all.
        if let problem = NameCheck.problem(in: evidence) {
            return refuse(problem.refusal, problem.description, reader: reader)
        }
        switch try NameShape.check(evidence, normalizer: normalizer, reader: &reader) {
        case .chapterBook(let id, let reason):
            return answer(id, .chapter, 0.95, reason, reader: reader)
        case .refusal(let code, let reason):
            return refuse(code, reason, reader: reader)
        case .oneBook:
            break
        }
        let views = NameView.views(of: evidence, normalizer: normalizer)
        guard views.contains(where: { !$0.tokens.isEmpty }) else {
            return refuse(.noTitleWords, "no title words in the name", reader: reader)
        }
        // The budget covers the stages whose cost depends on the catalog:
        // candidates, scoring, verdict. Reading the name (bounded by
        // ``NameCheck``) is outside it — its first CJK name on a thread
        // loads ICU's transliteration data, a one-time tenth of a second.
        let budget = ResolveBudget(timeBudget)
        var pool = CandidatePool(evidence: evidence, views: views, wholeName: WholeName(evidence: evidence, normalizer: normalizer),
                                 pathTies: pathTies, budget: budget)
        if let final = try pool.askExactKeys(reader: &reader) {
            return verdict(final, reader: reader)
        }
        return verdict(try pool.askTheRest(reader: &reader), reader: reader)
    }

    /// The resolution for a pool's verdict.
    func verdict(_ v: CandidatePool.Decided, reader: CatalogReader) -> Resolution {
        let x = explanation(v.ranked, reader: reader, source: v.source)
        switch v.outcome {
        case .verdict(.answer(let best, let confidence)):
            return .answer(.init(filename: filename, bookID: best.bookID, method: best.titleMethod ?? .title, confidence: confidence,
                                 reason: Verdict.answerReason(best), explanation: x))
        case .verdict(.vetoed(let veto, let reason)):
            var x = x
            x?.veto = veto
            return .refusal(filename, veto.code, reason, explanation: x)
        case .verdict(.noAnswer(let code, let reason)):
            return .refusal(filename, code, reason, explanation: x)
        case .stem(let book):
            return .answer(.init(filename: filename, bookID: book.id, method: .title,
                                 confidence: Verdict.confidence(best: Weights.threshold, margin: Weights.margin),
                                 reason: "\(book.title) (\(book.id)): the name is the start of this title, and of no other",
                                 explanation: x))
        }
    }

    func answer(_ id: Int64, _ method: Resolution.Method, _ confidence: Double, _ reason: String,
                reader: CatalogReader) -> Resolution {
        .answer(.init(filename: filename, bookID: id, method: method, confidence: confidence, reason: reason,
                      explanation: explanation([], reader: reader)))
    }

    func refuse(_ code: RefusalCode, _ reason: String, reader: CatalogReader) -> Resolution {
        .refusal(filename, code, reason, explanation: explanation([], reader: reader))
    }

    func explanation(_ scores: [CandidateScore], reader: CatalogReader, source: CandidateSource? = nil) -> Explanation? {
        explain ? Explanation(evidence: evidence, candidates: Array(scores.prefix(8)), statements: reader.statements,
                              source: source) : nil
    }
}
