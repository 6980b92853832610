import TomeNormalization

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
