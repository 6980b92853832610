import TomeNormalization

/// The series name: in its own part of the name, beside the title, or read
/// from `(Series, Book 3)`.
///
/// - ``Weights/series`` for the series in the name; ``Weights/nameBesideVolume``
///   when it is a whole part and the name states a volume (`Berserk v02`);
/// - no points (``ScoreRule/seriesWithTitle``) when it stands in the title's
///   own part: `The Infernal Devices: Clockwork Angel` is one title;
/// - a title found inside the series' name is the series, not the title
///   (`The Twilight Saga Vol. 1` is not the book `Twilight`).
///
/// A series with a bracketed qualifier (`The Rising of the Shield Hero
/// (Manga)`) also matches without it, as a filename carries it: a bare name
/// shared by two editions then matches both, and stays ambiguous unless the
/// name says `(Manga)`.
public enum SeriesRule {
    static func apply(_ s: inout ScoringState) {
        var c = s.candidate
        let v = s.view
        var withoutArticle = false
        guard !c.seriesTokens.isEmpty else { return }
        if TokenMatching.occurrence(c.seriesTokens, in: v.tokens) == nil, !v.seriesHint.contains(c.seriesTokens),
           let core = c.facts.seriesCore, !core.isEmpty {
            c.seriesTokens = core
        }
        // `Walking Dead` for `The Walking Dead`: without a leading article.
        if TokenMatching.occurrence(c.seriesTokens, in: v.tokens) == nil, let first = c.seriesTokens.first,
           TitleRule.articles.contains(first), c.seriesTokens.count >= 3 {
            let bare = Array(c.seriesTokens.dropFirst())
            // Only where a part of the name starts: `Vance's Dying Earth` is not `The Dying Earth`.
            if TokenMatching.phraseAllowed(bare), let range = TokenMatching.occurrence(bare, in: v.tokens),
               v.segment(containing: range.lowerBound)?.lowerBound == range.lowerBound {
                c.seriesTokens = bare
                withoutArticle = true
            }
        }
        if let found = s.title, found.pending, let inner = found.range,
           let range = TokenMatching.occurrence(c.seriesTokens, in: v.tokens),
           range.contains(inner.lowerBound), range.contains(inner.upperBound - 1), range.count > inner.count {
            s.titleMethod = nil
            s.unmark(inner)
            s.title = nil
        }
        // A whole-word leading fragment of the title that is exactly the
        // series' name (`The Rising of the Shield Hero v01` against `… Volume
        // 01: The Manga Companion`) is the series, not a cut title.
        if let found = s.title, !found.pending, found.rule == .titleFragment, found.points <= Weights.titleInside,
           let inner = found.range, v.readings.contains(c.seriesTokens),
           let range = TokenMatching.occurrence(c.seriesTokens, in: v.tokens), range == inner {
            s.parts.removeAll { $0.rule == .titleFragment }
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
            // A number right after it may be the volume: ``VolumeRule`` weighs it.
            s.seriesRange = range
            if let titleSegment, titleSegment.contains(range.lowerBound) {
                s.add(.seriesWithTitle, 0, "series with the title")
            } else if s.nameHasVolume && v.readings.contains(c.seriesTokens) && !withoutArticle {
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
