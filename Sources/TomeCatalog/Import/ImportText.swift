import Crypto

/// The text an import computes for every book without Foundation: the JSON
/// columns (`authors`, `alt_titles`, `identifiers`, `author_keys`) and the
/// fingerprint's hex digits.
///
/// The JSON is byte for byte what ``JSONText/encode(_:)-(String)`` writes
/// with `JSONSerialization` (`["Ann Leckie","Jo Walton"]`, no spaces, UTF-8
/// unescaped, `/` unescaped): strings with no quote, backslash or control
/// character are written here; any other array, and an object of two or
/// more keys (whose key order is `JSONSerialization`'s), go to
/// ``JSONText``. A test holds the two together.
enum ImportText {
    static func json(_ strings: [String]) -> String {
        guard !strings.isEmpty else { return "[]" }
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for (index, string) in strings.enumerated() {
            guard isPlain(string) else { return JSONText.encode(strings) }
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: string.utf8)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    static func json(_ dictionary: [String: String]) -> String {
        guard !dictionary.isEmpty else { return "{}" }
        guard dictionary.count == 1, let (key, value) = dictionary.first, isPlain(key), isPlain(value) else {
            return JSONText.encode(dictionary)
        }
        return "{\"" + key + "\":\"" + value + "\"}"
    }

    /// No byte JSON would escape: a quote, a backslash, a control character.
    static func isPlain(_ string: String) -> Bool {
        string.utf8.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
    }

    /// The first 16 bytes of the SHA-256 of `bytes`, as 32 lowercase hex digits.
    static func digestHex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(32)
        for byte in SHA256.hash(data: bytes).prefix(16) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

extension CatalogBook {
    /// A digest of every imported field and of ``CatalogSchema/derivedVersion``:
    /// equal digests mean nothing changed, neither the book nor the way its
    /// normalized forms are computed. (The digested text, fields joined by
    /// U+001F, files by U+001D, list items by U+001E, `\0` for an absent
    /// value, never changes without a raise of `derivedVersion`: every
    /// stored fingerprint would differ.)
    var fingerprint: String {
        var text: [UInt8] = []
        text.reserveCapacity(512)
        func add(_ string: String) { text.append(contentsOf: string.utf8) }
        func field(_ string: String?) {
            text.append(0x1F)
            if let string { add(string) } else { text.append(0) }
        }
        func list(_ items: [String]) {
            text.append(0x1F)
            for (index, item) in items.enumerated() {
                if index > 0 { text.append(0x1E) }
                add(item)
            }
        }
        add("v\(CatalogSchema.derivedVersion)")
        field(String(id))
        field(title)
        list(authors)
        field(series)
        field(seriesIndex.map { "\($0)" })
        field(bookType?.rawValue)
        if let run { add("\u{1F}run=\(run)") }
        list(altTitles)
        field(language)
        field(year.map(String.init))
        list(identifiers.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
        // Added only when set, so that books without them keep their
        // stored fingerprints.
        if contentType != .volume { add("\u{1F}content=\(contentType.rawValue)") }
        if !koMD5s.isEmpty {
            add("\u{1F}ko_md5s=")
            list(koMD5s)
        }
        for file in files {
            text.append(0x1D)
            add(file.path)
            field(file.format)
            field(file.size.map(String.init))
            field(file.koMD5)
        }
        return ImportText.digestHex(text)
    }
}
