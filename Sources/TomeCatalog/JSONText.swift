import Foundation

/// JSON columns (`authors`, `alt_titles`, `identifiers`) to and from text.
enum JSONText {
    static func encode(_ strings: [String]) -> String {
        guard !strings.isEmpty,
              let data = try? JSONSerialization.data(withJSONObject: strings, options: [.withoutEscapingSlashes])
        else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    static func encode(_ dictionary: [String: String]) -> String {
        guard !dictionary.isEmpty,
              let data = try? JSONSerialization.data(withJSONObject: dictionary, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The strings of a JSON array of strings (`["Ann Leckie"]`); `[]` for
    /// nil, anything else, or malformed text. Read without Foundation (this
    /// runs for every candidate of every resolve); text the fast reader does
    /// not expect goes to `JSONSerialization`.
    static func strings(_ text: String?) -> [String] {
        guard let text, text != "[]" else { return [] }
        if let fast = fastStrings(text) { return fast }
        guard let data = text.data(using: .utf8),
              let value = try? JSONSerialization.jsonObject(with: data) as? [String] else { return [] }
        return value
    }

    /// A JSON array of strings without escapes other than `\"`, `\\`, `\/`,
    /// `\n`, `\t`, `\r`; nil for anything else.
    static func fastStrings(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var i = 0
            let n = bytes.count
            func skipSpace() { while i < n, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 } }
            skipSpace()
            guard i < n, bytes[i] == UInt8(ascii: "[") else { return nil }
            i += 1
            var result: [String] = []
            skipSpace()
            if i < n, bytes[i] == UInt8(ascii: "]") { i += 1; skipSpace(); return i == n ? result : nil }
            while true {
                skipSpace()
                guard i < n, bytes[i] == UInt8(ascii: "\"") else { return nil }
                i += 1
                let start = i
                var escaped = false
                while i < n, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\") { escaped = true; i += 2 } else { i += 1 }
                }
                guard i < n else { return nil }
                if escaped {
                    var out: [UInt8] = []
                    var j = start
                    while j < i {
                        if bytes[j] == UInt8(ascii: "\\") {
                            switch bytes[j + 1] {
                            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(bytes[j + 1])
                            case UInt8(ascii: "n"): out.append(0x0A)
                            case UInt8(ascii: "t"): out.append(0x09)
                            case UInt8(ascii: "r"): out.append(0x0D)
                            default: return nil
                            }
                            j += 2
                        } else {
                            out.append(bytes[j])
                            j += 1
                        }
                    }
                    result.append(String(decoding: out, as: UTF8.self))
                } else {
                    result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                }
                i += 1
                skipSpace()
                guard i < n else { return nil }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                guard bytes[i] == UInt8(ascii: "]") else { return nil }
                i += 1
                skipSpace()
                return i == n ? result : nil
            }
        }
    }

    static func dictionary(_ text: String?) -> [String: String] {
        guard let text, text != "{}", let data = text.data(using: .utf8),
              let value = try? JSONSerialization.jsonObject(with: data) as? [String: String] else { return [:] }
        return value
    }
}
