import TomeFilename
import TomeNormalization

/// A filename's words as the scorer and the retrieval see them: the tokens,
/// and the token runs (readings) that may be a whole title.
///
/// A name has one view in its own script, and a second in Latin letters when
/// it holds letters outside ASCII (`Bratya Karamazovy` meets `Братья Карамазовы`).
///
/// ```swift
/// let v = NameView.views(of: reader.read("Frank Herbert - Dune.epub"), normalizer: .shared)[0]
/// v.tokens    // ["frank", "herbert", "dune"]
/// v.readings  // [["frank","herbert","dune"], ["frank","herbert"], ["dune"]]
/// ```
public struct NameView: Sendable {
    /// Every comparison token of the name's title text.
    public var tokens: [String] { didSet { compactTokens = nil } }
    /// ``tokens`` with runs of initials joined (``TokenMatching/compacted(_:)``),
    /// computed once per name; nil for a view built by hand.
    public private(set) var compactTokens: (tokens: [String], map: [Range<Int>])?
    /// Token runs that may be a whole title: the whole name, each part, the
    /// name without its first or last part.
    public var readings: [[String]] { didSet { readingTexts = readings.map(ReadingText.init) } }
    /// Each reading's text, computed once per name (not once per candidate).
    public private(set) var readingTexts: [ReadingText] = []
    /// The tokens of each part.
    public var segmentReadings: [[String]]
    /// Token ranges of parts that stand around a spaced dash, with their text.
    public var dashParts: [(range: Range<Int>, text: String)]
    /// The token range of each part of the name.
    public var segmentRanges: [Range<Int>]
    /// Parts split at a subtitle separator (`;`, `:`, FAT's `_ `): the token
    /// ranges of the main title and of the rest (`Walden; or, Life in the Woods`).
    public var subtitleSplits: [(main: Range<Int>, rest: Range<Int>)] = []
    /// A scene name's year left in the tokens (``FilenameEvidence/yearInTitle``):
    /// explained as a year when no title owns it.
    public var yearToken: String?
    /// The series hint's tokens (own script and Latin), normalized once per name.
    public var seriesHint: [[String]] = []
    /// `by Author` and `(Author)` candidates, normalized once per name.
    public var namedAuthors: [(name: String, position: AuthorCandidate.Position, tokens: [String])] = []

    /// A reading's texts, for the title rule's fragment and typo checks.
    public struct ReadingText: Sendable {
        /// The tokens joined by spaces, and its length in characters.
        public let spaced: String
        public let spacedCount: Int
        /// The length in characters of the tokens joined without spaces.
        public let letterCount: Int

        init(_ reading: [String]) {
            spaced = reading.joined(separator: " ")
            spacedCount = spaced.count
            letterCount = reading.joined().count
        }
    }

    /// ``tokens`` with runs of initials joined, and where each came from.
    func compacted() -> (tokens: [String], map: [Range<Int>]) { compactTokens ?? TokenMatching.compacted(tokens) }

    /// The texts of reading `r` (computed here for a view built by hand).
    func readingText(_ r: Int) -> ReadingText {
        r < readingTexts.count ? readingTexts[r] : ReadingText(readings[r])
    }

    /// The part holding token `i`.
    public func segment(containing i: Int) -> Range<Int>? { segmentRanges.first { $0.contains(i) } }

    /// The views of a name: its own script, then Latin letters if that differs.
    public static func views(of e: FilenameEvidence, normalizer: TextNormalizer) -> [NameView] {
        let year = e.yearInTitle.map(String.init)
        var result = [view(segments: e.segments.map { ($0.tokens, $0.afterDash, $0.text) }, year: year)]
        if e.segments.contains(where: { !$0.text.unicodeScalars.allSatisfy(\.isASCII) }) {
            let latin = e.segments.map { (normalizer.latinTokens($0.text), $0.afterDash, $0.text) }
            if latin.map(\.0) != e.segments.map(\.tokens) {
                result.append(view(segments: latin, year: year))
            }
        }
        // Subtitle splits, in the first view (own script).
        var offset = 0
        for segment in e.segments {
            defer { offset += segment.tokens.count }
            guard let cut = subtitleCut(segment.text) else { continue }
            let main = normalizer.tokens(String(segment.text[..<cut]))
            guard !main.isEmpty, main.count < segment.tokens.count, Array(segment.tokens.prefix(main.count)) == main else { continue }
            let mainRange = offset..<(offset + main.count), rest = (offset + main.count)..<(offset + segment.tokens.count)
            result[0].subtitleSplits.append((mainRange, rest))
        }
        let hint = e.seriesHint.map { [normalizer.tokens($0), normalizer.latinTokens($0)] } ?? []
        let named = e.authors.filter { $0.position == .by || $0.position == .parenthesised }
            .map { ($0.name, $0.position, TokenMatching.compacted(normalizer.tokens($0.name)).tokens) }
        return result.map { var v = $0; v.seriesHint = hint; v.namedAuthors = named; return v }
    }

    /// Where a part's subtitle starts (``TomeFilename/SubtitleCut``).
    static func subtitleCut(_ text: String) -> String.Index? { SubtitleCut.index(in: text) }

    /// A view of parts given as (tokens, after a spaced dash, original text).
    /// With a scene name's `year`, each reading holding it is read without it too.
    static func view(segments: [([String], Bool, String)], year: String? = nil) -> NameView {
        var tokens: [String] = []
        var ranges: [Range<Int>] = []
        for (t, _, _) in segments {
            ranges.append(tokens.count..<(tokens.count + t.count))
            tokens += t
        }
        var readings: [[String]] = [tokens]
        let segmentReadings = segments.map(\.0)
        if segments.count > 1 {
            readings += segmentReadings
            readings.append(Array(segments.dropFirst().flatMap(\.0)))
            readings.append(Array(segments.dropLast().flatMap(\.0)))
        }
        var dashParts: [(Range<Int>, String)] = []
        for (i, segment) in segments.enumerated() {
            let dashed = segment.1 || (i + 1 < segments.count && segments[i + 1].1)
            if dashed { dashParts.append((ranges[i], segment.2)) }
        }
        if let year {
            readings += readings.filter { $0.contains(year) }.map { $0.filter { $0 != year } }
        }
        var seen = Set<[String]>()
        readings = readings.filter { !$0.isEmpty && seen.insert($0).inserted }
        var v = NameView(tokens: tokens, readings: readings, segmentReadings: segmentReadings, dashParts: dashParts, segmentRanges: ranges)
        v.yearToken = year
        v.readingTexts = readings.map(ReadingText.init)
        v.compactTokens = TokenMatching.compacted(tokens)
        return v
    }
}
