import TomeNormalization

/// What nothing explains costs points: a part around a spaced dash that
/// holds an unexplained word (``Weights/unexplainedPart``; `Dune - Brian
/// Herbert` is not Frank's `Dune`), then each other unexplained word
/// (``Weights/unexplainedWord``, a stopword ``Weights/unexplainedStopword``),
/// at most ``Weights/unexplainedWordsCap`` in all.
public enum UnexplainedRule {
    static func apply(_ s: inout ScoringState) {
        let v = s.view
        // Every number nothing explained (`02`, `05.3a`), before the parts
        // are priced. Not one that repeats the volume the name states or the
        // book has (`Black Butler - 03 - Black Butler, Vol. 3`), nor a year.
        for i in v.tokens.indices where !s.explained[i] && (v.tokens[i].first?.isNumber ?? false) {
            let value = Double(v.tokens[i])
            if value != nil, value == s.evidence.volume || value == s.candidate.volume { continue }
            // A four-digit year (`…, New York, 2022`) is a date, which the name may hold as noise.
            if v.tokens[i].count == 4, let y = value, (1450...2099).contains(y) { continue }
            s.freeNumbers.append(v.tokens[i])
        }
        if let series = s.seriesRange, let part = v.segment(containing: series.lowerBound) {
            s.wordsBesideSeries = part.filter { !s.explained[$0] && !Stopwords.contains(v.tokens[$0]) && !(v.tokens[$0].first?.isNumber ?? false) }
                .map { v.tokens[$0] }
        }
        var previous: (end: Int, words: [String])?
        for part in v.dashParts where part.range.contains(where: { !s.explained[$0] && !Stopwords.contains(v.tokens[$0]) }) {
            let whole = s.free(part.range)
            // The part, its words nothing explained, and the part with the
            // one before it (a title may hold ` - `): the verdict asks
            // whether one is another book's title.
            let words = Array(v.tokens[part.range])
            let unexplained = part.range.filter { !s.explained[$0] }.map { v.tokens[$0] }
            if let previous, previous.end == part.range.lowerBound { s.freeParts.append(previous.words + words) }
            s.freeParts.append(words)
            if unexplained != words { s.freeParts.append(unexplained) }
            previous = (part.range.upperBound, words)
            let cost = whole && s.candidate.bookType == .comic ? Weights.unexplainedComicPart : Weights.unexplainedPart
            s.add(.unexplainedPart, cost,
                  whole ? "unexplained part \"\(part.text)\"" : "part \"\(part.text)\" only partly explained")
            s.mark(part.range)
        }
        var penalty = 0.0
        var words: [String] = []
        for i in v.tokens.indices where !s.explained[i] {
            penalty += Stopwords.contains(v.tokens[i]) ? Weights.unexplainedStopword : Weights.unexplainedWord
            words.append(v.tokens[i])
        }
        if penalty < 0 {
            s.add(.unexplainedWords, max(penalty, Weights.unexplainedWordsCap), "unexplained \(words.prefix(6).joined(separator: " "))")
        }
    }
}
