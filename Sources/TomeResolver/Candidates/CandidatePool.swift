import TomeCatalog
import TomeFilename

/// The candidates of one name, gathered source by source
/// (``CandidateSource``), each scored once, and the verdict over them.
struct CandidatePool {
    let evidence: FilenameEvidence
    let views: [NameView]
    let wholeName: WholeName
    /// Books whose file has the name's basename (two or three of them).
    let pathTies: [Int64]
    /// Checked before each source and each candidate scored.
    let budget: ResolveBudget
    /// The candidates in the order the sources found them.
    private(set) var ids: [Int64] = []
    /// Every candidate's score, computed once (without the whole-name reward,
    /// which depends on the other candidates: ``WholeName/reward(_:)``).
    private var scored: [Int64: CandidateScore] = [:]
    /// What the exact keys found, for the sources after them.
    private var exact: (ids: [Int64], longer: [Int64], isComplete: Bool) = ([], [], false)

    init(evidence: FilenameEvidence, views: [NameView], wholeName: WholeName, pathTies: [Int64], budget: ResolveBudget) {
        self.budget = budget
        self.evidence = evidence
        self.views = views
        self.wholeName = wholeName
        self.pathTies = pathTies
    }

    /// A verdict and the candidates it was taken over, best first.
    struct Decided {
        enum Outcome {
            /// The ``Verdict`` over the candidates.
            case verdict(Verdict.Outcome)
            /// The one title a cut name starts (``CandidateSource/stem``).
            case stem(CandidateRecord)
        }
        var outcome: Outcome
        var ranked: [CandidateScore]
        /// The last source asked.
        var source: CandidateSource
    }

    /// ``CandidateSource/exactKeys`` (and ``CandidateSource/longerKeys``):
    /// the verdict when it is final — an answer that explains the whole
    /// name from exact keys alone (``ExactAnswer``), or a tie of two such
    /// books; nil when the full-text index must be asked.
    mutating func askExactKeys(reader: inout CatalogReader) throws -> Decided? {
        exact = try Retrieval.exact(views: views, evidence: evidence, wholeName: wholeName, reader: &reader)
        guard !exact.ids.isEmpty else { return nil }
        ids = exact.ids
        for id in pathTies where !ids.contains(id) { ids.append(id) }
        var decided = try decide(ids, .exactKeys, reader: &reader)
        // Only an answer that explains the name asks its possible rivals.
        if case .verdict(.answer(let best, _)) = decided.outcome, exact.isComplete, !exact.longer.isEmpty,
           ExactAnswer.explainsName(best, evidence: evidence) {
            decided = try decide(ids + exact.longer, .longerKeys, reader: &reader)
        }
        switch decided.outcome {
        case .verdict(.answer(let best, _)) where exact.isComplete && ExactAnswer.explainsName(best, evidence: evidence):
            return decided
        case .verdict(let verdict) where verdict.refusal?.code == .ambiguous && ExactAnswer.isTie(decided.ranked, evidence: evidence):
            return decided
        default:
            return nil
        }
    }

    /// ``CandidateSource/fullText``, then ``CandidateSource/fuzzy`` and
    /// ``CandidateSource/stem`` when nothing is eligible: the final verdict.
    mutating func askTheRest(reader: inout CatalogReader) throws -> Decided {
        try budget.check()
        ids = try Retrieval.fullText(views: views, evidence: evidence, after: exact.ids + exact.longer, reader: &reader)
        for id in pathTies where !ids.contains(id) { ids.append(id) }
        var scores = try score(ids, reader: &reader)
        var source = CandidateSource.fullText
        if !Eligibility.anyEligible(scores) {
            try budget.check()
            let more = try Retrieval.fuzzy(views: views, excluding: Set(ids), reader: &reader)
            source = .fuzzy
            if !more.isEmpty {
                ids += more
                scores += try score(more, reader: &reader)
            }
        }
        wholeName.reward(&scores)
        try budget.check()
        if !Eligibility.anyEligible(scores), let stem = try Stem.answer(evidence: evidence, views: views, reader: &reader) {
            return Decided(outcome: .stem(stem), ranked: Verdict.rank(scores), source: .stem)
        }
        let ranked = Verdict.rank(scores)
        return Decided(outcome: .verdict(Verdict.decide(ranked, evidence: evidence, wholeName: wholeName)), ranked: ranked,
                       source: source)
    }

    /// The verdict over the books `ids` (whole-name reward included).
    private mutating func decide(_ ids: [Int64], _ source: CandidateSource, reader: inout CatalogReader) throws -> Decided {
        var scores = try score(ids, reader: &reader)
        wholeName.reward(&scores)
        let ranked = Verdict.rank(scores)
        return Decided(outcome: .verdict(Verdict.decide(ranked, evidence: evidence, wholeName: wholeName)), ranked: ranked,
                       source: source)
    }

    /// The scores of `ids`, in their order; each book is read and scored once.
    private mutating func score(_ ids: [Int64], reader: inout CatalogReader) throws -> [CandidateScore] {
        let missing = ids.filter { scored[$0] == nil }
        for record in try reader.candidates(missing) {
            try budget.check()
            scored[record.id] = Scorer.score(record, evidence: evidence, views: views)
        }
        return ids.compactMap { scored[$0] }
    }
}
