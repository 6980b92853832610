import TomeFilename
import TomeNormalization

/// What a book's title and series say whatever the name: computed at import
/// and stored (`book.subtitle_main_key`, `subtitle_rest_key`,
/// `series_core_key`), so that a resolve normalizes only the name.
///
/// ```swift
/// let f = TitleFacts(title: "Walden; or, Life in the Woods", series: "Walden (Annotated)")
/// f.subtitle?.main  // ["walden"]
/// f.subtitle?.rest  // ["or", "life", "in", "the", "woods"]
/// f.seriesCore      // ["walden"]
/// ```
public struct TitleFacts: Sendable, Hashable {
    /// A title split at its subtitle (``TomeFilename/SubtitleCut``), each side normalized.
    public struct Subtitle: Sendable, Hashable {
        /// The title before the subtitle's mark (may be empty).
        public var main: [String]
        /// The mark and what follows it (may be empty).
        public var rest: [String]

        public init(main: [String], rest: [String]) {
            self.main = main
            self.rest = rest
        }
    }

    /// The title around its subtitle; nil when it has none.
    public var subtitle: Subtitle?
    /// The series without a trailing bracketed qualifier (`The Rising of the
    /// Shield Hero (Manga)` → `the rising of the shield hero`); nil when it
    /// has none.
    public var seriesCore: [String]?

    public init(subtitle: Subtitle? = nil, seriesCore: [String]? = nil) {
        self.subtitle = subtitle
        self.seriesCore = seriesCore
    }

    /// The facts of a title and series.
    public init(title: String, series: String?, normalizer: TextNormalizer = .shared) {
        subtitle = Self.subtitle(of: title, normalizer: normalizer)
        seriesCore = series.flatMap { Self.core(ofSeries: $0, normalizer: normalizer) }
    }

    /// `title` split at its subtitle (``TomeFilename/SubtitleCut``); nil when it has none.
    static func subtitle(of title: String, normalizer: TextNormalizer) -> Subtitle? {
        guard let cut = SubtitleCut.index(in: title) else { return nil }
        return Subtitle(main: normalizer.tokens(String(title[..<cut])), rest: normalizer.tokens(String(title[cut...])))
    }

    /// `series` without a trailing bracketed qualifier; nil when it has none.
    static func core(ofSeries series: String, normalizer: TextNormalizer) -> [String]? {
        guard series.hasSuffix(")"), let open = series.lastIndex(of: "("), open > series.startIndex else { return nil }
        return normalizer.tokens(String(series[..<open]))
    }

    /// The stored columns: tokens joined by spaces, NULL for nil.
    var columns: (subtitleMain: String?, subtitleRest: String?, seriesCore: String?) {
        (subtitle?.main.joined(separator: " "), subtitle?.rest.joined(separator: " "), seriesCore?.joined(separator: " "))
    }
}
