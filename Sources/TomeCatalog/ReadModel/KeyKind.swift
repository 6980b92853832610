/// The kinds of exact key the catalog stores in `book_key`: a book's
/// normalized names, each a whole string a filename part may equal.
///
/// The raw values are what the `kind` column holds; they never change.
public enum KeyKind: String, Sendable, Hashable, CaseIterable {
    /// The normalized title (`the hunger games`).
    case title
    /// The title in Latin letters, when its own script is another
    /// (`Братья Карамазовы` → `bratya karamazovy`).
    case titleLatin = "title_latin"
    /// The title as a filename reader reads it, without volume markers and
    /// tags (`Bleach, Volume 01` → `bleach`), when that differs.
    case core
    /// An alternative title (original language, other edition), and its
    /// core without bracketed parts.
    case alt
    /// An alternative title in Latin letters.
    case altLatin = "alt_latin"
    /// The normalized series name.
    case series
    /// The series name in Latin letters.
    case seriesLatin = "series_latin"
}
