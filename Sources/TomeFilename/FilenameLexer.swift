/// A range of the original filename, in UTF-8 bytes from its start.
///
/// Every piece of evidence carries one, so an explanation can point at the
/// exact characters a decision came from.
public struct TextSpan: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Offset of the first byte.
    public var start: Int
    /// Offset just past the last byte.
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public var isEmpty: Bool { start >= end }
    public var description: String { "\(start)..<\(end)" }
}

/// One lexical unit of a filename.
///
/// The lexer never decides what a token *means*; ``FilenameReader`` does,
/// by recognizing shapes over these tokens.
public struct FilenameToken: Sendable, Hashable {
    /// What kind of characters a token is made of.
    public enum Kind: Sendable, Hashable {
        /// Letters (any alphabetic script except CJK), with inner apostrophes.
        case word
        /// Decimal digits of any script (`12`, `０３`), with an optional short
        /// decimal part (`2.5`, `10.5`).
        case number
        /// A run of separators: spaces, `_`, `.`, dashes, `,`, `:`, `;`, `~`, `+`.
        case separator
        /// A bracketed, parenthesised or braced group, with everything up to
        /// its matching closer (or to the end, when it is never closed).
        case group
        /// A run of Han, kana or Hangul. Volume and chapter marker characters
        /// (`第 巻 卷 册 冊 권 話 话 화`) are always tokens of their own.
        case cjk
        /// Anything else: `#`, `&`, `!`, `?`, quotes…
        case symbol
    }

    public var kind: Kind
    /// The original text of the token.
    public var text: String
    /// Where the token is in the original filename.
    public var span: TextSpan
    /// The numeric value of a ``Kind/number`` token.
    public var value: Double?
    /// The number of digits before the decimal point of a ``Kind/number`` token
    /// (`012` has 3): a four-digit number is never a volume.
    public var digitCount: Int = 0
    /// True when no separator stands between this token and the one before
    /// (`v` and `12` in `v12`).
    public var attached: Bool = false
    /// The text between the brackets of a ``Kind/group`` token.
    public var inner: String?
    /// Where ``inner`` is in the original filename.
    public var innerSpan: TextSpan?

    /// The token's text, lowercased, with full-width ASCII made half-width
    /// (`Ｖｏｌ` → `vol`), for keyword comparisons.
    public var lowered: String {
        var view = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if (0xFF01...0xFF5E).contains(s.value), let half = Unicode.Scalar(s.value - 0xFEE0) { view.append(half) } else { view.append(s) }
        }
        return String(view).lowercased()
    }

    /// True for a separator that contains a dash with spaces (or underscores,
    /// or dots) on both sides: ` - `, ` — `, `_-_`, `.-.`. Such a dash separates parts of a
    /// name (`Author - Title`), unlike the hyphen of `Spider-Man`.
    public var isSpacedDash: Bool {
        guard kind == .separator else { return false }
        let scalars = Array(text.unicodeScalars)
        guard let dash = scalars.firstIndex(where: FilenameLexer.isDash) else { return false }
        // In a dotted name a dot is a space: `Title.-.Author` as `Title - Author`.
        func spaces(_ s: Unicode.Scalar) -> Bool { FilenameLexer.isBlank(s) || s == "." }
        let before = scalars[..<dash].contains(where: spaces)
        let after = scalars[(dash + 1)...].contains(where: spaces)
        return before && after
    }
}

/// Turns a filename into ``FilenameToken``s in one linear pass.
///
/// ```swift
/// FilenameLexer.tokens(in: "[Group] Berserk v02 (2003)")
/// // group "[Group]", sep " ", word "Berserk", sep " ", word "v",
/// // number "02" (attached), sep " ", group "(2003)"
/// ```
///
/// Bracket groups nest (`[a [b] c]` is one group) and are found with a depth
/// counter, never by recursion, so 10,000 nested brackets cost no stack.
public enum FilenameLexer {
    /// The end of the word starting at `i`: letters (not CJK), with inner
    /// apostrophes.
    static func wordEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < scalars.count {
            let c = scalars[i]
            if isLetter(c) && !isCJK(c) {
                i += 1
            } else if isApostrophe(c), i + 1 < scalars.count, isLetter(scalars[i + 1]), !isCJK(scalars[i + 1]) {
                i += 1
            } else {
                break
            }
        }
        return i
    }

    /// The end of `&amp;` (or `&amp;amp;`, escaped twice) at `i`, if it is one.
    static func escapedAmpersandEnd(_ scalars: [Unicode.Scalar], after i: Int) -> Int? {
        let amp: [Unicode.Scalar] = ["a", "m", "p", ";"]
        var end = i + 1
        while end + amp.count <= scalars.count, Array(scalars[end..<(end + amp.count)]) == amp { end += amp.count }
        return end > i + 1 ? end : nil
    }

    /// Tokens of `text`, whose first byte is at `offset` of the original name.
    ///
    /// - Parameter groups: when false, brackets are lexed as symbols; the
    ///   reader uses this to look inside a group without recursing.
    public static func tokens(in text: Substring, offset: Int = 0, groups: Bool = true) -> [FilenameToken] {
        let scalars = Array(text.unicodeScalars)
        // UTF-8 offset of each scalar, plus one past the end.
        var offsets = [Int]()
        offsets.reserveCapacity(scalars.count + 1)
        var position = offset
        for s in scalars {
            offsets.append(position)
            position += UTF8.width(s)
        }
        offsets.append(position)

        // Token texts are cut from the UTF-8 bytes, not rebuilt scalar by scalar.
        let bytes = Array(text.utf8)
        func string(_ range: Range<Int>) -> String {
            String(decoding: bytes[(offsets[range.lowerBound] - offset)..<(offsets[range.upperBound] - offset)], as: UTF8.self)
        }
        func span(_ range: Range<Int>) -> TextSpan {
            TextSpan(start: offsets[range.lowerBound], end: offsets[range.upperBound])
        }

        var tokens: [FilenameToken] = []
        tokens.reserveCapacity(scalars.count / 3 + 1)
        var i = 0
        func emit(_ kind: FilenameToken.Kind, _ range: Range<Int>) {
            let attached = !tokens.isEmpty && tokens[tokens.count - 1].kind != .separator && kind != .separator
            tokens.append(FilenameToken(kind: kind, text: string(range), span: span(range), attached: attached))
        }

        while i < scalars.count {
            let s = scalars[i]
            let start = i
            if groups, let closer = closers[s] {
                let j = closing(closer, of: s, in: scalars, after: i)
                let innerEnd = min(j, scalars.count)
                let end = min(j + 1, scalars.count)
                emit(.group, start..<end)
                tokens[tokens.count - 1].inner = string((i + 1)..<innerEnd)
                tokens[tokens.count - 1].innerSpan = span((i + 1)..<innerEnd)
                i = end
            } else if isSeparator(s) {
                while i < scalars.count && isSeparator(scalars[i]) { i += 1 }
                emit(.separator, start..<i)
            } else if isDigit(s) {
                while i < scalars.count && isDigit(scalars[i]) { i += 1 }
                let integerEnd = i
                i = decimalEnd(scalars, start: start, integerEnd: integerEnd)
                // `012½`: a vulgar fraction glued to the digits is part of the number.
                let fraction = i == integerEnd && i < scalars.count ? vulgarFraction(scalars[i]) : nil
                if fraction != nil { i += 1 }
                emit(.number, start..<i)
                tokens[tokens.count - 1].digitCount = integerEnd - start
                tokens[tokens.count - 1].value = numericValue(scalars[start..<(fraction == nil ? i : i - 1)]).map { $0 + (fraction ?? 0) }
            } else if isCJKMarker(s) {
                i += 1
                emit(.cjk, start..<i)
            } else if isCJK(s) {
                while i < scalars.count && isCJK(scalars[i]) && !isCJKMarker(scalars[i]) { i += 1 }
                emit(.cjk, start..<i)
            } else if isLetter(s) {
                i = wordEnd(scalars, from: i)
                emit(.word, start..<i)
            } else if s == "&", let end = escapedAmpersandEnd(scalars, after: i) {
                // `&amp;` (even `&amp;amp;`): an ampersand an HTML escape
                // left in the name (an OPDS title written to disk).
                i = end
                emit(.symbol, start..<i)
                tokens[tokens.count - 1].text = "&"
            } else {
                i += 1
                emit(.symbol, start..<i)
            }
        }
        return tokens
    }

    /// The index of the closer that matches the opener at `i` (counting only
    /// this bracket pair), or `scalars.count` when it is never closed.
    static func closing(_ closer: Unicode.Scalar, of opener: Unicode.Scalar, in scalars: [Unicode.Scalar], after i: Int) -> Int {
        var depth = 1
        var j = i + 1
        while j < scalars.count {
            if scalars[j] == opener { depth += 1 } else if scalars[j] == closer {
                depth -= 1
                if depth == 0 { break }
            }
            j += 1
        }
        return j
    }

    /// Where a number whose digits run from `start` to `integerEnd` ends: with
    /// a short decimal part (`2.5`, `10.25`), but never in the middle of a
    /// date, version or dotted run (`2019.05.01`, `02.2003`, `v1.2.3`).
    static func decimalEnd(_ scalars: [Unicode.Scalar], start: Int, integerEnd i: Int) -> Int {
        let afterDottedNumber = start >= 2 && (scalars[start - 1] == "." || scalars[start - 1] == "\u{FF0E}")
            && isDigit(scalars[start - 2])
        guard !afterDottedNumber, i + 1 < scalars.count, scalars[i] == "." || scalars[i] == "\u{FF0E}", isDigit(scalars[i + 1]) else {
            return i
        }
        var j = i + 1
        while j < scalars.count && isDigit(scalars[j]) { j += 1 }
        let fractionDigits = j - i - 1
        let continuesAsDate = j + 1 < scalars.count && (scalars[j] == "." || scalars[j] == "\u{FF0E}") && isDigit(scalars[j + 1])
        return fractionDigits <= 2 && i - start <= 4 && !continuesAsDate ? j : i
    }

    // MARK: - Character classes

    /// Opening brackets and their closers. Japanese quotes (`「」『』`) are
    /// not here: they enclose titles, not tags.
    static let closers: [Unicode.Scalar: Unicode.Scalar] = [
        "(": ")", "[": "]", "{": "}",
        "\u{3010}": "\u{3011}",  // 【】
        "\u{FF08}": "\u{FF09}",  // （）
        "\u{FF3B}": "\u{FF3D}",  // ［］
        "\u{FF5B}": "\u{FF5D}",  // ｛｝
        "\u{3014}": "\u{3015}",  // 〔〕
    ]

    /// The classes of the 128 ASCII scalars, computed once by the general
    /// definitions below (so the two can never disagree): reading a name
    /// asks them of every scalar, and Unicode's property tables cost more
    /// than a table lookup.
    private static let asciiClasses: [UInt8] = (0..<128).map { value -> UInt8 in
        let s = Unicode.Scalar(UInt8(value))
        return (generalIsBlank(s) ? 1 : 0) | (generalIsSeparator(s) ? 2 : 0) | (generalIsDigit(s) ? 4 : 0) | (generalIsLetter(s) ? 8 : 0)
    }

    @inline(__always)
    private static func ascii(_ s: Unicode.Scalar, _ bit: UInt8) -> Bool? {
        s.value < 128 ? asciiClasses[Int(s.value)] & bit != 0 : nil
    }

    static func isBlank(_ s: Unicode.Scalar) -> Bool { ascii(s, 1) ?? generalIsBlank(s) }
    static func isSeparator(_ s: Unicode.Scalar) -> Bool { ascii(s, 2) ?? generalIsSeparator(s) }
    static func isDigit(_ s: Unicode.Scalar) -> Bool { ascii(s, 4) ?? generalIsDigit(s) }
    static func isLetter(_ s: Unicode.Scalar) -> Bool { ascii(s, 8) ?? generalIsLetter(s) }

    static func generalIsBlank(_ s: Unicode.Scalar) -> Bool {
        s == "_" || s.properties.isWhitespace
    }

    static func isDash(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}", "\u{FF0D}": return true
        default: return false
        }
    }

    static func generalIsSeparator(_ s: Unicode.Scalar) -> Bool {
        if generalIsBlank(s) || isDash(s) { return true }
        switch s {
        case ".", ",", ":", ";", "~", "+", "\u{301C}", "\u{FF5E}", "\u{3001}", "\u{3002}", "\u{30FB}", "\u{FF0C}", "\u{FF1A}", "\u{FF0E}", "\u{00B7}":
            return true
        default:
            // Control characters (NUL included) separate rather than vanish.
            return s.properties.generalCategory == .control
        }
    }

    static func isApostrophe(_ s: Unicode.Scalar) -> Bool {
        s == "'" || s == "\u{2019}" || s == "\u{02BC}"
    }

    static func generalIsDigit(_ s: Unicode.Scalar) -> Bool {
        s.properties.numericType == .decimal
    }

    static func generalIsLetter(_ s: Unicode.Scalar) -> Bool {
        if generalIsDigit(s) { return false }
        let p = s.properties
        if p.isAlphabetic { return true }
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Han, kana (including the long-vowel mark and half-width kana) and Hangul.
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3005, 0x3006, 0x3007,  // 々 〆 〇
             0x3040...0x30FA, 0x30FC...0x30FF,  // hiragana, katakana (not `・`, a separator)
             0x31F0...0x31FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F,
             0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF,  // Hangul
             0xFF66...0xFF9F:  // half-width katakana
            return true
        default:
            return false
        }
    }

    /// CJK characters that mark volumes and chapters: 第 巻 卷 册 冊 권 話 话 화.
    static func isCJKMarker(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x7B2C, 0x5DFB, 0x5377, 0x518C, 0x518A, 0xAD8C, 0x8A71, 0x8BDD, 0xD654: return true
        default: return false
        }
    }

    /// The value of digits of any script with an optional decimal part,
    /// read as the decimal it spells (`0.3` is 0.3, not 0 + 3 × 0.1).
    static func numericValue(_ scalars: ArraySlice<Unicode.Scalar>) -> Double? {
        var ascii = ""
        ascii.reserveCapacity(scalars.count)
        for s in scalars {
            if s == "." || s == "\u{FF0E}" { ascii.append("."); continue }
            guard let v = s.properties.numericValue, v >= 0, v <= 9, v == v.rounded() else { return nil }
            ascii.unicodeScalars.append(Unicode.Scalar(UInt8(48 + Int(v))))
        }
        return Double(ascii)
    }

    /// The value of a vulgar fraction character (`½` 0.5, `¼`, `¾`, `⅓` …).
    static func vulgarFraction(_ s: Unicode.Scalar) -> Double? {
        switch s.value {
        case 0x00BC, 0x00BD, 0x00BE, 0x2150...0x215E: s.properties.numericValue
        default: nil
        }
    }
}
