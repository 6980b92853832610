/// The author: a full name (``Weights/author``, initials compared joined so
/// `J. K.` meets `J.K.`, also as `Last, First`), a surname alone in its part
/// (``Weights/authorSurname``), or another spelling of the name
/// (``Weights/authorSpelling``). The name's `by Author` and `(Author)` are
/// checked against the book's authors: another person costs
/// ``Weights/authorMismatch``. Only the best author evidence counts.
public enum AuthorRule {
    static func apply(_ s: inout ScoringState) {
        let c = s.candidate, v = s.view
        var points = 0.0, label = "", range: Range<Int>?
        let (compact, compactMap) = v.compacted()
        // (The catalog stores non-Latin authors in Latin letters too.) Names
        // also as `Last, First`: `Coben, Harlan - The Stranger`.
        var forms = c.authorTokens
        for author in c.authorTokens where author.count >= 2 {
            forms.append([author[author.count - 1]] + author.dropLast())
        }
        let state = s
        for author in forms {
            let wanted = TokenMatching.compactedTokens(author)
            if let r = TokenMatching.occurrence(wanted, in: compact, where: {
                state.free(compactMap[$0.lowerBound].lowerBound..<compactMap[$0.upperBound - 1].upperBound)
            }) {
                if points < Weights.author {
                    points = Weights.author; label = "author"
                    range = compactMap[r.lowerBound].lowerBound..<compactMap[r.upperBound - 1].upperBound
                }
            } else if let surname = author.last, surname.count >= 4,
                      let i = v.tokens.indices.first(where: { v.tokens[$0] == surname && !state.explained[$0] }),
                      let part = v.segment(containing: i) {
                // A surname alone may stand for the author; a surname with
                // another first name (`Brian Herbert` for Frank) contradicts it.
                let others = part.filter { $0 != i && !state.explained[$0] }
                if others.isEmpty, points < Weights.authorSurname {
                    points = Weights.authorSurname; label = "author surname"; range = i..<(i + 1)
                }
            } else if author.count >= 2, points < Weights.authorSpelling,
                      let r = TokenMatching.similarOccurrence(author, in: v.tokens, where: state.free) {
                // Another spelling of the same name: `Fyodor Dostoevsky` for `Fedor Dostoevskiy`.
                points = Weights.authorSpelling; label = "author (spelled differently)"; range = r
            }
        }
        // `by Author`, `(Author)`: read out of the title text.
        for named in v.namedAuthors {
            let tokens = named.tokens
            guard !tokens.isEmpty, !c.authorTokens.isEmpty else { continue }
            let matches = c.authorTokens.contains { author in
                let a = TokenMatching.compactedTokens(author)
                return a == tokens || (tokens.count >= 2 && TokenMatching.occurrence(tokens, in: a) != nil)
                    || (tokens.count == 1 && tokens[0].count >= 3 && a.contains(tokens[0]))
            }
            if matches {
                if points < Weights.author { points = Weights.author; label = "author (\(named.position.rawValue))"; range = nil }
            } else {
                s.add(.authorMismatch, Weights.authorMismatch, "the name's author \"\(named.name)\" is not this book's")
            }
        }
        // `Goscinny & Uderzo - Astérix T03`: a part made only of the book's
        // authors' surnames (and `and`).
        if points == 0, c.authorTokens.count >= 2 {
            let surnames = Set(c.authorTokens.compactMap { $0.last.flatMap { $0.count >= 4 ? $0 : nil } })
            for part in v.segmentRanges where !part.isEmpty && part.allSatisfy({ !state.explained[$0] }) {
                let words = part.map { v.tokens[$0] }
                let named = words.filter { surnames.contains($0) }
                if named.count >= 2, words.allSatisfy({ surnames.contains($0) || $0 == "and" || $0 == "et" || $0 == "und" || $0 == "y" }) {
                    points = Weights.authorSurname; label = "authors' surnames"; range = part
                    break
                }
            }
        }
        if points > 0 {
            s.add(.author, points, label)
            s.mark(range)
        } else if let person = unexplainedSortFormAuthor(s) {
            // `Goodkind, Terry - Wheel of Time 02 - …`: a part written in a
            // library's sort form names a person, and not this book's.
            s.add(.authorMismatch, Weights.authorMismatch, "the name's author \"\(person)\" is not this book's")
        }
    }

    /// A part in a library's sort form
    /// (``TomeFilename/AuthorCandidate/sortFormTokens``) that nothing has
    /// explained.
    static func unexplainedSortFormAuthor(_ s: ScoringState) -> String? {
        for candidate in s.evidence.authors {
            guard let tokens = candidate.sortFormTokens, !tokens.isEmpty else { continue }
            if TokenMatching.occurrence(tokens, in: s.view.tokens, where: s.free) != nil { return candidate.name }
        }
        return nil
    }
}
