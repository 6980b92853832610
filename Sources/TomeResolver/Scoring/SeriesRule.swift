/// The series name: in its own part of the name, beside the title, or read
/// from `(Series, Book 3)`.
///
/// - ``Weights/series`` for the series in the name; ``Weights/nameBesideVolume``
///   when it is a whole part and the name states a volume (`Berserk v02`);
/// - no points (``ScoreRule/seriesWithTitle``) when it stands in the title's
///   own part: `The Infernal Devices: Clockwork Angel` is one title;
/// - a title found inside the series' name is the series, not the title
///   (`The Twilight Saga Vol. 1` is not the book `Twilight`).
public enum SeriesRule {
    static func apply(_ s: inout ScoringState) {
        let c = s.candidate, v = s.view
        guard !c.seriesTokens.isEmpty else { return }
        if let found = s.title, found.pending, let inner = found.range,
           let range = TokenMatching.occurrence(c.seriesTokens, in: v.tokens),
           range.contains(inner.lowerBound), range.contains(inner.upperBound - 1), range.count > inner.count {
            s.titleMethod = nil
            s.unmark(inner)
            s.title = nil
        }
        let titleSegment = s.title?.range.flatMap { $0.isEmpty ? nil : v.segment(containing: $0.lowerBound) }
        let state = s
        if let range = TokenMatching.occurrence(c.seriesTokens, in: v.tokens, where: state.free),
           v.readings.contains(c.seriesTokens) || TokenMatching.phraseAllowed(c.seriesTokens) {
            s.mark(range)
            s.seriesMatched = true
            if let titleSegment, titleSegment.contains(range.lowerBound) {
                s.add(.seriesWithTitle, 0, "series with the title")
            } else if s.nameHasVolume && v.readings.contains(c.seriesTokens) {
                s.add(.series, Weights.nameBesideVolume, "series (a whole part)")
            } else {
                s.add(.series, Weights.series, "series")
            }
        } else if TokenMatching.occurrence(c.seriesTokens, in: v.tokens) != nil {
            s.seriesMatched = true  // the title already says it
        } else if v.seriesHint.contains(c.seriesTokens) {
            s.add(.series, Weights.series, "series (in brackets)")
            s.seriesMatched = true
        }
    }
}
