/// A fast reader for a JSON Lines book, without Foundation.
///
/// It reads the shape the interchange format describes (``CatalogBook``'s
/// keys, `null` for an absent value, unknown keys of any JSON type) and
/// returns nil for anything else: malformed JSON, a type mismatch, a
/// duplicate key, an escape in a key, a surrogate escape (`\uD83D`), a NUL
/// (`\u0000`, which ``JSONLinesSource`` refuses after `JSONDecoder`), a
/// number with an exponent or more than 18 digits, a negative zero, an
/// integer written as a fraction (`9.0`), a `book_type` that is not one of
/// ``BookType``'s. ``JSONLinesSource`` then decodes the line with
/// Foundation's `JSONDecoder`, which has the last word: it reads what is
/// valid and explains what is not, so a line's book or its error message is
/// the same whichever reader took it. A line this reader accepts is one
/// `JSONDecoder` decodes to an equal book (a test holds the two together).
enum JSONBookReader {
    /// The book on one line (UTF-8, already validated), or nil when the line
    /// needs `JSONDecoder`.
    static func book(_ bytes: UnsafeBufferPointer<UInt8>) -> CatalogBook? {
        guard let base = bytes.baseAddress else { return nil }
        var reader = ByteReader(p: base, n: bytes.count)
        return reader.book()
    }
}

private struct ByteReader {
    let p: UnsafePointer<UInt8>
    let n: Int
    var i = 0

    init(p: UnsafePointer<UInt8>, n: Int) {
        self.p = p
        self.n = n
    }

    static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")

    /// The keys of a book and of a file, by their index in these lists.
    static let bookKeys: [[UInt8]] = [
        "id", "title", "authors", "series", "series_index", "run", "book_type", "alt_titles", "language", "year",
        "identifiers", "files", "content_type", "ko_md5s",
    ].map { Array($0.utf8) }
    static let fileKeys: [[UInt8]] = ["path", "format", "size", "ko_md5"].map { Array($0.utf8) }

    mutating func space() {
        while i < n {
            let c = p[i]
            guard c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D else { return }
            i += 1
        }
    }

    /// Skips whitespace, then consumes `c` when it comes next.
    mutating func take(_ c: UInt8) -> Bool {
        space()
        guard i < n, p[i] == c else { return false }
        i += 1
        return true
    }

    /// Consumes `null` when it comes next (after whitespace).
    mutating func null() -> Bool {
        space()
        guard i + 4 <= n, p[i] == 0x6E, p[i + 1] == 0x75, p[i + 2] == 0x6C, p[i + 3] == 0x6C else { return false }
        i += 4
        return true
    }

    // MARK: The book

    mutating func book() -> CatalogBook? {
        guard take(UInt8(ascii: "{")) else { return nil }
        var seen: UInt16 = 0
        var id: Int64?, title: String?, series: String?, language: String?
        var authors: [String] = [], altTitles: [String] = []
        var seriesIndex: Double?, run: Double?, year: Int?
        var bookType: BookType?
        var identifiers: [String: String] = [:]
        var files: [CatalogFile] = []
        var contentType = ContentType.volume
        var koMD5s: [String] = []
        if take(UInt8(ascii: "}")) { return nil }  // no id: JSONDecoder says so
        repeat {
            // The index of a known key (-1 for another); each known key once.
            guard let key = key(among: Self.bookKeys), take(UInt8(ascii: ":")) else { return nil }
            if key >= 0 {
                guard seen & (1 << key) == 0 else { return nil }
                seen |= 1 << key
            }
            switch key {
            case 0:
                guard let value = integer() else { return nil }
                id = value
            case 1:
                guard let value = string() else { return nil }
                title = value
            case 2:
                if !null() { guard let value = strings() else { return nil }; authors = value }
            case 3:
                if !null() { guard let value = string() else { return nil }; series = value }
            case 4:
                if !null() { guard let value = number() else { return nil }; seriesIndex = value }
            case 5:
                if !null() { guard let value = number() else { return nil }; run = value }
            case 6:
                if !null() { guard let value = string().flatMap(BookType.init(rawValue:)) else { return nil }; bookType = value }
            case 7:
                if !null() { guard let value = strings() else { return nil }; altTitles = value }
            case 8:
                if !null() { guard let value = string() else { return nil }; language = value }
            case 9:
                if !null() { guard let value = integer(), let small = Int(exactly: value) else { return nil }; year = small }
            case 10:
                if !null() { guard let value = stringObject() else { return nil }; identifiers = value }
            case 11:
                if !null() { guard let value = fileArray() else { return nil }; files = value }
            case 12:
                if !null() { guard let value = string().flatMap(ContentType.init(rawValue:)) else { return nil }; contentType = value }
            case 13:
                if !null() { guard let value = strings() else { return nil }; koMD5s = value.map { $0.lowercased() } }
            default:
                guard skipValue(depth: 0) else { return nil }
            }
        } while take(UInt8(ascii: ","))
        guard take(UInt8(ascii: "}")) else { return nil }
        space()
        guard i == n, let id, let title else { return nil }
        return CatalogBook(
            id: id, title: title, authors: authors, series: series, seriesIndex: seriesIndex, run: run,
            bookType: bookType, altTitles: altTitles, language: language, year: year,
            identifiers: identifiers, files: files, contentType: contentType, koMD5s: koMD5s)
    }

    mutating func fileArray() -> [CatalogFile]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var files: [CatalogFile] = []
        if take(UInt8(ascii: "]")) { return files }
        repeat {
            guard let file = file() else { return nil }
            files.append(file)
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) ? files : nil
    }

    mutating func file() -> CatalogFile? {
        guard take(UInt8(ascii: "{")) else { return nil }
        var seen: UInt16 = 0
        var path: String?, format: String?, size: Int64?, koMD5: String?
        if take(UInt8(ascii: "}")) { return nil }
        repeat {
            guard let key = key(among: Self.fileKeys), take(UInt8(ascii: ":")) else { return nil }
            if key >= 0 {
                guard seen & (1 << key) == 0 else { return nil }
                seen |= 1 << key
            }
            switch key {
            case 0:
                guard let value = string() else { return nil }
                path = value
            case 1:
                if !null() { guard let value = string() else { return nil }; format = value.lowercased() }
            case 2:
                if !null() { guard let value = integer() else { return nil }; size = value }
            case 3:
                if !null() { guard let value = string() else { return nil }; koMD5 = value.lowercased() }
            default:
                guard skipValue(depth: 1) else { return nil }
            }
        } while take(UInt8(ascii: ","))
        guard take(UInt8(ascii: "}")), let path else { return nil }
        return CatalogFile(path: path, format: format, size: size, koMD5: koMD5)
    }

    mutating func strings() -> [String]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var result: [String] = []
        if take(UInt8(ascii: "]")) { return result }
        repeat {
            guard let value = string() else { return nil }
            result.append(value)
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) ? result : nil
    }

    mutating func stringObject() -> [String: String]? {
        guard take(UInt8(ascii: "{")) else { return nil }
        var result: [String: String] = [:]
        if take(UInt8(ascii: "}")) { return result }
        repeat {
            guard let key = key(), take(UInt8(ascii: ":")), let value = string(),
                  result.updateValue(value, forKey: key) == nil else { return nil }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}")) ? result : nil
    }

    // MARK: Values

    /// An object key without escapes: its index in `keys`, or -1.
    mutating func key(among keys: [[UInt8]]) -> Int? {
        guard take(Self.quote) else { return nil }
        let start = i
        while i < n, p[i] != Self.quote {
            guard p[i] != Self.backslash, p[i] >= 0x20 else { return nil }
            i += 1
        }
        guard i < n else { return nil }
        let length = i - start
        i += 1
        search: for (index, key) in keys.enumerated() where key.count == length {
            for k in 0..<length where p[start + k] != key[k] { continue search }
            return index
        }
        return -1
    }

    /// An object key without escapes.
    mutating func key() -> String? {
        guard take(Self.quote) else { return nil }
        let start = i
        while i < n, p[i] != Self.quote {
            guard p[i] != Self.backslash, p[i] >= 0x20 else { return nil }
            i += 1
        }
        guard i < n else { return nil }
        defer { i += 1 }
        return String(decoding: UnsafeBufferPointer(start: p + start, count: i - start), as: UTF8.self)
    }

    /// A string, its escapes decoded (surrogate escapes excepted).
    mutating func string() -> String? {
        guard take(Self.quote) else { return nil }
        let start = i
        while i < n, p[i] != Self.quote, p[i] != Self.backslash {
            guard p[i] >= 0x20 else { return nil }
            i += 1
        }
        guard i < n else { return nil }
        if p[i] == Self.quote {
            defer { i += 1 }
            return String(decoding: UnsafeBufferPointer(start: p + start, count: i - start), as: UTF8.self)
        }
        var bytes = Array(UnsafeBufferPointer(start: p + start, count: i - start))
        while i < n {
            let c = p[i]
            if c == Self.quote {
                i += 1
                return String(decoding: bytes, as: UTF8.self)
            }
            guard c >= 0x20 else { return nil }
            guard c == Self.backslash else { bytes.append(c); i += 1; continue }
            guard i + 1 < n else { return nil }
            i += 2
            switch p[i - 1] {
            case Self.quote: bytes.append(Self.quote)
            case Self.backslash: bytes.append(Self.backslash)
            case UInt8(ascii: "/"): bytes.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                // `\u0000` is refused by JSONLinesSource, after JSONDecoder.
                guard let scalar = hexScalar(), scalar.value != 0 else { return nil }
                bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: return nil
            }
        }
        return nil
    }

    /// The four hex digits after `\u`, when they name a scalar (not a surrogate).
    mutating func hexScalar() -> Unicode.Scalar? {
        guard i + 4 <= n else { return nil }
        var value: UInt32 = 0
        for k in 0..<4 {
            let c = p[i + k]
            let digit: UInt8
            switch c {
            case 0x30...0x39: digit = c - 0x30
            case 0x41...0x46: digit = c - 0x41 + 10
            case 0x61...0x66: digit = c - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        i += 4
        return Unicode.Scalar(value)
    }

    /// The extent of a JSON number without an exponent, whether it is
    /// negative and whether it has a fraction; nil when the text is anything
    /// else, or has more than 18 digits.
    mutating func numberText() -> (digits: Int, negative: Bool, fraction: Bool)? {
        space()
        let negative = i < n && p[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let start = i
        guard i < n, p[i] >= 0x30, p[i] <= 0x39 else { return nil }
        if p[i] == 0x30, i + 1 < n, p[i + 1] >= 0x30, p[i + 1] <= 0x39 { return nil }
        while i < n, p[i] >= 0x30, p[i] <= 0x39 { i += 1 }
        var fraction = false
        if i < n, p[i] == UInt8(ascii: ".") {
            i += 1
            guard i < n, p[i] >= 0x30, p[i] <= 0x39 else { return nil }
            while i < n, p[i] >= 0x30, p[i] <= 0x39 { i += 1 }
            fraction = true
        }
        guard i - start <= 18 else { return nil }
        if i < n, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") { return nil }
        return (start, negative, fraction)
    }

    /// The digits from `start` to the reader's position, as an integer.
    private func digitsValue(from start: Int) -> Int64 {
        var value: Int64 = 0
        for k in start..<i { value = value * 10 + Int64(p[k] - 0x30) }
        return value
    }

    /// An integer written without a fraction.
    mutating func integer() -> Int64? {
        guard let (start, negative, fraction) = numberText(), !fraction else { return nil }
        let value = digitsValue(from: start)
        return negative ? -value : value
    }

    /// A number, as Swift's `Double` parser (correctly rounded, as
    /// `JSONDecoder`'s) reads it; nil for a negative zero.
    mutating func number() -> Double? {
        guard let (start, negative, fraction) = numberText() else { return nil }
        if !fraction {
            let value = digitsValue(from: start)
            guard !(negative && value == 0) else { return nil }
            return Double(exactly: negative ? -value : value)
        }
        let text = String(decoding: UnsafeBufferPointer(start: p + start, count: i - start), as: UTF8.self)
        guard let magnitude = Double(text), magnitude.isFinite, !(negative && magnitude == 0) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// Skips one value of an unknown key, checking that it is well formed.
    mutating func skipValue(depth: Int) -> Bool {
        guard depth < 32 else { return false }
        space()
        guard i < n else { return false }
        switch p[i] {
        case Self.quote:
            return string() != nil
        case UInt8(ascii: "{"):
            i += 1
            if take(UInt8(ascii: "}")) { return true }
            repeat {
                guard key() != nil, take(UInt8(ascii: ":")), skipValue(depth: depth + 1) else { return false }
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}"))
        case UInt8(ascii: "["):
            i += 1
            if take(UInt8(ascii: "]")) { return true }
            repeat {
                guard skipValue(depth: depth + 1) else { return false }
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "]"))
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return null()
        default: return numberText() != nil
        }
    }

    mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= n else { return false }
        for k in 0..<count where p[i + k] != word.utf8Start[k] { return false }
        i += count
        return true
    }
}
