import TomeFilename
import TomeNormalization

/// From scored candidates to an answer or a refusal, and the words for it.
///
/// The best live candidate is answered when it
/// 1. has title evidence (a title rule, or the series and the volume),
/// 2. scores at least ``Weights/threshold``,
/// 3. stands ``Weights/margin`` points ahead of the next live candidate, and
/// 4. when the name states a volume, no disqualified candidate of another
///    series matches the name's words as well (`Overlord Vol. 3` when the
///    light novel has a volume 3 and the manga does not: the volume may be
///    the manga's).
enum Decision {
    /// True when `s` may be answered.
    static func isEligible(_ s: CandidateScore) -> Bool {
        s.isLive && s.titleMethod != nil && s.total >= Weights.threshold
    }

    /// How clearly the answer stands out, in [0.5, 0.99]:
    ///
    ///     0.5 + (best − threshold) / 100 + min(margin, 60) / 150
    ///
    /// rounded to two decimals. A bare pass (score at the threshold, margin
    /// at its minimum of 15) gives 0.60; each 10 points above the threshold
    /// adds 0.10; a lead of 60 points or more adds the most (0.40). Only the
    /// ordering is meaningful; it is not a probability.
    static func confidence(best: Double, margin: Double) -> Double {
        let raw = min(0.99, max(0.5, 0.5 + (best - Weights.threshold) / 100 + min(margin, 60) / 150))
        return (raw * 100).rounded() / 100
    }

    /// The outcome for scored candidates.
    enum Outcome {
        case answer(CandidateScore, confidence: Double)
        case refusal(RefusalCode, String)
    }

    static func decide(_ ranked: [CandidateScore], evidence e: FilenameEvidence, wholeName: WholeName? = nil) -> Outcome {
        let live = ranked.filter(\.isLive)
        // The whole name is exactly one book's title: that book, or nothing.
        let exact = wholeName.map { w in ranked.filter(w.isTitle) } ?? []
        if let w = exact.first {
            // …unless the same words are also the name of another series.
            if let series = ranked.first(where: { $0.group != w.group && !$0.seriesTokens.isEmpty && $0.seriesTokens == w.titleTokens }) {
                return .refusal(.ambiguous, "ambiguous: \(w.title) is a book's title and the name of the series \(series.series ?? series.title)")
            }
            if exact.count == 1, !w.isLive {
                return .refusal(.contradiction, "the name is the title of \(w.title) (\(w.bookID)), which it contradicts: \(w.disqualification.map { "\($0)" } ?? "")")
            }
            if exact.count == 1, let first = live.first, first.bookID != w.bookID {
                return .refusal(.ambiguous, "ambiguous: the name is the title of \(w.title) (\(w.bookID)) but reads as \(first.title) (\(first.bookID)) as well")
            }
        }
        guard let best = live.first, isEligible(best) else {
            let (code, reason) = refusal(ranked, evidence: e)
            return .refusal(code, reason)
        }
        let second = live.dropFirst().first
        let margin = best.total - (second?.total ?? 0)
        if let second, margin < Weights.margin {
            return .refusal(.ambiguous, ambiguityReason(best, second, live: live))
        }
        // A name that is exactly the answer's title is not blocked by a rival series.
        // (Not when that title is only the series and the number: `The
        // Apothecary Diaries, Vol. 2` names the manga's volume 2 as well.)
        if let volume = e.volume, !(exact.count == 1 && exact[0].bookID == best.bookID && !best.titleIsSeriesAndNumber),
           let rival = ranked.first(where: { r in r.lacksVolume && r.group != best.group
                && r.nameEvidence >= best.nameEvidence && r.nameEvidence > 0
                // The rival series truly lacks it: every book of it seen lacks the volume.
                && !ranked.contains { $0.group == r.group && !$0.lacksVolume } }) {
            return .refusal(.ambiguous, "ambiguous: volume \(fmt(volume)) of \(best.series ?? best.title) is in the catalog, but \(rival.series ?? rival.title) matches the name as well and has no volume \(fmt(volume))")
        }
        // `Sapiens.epub` for `Sapiens: A Brief History of Humankind` while
        // `Sapiens: A Graphic History` starts alike: only an author of one
        // of them decides.
        if best.hasRule(.titleBeforeSubtitle),
           let twin = ranked.first(where: { $0.bookID != best.bookID && $0.titleTokens.starts(with: best.matchedTitle)
                && !(best.has(.author) && !$0.has(.author)) }) {
            return .refusal(.ambiguous, "ambiguous: \(best.title) (\(best.bookID)) and \(twin.title) (\(twin.bookID)) both begin with the name")
        }
        // `Home - Toni Morrison (Gilead, #2)`: a part nothing in the answer
        // explains is another candidate's author: the name contradicts itself.
        if best.hasRule(.unexplainedPart),
           let other = ranked.first(where: { $0.bookID != best.bookID && Set($0.authors).isDisjoint(with: best.authors)
                && $0.parts.contains { $0.rule == .author && $0.points >= Weights.author } }) {
            return .refusal(.contradiction, "the name points to \(best.title) (\(best.bookID)) but names the author of \(other.title) (\(other.bookID))")
        }
        // `Harry Potter and the C`: one letter of a cut word is all that
        // tells two titles with the same first words apart — too little.
        if let last = best.cutFragment.last, last.count < 2 {
            let words = best.cutFragment.dropLast()
            if let twin = ranked.first(where: { $0.bookID != best.bookID && $0.titleTokens.starts(with: words) }) {
                return .refusal(.ambiguous, "ambiguous: the cut name \"\(best.cutFragment.joined(separator: " "))\" begins \(best.title) (\(best.bookID)) and \(twin.title) (\(twin.bookID)) alike but for one letter")
            }
        }
        // `Series, Volume 2_ <volume 1's title>`: the name holds another
        // volume's title while only the series and the number point here.
        if best.titleMethod == .series,
           let other = ranked.first(where: { !$0.isLive && $0.group == best.group
                && !$0.matchedTitle.isEmpty && !Set($0.matchedTitle).subtracting($0.seriesTokens).subtracting(Stopwords.common).isEmpty
                && $0.parts.contains { ($0.rule == .titleExact || $0.rule == .titleWithRest) && $0.points >= Weights.nameBesideVolume } }) {
            return .refusal(.contradiction, "the name holds the title of \(other.title) (\(other.bookID)) but the volume of \(best.title) (\(best.bookID))")
        }
        return .answer(best, confidence: confidence(best: best.total, margin: margin))
    }

    /// Candidates best first: live ones before disqualified ones.
    static func rank(_ scores: [CandidateScore]) -> [CandidateScore] {
        scores.sorted { ($0.isLive ? 1 : 0, $0.total) > ($1.isLive ? 1 : 0, $1.total) }
    }

    /// The deciding parts of an answer, for its reason.
    static func answerReason(_ best: CandidateScore) -> String {
        "\(best.title) (\(best.bookID)): " + best.parts.filter { $0.points > 0 }.map(\.detail).joined(separator: ", ")
    }

    /// Why no candidate is eligible.
    static func refusal(_ ranked: [CandidateScore], evidence e: FilenameEvidence) -> (RefusalCode, String) {
        if let volume = e.volume,
           let sibling = ranked.first(where: { !$0.isLive && ($0.has(.series) || $0.has(.title)) }) {
            let name = sibling.series ?? e.seriesHint ?? sibling.title
            return (.volumeMissing, "volume \(fmt(volume)) of \(name) is not in the catalog")
        }
        guard let best = ranked.first(where: { $0.isLive && $0.total > 0 }) else {
            return (.noCandidate, "no candidate: no book of the catalog matches the name's words")
        }
        // Title evidence enough to answer, but for what the name says against it.
        let against = best.parts.filter { $0.rule.kind == .contradiction }
        let withoutThem = best.total - against.reduce(0, { $0 + $1.points })
        if best.titleMethod != nil, let first = against.first, withoutThem >= Weights.threshold {
            return (.contradiction, "the name contradicts \(best.title) (\(best.bookID)): \(first.detail)")
        }
        return (.weakMatch, "no confident match: the best candidate, \(best.title) (\(best.bookID)), scores \(Int(best.total.rounded())) of the \(Int(Weights.threshold)) needed")
    }

    static func ambiguityReason(_ best: CandidateScore, _ second: CandidateScore, live: [CandidateScore]) -> String {
        let key = TextNormalizer.shared.key(best.title)
        if TextNormalizer.shared.key(second.title) == key {
            let count = live.filter { best.total - $0.total < Weights.margin && TextNormalizer.shared.key($0.title) == key }.count
            return "ambiguous: \(count) books titled \(best.title) and the name \(best.has(.author) ? "names an author of each" : "has no author")"
        }
        return "ambiguous: \(best.title) (\(best.bookID)) and \(second.title) (\(second.bookID)) match almost equally (\(Int(best.total.rounded())) and \(Int(second.total.rounded())))"
    }
}
