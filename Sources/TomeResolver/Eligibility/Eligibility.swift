/// Which candidates may be answered at all: the verdict's first sieve.
///
/// A candidate is **live** while no ``Disqualification`` rules it out (the
/// scoring rules set one: another volume, run, year or format; not the
/// collected edition the name states). A live candidate is **eligible**
/// when it also has title evidence (a title rule, or the series and the
/// volume: ``CandidateScore/titleMethod``) and scores at least
/// ``Weights/threshold``. Only an eligible candidate can be answered; the
/// ``Verdict``'s vetoes may still refuse it.
enum Eligibility {
    /// True when `s` may be answered.
    static func isEligible(_ s: CandidateScore) -> Bool {
        s.isLive && s.titleMethod != nil && s.total >= Weights.threshold
    }

    /// True when some candidate of `scores` may be answered.
    static func anyEligible(_ scores: [CandidateScore]) -> Bool { scores.contains(where: isEligible) }
}
