import Foundation
import TomeNormalization

/// Bracket groups: years, volumes in brackets, limited series, chapters,
/// edition kinds, authors in parentheses, release tags.
extension ReadState {
    // MARK: Bracket groups

    mutating func readGroups() {
        for i in tokens.indices where tokens[i].kind == .group {
            // `Moby Dick (Great Illustrated`: a bracket never closed, at the
            // end, is a title cut short, not a tag. Its words stay title text.
            if i == tokens.count - 1, let closer = tokens[i].text.unicodeScalars.first.flatMap({ FilenameLexer.closers[$0] }),
               tokens[i].text.unicodeScalars.last != closer, let inner = tokens[i].inner, let span = tokens[i].innerSpan,
               inner.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) {
                let innerTokens = FilenameLexer.tokens(in: Substring(inner), offset: span.start, groups: false)
                let opener = String(tokens[i].text.unicodeScalars.first!)
                let openerSpan = TextSpan(start: tokens[i].span.start, end: span.start)
                tokens.replaceSubrange(i...i, with: [FilenameToken(kind: .separator, text: opener, span: openerSpan)] + innerTokens)
                removed = Array(removed[..<i]) + Array(repeating: false, count: tokens.count - i)
                find(.truncated, tokens[i].text, span, "bracket never closed")
                return
            }
            removed[i] = true
            breaks.insert(i)
            // Calibre's and Anna's Archive's `(Series 2) Author - Title`: a
            // series and number leading the name.
            let leading = tokens[..<i].allSatisfy { $0.kind == .separator || $0.kind == .group }
            if leading, readLeadingSeriesNumber(tokens[i]) { continue }
            classifyGroup(tokens[i])
        }
    }

    mutating func classifyGroup(_ group: FilenameToken) {
        let inner = group.inner ?? ""
        let innerTokens = FilenameLexer.tokens(in: Substring(inner), offset: group.innerSpan?.start ?? group.span.start, groups: false)
        let content = innerTokens.filter { $0.kind != .separator }
        // Each shape in turn; the first that recognizes the group reads it.
        if readYear(group, content) || readDate(group, innerTokens) || readRange(group, innerTokens) || readEditionOrdinal(group, content)
            || readEditionOrFormat(group, content) || readLimitedSeries(group, content)
            || readChapters(group, innerTokens) || readSeriesVolume(group, innerTokens, content) || readBareNumber(group, content) {
            return
        }
        readAuthorOrTag(group, inner: inner, content)
    }

    /// A year: `(2019)`, `(2019-05)`, `[2019.05.01]`; a second one is noise.
    mutating func readYear(_ group: FilenameToken, _ content: [FilenameToken]) -> Bool {
        if let first = content.first, first.kind == .number, first.digitCount == 4,
           let value = first.value, (1450...2099).contains(value),
           content.allSatisfy({ $0.kind == .number }), content.count <= 3 {
            if evidence.year == nil {
                evidence.year = Int(value)
                find(.year, group.text, group.span, "bracket", value)
            } else {
                noise(group, "second year")
            }
            return true
        }
        return false
    }

    /// A date whose year comes last: `(29-06-11)`, `(08-1948)`, `(04.08.2021)`
    /// — the issue's cover date, so its year is the name's year. A two-digit
    /// year is of this century when not ahead of it.
    mutating func readDate(_ group: FilenameToken, _ inner: [FilenameToken]) -> Bool {
        let numbers = inner.filter { $0.kind != .separator }
        let separators = inner.filter { $0.kind == .separator }
        guard (2...3).contains(numbers.count), numbers.allSatisfy({ $0.kind == .number && $0.value != nil }),
              separators.count == numbers.count - 1, separators.allSatisfy({ ["-", ".", "/"].contains($0.text) }),
              numbers.dropLast().allSatisfy({ (1...2).contains($0.digitCount) && $0.value! >= 1 && $0.value! <= 31 }),
              let last = numbers.last, let value = last.value else { return false }
        var year: Int
        switch last.digitCount {
        case 4: year = Int(value)
        case 2 where numbers.count == 3: year = 2000 + Int(value); if year > 2030 { year -= 100 }
        default: return false
        }
        guard (1450...2099).contains(year) else { return false }
        if evidence.year == nil {
            evidence.year = year
            find(.year, group.text, group.span, "date", Double(year))
        } else {
            noise(group, "second date")
        }
        return true
    }

    /// `(01-04)`, `[1-3]`: a bracketed range of small numbers covers several
    /// volumes or episodes — not one book (read as a volume range).
    mutating func readRange(_ group: FilenameToken, _ inner: [FilenameToken]) -> Bool {
        guard inner.count == 3, inner[0].kind == .number, inner[2].kind == .number, inner[1].kind == .separator,
              MarkerMatcher.rangeDashes.contains(inner[1].text), inner[0].digitCount <= 3, inner[2].digitCount <= 3,
              let from = inner[0].value, let to = inner[2].value, to > from else { return false }
        recordVolume(MarkerMatch(kind: .volume, form: .dashedNumber, range: from...to, end: 0), text: group.text, span: group.span,
                     form: .dashedNumber)
        return true
    }

    /// `(2nd Edition)`, `(3rd ed.)`, `(Second Edition)`: which edition; the
    /// first is the plain title.
    mutating func readEditionOrdinal(_ group: FilenameToken, _ content: [FilenameToken]) -> Bool {
        guard let edition = Self.editionOrdinal(content.map(\.lowered)) else { return false }
        evidence.edition = edition
        noise(group, "edition \(edition)")
        return true
    }

    /// The edition `words` name (`2nd edition`, `second ed`), if that is all they say.
    static func editionOrdinal(_ words: [String]) -> Int? {
        guard words.count == 2 || words.count == 3, ["edition", "ed"].contains(words.last!) else { return nil }
        let ordinal = words.dropLast().joined(separator: " ")
        if let n = ordinalWords[ordinal] { return n }
        // `2nd`, `3rd`, `10th`: digits, then the suffix as a word.
        if words.count == 3, let n = Int(words[0]), ["st", "nd", "rd", "th"].contains(words[1]) { return n }
        return nil
    }

    static let ordinalWords: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    ]

    /// A collected edition (`(3-in-1 Edition)`, `(Omnibus)`, `[Box Set]`) or a format (`(Manga)`, `(Light Novel)`).
    mutating func readEditionOrFormat(_ group: FilenameToken, _ content: [FilenameToken]) -> Bool {
        let words = content.map(\.lowered)
        // `(3-in-1 Edition)`, `(Omnibus)`, `[Box Set]`: several volumes in one file.
        let isCollected = words.contains("omnibus") || (words.contains("box") && words.contains("set"))
            || words.contains("boxed") || (words.contains("in") && content.first?.kind == .number && content.count >= 3)
        if isCollected {
            evidence.collectedEdition = words.filter { $0 != "edition" }
            noise(group, "collected edition")
            return true
        }
        // `(TPB)`, `(HC)`, `(Trade Paperback)`, `(Hardcover)`: a collection of issues.
        let tag = words.joined(separator: " ")
        if ["tpb", "hc", "trade paperback", "hardcover"].contains(tag) {
            evidence.collectionTag = evidence.collectionTag ?? tag
            noise(group, "collection")
            return true
        }
        // `(Manga)`, `(Light Novel)`: which edition of a shared name.
        if let kind = Self.formatQualifiers[words.joined(separator: " ")] {
            evidence.formatHint = kind
            noise(group, "format: \(kind)")
            return true
        }
        return false
    }

    /// A limited series: `(3 of 6)` is issue 3; `(of 6)` says a bare number is the issue.
    mutating func readLimitedSeries(_ group: FilenameToken, _ content: [FilenameToken]) -> Bool {
        let words = content.map(\.lowered)
        if content.count == 3, content[0].kind == .number, words[1] == "of", content[2].kind == .number,
           let n = content[0].value, let total = content[2].value, n <= total, (1...4).contains(content[0].digitCount) {
            limitedSeries = true
            recordVolume(MarkerMatch(kind: .volume, form: .issue, value: n, end: 0), text: group.text, span: group.span, form: .issue)
            return true
        }
        if content.count == 2, words[0] == "of", content[1].kind == .number {
            limitedSeries = true
            noise(group, "limited series")
            return true
        }
        return false
    }

    /// Chapters alone in brackets: `(Ch 12-20)`, `[c050-055]`, `(c001-008)`.
    mutating func readChapters(_ group: FilenameToken, _ innerTokens: [FilenameToken]) -> Bool {
        for start in innerTokens.indices where innerTokens[start].kind != .separator {
            guard let match = MarkerMatcher.match(innerTokens, at: start), match.kind == .chapter,
                  innerTokens[match.end...].allSatisfy({ $0.kind == .separator }) else { break }
            let text = innerTokens[start..<match.end].map(\.text).joined()
            // The chapter's own span (inside the brackets), as its text.
            recordChapter(match, text: text, span: TextSpan(start: innerTokens[start].span.start, end: innerTokens[match.end - 1].span.end))
            find(.noise, group.text, group.span, "chapters")
            return true
        }
        return false
    }

    /// `(Throne of Glass 2)`, `[Throne of Glass 2]` leading the name: words,
    /// then a number of one to three digits — the series and its volume.
    mutating func readLeadingSeriesNumber(_ group: FilenameToken) -> Bool {
        let inner = FilenameLexer.tokens(in: Substring(group.inner ?? ""), offset: group.innerSpan?.start ?? group.span.start, groups: false)
        let content = inner.filter { $0.kind != .separator }
        // (Not a release group's name with digits glued on: `[tlacatlc6]`.)
        guard content.count >= 2, let last = content.last, last.kind == .number, !last.attached, (1...3).contains(last.digitCount),
              let value = last.value, content.dropLast().allSatisfy({ $0.kind == .word }),
              // Not a marker's group (`(Ch.1)`, `(Vol 2)`): the other readers have those.
              !inner.indices.contains(where: { MarkerMatcher.match(inner, at: $0) != nil }) else { return false }
        recordVolume(MarkerMatch(kind: .volume, form: .bracketSeries, value: value, end: 0), text: group.text, span: group.span,
                     form: .bracketSeries)
        if evidence.seriesHint == nil {
            let series = content.dropLast().map(\.text).joined(separator: " ")
            evidence.seriesHint = series
            find(.seriesHint, series, group.innerSpan ?? group.span, "leading bracket")
        }
        return true
    }

    /// A series with its volume: `(Series, Book 3)`, `(Series #3)`, `(Vol. 2)`.
    mutating func readSeriesVolume(_ group: FilenameToken, _ innerTokens: [FilenameToken], _ content: [FilenameToken]) -> Bool {
        if !content.isEmpty {
            for start in innerTokens.indices {
                guard let match = MarkerMatcher.match(innerTokens, at: start), match.kind == .volume else { continue }
                let rest = innerTokens[match.end...].filter { $0.kind != .separator }
                guard rest.isEmpty else { continue }
                var series: (String, TextSpan)?
                if start > 0 {
                    var upper = start
                    while upper > 0, innerTokens[upper - 1].kind == .separator { upper -= 1 }
                    if upper > 0 {
                        let span = TextSpan(start: innerTokens[0].span.start, end: innerTokens[upper - 1].span.end)
                        series = (innerTokens[0..<upper].map(\.text).joined(), span)
                    }
                }
                let form: VolumeForm = series == nil ? match.form : .bracketSeries
                recordVolume(match, text: group.text, span: group.span, form: form)
                if let (name, span) = series, evidence.seriesHint == nil {
                    evidence.seriesHint = name
                    find(.seriesHint, name, span, "bracket")
                }
                return true
            }
        }
        return false
    }

    /// A number alone: `進撃の巨人（１）` (full-width: a Japanese volume) or `(2)` (a second copy, or a volume).
    mutating func readBareNumber(_ group: FilenameToken, _ content: [FilenameToken]) -> Bool {
        // `進撃の巨人（１）`: Japanese volumes in full-width parentheses. An ASCII
        // `(1)` is left as noise: browsers add it to a second download.
        if group.text.hasPrefix("\u{FF08}"), content.count == 1, let only = content.first, only.kind == .number,
           (1...3).contains(only.digitCount), only.value != nil {
            recordVolume(MarkerMatch(kind: .volume, form: .cjkMarker, value: only.value, end: 0), text: group.text, span: group.span, form: .cjkMarker)
            return true
        }

        if group.text.hasPrefix("("), content.count == 1, let only = content.first, only.kind == .number,
           (1...3).contains(only.digitCount), evidence.bracketedNumber == nil {
            evidence.bracketedNumber = only.value
            noise(group, "number: a second copy, or a volume")
            return true
        }
        return false
    }

    /// `Title (Author Name)`: two to four capitalised words, nothing else; anything else is a tag.
    mutating func readAuthorOrTag(_ group: FilenameToken, inner: String, _ content: [FilenameToken]) {
        if group.text.hasPrefix("("), (2...4).contains(content.count),
           content.allSatisfy({ $0.kind == .word && ($0.text.first?.isUppercase ?? false) }),
           !content.contains(where: { Self.tagWords.contains($0.lowered) }) {
            evidence.authors.append(AuthorCandidate(name: inner, position: .parenthesised, span: group.innerSpan ?? group.span))
            find(.author, inner, group.innerSpan ?? group.span, AuthorCandidate.Position.parenthesised.rawValue)
        }
        noise(group, "tag")
    }

    /// Bracketed qualifiers that name a kind of book (BookType raw values).
    static let formatQualifiers: [String: String] = [
        "manga": "manga", "light novel": "light_novel", "ln": "light_novel", "novel": "light_novel",
        "comic": "comic", "comics": "comic", "graphic novel": "comic", "webtoon": "comic", "manhwa": "manga", "manhua": "manga",
    ]

    /// Words that mark a group as a release tag rather than a name.
    static let tagWords: Set<String> = [
        "digital", "english", "eng", "raw", "scan", "scans", "scanlations", "retail", "ocr", "fixed",
        "color", "colour", "colored", "hq", "lq", "webrip", "official", "complete", "omnibus", "edition",
        "kobo", "kindle", "ebook", "translated", "fan", "unknown", "empire", "novel", "novels", "book", "books",
        "series", "volume", "unabridged", "abridged", "illustrated", "annotated", "classics", "classic", "anniversary",
        "collection", "collected", "special", "deluxe", "revised", "expanded", "paperback", "hardcover",
    ]

    mutating func noise(_ token: FilenameToken, _ detail: String) {
        evidence.noise.append(token.text)
        find(.noise, token.text, token.span, detail)
    }

}

extension FilenameReader {
    /// True when every word of `text` is a release-tag word (`Digital`,
    /// `Retail`, `HQ`, …) or a number: a group that names no book.
    public static func isReleaseTag(_ text: String) -> Bool {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .allSatisfy { ReadState.tagWords.contains(String($0)) || $0.allSatisfy(\.isNumber) }
    }
}
