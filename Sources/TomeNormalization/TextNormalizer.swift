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
/// gives exactly ICU's result (``plainFold(_:)``, ``tokenizeASCII(_:)``, in
/// `TextNormalizer+PlainText.swift`).
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
