import Foundation

/// The one JSON style of everything TomeResolver writes for programs —
/// `resolve --json`, `parse --json`, `eval --json` and every body of the
/// HTTP service: compact, keys sorted, `/` not escaped (`"a/b"`, not
/// `"a\/b"`), numbers as `JSONEncoder` writes them (`0.98`, `1`, `17`).
///
/// One encoder, configured once here; TomeServer's `TomeJSONEncoder` (the
/// routes' Hummingbird response encoder) encodes with it too.
public enum WireJSON {
    /// The encoder. `JSONEncoder` may encode from many threads at once.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// `value` as JSON. Every value written here is encodable: a failure
    /// would be a bug, and writes `{}`.
    public static func data(_ value: some Encodable) -> Data {
        (try? encoder.encode(value)) ?? Data("{}".utf8)
    }

    /// `value` as one line of JSON.
    public static func string(_ value: some Encodable) -> String {
        String(decoding: data(value), as: UTF8.self)
    }
}
