import Foundation
import TomeNormalization

/// The later steps of a read: authors, the trailing number, the title.
extension ReadState {
    // MARK: Authors

    /// `Title by Author Name`: two to four words after `by`, ending the name.
    mutating func readByAuthor() {
        guard let last = runs.last else { return }
        let content = last.range.filter { tokens[$0].kind != .separator }
        guard let byIndex = content.lastIndex(where: { tokens[$0].kind == .word && tokens[$0].lowered == "by" }),
              byIndex > 0 || runs.count > 1 || last.range.lowerBound > 0 else { return }
        let after = content[(byIndex + 1)...]
        guard (1...4).contains(after.count),
              after.allSatisfy({ tokens[$0].kind == .word }),
              after.filter({ tokens[$0].text.count > 1 }).count >= 2 || after.count >= 2,
              let first = after.first, let lastName = after.last else { return }
        let span = TextSpan(start: tokens[first].span.start, end: tokens[lastName].span.end)
        let name = tokens[first...lastName].map(\.text).joined()
        evidence.authors.append(AuthorCandidate(name: name, position: .by, span: span))
        find(.author, name, span, AuthorCandidate.Position.by.rawValue)
        let by = content[byIndex]
        for j in by..<last.range.upperBound { removed[j] = true }
        if text(last.range.lowerBound..<by) == nil {
            runs.removeLast()
        } else {
            runs[runs.count - 1].range = last.range.lowerBound..<by
        }
    }

    /// The first part before a spaced dash and the last part after one are
    /// both author candidates when they look like a name.
    mutating func readDashAuthors() {
        guard runs.count >= 2 else { return }
        var candidates: [(Int, AuthorCandidate.Position)] = []
        if runs[1].dashBefore { candidates.append((0, .leading)) }
        if runs[runs.count - 1].dashBefore { candidates.append((runs.count - 1, .trailing)) }
        for (index, position) in candidates {
            guard looksLikeName(runs[index].range), let (name, span) = text(runs[index].range) else { continue }
            evidence.authors.append(AuthorCandidate(name: name, position: position, span: span))
            find(.author, name, span, position.rawValue)
        }
    }

    /// English articles a library's sort form moves to the end (`Fog, The`).
    static let sortArticles: Set<String> = ["the", "a", "an"]

    /// `Surname, Given`: one comma, one or two words before it, one to
    /// three after, no digits, not a title's `Fog, The`.
    static func isSortForm(_ name: String) -> Bool {
        let sides = name.split(separator: ",", omittingEmptySubsequences: false)
        guard sides.count == 2, !name.contains(where: \.isNumber) else { return false }
        let surname = sides[0].split(separator: " "), given = sides[1].split(separator: " ")
        return (1...2).contains(surname.count) && (1...3).contains(given.count) && !sortArticles.contains(given[0].lowercased())
    }

    /// One to six words (or one CJK run), no numbers, no symbols but `.`, `,`,
    /// `'` inside names.
    func looksLikeName(_ range: Range<Int>) -> Bool {
        let content = range.filter { tokens[$0].kind != .separator }
        guard (1...9).contains(content.count) else { return false }
        let letters = content.filter { tokens[$0].kind == .word || tokens[$0].kind == .cjk }
        // `Terry Pratchett & Neil Gaiman`: Calibre joins several authors with `&`.
        let joins = content.filter { tokens[$0].kind == .symbol && tokens[$0].text == "&" }
        return !letters.isEmpty && letters.count + joins.count == content.count && content.count <= 9
    }

    // MARK: Trailing number

    /// A number ending the title that no marker claimed: `Berserk 02`, but
    /// also `Fahrenheit 451` — recorded, never removed.
    mutating func readTrailingNumber() {
        guard let last = runs.last else { return }
        let content = last.range.filter { tokens[$0].kind != .separator }
        guard content.count >= 2, let n = content.last, tokens[n].kind == .number, !tokens[n].attached,
              tokens[n].digitCount <= 4, let value = tokens[n].value else { return }
        // A scene name's year is not a volume.
        if let year = evidence.yearInTitle, Double(year) == value, tokens[n].digitCount == 4 { return }
        // `Watchmen 03 (of 12)`: with a limited series' count, the number is the issue.
        if limitedSeries, evidence.volume == nil, evidence.volumeRange == nil, tokens[n].digitCount <= 3 {
            evidence.volume = value
            evidence.volumeForm = .issue
            find(.volume, tokens[n].text, tokens[n].span, VolumeForm.issue.rawValue, value)
            removed[n] = true
            runs[runs.count - 1].range = last.range.lowerBound..<n
            return
        }
        evidence.trailingNumber = value
        find(.trailingNumber, tokens[n].text, tokens[n].span, "unclaimed", value)
    }

    // MARK: Title

    /// The text of `range` with every separator a space, trimmed.
    func spaced(_ range: Range<Int>) -> String {
        var out = ""
        for t in tokens[range] { out += t.kind == .separator ? " " : t.text }
        return out.trimmingCharacters(in: .whitespaces)
    }

    /// A library's sort form put back: `Fog, The` → `The Fog`, `Crown of
    /// Swords, A` → `A Crown of Swords` (a trailing, capitalized English
    /// article after the part's only comma, as `Last, First - Title, The`
    /// names write titles).
    static func articleFirst(_ text: String) -> String {
        guard let comma = text.lastIndex(of: ",") else { return text }
        let article = text[text.index(after: comma)...].trimmingCharacters(in: .whitespaces)
        let rest = text[..<comma].trimmingCharacters(in: .whitespaces)
        // Capitalized, after a part with no other comma: not the `, a` a cut
        // name ends with (`The Devil in the White City: Murder, Magic, a`).
        guard sortArticles.contains(article.lowercased()), article.first?.isUppercase == true,
              !rest.isEmpty, !rest.contains(",") else { return text }
        return article + " " + rest
    }

    /// Parts a bracketed group cut in two, with no dash between them
    /// (`Hunger: A Memoir of (My) Body`): the whole part, group included,
    /// may be a title of its own (``FilenameEvidence/tagSplitParts``).
    mutating func readTagSplitParts(normalizer: TextNormalizer) {
        var chain: [Range<Int>] = []
        func close() {
            defer { chain = [] }
            guard chain.count >= 2, let first = chain.first, let last = chain.last,
                  let (text, span) = text(first.lowerBound..<last.upperBound) else { return }
            let pieces = chain.map { normalizer.tokens(spaced($0)) }
            let words = normalizer.tokens(text)
            guard !pieces.contains(where: \.isEmpty), words.count > pieces.joined().count else { return }
            evidence.tagSplitParts.append(.init(text: text, tokens: words, pieces: pieces))
            find(.segment, text, span, "across tags")
        }
        for run in runs {
            if let previous = chain.last, !run.dashBefore, isTagGap(previous.upperBound..<run.range.lowerBound) {
                chain.append(run.range)
            } else {
                close()
                chain = [run.range]
            }
        }
        close()
    }

    /// Whether the tokens of `gap` are separators and at least one bracketed group.
    private func isTagGap(_ gap: Range<Int>) -> Bool {
        gap.contains { tokens[$0].kind == .group } && gap.allSatisfy { tokens[$0].kind == .group || tokens[$0].kind == .separator }
    }

    mutating func finish(normalizer: TextNormalizer) {
        for run in runs {
            guard let (text, span) = text(run.range) else { continue }
            // A dotted name's part is read with its separators as spaces, so
            // the lexer's split stands (`22.1961` is two numbers, `2.5` one).
            let reading = Self.articleFirst(dottedName ? spaced(run.range) : text)
            let words = normalizer.tokens(reading)
            guard !words.isEmpty else { continue }
            evidence.segments.append(Segment(text: reading, span: span, tokens: words, afterDash: run.dashBefore && !evidence.segments.isEmpty))
            find(.segment, text, span, run.dashBefore ? "after-dash" : nil)
        }
        readTagSplitParts(normalizer: normalizer)
        for i in evidence.authors.indices where evidence.authors[i].position != .by && evidence.authors[i].position != .parenthesised
            && Self.isSortForm(evidence.authors[i].name) {
            evidence.authors[i].sortFormTokens = normalizer.tokens(evidence.authors[i].name)
        }
        guard evidence.segments.isEmpty else { return }
        // Nothing left but tags: `[Oshi no Ko] v01 (Digital)` — a bracketed
        // title, the first group that is words and no release tag; else the
        // folder a path names (`Manga/Dorohedoro/Vol. 02.cbz`).
        for t in tokens where t.kind == .group {
            guard let inner = t.inner, let span = t.innerSpan, inner.unicodeScalars.contains(where: { $0.properties.isAlphabetic }),
                  !evidence.authors.contains(where: { $0.span == span }) else { continue }
            let words = normalizer.tokens(inner)
            guard words.count >= 2, !words.contains(where: { Self.tagWords.contains($0) }) else { continue }
            evidence.segments.append(Segment(text: inner, span: span, tokens: words))
            find(.segment, inner, span, "bracketed title")
            return
        }
        if let folder = evidence.directories.last {
            let words = normalizer.tokens(folder)
            guard !words.isEmpty, let finding = evidence.findings.last(where: { $0.kind == .directory }) else { return }
            evidence.segments.append(Segment(text: folder, span: finding.span, tokens: words))
            find(.segment, folder, finding.span, "folder")
        }
    }
}
