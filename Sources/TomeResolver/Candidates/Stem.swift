import TomeCatalog
import TomeFilename

/// A name cut short by a device (`Neuromanc.epub`, `The Left Hand of.epub`):
/// when nothing else answers, the one title of the catalog that starts with
/// the name is the answer.
///
/// The rule, each part of which a refusal guards:
/// - the name is one plain part: no volume, chapter, author, tags or year;
/// - a name ending in a cut word (a word no title of the catalog has:
///   `Neuromanc`, `Hyperio`) needs ``minimumLetters`` letters and a cut word
///   of at least ``minimumCutLetters`` (`Hyp`, `Dune Mess` refuse: `mess`
///   may be the whole word); a name of whole words (`The Left Hand of`)
///   needs ``minimumWords`` words and ``minimumWholeLetters`` letters
///   (`Tomorrow`, `Fahrenheit`, `Children` refuse: they may be whole titles
///   the catalog lacks);
/// - exactly one title starts with it, word for word but the last, which
///   may be a prefix — checked over every title holding those words
///   (``FTSQuery/titlePrefix(_:)``), not only the candidates scored.
enum Stem {
    /// The least letters a stem ending in a cut word must have.
    static let minimumLetters = 7
    /// The least letters of the cut word itself.
    static let minimumCutLetters = 5
    /// The least words and letters of a stem made of whole words.
    static let minimumWords = 2
    static let minimumWholeLetters = 12
    /// Titles looked at; more matches than this is no unique stem.
    static let lookLimit = 20

    static func answer(evidence e: FilenameEvidence, views: [NameView], reader: inout CatalogReader) throws -> CandidateRecord? {
        guard e.volume == nil, e.volumeRange == nil, e.chapter == nil, e.chapterRange == nil, e.year == nil,
              e.noise.isEmpty, e.segments.count == 1, let view = views.first else { return nil }
        let words = view.tokens
        guard let last = words.last, !last.contains(where: \.isNumber), words.count <= 12 else { return nil }
        let wholeWord = !(try reader.bookIDs(matchingUnranked: "title : " + FTSQuery.quote(last), limit: 1)).isEmpty
        if wholeWord {
            guard words.count >= minimumWords, words.joined().count >= minimumWholeLetters else { return nil }
        } else {
            guard last.count >= minimumCutLetters, words.joined().count >= minimumLetters else { return nil }
        }
        // Fewer than `lookLimit` matches are all of them, whatever their rank.
        let ids = try reader.bookIDs(matchingUnranked: FTSQuery.titlePrefix(words), limit: lookLimit)
        guard ids.count < lookLimit else { return nil }
        let starting = try reader.candidates(ids).filter { c in
            c.titleTokens.count >= words.count && Array(c.titleTokens.prefix(words.count - 1)) == Array(words.dropLast())
                && c.titleTokens[words.count - 1].hasPrefix(last)
        }
        guard starting.count == 1, let only = starting.first, only.titleTokens != words else { return nil }
        // Whole words that end where the title pauses (`Vance's Dying Earth`
        // before `, Volume 1: …`) name a series or a part, not a cut title.
        if wholeWord, pausesAfter(words: words.count, in: only.title) { return nil }
        return only
    }

    /// True when, after its first `count` words, `title` goes on with `,`,
    /// `:`, `;`, a bracket or a dash: a boundary of the title's own parts.
    static func pausesAfter(words count: Int, in title: String) -> Bool {
        var seen = 0, inWord = false
        var index = title.startIndex
        while index < title.endIndex {
            let ch = title[index]
            // An apostrophe inside a word is part of it (`Vance's`).
            let next = title.index(after: index)
            let wordChar = ch.isLetter || ch.isNumber
                || (inWord && (ch == "'" || ch == "\u{2019}") && next < title.endIndex && title[next].isLetter)
            if wordChar && !inWord {
                if seen == count { return false }
                seen += 1
            }
            inWord = wordChar
            if !wordChar, seen == count, ",:;([—–-".contains(ch) { return true }
            index = title.index(after: index)
        }
        return false
    }
}
