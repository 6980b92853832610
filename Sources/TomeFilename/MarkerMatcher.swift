import TomeNormalization

// MARK: - Markers

/// What a marker is about.
enum MarkerKind {
    case volume, chapter, noise
    /// `TPB`, `HC`: a collection of issues.
    case collection
}

/// A recognized marker: tokens `start..<end` of the stream.
struct MarkerMatch {
    var kind: MarkerKind
    var form: VolumeForm
    var value: Double?
    var range: ClosedRange<Double>?
    var end: Int
    /// A chapter only when a volume was read before it.
    var soft = false
    /// `v1993`: a run named by its start year, never a volume.
    var yearRun = false
    /// The kind of book the marker names (`LN01`: a light novel's volume).
    var formatHint: String?
}

/// Recognizes volume and chapter markers over a token stream.
enum MarkerMatcher {
    static let volumeWords: Set<String> = ["vol", "vols", "volume", "volumes", "vo", "volumen"]
    /// A light novel's volume: `LN01`, `LN 02` (`Light Novel 03` is read
    /// as two words).
    static let lightNovelWords: Set<String> = ["ln"]
    static let bookWords: Set<String> = ["book", "bk", "livre", "libro"]
    /// Volume words of other languages: French/Spanish/Italian/Russian/German,
    /// Thai `เล่ม`/`เล่มที่`, Indonesian `jilid`, Vietnamese `tập`.
    static let foreignWords: Set<String> = ["tome", "tomo", "tom", "том", "band", "bd", "tomе", "เล่ม", "เล่มที่", "jilid", "tập", "tâp", "tap"]
    /// Abbreviations that mark a volume only with a dot: `T. 3`, `Т. 2`.
    static let dottedForeignWords: Set<String> = ["t", "т"]
    /// English number words a book or volume word may take (`Book One`).
    static let spelledNumbers: [String: Double] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12,
    ]

    /// Roman numerals a volume word may take (`Tomo I`, `Volume III`).
    static let romanNumerals: [String: Double] = [
        "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
        "xi": 11, "xii": 12, "xiii": 13, "xiv": 14, "xv": 15, "xvi": 16, "xvii": 17, "xviii": 18, "xix": 19, "xx": 20,
    ]

    /// Words that say a file collects issues (`TPB`, `HC`).
    static let collectionWords: Set<String> = ["tpb", "hc"]
    /// Words that mark a comic's issue: `Issue 7`.
    static let issueWords: Set<String> = ["issue"]
    static let chapterWords: Set<String> = ["chapter", "chap", "ch", "chp", "episode", "ep", "глава", "chapitre", "capitulo", "capítulo",
                                            "kapitel", "ตอน", "ตอนที่", "chương", "chuong", "bab"]
    /// Chapter words that are chapters only after a volume (`v03 Mission 15`):
    /// alone they are title words.
    static let softChapterWords: Set<String> = ["mission"]
    /// After `第N`: 版 is an edition (noise), 章 回 are chapters; 部 (a part)
    /// is left unread.
    static let cjkEdition: Set<String> = ["版"]
    static let cjkChapterAfterOrdinal: Set<String> = ["章", "回"]
    static let numberWords: Set<String> = ["no", "nr", "n", "nº", "№"]
    /// Characters after a number: 巻 卷 册 冊 권 (volume), 話 话 화 (chapter).
    static let cjkVolume: Set<String> = ["巻", "卷", "册", "冊", "권"]
    static let cjkChapter: Set<String> = ["話", "话", "화"]
    /// Words between the two ends of a range: `à`, `au`, `to`, `y`, `e`.
    static let rangeWords: Set<String> = ["à", "a", "au", "to", "y", "e", "bis"]
    static let rangeDashes: Set<String> = ["-", "~", "\u{2013}", "\u{301C}", "\u{FF5E}", "\u{FF0D}"]

    /// The marker starting at token `i`, if any.
    static func match(_ tokens: [FilenameToken], at i: Int, removed: [Bool] = []) -> MarkerMatch? {
        let t = tokens[i]
        func isRemoved(_ j: Int) -> Bool { j < removed.count && removed[j] }
        func token(_ j: Int) -> FilenameToken? { j < tokens.count && !isRemoved(j) ? tokens[j] : nil }

        switch t.kind {
        case .word:
            return matchWord(tokens, at: i, removed: removed)
        case .symbol where t.lowered == "#" || t.text == "№":
            // `#1000`: issues run to four digits.
            if let n = token(i + 1), n.kind == .number {
                return number(tokens, at: i + 1, kind: .volume, form: .numberSign, removed: removed, padded: true, issue: true)
            }
            // `#-1`: a negative issue (the dash glued to both).
            if let dash = token(i + 1), dash.kind == .separator, dash.text == "-", let n = token(i + 2), n.kind == .number, n.attached == false,
               n.span.start == dash.span.end, dash.span.start == t.span.end,
               var match = number(tokens, at: i + 2, kind: .volume, form: .numberSign, removed: removed, padded: true, issue: true),
               let value = match.value {
                match.value = -value
                return match
            }
            if let sep = token(i + 1), sep.kind == .separator, isMarkerGap(sep.text), let n = token(i + 2), n.kind == .number {
                return number(tokens, at: i + 2, kind: .volume, form: .numberSign, removed: removed, padded: true, issue: true)
            }
            return nil
        case .cjk:
            return matchCJK(tokens, at: i, removed: removed)
        case .number:
            if let count = ofCount(tokens, at: i, removed: removed) { return count }
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

    /// A marker word with its number glued on: `v12`, `vol12`, `c001`,
    /// `ch12`, `T3`, `เล่ม3`, `LN01`, and `v1993` (a run's start year).
    static func attachedMarker(_ word: String, _ tokens: [FilenameToken], at i: Int, removed: [Bool]) -> MarkerMatch? {
        let n = tokens[i + 1]
        if word == "v", n.digitCount == 4, let year = n.value, (1900...2030).contains(year), n.text.first != "0" {
            var m = MarkerMatch(kind: .volume, form: .vPrefix, value: year, end: i + 2)
            m.yearRun = true
            return m
        }
        if word == "v" || volumeWords.contains(word) {
            return number(tokens, at: i + 1, kind: .volume, form: word == "v" ? .vPrefix : .volumeWord, prefix: word,
                          removed: removed, padded: true)
        }
        if lightNovelWords.contains(word) { return lightNovelVolume(tokens, at: i + 1, removed: removed) }
        if word == "t" || foreignWords.contains(word) {
            return number(tokens, at: i + 1, kind: .volume, form: .foreignWord, prefix: word, removed: removed, padded: true)
        }
        if word == "c" || chapterWords.contains(word) {
            return number(tokens, at: i + 1, kind: .chapter, form: .volumeWord, prefix: word, removed: removed)
        }
        return nil
    }

    /// A marker that starts with a word: `v12`, `Vol. 3`, `Book One`, `Tomo I`,
    /// `No. 3`, `Chapter 5`, `c2c` (noise).
    static func matchWord(_ tokens: [FilenameToken], at i: Int, removed: [Bool]) -> MarkerMatch? {
        func token(_ j: Int) -> FilenameToken? { j < tokens.count && !(j < removed.count && removed[j]) ? tokens[j] : nil }
        let word = tokens[i].lowered
        // `02v2`, `Vol.1v2`: a release's revision glued to its number, not a volume.
        if word == "v", tokens[i].attached, i > 0, tokens[i - 1].kind == .number, let n = token(i + 1), n.kind == .number, n.attached,
           n.digitCount == 1 {
            return MarkerMatch(kind: .noise, form: .vPrefix, end: i + 2)
        }
        // `TPB`, `HC`: a trade paperback or hardcover collection.
        if collectionWords.contains(word), !(token(i + 1).map { $0.attached } ?? false) {
            return MarkerMatch(kind: .collection, form: .volumeWord, end: i + 1)
        }
        // `c2c`: a scan-quality tag, not a chapter.
        if word == "c", let n = token(i + 1), n.kind == .number, n.attached, n.text == "2",
           let c = token(i + 2), c.kind == .word, c.attached, c.lowered == "c" {
            return MarkerMatch(kind: .noise, form: .volumeWord, end: i + 3)
        }
        // Attached prefixes: `v12`, `vol12`, `c001`, `ch12`, `T3`, `เล่ม3`, `LN01`.
        if let n = token(i + 1), n.kind == .number, n.attached {
            return attachedMarker(word, tokens, at: i, removed: removed)
        }
        // A marker word, then blanks, a dot or a hyphen, then a number.
        guard let sep = token(i + 1), sep.kind == .separator, isMarkerGap(sep.text), let n = token(i + 2) else { return nil }
        // `v.3`, `v. 3`: the catalogue abbreviation, with its dot.
        if word == "v", sep.text.hasPrefix("."), n.kind == .number {
            return number(tokens, at: i + 2, kind: .volume, form: .vPrefix, removed: removed, padded: true)
        }
        // `V 04`: a capital V, one space, a zero-padded number (not the
        // Roman five of `Rocky V 2`).
        if tokens[i].text == "V", sep.text == " ", n.kind == .number, n.text.first == "0", (2...3).contains(n.digitCount) {
            return number(tokens, at: i + 2, kind: .volume, form: .vPrefix, removed: removed, padded: true)
        }
        // `Light Novel 03`.
        if word == "light", n.kind == .word, n.lowered == "novel", let gap = token(i + 3), gap.kind == .separator,
           isMarkerGap(gap.text), let number = token(i + 4), number.kind == .number {
            return lightNovelVolume(tokens, at: i + 4, removed: removed)
        }
        // `Book One`, `Volume Three`: a number word ending the part.
        if n.kind == .word, volumeWords.contains(word) || bookWords.contains(word), let value = spelledNumbers[n.lowered],
           endsPart(tokens, i + 3) {
            return MarkerMatch(kind: .volume, form: bookWords.contains(word) ? .bookWord : .volumeWord, value: value, end: i + 3)
        }
        // `Tomo I`, `Volume III`: a Roman numeral ending the part.
        if n.kind == .word, volumeWords.contains(word) || foreignWords.contains(word) || bookWords.contains(word),
           let value = romanNumerals[n.lowered], endsPart(tokens, i + 3) {
            return MarkerMatch(kind: .volume, form: bookWords.contains(word) ? .bookWord : foreignWords.contains(word) ? .foreignWord : .volumeWord,
                               value: value, end: i + 3)
        }
        guard n.kind == .number else { return nil }
        if volumeWords.contains(word) { return number(tokens, at: i + 2, kind: .volume, form: .volumeWord, removed: removed, padded: true) }
        if lightNovelWords.contains(word) { return lightNovelVolume(tokens, at: i + 2, removed: removed) }
        if bookWords.contains(word) { return number(tokens, at: i + 2, kind: .volume, form: .bookWord, removed: removed) }
        if foreignWords.contains(word) { return number(tokens, at: i + 2, kind: .volume, form: .foreignWord, removed: removed, padded: true) }
        if dottedForeignWords.contains(word), sep.text.hasPrefix(".") {
            return number(tokens, at: i + 2, kind: .volume, form: .foreignWord, removed: removed, padded: true)
        }
        if issueWords.contains(word) { return number(tokens, at: i + 2, kind: .volume, form: .issue, removed: removed, padded: true, issue: true) }
        if chapterWords.contains(word) { return number(tokens, at: i + 2, kind: .chapter, form: .volumeWord, removed: removed) }
        if softChapterWords.contains(word), var m = number(tokens, at: i + 2, kind: .chapter, form: .volumeWord, removed: removed) {
            m.soft = true
            return m
        }
        if numberWords.contains(word), sep.text.hasPrefix(".") || sep.text.hasPrefix("\u{FF0E}"),
           let match = number(tokens, at: i + 2, kind: .volume, form: .numberSign, removed: removed),
           endsPart(tokens, match.end) {
            // `No. 3` only at the end of a part: `Kaiju No. 8 v01`, `The No. 1 Ladies'…` are titles.
            return match
        }
        return nil
    }

    /// The volume number at `i` after `LN` or `Light Novel`: a light
    /// novel's volume, which says the kind of book too.
    static func lightNovelVolume(_ tokens: [FilenameToken], at i: Int, removed: [Bool]) -> MarkerMatch? {
        guard var match = number(tokens, at: i, kind: .volume, form: .volumeWord, removed: removed, padded: true) else { return nil }
        match.formatHint = "light_novel"
        return match
    }

    /// A comic issue right after a run's `vN` (at token `start`): `#245`,
    /// `#031`, a bare number of one to four digits (`0337`, `012`), `No. 12`,
    /// `Issue 12`; only hyphens, underscores, dots or blanks between (never a
    /// spaced dash). A bare number followed by a range (`001-012`) is a range.
    static func issue(after start: Int, in tokens: [FilenameToken], removed: [Bool]) -> (start: Int, match: MarkerMatch)? {
        var j = start
        while j < tokens.count, tokens[j].kind == .separator {
            guard !tokens[j].isSpacedDash, tokens[j].text.unicodeScalars.allSatisfy({ "-_. ".unicodeScalars.contains($0) })
            else { return nil }
            j += 1
        }
        guard j > start || (j < tokens.count && tokens[j].kind == .symbol), j < tokens.count, j >= removed.count || !removed[j]
        else { return nil }
        let t = tokens[j]
        switch t.kind {
        case .symbol where t.text == "#" || t.text == "№":
            guard let m = match(tokens, at: j, removed: removed), m.kind == .volume else { return nil }
            return (j, m)
        case .word where numberWords.contains(t.lowered) || issueWords.contains(t.lowered):
            guard let m = match(tokens, at: j, removed: removed), m.kind == .volume else { return nil }
            return (j, m)
        case .number:
            guard (1...4).contains(t.digitCount),
                  let m = number(tokens, at: j, kind: .volume, form: .issue, removed: removed, issue: true) else { return nil }
            // Not `v1 2nd`, not a CJK-suffixed count.
            if m.end < tokens.count, tokens[m.end].attached, tokens[m.end].kind != .separator { return nil }
            return (j, m)
        default:
            return nil
        }
    }

    /// `1 of 4`, `2of5`, `2 of4`, `05 de 13` ending a part: issue N of a
    /// limited series of M (the unbracketed `(1 of 4)`).
    static func ofCount(_ tokens: [FilenameToken], at i: Int, removed: [Bool]) -> MarkerMatch? {
        func token(_ j: Int) -> FilenameToken? { j < tokens.count && !(j < removed.count && removed[j]) ? tokens[j] : nil }
        func skipBlank(_ j: Int) -> Int { token(j).map { $0.kind == .separator && $0.text == " " } == true ? j + 1 : j }
        let n = tokens[i]
        guard let value = n.value, (1...3).contains(n.digitCount), !(i > 0 && n.attached && tokens[i - 1].kind == .word) else { return nil }
        var j = skipBlank(i + 1)
        guard let of = token(j), of.kind == .word, of.lowered == "of" || of.lowered == "de" else { return nil }
        j = skipBlank(j + 1)
        guard let total = token(j), total.kind == .number, (1...3).contains(total.digitCount), let count = total.value, count >= value,
              endsPart(tokens, j + 1) else { return nil }
        return MarkerMatch(kind: .volume, form: .issue, value: value, end: j + 1)
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

    /// Between a marker word and its number: blanks and dots, or one hyphen
    /// (`Vol. 3`, `vol.3`, `Vol 3`, `Vol-3`), never a spaced dash.
    static func isMarkerGap(_ text: String) -> Bool {
        if text == "-" || text == ".-" || text == "-." { return true }
        return text.unicodeScalars.allSatisfy { $0 == "." || $0 == "\u{FF0E}" || $0 == " " || $0 == "_" || $0 == "\u{00A0}" || $0 == "\u{3000}" }
    }

    /// The number at `i`, with an optional range after it (`16-17`, `16-v17`,
    /// and after a spaced dash at the end of a part: `Vol. 1 - 3`, `v01 - v03`).
    ///
    /// A volume has at most three digits; after an explicit marker a
    /// zero-padded fourth is allowed (`Vol. 0003`, `padded`), and an issue
    /// (`#1000`, `issue`) may have four.
    static func number(_ tokens: [FilenameToken], at i: Int, kind: MarkerKind, form: VolumeForm, prefix: String? = nil,
                       removed: [Bool], allowCJKSuffix: Bool = false, padded: Bool = false, issue: Bool = false) -> MarkerMatch? {
        let n = tokens[i]
        guard n.kind == .number, let value = n.value else { return nil }
        var maxDigits = kind == .volume ? 3 : 4
        if kind == .volume, issue || (padded && n.text.first == "0") { maxDigits = 4 }
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
        // `T1 à T3`, `Tomes 1 à 3`, `Tomos 1 y 2`, `Vol. 1 to 3`: a range in words.
        if kind == .volume, i + 3 < tokens.count, tokens[i + 1].kind == .separator, tokens[i + 2].kind == .word,
           rangeWords.contains(tokens[i + 2].lowered), tokens[i + 3].kind == .separator {
            var j = i + 4
            if j < tokens.count, tokens[j].kind == .word, let prefix, tokens[j].lowered == prefix, j + 1 < tokens.count,
               tokens[j + 1].kind == .number, tokens[j + 1].attached {
                j += 1
            }
            if j < tokens.count, tokens[j].kind == .number, tokens[j].digitCount <= maxDigits, let to = tokens[j].value, to > value {
                return MarkerMatch(kind: kind, form: form, range: value...to, end: j + 1)
            }
        }
        // `Vol. 1 - 3`, `v01 - 03`, `v01 - v03`: a range across a spaced dash,
        // when the second number ends the part. Read as one volume, such an
        // omnibus would answer volume 1.
        if kind == .volume, i + 2 < tokens.count, tokens[i + 1].isSpacedDash,
           rangeDashes.contains(tokens[i + 1].text.filter { !$0.isWhitespace && $0 != "_" }) {
            var j = i + 2
            if tokens[j].kind == .word, let prefix, tokens[j].lowered == prefix, j + 1 < tokens.count, tokens[j + 1].kind == .number,
               tokens[j + 1].attached {
                j += 1
            }
            if tokens[j].kind == .number, tokens[j].digitCount <= maxDigits, let to = tokens[j].value, to > value,
               !(j + 1 < tokens.count && tokens[j + 1].attached), endsPart(tokens, j + 1) {
                return MarkerMatch(kind: kind, form: form, range: value...to, end: j + 1)
            }
        }
        // `Vol. 1 of 3`: the count of volumes belongs to the marker.
        if kind == .volume, i + 4 < tokens.count + 1, i + 3 < tokens.count, tokens[i + 1].kind == .separator,
           tokens[i + 2].kind == .word, tokens[i + 2].lowered == "of", tokens[i + 3].kind == .separator,
           i + 4 < tokens.count, tokens[i + 4].kind == .number, let total = tokens[i + 4].value, total >= value, endsPart(tokens, i + 5) {
            return MarkerMatch(kind: kind, form: form, value: value, end: i + 5)
        }
        return MarkerMatch(kind: kind, form: form, value: value, end: i + 1)
    }
}
