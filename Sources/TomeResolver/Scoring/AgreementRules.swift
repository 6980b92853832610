/// Small agreements and one contradiction that no other rule weighs:
/// - `Dune (2)`: a second copy, or volume 2; when the book is another
///   volume, ``Weights/numberMismatch`` (never a disqualification);
/// - the bracketed year equals the book's (``Weights/year``);
/// - a comic archive for a manga or comic (``Weights/comicArchive``).
public enum AgreementRules {
    /// Extensions of comic-book archives.
    public static let comicExtensions: Set<String> = ["cbz", "cbr", "cb7", "cbt", "cba"]

    static func apply(_ s: inout ScoringState) {
        let c = s.candidate, e = s.evidence
        if let n = e.bracketedNumber, let own = c.volume, own != n {
            s.add(.numberMismatch, Weights.numberMismatch, "(\(fmt(n))) may be volume \(fmt(n)); this book is volume \(fmt(own))")
        }
        if let year = e.year, year == c.year { s.add(.year, Weights.year, "year \(year)") }
        if let ext = e.fileExtension, comicExtensions.contains(ext), let type = c.bookType, type == .manga || type == .comic {
            s.add(.format, Weights.comicArchive, "comic archive for a \(type.rawValue)")
        }
    }
}
