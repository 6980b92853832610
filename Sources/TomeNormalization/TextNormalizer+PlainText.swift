// The fast path of ``TextNormalizer``: plain text (ASCII, curly quotes,
// en and em dashes, no-break spaces) folded and split into tokens without
// ICU, with exactly ICU's result (property tests hold the two together).

extension TextNormalizer {
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
}
