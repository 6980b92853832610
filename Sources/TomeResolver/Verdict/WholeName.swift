import TomeFilename
import TomeNormalization

/// The name as one title: the basename without its extension, normalized
/// whole — volume markers and tags included. When it is exactly one book's
/// title (`Vance's Dying Earth, Volume 1: Mazirian the Magician`, `Moby
/// Dick` beside `Moby Dick (Illustrated Classics)`), that book is the answer
/// or nothing is: never another book the same words also describe.
struct WholeName {
    /// The normalized tokens of the whole stem.
    let tokens: [String]
    /// ``tokens`` joined by spaces: a `book_key` key.
    var key: String { tokens.joined(separator: " ") }

    init(evidence e: FilenameEvidence, normalizer: TextNormalizer) {
        var stem = Substring(e.basename)
        if let ext = e.fileExtension, stem.lowercased().hasSuffix("." + ext) {
            stem = stem.dropLast(ext.count + 1)
        }
        tokens = normalizer.tokens(String(stem))
    }

    /// True when `c`'s title is the whole name.
    func isTitle(of c: CandidateScore) -> Bool { !tokens.isEmpty && c.titleTokens == tokens }

    /// Adds ``Weights/wholeName`` to the one candidate whose title is the
    /// whole name (`Moby Dick` over `Moby Dick (Illustrated Classics)`):
    /// not when several are, and not when the title says no more than its
    /// series and number (`Fantastic Four #12` names another run's #12 as well).
    func reward(_ scores: inout [CandidateScore]) {
        let exact = scores.indices.filter { isTitle(of: scores[$0]) }
        guard exact.count == 1, let i = exact.first, !scores[i].titleIsSeriesAndNumber else { return }
        scores[i].parts.append(ScorePart(.wholeName, Weights.wholeName, "the whole name is the title"))
    }
}
