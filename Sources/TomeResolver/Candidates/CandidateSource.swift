/// Where a name's candidates come from, in the order they are asked: each
/// later source only when the earlier ones cannot decide (``CandidatePool``).
///
/// Every source asks the catalog's indexes (``TomeCatalog/CatalogReader``):
/// none scans the catalog. `--explain` names the last source asked
/// (``Explanation/source``); raw values are part of its JSON: never rename one.
public enum CandidateSource: String, CaseIterable, Sendable {
    /// Books with an exact key (title, alt title, series and volume,
    /// author and title…) equal to a reading of the name, and books whose
    /// file shares the name's basename (``Retrieval/exact(views:evidence:wholeName:reader:)``).
    /// Their answer is final when it explains the whole name (``ExactAnswer``).
    case exactKeys = "exact_keys"
    /// Books with a longer key starting with one of the name's (`The Stand:
    /// Captain Trips` for `The Stand`): the rivals an exact answer has, asked
    /// only when the exact keys give an answer that explains the name.
    case longerKeys = "longer_keys"
    /// The FTS5 index: the best matches of the name's distinctive words
    /// (``Retrieval/fullText(views:evidence:after:reader:)``).
    case fullText = "full_text"
    /// A wider FTS5 look, for typos and reordered words, when nothing found
    /// so far is eligible (``Retrieval/fuzzy(views:excluding:reader:)``).
    case fuzzy
    /// A name cut short: the one title that starts with it, when nothing
    /// else is eligible (``Stem``).
    case stem
}
