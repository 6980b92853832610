import TomeFilename

/// When an answer found by exact keys alone may stand without asking the
/// full-text index.
///
/// The full-text index finds books whose titles *hold* the name's words —
/// rivals that can turn an answer into a refusal: another title that starts
/// like the name, a book by the author a part names, a cut title's twins.
/// None of them can rival a book that explains **every** word of the name
/// with whole exact keys, so such an answer is final:
///
/// - each of its points comes from a whole title, alt title, series, volume,
///   run, author, year or format (``ScoreRule/isWholeKeyEvidence``) —
///   no title found inside a longer part, no fragment or typo, nothing the
///   name says against it, no unexplained word;
/// - the name was not cut short (a prefix of a longer title).
///
/// (and only when no exact lookup was cut short). A tie between two such
/// books (``isTie(_:evidence:)``) is a final refusal even then: more
/// candidates could only add rivals. Anything else goes
/// on to the full-text index, and the ``Verdict`` runs again over every
/// candidate.
enum ExactAnswer {
    /// True when `best`, answered from exact keys, explains the whole name.
    static func explainsName(_ best: CandidateScore, evidence: FilenameEvidence) -> Bool {
        !evidence.truncated && best.cutFragment.isEmpty && best.parts.allSatisfy(\.rule.isWholeKeyEvidence)
    }

    /// True when the two best live candidates both explain the whole name
    /// and stand less than ``Weights/margin`` apart: the name is ambiguous
    /// whatever else the catalog holds.
    static func isTie(_ ranked: [CandidateScore], evidence: FilenameEvidence) -> Bool {
        let live = ranked.lazy.filter(\.isLive)
        guard let best = live.first, let second = live.dropFirst().first else { return false }
        return Eligibility.isEligible(best) && Eligibility.isEligible(second) && best.total - second.total < Weights.margin
            && explainsName(best, evidence: evidence) && explainsName(second, evidence: evidence)
    }
}
