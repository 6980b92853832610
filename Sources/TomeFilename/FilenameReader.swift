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
private struct ReadState {
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
                recordVolume(match, text: text, span: span, form: match.form)
            case .chapter:
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

    /// `Series - 03 - Title`, `03 - Title`: a short number that is a whole
    /// segment is a volume.
    mutating func readDashedNumbers() {
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
        evidence.trailingNumber = value
        find(.trailingNumber, tokens[n].text, tokens[n].span, "unclaimed", value)
    }

    // MARK: Title

    mutating func finish(normalizer: TextNormalizer) {
        for run in runs {
            guard let (text, span) = text(run.range) else { continue }
            let words = normalizer.tokens(text)
            guard !words.isEmpty else { continue }
            evidence.segments.append(Segment(text: text, span: span, tokens: words, afterDash: run.dashBefore && !evidence.segments.isEmpty))
            find(.segment, text, span, run.dashBefore ? "after-dash" : nil)
        }
    }
}

// MARK: - Markers

/// What a marker is about.
enum MarkerKind {
    case volume, chapter, noise
}

/// A recognized marker: tokens `start..<end` of the stream.
struct MarkerMatch {
    var kind: MarkerKind
    var form: VolumeForm
    var value: Double?
    var range: ClosedRange<Double>?
    var end: Int
}

/// Recognizes volume and chapter markers over a token stream.
enum MarkerMatcher {
    static let volumeWords: Set<String> = ["vol", "vols", "volume", "volumes", "vo"]
    static let bookWords: Set<String> = ["book", "bk", "livre", "libro"]
    static let foreignWords: Set<String> = ["tome", "tomo", "tom", "том", "band", "bd", "tomе"]
    static let chapterWords: Set<String> = ["chapter", "chap", "ch", "chp", "episode", "ep", "глава", "chapitre", "capitulo", "capítulo", "kapitel"]
    static let numberWords: Set<String> = ["no", "nr", "n", "nº", "№"]
    /// Characters after a number: 巻 卷 册 冊 권 (volume), 話 话 화 (chapter).
    static let cjkVolume: Set<String> = ["巻", "卷", "册", "冊", "권"]
    static let cjkChapter: Set<String> = ["話", "话", "화"]
    static let rangeDashes: Set<String> = ["-", "~", "\u{2013}", "\u{301C}", "\u{FF5E}", "\u{FF0D}"]

    /// The marker starting at token `i`, if any.
    static func match(_ tokens: [FilenameToken], at i: Int, removed: [Bool] = []) -> MarkerMatch? {
        let t = tokens[i]
        func isRemoved(_ j: Int) -> Bool { j < removed.count && removed[j] }
        func token(_ j: Int) -> FilenameToken? { j < tokens.count && !isRemoved(j) ? tokens[j] : nil }

        switch t.kind {
        case .word:
            let word = t.lowered
            // `c2c`: a scan-quality tag, not a chapter.
            if word == "c", let n = token(i + 1), n.kind == .number, n.attached, n.text == "2",
               let c = token(i + 2), c.kind == .word, c.attached, c.lowered == "c" {
                return MarkerMatch(kind: .noise, form: .volumeWord, end: i + 3)
            }
            // Attached prefixes: `v12`, `vol12`, `c001`, `ch12`.
            if let n = token(i + 1), n.kind == .number, n.attached {
                if word == "v" || volumeWords.contains(word) {
                    return number(tokens, at: i + 1, kind: .volume, form: word == "v" ? .vPrefix : .volumeWord, prefix: word, removed: removed)
                }
                if word == "c" || chapterWords.contains(word) {
                    return number(tokens, at: i + 1, kind: .chapter, form: .volumeWord, prefix: word, removed: removed)
                }
                return nil
            }
            // A marker word, then blanks or a dot, then a number.
            guard let sep = token(i + 1), sep.kind == .separator, isMarkerGap(sep.text),
                  let n = token(i + 2), n.kind == .number else { return nil }
            if volumeWords.contains(word) { return number(tokens, at: i + 2, kind: .volume, form: .volumeWord, removed: removed) }
            if bookWords.contains(word) { return number(tokens, at: i + 2, kind: .volume, form: .bookWord, removed: removed) }
            if foreignWords.contains(word) { return number(tokens, at: i + 2, kind: .volume, form: .foreignWord, removed: removed) }
            if chapterWords.contains(word) { return number(tokens, at: i + 2, kind: .chapter, form: .volumeWord, removed: removed) }
            if numberWords.contains(word), sep.text.hasPrefix(".") || sep.text.hasPrefix("\u{FF0E}"),
               let match = number(tokens, at: i + 2, kind: .volume, form: .numberSign, removed: removed),
               endsPart(tokens, match.end) {
                // `No. 3` only at the end of a part: `Kaiju No. 8 v01`, `The No. 1 Ladies'…` are titles.
                return match
            }
            return nil
        case .symbol where t.lowered == "#" || t.text == "№":
            if let n = token(i + 1), n.kind == .number {
                return number(tokens, at: i + 1, kind: .volume, form: .numberSign, removed: removed)
            }
            if let sep = token(i + 1), sep.kind == .separator, isMarkerGap(sep.text), let n = token(i + 2), n.kind == .number {
                return number(tokens, at: i + 2, kind: .volume, form: .numberSign, removed: removed)
            }
            return nil
        case .cjk where t.text == "第":
            guard let n = token(i + 1), n.kind == .number, n.attached,
                  var match = number(tokens, at: i + 1, kind: .volume, form: .cjkMarker, removed: removed, allowCJKSuffix: true) else { return nil }
            if match.kind == .volume, match.end < tokens.count, !isRemoved(match.end), tokens[match.end].kind == .cjk, tokens[match.end].attached {
                let suffix = tokens[match.end].text
                if cjkVolume.contains(suffix) { match.end += 1 }
                else if cjkChapter.contains(suffix) { match.kind = .chapter; match.end += 1 }
            }
            return match
        case .number:
            // `1巻`, `7.5권`, `1-3巻`, `13화`.
            guard let match = number(tokens, at: i, kind: .volume, form: .cjkMarker, removed: removed, allowCJKSuffix: true),
                  match.end < tokens.count, !isRemoved(match.end) else { return nil }
            let suffix = tokens[match.end]
            guard suffix.kind == .cjk, suffix.attached else { return nil }
            var result = match
            if cjkVolume.contains(suffix.text) { result.end += 1; return result }
            if cjkChapter.contains(suffix.text) { result.kind = .chapter; result.end += 1; return result }
            return nil
        default:
            return nil
        }
    }

    /// True when token `end` starts nothing but a spaced dash, a bracket group or the end.
    static func endsPart(_ tokens: [FilenameToken], _ end: Int) -> Bool {
        var j = end
        while j < tokens.count {
            let t = tokens[j]
            if t.kind == .group || t.isSpacedDash { return true }
            if t.kind != .separator { return false }
            j += 1
        }
        return true
    }

    /// Between a marker word and its number: blanks and dots only (`Vol. 3`, `vol.3`, `Vol 3`).
    static func isMarkerGap(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0 == "." || $0 == "\u{FF0E}" || $0 == " " || $0 == "_" || $0 == "\u{00A0}" || $0 == "\u{3000}" }
    }

    /// The number at `i`, with an optional range after it (`16-17`, `16-v17`).
    static func number(_ tokens: [FilenameToken], at i: Int, kind: MarkerKind, form: VolumeForm, prefix: String? = nil,
                       removed: [Bool], allowCJKSuffix: Bool = false) -> MarkerMatch? {
        let n = tokens[i]
        guard n.kind == .number, let value = n.value else { return nil }
        let maxDigits = kind == .volume ? 3 : 4
        guard n.digitCount <= maxDigits else { return nil }
        // A number glued to a following word (`3rd`, `2nd`) is not a marker's.
        if i + 1 < tokens.count, tokens[i + 1].attached, tokens[i + 1].kind == .word || tokens[i + 1].kind == .number { return nil }
        // A range: `-17`, `~17`, `-v17`.
        if i + 2 < tokens.count, tokens[i + 1].kind == .separator, rangeDashes.contains(tokens[i + 1].text) {
            var j = i + 2
            if tokens[j].kind == .word, let prefix, tokens[j].lowered == prefix, j + 1 < tokens.count, tokens[j + 1].kind == .number, tokens[j + 1].attached {
                j += 1
            }
            if tokens[j].kind == .number, tokens[j].digitCount <= maxDigits, let to = tokens[j].value, to > value,
               !(j + 1 < tokens.count && tokens[j + 1].attached && tokens[j + 1].kind == .word) {
                return MarkerMatch(kind: kind, form: form, range: value...to, end: j + 1)
            }
        }
        return MarkerMatch(kind: kind, form: form, value: value, end: i + 1)
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
