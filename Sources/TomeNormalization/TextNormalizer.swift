import CTomeICU

/// Turns any text — a filename, a title, a series, an author — into comparison
/// tokens, identically for both sides of every comparison.
///
/// The steps, in order:
/// 1. ``fold(_:)``: ICU NFKC with case folding (`ＮＡＲＵＴＯ` → `naruto`),
///    diacritics removed from Latin, Greek and Cyrillic letters
///    (`Misérables` → `miserables`, `Shōgun` → `shogun`), Latin letters reduced
///    to ASCII (`ł` → `l`), typographic variants folded (’ → ', — → -, … → ...).
/// 2. Segmentation with ICU's word break iterator, so Chinese and Japanese runs
///    split into words by dictionary.
/// 3. Token rules: `_ . - :` and runs of spaces are boundaries; a decimal point
///    between digits survives (`2.5`); initials stay one word (`J.K.` → `jk`);
///    apostrophes join (`Sorcerer's` → `sorcerers`); `&` becomes `and`.
///
/// ```swift
/// let n = TextNormalizer.shared
/// n.tokens("Les Misérables")        // ["les", "miserables"]
/// n.tokens("J.K. Rowling & Co")     // ["jk", "rowling", "and", "co"]
/// n.latinTokens("Братья Карамазовы") // ["brat'ja"…] folded → ["bratja", "karamazovy"]
/// ```
///
/// Plain text (ASCII, curly quotes, en and em dashes, no-break spaces:
/// most filenames and titles) takes a fast path that never calls ICU and
/// gives exactly ICU's result (``plainFold(_:)``, ``tokenizeASCII(_:)``).
///
/// The ICU objects behind it are opened once per process and cloned once per
/// thread, so one normalizer is safe and cheap to use from many threads.
public struct TextNormalizer: Sendable {
    /// The process-wide normalizer. It holds no state of its own; ICU's objects
    /// live in the C shim.
    public static let shared = TextNormalizer()

    public init() {}

    /// Opens ICU's objects now rather than on first use, and reports whether
    /// the system ICU is usable.
    ///
    /// - Throws: ``NormalizationError/icuUnavailable(_:)`` when ICU cannot
    ///   open a rule set or iterator (a broken ICU data file, for instance).
    public static func prepare() throws {
        var message = [CChar](repeating: 0, count: 256)
        if tome_icu_initialize(&message, Int32(message.count)) != 0 {
            throw NormalizationError.icuUnavailable(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
    }

    /// The version of the system ICU in use.
    public static var icuVersion: String { String(cString: tome_icu_version()) }

    /// Folds text for comparison without splitting it into tokens.
    ///
    /// Plain text — ASCII, with at most the typographic quotes and dashes
    /// of ``plainScalar(_:)`` — takes a fast path (lowercasing, the backtick and
    /// curly quotes folded to straight ones, dashes to `-`), which gives
    /// exactly what ICU gives for it: a property test holds the two together.
    public func fold(_ text: String) -> String {
        if let folded = Self.plainFold(text) { return folded }
        return foldWithICU(text)
    }

    /// ``fold(_:)`` always through ICU (the fast path's reference).
    func foldWithICU(_ text: String) -> String {
        runICU(text, tome_icu_fold)
    }

    /// `Any-Latin; Latin-ASCII` transliteration, unfolded. ASCII text is
    /// returned as is (transliteration cannot change it).
    public func transliterate(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return runICU(text, tome_icu_latin)
    }

    /// The non-ASCII scalars plain text may hold, and the ASCII each folds
    /// to: ICU's NFKC_Casefold leaves them as they are, and the fold rules
    /// map them so (curly quotes, en and em dashes — an OPDS name's `Vol. 3
    /// — Title`); a no-break space is NFKC's space.
    static func plainScalar(_ value: UInt32) -> UInt8? {
        switch value {
        case 0x2018, 0x2019: return 0x27  // ‘ ’ → '
        case 0x201C, 0x201D: return 0x22  // “ ” → "
        case 0x2013, 0x2014: return 0x2D  // – — → -
        case 0xA0: return 0x20            // no-break space → space
        default: return nil
        }
    }

    /// The fold of plain text (ASCII and ``plainScalar(_:)``s) without ICU,
    /// or nil for any other text.
    static func plainFold(_ text: String) -> String? {
        var utf8 = text.utf8
        if let folded = utf8.withContiguousStorageIfAvailable({ plainFold(bytes: $0) }) { return folded }
        var copy = text
        copy.makeContiguousUTF8()
        utf8 = copy.utf8
        return utf8.withContiguousStorageIfAvailable { plainFold(bytes: $0) } ?? nil
    }

    private static func plainFold(bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var isASCII = true
        for b in bytes where b >= 0x80 { isASCII = false; break }
        if isASCII {
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                for i in 0..<bytes.count { out[i] = asciiFold(bytes[i]) }
                return bytes.count
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 { out.append(asciiFold(b)); i += 1; continue }
            // Two- and three-byte sequences only: every plain scalar is below U+FFFF.
            let value: UInt32
            if b & 0xE0 == 0xC0, i + 1 < bytes.count {
                value = UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                i += 2
            } else if b & 0xF0 == 0xE0, i + 2 < bytes.count {
                value = UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                i += 3
            } else {
                return nil
            }
            guard let plain = plainScalar(value) else { return nil }
            out.append(plain)
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    private static func asciiFold(_ b: UInt8) -> UInt8 {
        if b >= 0x41 && b <= 0x5A { return b + 0x20 }
        return b == 0x60 ? 0x27 : b  // ` → ', as the ICU rules fold it
    }

    /// The comparison tokens of `text`, in order.
    public func tokens(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        if let folded = Self.plainFold(text) { return Self.tokenizeASCII(folded) }
        return Self.tokenize(folded: foldWithICU(text))
    }

    /// ``tokens(_:)`` always through ICU (the fast path's reference).
    func tokensWithICU(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        return Self.tokenize(folded: foldWithICU(text))
    }

    /// The tokens of the ASCII transliteration of `text`: the key that lets
    /// `Братья Карамазовы` meet `Bratya Karamazovy`, and `ナルト` meet `naruto`.
    public func latinTokens(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        // Plain text has no letters to transliterate: its Latin tokens are its tokens.
        if let folded = Self.plainFold(text) { return Self.tokenizeASCII(folded) }
        return Self.tokenize(folded: fold(transliterate(text)))
    }

    /// ``latinTokens(_:)`` always through ICU (the fast path's reference).
    func latinTokensWithICU(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        return Self.tokenize(folded: foldWithICU(runICU(text, tome_icu_latin)))
    }

    /// ``tokens(_:)`` joined by single spaces: an exact-match key.
    public func key(_ text: String) -> String { tokens(text).joined(separator: " ") }

    /// ``latinTokens(_:)`` joined by single spaces.
    public func latinKey(_ text: String) -> String { latinTokens(text).joined(separator: " ") }

    // MARK: - Implementation

    private typealias ICUCall = (UnsafePointer<UInt16>?, Int32, UnsafeMutablePointer<UInt16>?, Int32) -> Int32

    /// Runs one of the shim's UTF-16 → UTF-16 calls, growing the output buffer
    /// when ICU asks for more room.
    private func runICU(_ text: String, _ call: ICUCall) -> String {
        let source = Array(text.utf16)
        if source.isEmpty { return "" }
        var capacity = source.count * 2 + 16
        for _ in 0..<6 {
            var output = [UInt16](repeating: 0, count: capacity)
            let written = source.withUnsafeBufferPointer { src in
                output.withUnsafeMutableBufferPointer { dst in
                    call(src.baseAddress, Int32(src.count), dst.baseAddress, Int32(capacity))
                }
            }
            if written >= 0 {
                return String(decoding: output[0..<Int(written)], as: UTF16.self)
            }
            if written == Int32.min { break }
            capacity = max(capacity * 2, Int(-written))
        }
        // ICU failed outright: fall back to the text itself, lowercased, so a
        // comparison still behaves identically on both sides.
        return text.lowercased()
    }

    /// Splits folded text into tokens.
    static func tokenize(folded: String) -> [String] {
        // `&` and `and` meet; ICU would drop `&` as punctuation.
        var prepared = folded
        if prepared.utf8.contains(UInt8(ascii: "&")) {
            prepared = prepared.replacingAll("&", with: " and ")
        }
        let units = Array(prepared.utf16)
        var tokens: [String] = []
        for segment in Self.wordSegments(units) {
            let text = String(decoding: units[segment], as: UTF16.self)
            appendPieces(of: text, to: &tokens)
        }
        return tokens
    }

    /// ``tokenize(folded:)`` for folded ASCII text, without ICU: the word
    /// segments of Unicode's word break rules (UAX #29), as ICU finds them in
    /// ASCII — letters, digits, `@` and `_` join; `'` and `.` join two letters
    /// (or `@`s) or two digits, `,` and `;` two digits (ICU's rules, unlike
    /// UAX #29's, never join at `:`, and count `@` as a letter) — then the
    /// same token rules, to which `@` is punctuation.
    static func tokenizeASCII(_ folded: String) -> [String] {
        var text = folded
        return text.withUTF8 { tokenizeASCII(bytes: $0) }
    }

    /// ASCII's word break classes. ICU's rules leave `:` out of MidLetter
    /// (`a.b:c.d` is two words), so ASCII has no MidLetter. They add `@` to
    /// ALetter (`x@a.a` is one word), yet to the token rules `@` is neither
    /// letter nor digit: it has a class of its own.
    private enum ASCIIClass {
        case letter, digit, extendNumLet, midNum, midNumLet, other
        /// `@`: ALetter to word segmentation, punctuation to the token rules.
        case at

        /// Joins a word segment as ALetter does.
        @inline(__always) var isALetter: Bool { self == .letter || self == .at }
        /// Joins its neighbours whatever they are (ALetter, Numeric, ExtendNumLet).
        @inline(__always) var isWordCore: Bool { isALetter || self == .digit || self == .extendNumLet }
    }

    @inline(__always)
    private static func asciiClass(_ b: UInt8) -> ASCIIClass {
        switch b {
        case 0x61...0x7A, 0x41...0x5A: return .letter
        case 0x30...0x39: return .digit
        case 0x5F: return .extendNumLet          // _
        case 0x2C, 0x3B: return .midNum          // , ;
        case 0x2E, 0x27: return .midNumLet       // . '
        case 0x40: return .at                    // @
        default: return .other
        }
    }

    private static func tokenizeASCII(bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var tokens: [String] = []
        let n = bytes.count
        var start = 0
        while start < n {
            // A segment: a letter, digit, `@` or `_`, and what joins it.
            let c = asciiClass(bytes[start])
            if bytes[start] == 0x26 { tokens.append("and"); start += 1; continue }  // & → and
            guard c.isWordCore else { start += 1; continue }
            var end = start + 1
            while end < n {
                let here = asciiClass(bytes[end])
                if here.isWordCore { end += 1; continue }
                // A middle mark joins what stands on both sides of it.
                if end + 1 < n {
                    let before = asciiClass(bytes[end - 1]), after = asciiClass(bytes[end + 1])
                    let letters = before.isALetter && after.isALetter && here == .midNumLet
                    let digits = before == .digit && after == .digit && (here == .midNum || here == .midNumLet)
                    if letters || digits { end += 2; continue }
                }
                break
            }
            appendASCIIPieces(of: UnsafeBufferPointer(rebasing: bytes[start..<end]), to: &tokens)
            start = end
        }
        return tokens
    }

    /// ``appendPieces(of:to:)`` for an ASCII segment.
    private static func appendASCIIPieces(of segment: UnsafeBufferPointer<UInt8>, to tokens: inout [String]) {
        @inline(__always) func isLetter(_ b: UInt8) -> Bool { asciiClass(b) == .letter }
        @inline(__always) func isDigit(_ b: UInt8) -> Bool { asciiClass(b) == .digit }
        let dot: UInt8 = 0x2E
        var dots = 0
        for b in segment where b == dot { dots += 1 }
        // Initials: single letters each followed by a dot (`j.k.`, `u.s.a`).
        if segment.count >= 3, dots > 0 {
            var expectLetter = true, letters = 0, initials = true
            for b in segment {
                if expectLetter {
                    guard isLetter(b) else { initials = false; break }
                    letters += 1
                    expectLetter = false
                } else {
                    guard b == dot else { initials = false; break }
                    expectLetter = true
                }
            }
            if initials && letters >= 2 {
                tokens.append(String(decoding: segment.filter { $0 != dot }, as: UTF8.self))
                return
            }
        }
        var current: [UInt8] = []
        func flush() {
            if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
        }
        for i in 0..<segment.count {
            let b = segment[i]
            if b == 0x27 { continue }  // apostrophes join: sorcerer's → sorcerers
            if b == dot {
                if dots == 1 && i > 0 && isDigit(segment[i - 1]) && i + 1 < segment.count && isDigit(segment[i + 1]) {
                    current.append(b)
                    continue
                }
                flush()
                continue
            }
            if isLetter(b) || isDigit(b) { current.append(b) } else { flush() }
        }
        flush()
    }

    /// The word segments ICU finds, as UTF-16 ranges.
    private static func wordSegments(_ units: [UInt16]) -> [Range<Int>] {
        var capacity = max(8, units.count / 2 + 1)
        while true {
            var starts = [Int32](repeating: 0, count: capacity)
            var ends = [Int32](repeating: 0, count: capacity)
            let count = units.withUnsafeBufferPointer { src in
                tome_icu_words(src.baseAddress, Int32(src.count), &starts, &ends, Int32(capacity))
            }
            if count < 0 { return [0..<units.count] }
            if Int(count) <= capacity {
                return (0..<Int(count)).map { Int(starts[$0])..<Int(ends[$0]) }
            }
            capacity = Int(count)
        }
    }

    /// Applies the token rules to one ICU word segment.
    private static func appendPieces(of segment: String, to tokens: inout [String]) {
        let scalars = Array(segment.unicodeScalars)
        // Initials: single letters each followed by a dot (`j.k.`, `u.s.a`).
        if isInitials(scalars) {
            tokens.append(String(String.UnicodeScalarView(scalars.filter { $0 != "." })))
            return
        }
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty { tokens.append(String(current)); current = String.UnicodeScalarView() }
        }
        // A decimal point survives only when it is the segment's one dot
        // (`2.5`); dates and versions (`2019.05.01`, `1.2.3`) split at each dot.
        let keepDecimal = scalars.lazy.filter { $0 == "." }.count == 1
        for (i, s) in scalars.enumerated() {
            if s == "'" { continue }  // apostrophes join: sorcerer's → sorcerers
            if s == "." {
                let before = i > 0 && isDigit(scalars[i - 1])
                let after = i + 1 < scalars.count && isDigit(scalars[i + 1])
                if keepDecimal && before && after { current.append(s); continue }
                flush(); continue
            }
            if isWordScalar(s) { current.append(s) } else { flush() }
        }
        flush()
    }

    private static func isInitials(_ scalars: [Unicode.Scalar]) -> Bool {
        guard scalars.count >= 3, scalars.contains(".") else { return false }
        var expectLetter = true
        var letters = 0
        for s in scalars {
            if expectLetter {
                guard s.properties.isAlphabetic, !isDigit(s) else { return false }
                letters += 1
                expectLetter = false
            } else {
                guard s == "." else { return false }
                expectLetter = true
            }
        }
        return letters >= 2
    }

    @inline(__always)
    static func isDigit(_ s: Unicode.Scalar) -> Bool {
        s.properties.numericType == .decimal
    }

    @inline(__always)
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        let p = s.properties
        if p.isAlphabetic || p.numericType != nil { return true }
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }
}

/// Why text could not be normalized.
public enum NormalizationError: Error, CustomStringConvertible, Sendable {
    /// The system ICU could not open what the normalizer needs.
    case icuUnavailable(String)

    public var description: String {
        switch self {
        case .icuUnavailable(let message): return "ICU is unavailable: \(message)"
        }
    }
}

extension String {
    /// Replaces every occurrence of `target` (without Foundation).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(count + 8)
        for c in self {
            if c == target { result += replacement } else { result.append(c) }
        }
        return result
    }
}
