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

    static func strings(_ text: String?) -> [String] {
        guard let text, text != "[]", let data = text.data(using: .utf8),
              let value = try? JSONSerialization.jsonObject(with: data) as? [String] else { return [] }
        return value
    }

    static func dictionary(_ text: String?) -> [String: String] {
        guard let text, text != "{}", let data = text.data(using: .utf8),
              let value = try? JSONSerialization.jsonObject(with: data) as? [String: String] else { return [:] }
        return value
    }
}
