import Foundation
import TomeNormalization

/// Reads a filename (or a path) into ``FilenameEvidence``.
///
/// The reader works over the tokens of ``FilenameLexer`` and recognizes
/// shapes, in this order:
/// 1. the directory part of a path, and a known extension (`.kepub.epub`);
/// 2. bracket groups: a year `(2019)`, a series and volume `(Series, Book 3)`,
///    or a tag (`[Group]`, `(Digital)`, `{r2}`), which is noise;
/// 3. volume and chapter markers: `Vol. 12`, `v012`, `#3`, `Book 3`, `第3巻`,
///    `1-3巻`, `7.5권`, `Том 1`, `Chapter 12`, `c001-008`, `13화`, and `c2c`;
/// 4. a short number alone between spaced dashes (`Series - 03 - Title`) and
///    a bare range at the end (`Title 1-3`);
/// 5. author candidates: `by Author`, and the first and last parts around
///    spaced dashes — `Author - Title` and `Title - Author` are both common,
///    so both readings are recorded and the resolver decides;
/// 6. what remains is the title, in ``FilenameEvidence/segments``.
///
/// ```swift
/// let evidence = FilenameReader().read("[Group] Berserk v02 (2003) (Digital).cbz")
/// evidence.volume       // 2
/// evidence.year         // 2003
/// evidence.title        // "Berserk"
/// evidence.noise        // ["[Group]", "(Digital)"]
/// ```
///
/// Reading is pure and linear in the length of the name; it never fails.
public struct FilenameReader: Sendable {
    public let normalizer: TextNormalizer

    /// Names at least this long (in UTF-8 bytes, without the extension) are
    /// assumed to have been cut by a device's length limit (240 bytes on FAT).
    public static let truncationThreshold = 225

    public init(normalizer: TextNormalizer = .shared) {
        self.normalizer = normalizer
    }

    /// Reads `filename`, a basename or a path with `/` or `\` separators.
    public func read(_ filename: String) -> FilenameEvidence {
        var state = ReadState(evidence: FilenameEvidence(filename: filename))
        state.readPath()
        state.readGroups()
        state.readMarkers()
        state.readComicSeriesYear()
        state.readSceneYear()
        state.segment()
        state.readDashedNumbers()
        state.readBareRange()
        state.readByAuthor()
        state.readDashAuthors()
        state.readTrailingNumber()
        state.finish(normalizer: normalizer)
        return state.evidence
    }
}

// MARK: - The reading, step by step

/// The working state of one read: the tokens and which of them are claimed.
struct ReadState {
    var evidence: FilenameEvidence
    var tokens: [FilenameToken] = []
    /// Tokens claimed by a decision; they are not title text.
    var removed: [Bool] = []
    /// Indexes of token positions where a segment must break (a removed tag
    /// or marker stood there).
    var breaks: Set<Int> = []
    /// Kept token ranges, one per segment, and whether a spaced dash stands
    /// before each.
    var runs: [(range: Range<Int>, dashBefore: Bool)] = []
    /// A limited series' `(of 6)` was read: a bare number ending the title is its issue.
    var limitedSeries = false
    /// A dotted or underscored name without spaces (`The.Left.Hand.of.Darkness`):
    /// its words are the lexer's tokens, so `22.1961` stays two numbers.
    var dottedName = false

    init(evidence: FilenameEvidence) {
        self.evidence = evidence
    }

    mutating func find(_ kind: Finding.Kind, _ text: String, _ span: TextSpan, _ detail: String? = nil, _ value: Double? = nil) {
        evidence.findings.append(Finding(kind: kind, text: text, span: span, detail: detail, value: value))
    }

    func text(_ range: Range<Int>) -> (String, TextSpan)? {
        // Trim separators at both ends.
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, tokens[lower].kind == .separator { lower += 1 }
        while upper > lower, tokens[upper - 1].kind == .separator { upper -= 1 }
        guard lower < upper else { return nil }
        let span = TextSpan(start: tokens[lower].span.start, end: tokens[upper - 1].span.end)
        return (tokens[lower..<upper].map(\.text).joined(), span)
    }

    // MARK: Path and extension

    mutating func readPath() {
        var name = Substring(evidence.filename)
        // A name cut in the middle of a multi-byte character ends in U+FFFD.
        while let last = name.unicodeScalars.last, last == "\u{FFFD}" || last.properties.isWhitespace {
            name = Substring(name.unicodeScalars.dropLast())
        }
        var base = name
        if let slash = name.lastIndex(where: { $0 == "/" || $0 == "\\" }) {
            base = name[name.index(after: slash)...]
            for component in name[..<slash].split(whereSeparator: { $0 == "/" || $0 == "\\" }) where component != "." && component != ".." {
                let start = name.utf8.distance(from: name.startIndex, to: component.startIndex)
                evidence.directories.append(String(component))
                find(.directory, String(component), TextSpan(start: start, end: start + component.utf8.count), "weak")
            }
        }
        evidence.basename = String(base)
        let baseOffset = name.utf8.distance(from: name.startIndex, to: base.startIndex)
        let (stem, ext) = FileExtension.split(base)
        if let ext {
            evidence.fileExtension = ext
            let start = baseOffset + stem.utf8.count
            find(.extension, "." + ext, TextSpan(start: start, end: baseOffset + base.utf8.count))
        }
        if stem.utf8.count >= FilenameReader.truncationThreshold {
            evidence.truncated = true
            let end = baseOffset + stem.utf8.count
            find(.truncated, String(stem.suffix(12)), TextSpan(start: max(baseOffset, end - 12), end: end), "\(stem.utf8.count) bytes")
        }
        tokens = FilenameLexer.tokens(in: stem, offset: baseOffset)
        removed = Array(repeating: false, count: tokens.count)
    }

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
            classifyGroup(tokens[i])
        }
    }

    mutating func classifyGroup(_ group: FilenameToken) {
        let inner = group.inner ?? ""
        let innerTokens = FilenameLexer.tokens(in: Substring(inner), offset: group.innerSpan?.start ?? group.span.start, groups: false)
        let content = innerTokens.filter { $0.kind != .separator }

        // A year: `(2019)`, `(2019-05)`, `[2019.05.01]`.
        if let first = content.first, first.kind == .number, first.digitCount == 4,
           let value = first.value, (1800...2099).contains(value),
           content.allSatisfy({ $0.kind == .number }), content.count <= 3 {
            if evidence.year == nil {
                evidence.year = Int(value)
                find(.year, group.text, group.span, "bracket", value)
            } else {
                noise(group, "second year")
            }
            return
        }

        // A limited series: `(3 of 6)` is issue 3; `(of 6)` says a bare number is the issue.
        let words = content.map(\.lowered)
        // `(Manga)`, `(Light Novel)`: which edition of a shared name.
        if let kind = Self.formatQualifiers[words.joined(separator: " ")] {
            evidence.formatHint = kind
            noise(group, "format: \(kind)")
            return
        }
        if content.count == 3, content[0].kind == .number, words[1] == "of", content[2].kind == .number,
           let n = content[0].value, let total = content[2].value, n <= total, (1...4).contains(content[0].digitCount) {
            limitedSeries = true
            recordVolume(MarkerMatch(kind: .volume, form: .issue, value: n, end: 0), text: group.text, span: group.span, form: .issue)
            return
        }
        if content.count == 2, words[0] == "of", content[1].kind == .number {
            limitedSeries = true
            noise(group, "limited series")
            return
        }

        // Chapters alone in brackets: `(Ch 12-20)`, `[c050-055]`, `(c001-008)`.
        for start in innerTokens.indices where innerTokens[start].kind != .separator {
            guard let match = MarkerMatcher.match(innerTokens, at: start), match.kind == .chapter,
                  innerTokens[match.end...].allSatisfy({ $0.kind == .separator }) else { break }
            let text = innerTokens[start..<match.end].map(\.text).joined()
            recordChapter(match, text: text, span: group.span)
            find(.noise, group.text, group.span, "chapters")
            return
        }

        // A series with its volume: `(Series, Book 3)`, `(Series #3)`, `(Vol. 2)`.
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
                return
            }
        }

        // `進撃の巨人（１）`: Japanese volumes in full-width parentheses. An ASCII
        // `(1)` is left as noise: browsers add it to a second download.
        if group.text.hasPrefix("\u{FF08}"), content.count == 1, let only = content.first, only.kind == .number,
           (1...3).contains(only.digitCount), only.value != nil {
            recordVolume(MarkerMatch(kind: .volume, form: .cjkMarker, value: only.value, end: 0), text: group.text, span: group.span, form: .cjkMarker)
            return
        }

        if group.text.hasPrefix("("), content.count == 1, let only = content.first, only.kind == .number,
           (1...3).contains(only.digitCount), evidence.bracketedNumber == nil {
            evidence.bracketedNumber = only.value
            noise(group, "number: a second copy, or a volume")
            return
        }

        // `Title (Author Name)`: two to four capitalised words, nothing else.
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

    // MARK: Volume and chapter markers

    mutating func readMarkers() {
        var i = 0
        while i < tokens.count {
            guard !removed[i], let match = MarkerMatcher.match(tokens, at: i, removed: removed) else {
                i += 1
                continue
            }
            let span = TextSpan(start: tokens[i].span.start, end: tokens[match.end - 1].span.end)
            let text = tokens[i..<match.end].map(\.text).joined()
            switch match.kind {
            case .volume:
                if evidence.volume == nil && evidence.volumeRange == nil, let hint = self.text(leadingRun(before: i)) {
                    if evidence.seriesHint == nil {
                        evidence.seriesHint = hint.0
                        find(.seriesHint, hint.0, hint.1, "before-marker")
                    }
                }
                // `Fantastic Four v1 #245`, `Thor v1 0337`: the vN is a comic's
                // run and the number after it the issue (its series index).
                if match.form == .vPrefix || match.form == .volumeWord, let run = match.value, match.range == nil,
                   evidence.volume == nil, evidence.volumeRange == nil, var issue = MarkerMatcher.issue(after: match.end, in: tokens, removed: removed) {
                    evidence.run = run
                    find(.run, text, span, "before-issue", run)
                    let issueSpan = TextSpan(start: tokens[issue.start].span.start, end: tokens[issue.match.end - 1].span.end)
                    issue.match.form = .issue
                    recordVolume(issue.match, text: tokens[issue.start..<issue.match.end].map(\.text).joined(), span: issueSpan, form: .issue)
                    for j in i..<issue.match.end { removed[j] = true }
                    breaks.insert(i)
                    i = issue.match.end
                    continue
                }
                if match.yearRun {
                    // `v1993` without an issue after it: a run, not a volume.
                    if evidence.run == nil {
                        evidence.run = match.value
                        find(.run, text, span, "year", match.value)
                    }
                } else {
                    recordVolume(match, text: text, span: span, form: match.form)
                }
            case .chapter:
                if match.soft, evidence.volume == nil {
                    i += 1
                    continue
                }
                recordChapter(match, text: text, span: span)
            case .noise:
                evidence.noise.append(text)
                find(.noise, text, span, "tag")
            }
            for j in i..<match.end { removed[j] = true }
            breaks.insert(i)
            i = match.end
        }
    }

    /// The kept tokens right before `index`, back to a spaced dash, a removed
    /// token or the start.
    func leadingRun(before index: Int) -> Range<Int> {
        var lower = index
        while lower > 0, !removed[lower - 1], !tokens[lower - 1].isSpacedDash { lower -= 1 }
        return lower..<index
    }

    mutating func recordVolume(_ match: MarkerMatch, text: String, span: TextSpan, form: VolumeForm) {
        if let range = match.range {
            if evidence.volume == nil && evidence.volumeRange == nil {
                evidence.volumeRange = range
                evidence.volumeForm = form
                find(.volumeRange, text, span, form.rawValue)
            } else {
                find(.volumeRange, text, span, "\(form.rawValue), ignored: volume already read")
            }
        } else if let value = match.value {
            if evidence.volume == nil && evidence.volumeRange == nil {
                evidence.volume = value
                evidence.volumeForm = form
                find(.volume, text, span, form.rawValue, value)
            } else {
                find(.volume, text, span, "\(form.rawValue), ignored: volume already read", value)
            }
        }
    }

    mutating func recordChapter(_ match: MarkerMatch, text: String, span: TextSpan) {
        if evidence.chapter != nil || evidence.chapterRange != nil {
            find(.chapter, text, span, "ignored: chapter already read", match.value)
        } else if let range = match.range {
            evidence.chapterRange = range
            find(.chapterRange, text, span, match.form.rawValue)
        } else if let value = match.value {
            evidence.chapter = value
            find(.chapter, text, span, match.form.rawValue, value)
        }
    }

    // MARK: Segments

    /// Splits the kept tokens into runs at breaks, removed tokens and spaced
    /// dashes.
    mutating func segment() {
        runs = []
        var start: Int?
        var dashPending = false
        var dashBeforeCurrent = false
        for i in 0...tokens.count {
            let boundary = i == tokens.count || removed[i] || breaks.contains(i) || tokens[i].isSpacedDash
            if boundary {
                if let s = start, text(s..<i) != nil {
                    runs.append((s..<i, dashBeforeCurrent))
                    dashPending = false
                }
                start = nil
                if i < tokens.count, tokens[i].isSpacedDash { dashPending = true }
                // A dash inside a removed stretch (`Author - Vol. 3 — Title`)
                // still separates the parts around it.
                if i < tokens.count, removed[i], tokens[i].kind == .separator, tokens[i].isSpacedDash { dashPending = true }
            } else if start == nil {
                start = i
                dashBeforeCurrent = dashPending
            }
        }
    }

    /// `Thor (1998) 001`, `Fantastic Four (1961) #245 (1982)`: a bracketed
    /// year right after the title words and right before an issue is the
    /// series' start year; a later bracketed year is the cover year.
    mutating func readComicSeriesYear() {
        func year(_ t: FilenameToken) -> Int? {
            guard t.kind == .group, let inner = t.inner?.trimmingCharacters(in: .whitespaces), inner.count == 4,
                  let value = Int(inner), (1900...2030).contains(value) else { return nil }
            return value
        }
        func next(_ i: Int, _ step: Int) -> Int? {
            var j = i + step
            while j >= 0, j < tokens.count, tokens[j].kind == .separator, !tokens[j].isSpacedDash { j += step }
            return j >= 0 && j < tokens.count ? j : nil
        }
        for i in tokens.indices {
            guard let start = year(tokens[i]), let before = next(i, -1), !removed[before],
                  tokens[before].kind == .word || tokens[before].kind == .number || tokens[before].kind == .cjk,
                  let after = next(i, 1) else { continue }
            let issueAfter: Bool
            if removed[after], evidence.volumeForm == .numberSign || evidence.volumeForm == .issue {
                issueAfter = true  // `(1961) #245`
            } else if !removed[after], tokens[after].kind == .number, (1...4).contains(tokens[after].digitCount),
                      evidence.volume == nil, evidence.volumeRange == nil, let value = tokens[after].value,
                      MarkerMatcher.endsPart(tokens, after + 1) {
                removed[after] = true
                breaks.insert(after)
                evidence.volume = value
                evidence.volumeForm = .issue
                find(.volume, tokens[after].text, tokens[after].span, VolumeForm.issue.rawValue, value)
                issueAfter = true
            } else {
                issueAfter = false
            }
            guard issueAfter else { continue }
            evidence.seriesYear = start
            find(.run, tokens[i].text, tokens[i].span, "series-year", Double(start))
            // The cover year is a later bracketed year, if any.
            evidence.year = tokens[(i + 1)...].lazy.compactMap(year).first
            return
        }
    }

    /// Words of scene release names that are tags, not title words.
    static let sceneTags: Set<String> = ["retail", "epub", "ebook", "mobi", "azw3", "pdf", "kf8", "repack", "proper", "internal", "nfo"]

    /// The latest year a scene name's number may be.
    static let latestYear = 2030.0

    /// In a dotted or underscored name without spaces (`The.Left.Hand.of.
    /// Darkness.1969`), the last four-digit number after the first word is a
    /// year: recorded in ``FilenameEvidence/yearInTitle``, kept in the text.
    mutating func readSceneYear() {
        let separators = tokens.filter { $0.kind == .separator }
        guard !separators.isEmpty, !separators.contains(where: { $0.text.contains(" ") }),
              separators.contains(where: { $0.text.contains(".") || $0.text.contains("_") }) else { return }
        dottedName = true
        // Scene tags: `Retail.EPUB.eBook-GROUP`.
        for i in tokens.indices where !removed[i] && tokens[i].kind == .word && Self.sceneTags.contains(tokens[i].lowered) {
            removed[i] = true
            breaks.insert(i)
            noise(tokens[i], "scene tag")
            // The release group after the last tag: `eBook-LiBRiS`.
            if i + 2 < tokens.count, tokens[i + 1].text == "-", tokens[i + 2].kind == .word, !removed[i + 2],
               i + 3 >= tokens.count || tokens[i + 3].kind == .separator {
                removed[i + 2] = true
                noise(tokens[i + 2], "release group")
            }
        }
        guard let first = tokens.firstIndex(where: { $0.kind != .separator }) else { return }
        for i in tokens.indices.reversed() where i > first && !removed[i] {
            let t = tokens[i]
            guard t.kind == .number, t.digitCount == 4, !t.attached, let value = t.value, value == value.rounded(),
                  (1800...Self.latestYear).contains(value), i + 1 >= tokens.count || !tokens[i + 1].attached else { continue }
            evidence.yearInTitle = Int(value)
            if evidence.year == nil { evidence.year = Int(value) }
            find(.year, t.text, t.span, "scene", value)
            return
        }
    }

    /// `Series - 03 - Title`, `03 - Title`: a short number that is a whole
    /// segment is a volume; `Stories - 1951 - …`: a four-digit one a year.
    mutating func readDashedNumbers() {
        readDashedYear()
        guard evidence.volume == nil, evidence.volumeRange == nil else { return }
        for (index, run) in runs.enumerated() {
            let content = run.range.filter { tokens[$0].kind != .separator }
            guard content.count == 1, let only = content.first, tokens[only].kind == .number,
                  (1...3).contains(tokens[only].digitCount), let value = tokens[only].value else { continue }
            // It must stand between dashes (or a dash and an end), not alone.
            let dashAfter = index + 1 < runs.count && runs[index + 1].dashBefore
            guard run.dashBefore || dashAfter else { continue }
            if index > 0, evidence.seriesHint == nil, let hint = text(runs[index - 1].range) {
                evidence.seriesHint = hint.0
                find(.seriesHint, hint.0, hint.1, "before-number")
            }
            removed[only] = true
            evidence.volume = value
            evidence.volumeForm = .dashedNumber
            find(.volume, tokens[only].text, tokens[only].span, VolumeForm.dashedNumber.rawValue, value)
            // Keep the dash reading: the parts around the number stay apart.
            let dash = runs[index].dashBefore || dashAfter
            runs.remove(at: index)
            if index < runs.count { runs[index].dashBefore = dash }
            return
        }
    }

    /// A part between spaced dashes that is only a year (`Collected Stories -
    /// 1951 - Stories`): neither a volume nor a contradiction. Kept in the
    /// text like a scene name's year (``FilenameEvidence/yearInTitle``), for
    /// a title may be that number (`George Orwell - 1984`).
    mutating func readDashedYear() {
        for (index, run) in runs.enumerated().reversed() {
            let content = run.range.filter { tokens[$0].kind != .separator }
            guard content.count == 1, let only = content.first, tokens[only].kind == .number, tokens[only].digitCount == 4,
                  let value = tokens[only].value, (1800...Self.latestYear).contains(value), runs.count > 1 else { continue }
            let dashAfter = index + 1 < runs.count && runs[index + 1].dashBefore
            guard run.dashBefore || dashAfter, evidence.yearInTitle == nil else { continue }
            evidence.yearInTitle = Int(value)
            if evidence.year == nil { evidence.year = Int(value) }
            find(.year, tokens[only].text, tokens[only].span, "dash-part", value)
            return
        }
    }

    /// `Title 1-3` at the very end: a range of volumes.
    mutating func readBareRange() {
        guard evidence.volume == nil, evidence.volumeRange == nil, let last = runs.last else { return }
        let content = last.range.filter { tokens[$0].kind != .separator }
        guard content.count >= 3 else { return }
        let a = content[content.count - 2], b = content[content.count - 1]
        guard b == a + 2, tokens[a].kind == .number, tokens[b].kind == .number,
              tokens[a + 1].kind == .separator, ["-", "~", "\u{2013}", "\u{301C}", "\u{FF5E}"].contains(tokens[a + 1].text),
              (1...3).contains(tokens[a].digitCount), (1...3).contains(tokens[b].digitCount),
              let from = tokens[a].value, let to = tokens[b].value, from < to,
              a > 0, !tokens[a].attached else { return }
        let span = TextSpan(start: tokens[a].span.start, end: tokens[b].span.end)
        evidence.volumeRange = from...to
        evidence.volumeForm = .bareRange
        find(.volumeRange, tokens[a...b].map(\.text).joined(), span, VolumeForm.bareRange.rawValue)
        for j in a...b { removed[j] = true }
        runs[runs.count - 1].range = last.range.lowerBound..<a
    }

}

extension FilenameReader {
    /// Reads a catalog title the way a filename carrying it would be read, so
    /// both sides meet: `Bleach, Volume 01` → tokens `bleach`, volume 1;
    /// `Death Note, Vol. 3: Hard Run` → `death note hard run`, volume 3.
    ///
    /// No extension is looked for, and `/` is part of the title (`11/22/63`).
    public func readTitle(_ title: String) -> FilenameEvidence {
        var cleaned = ""
        cleaned.unicodeScalars.reserveCapacity(title.unicodeScalars.count + 1)
        for s in title.unicodeScalars {
            cleaned.unicodeScalars.append(s == "/" || s == "\\" ? "_" : s)
        }
        return read(cleaned)
    }
}
