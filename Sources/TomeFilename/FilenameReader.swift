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
        state.readBareNumberSuffix()
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
        // The end is found first and cut once: `dropLast()` on a scalar view
        // counts the whole view, so cutting scalar by scalar was quadratic
        // (a name of 4,000 trailing spaces took a third of a second).
        let scalars = name.unicodeScalars
        var end = scalars.endIndex
        while end > scalars.startIndex {
            let last = scalars.index(before: end)
            guard scalars[last] == "\u{FFFD}" || scalars[last].properties.isWhitespace else { break }
            end = last
        }
        if end < scalars.endIndex { name = Substring(scalars[..<end]) }
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
            case .collection:
                evidence.collectionTag = evidence.collectionTag ?? text.lowercased()
                evidence.noise.append(text)
                find(.noise, text, span, "collection")
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
        if let hint = match.formatHint, evidence.formatHint == nil { evidence.formatHint = hint }
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
                readVolumeSuffix(after: match.end)
            } else {
                find(.volume, text, span, "\(form.rawValue), ignored: volume already read", value)
                if value != evidence.volume, !evidence.otherVolumes.contains(value) { evidence.otherVolumes.append(value) }
            }
        }
    }

    /// `#31.LR`, `#1.BEY`: one to three capital letters glued to the number
    /// by a dot — not in a dotted name, where a dot is a space (the name
    /// must hold another separator: a space, `-` or `_`).
    /// `Amazing Spider-Man (1963) 001.LR`: the same after a bare number.
    mutating func readBareNumberSuffix() {
        guard evidence.volumeSuffix == nil else { return }
        for i in tokens.indices where !removed[i] && tokens[i].kind == .number {
            readVolumeSuffix(after: i + 1)
            if evidence.volumeSuffix != nil { return }
        }
    }

    mutating func readVolumeSuffix(after end: Int) {
        guard end + 1 < tokens.count, !removed[end], tokens[end].kind == .separator, tokens[end].text == ".",
              tokens[end + 1].kind == .word, (1...3).contains(tokens[end + 1].text.count),
              tokens[end + 1].text.allSatisfy(\.isUppercase), tokens.contains(where: { $0.kind == .separator && $0.text != "." })
        else { return }
        evidence.volumeSuffix = tokens[end + 1].lowered
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
