/// Where a title's subtitle starts — in a filename's part or a catalog's
/// title, read alike: after `;`, `: `, FAT's `_ `, a full-width `：` or a
/// spaced ` - ` (not at the start).
///
/// ```swift
/// SubtitleCut.index(in: "Walden; or, Life in the Woods")  // the index of ";"
/// SubtitleCut.index(in: "Dune")                           // nil
/// ```
public enum SubtitleCut {
    /// The index the subtitle's mark stands at (` - ` is cut before its
    /// space); the strongest mark wins (`;` over `:` over `_ ` over `：` over
    /// ` - `), the first of equals.
    public static func index(in text: String) -> String.Index? {
        // One pass over the scalars, no Foundation.
        let scalars = text.unicodeScalars
        var best: (rank: Int, index: String.Index)?
        var i = scalars.startIndex
        var previous: Unicode.Scalar?
        while i < scalars.endIndex {
            let c = scalars[i]
            let next = scalars.index(after: i)
            let following: Unicode.Scalar? = next < scalars.endIndex ? scalars[next] : nil
            var rank: Int?
            if c == ";" { rank = 0 }
            else if c == ":", following == " " { rank = 1 }
            else if c == "_", following == " " { rank = 2 }
            else if c == "\u{FF1A}" { rank = 3 }
            else if c == "-", previous == " ", following == " " { rank = 4 }
            if let rank, i > scalars.startIndex, best == nil || rank < best!.rank {
                // ` - ` is cut before its space, as the others before their mark.
                best = (rank, rank == 4 ? scalars.index(before: i) : i)
                if rank == 0 { break }
            }
            previous = c
            i = next
        }
        return best?.index
    }
}
