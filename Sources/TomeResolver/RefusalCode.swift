/// Why the resolver refused a name: a stable code for programs (metrics
/// labels, HTTP bodies, `resolve --json`), next to the sentence for people in
/// ``Resolution/reason``.
///
/// Raw values are part of the wire contract: never rename one.
public enum RefusalCode: String, Sendable, Codable, CaseIterable, Hashable {
    /// Two or more books match almost equally (same title and no author, or
    /// one series' volume while another series the name matches lacks it).
    case ambiguous
    /// The name states a volume of a series or title the catalog has, but
    /// not that volume.
    case volumeMissing = "volume_missing"
    /// The name covers several volumes (`v01-03`, `1-3巻`): not one book.
    case volumeRange = "volume_range"
    /// The name is a chapter file (`c012`, `Chapter 5`): not a book of the catalog.
    case chapterFile = "chapter_file"
    /// No book of the catalog shares the name's words.
    case noCandidate = "no_candidate"
    /// The best candidate scores below the threshold.
    case weakMatch = "weak_match"
    /// The name is empty or only spaces.
    case emptyName = "empty_name"
    /// The name is longer than ``Resolver/maximumNameBytes``: not a file's name.
    case nameTooLong = "name_too_long"
    /// The name holds a NUL character: no filesystem allows one.
    case invalidName = "invalid_name"
    /// The name has more title parts or words than a file's name holds
    /// (``NameCheck/maximumParts``, ``NameCheck/maximumWords``): it is not
    /// looked up, so no name costs more than a bounded amount of work.
    case nameTooComplex = "name_too_complex"
    /// Resolving the name used more CPU time than the resolver's budget
    /// (``Resolver/timeBudget``): refused rather than answered late.
    case overBudget = "over_budget"
    /// Nothing is left of the name once tags, markers and numbers are read out.
    case noTitleWords = "no_title_words"
    /// The best title match is contradicted by the name: it names another
    /// author, or a number that is not the book's volume.
    case contradiction
}
