/// Comparisons of token sequences: where one occurs in another, how far two
/// spellings are apart, and which titles are distinctive enough to be found
/// inside a longer name.
public enum TokenMatching {
    /// A title may match inside a longer name only when it is distinctive:
    /// two or more words of 6+ letters in all, or one word of 5+ letters
    /// that is not a number.
    public static func phraseAllowed(_ tokens: [String]) -> Bool {
        if tokens.count >= 2 { return tokens.joined().count >= 6 }
        guard let only = tokens.first else { return false }
        return only.count >= 5 && !only.allSatisfy(\.isNumber)
    }

    /// The first range where `needle` occurs in `haystack` and `ok` accepts it.
    public static func occurrence(_ needle: [String], in haystack: [String],
                                  where ok: (Range<Int>) -> Bool = { _ in true }) -> Range<Int>? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) {
            var match = true
            for j in needle.indices where haystack[start + j] != needle[j] { match = false; break }
            if match, ok(start..<(start + needle.count)) { return start..<(start + needle.count) }
        }
        return nil
    }

    /// Where `needle` occurs with every word equal or close: same first
    /// letter, at least four letters, at most two edits apart.
    public static func similarOccurrence(_ needle: [String], in haystack: [String],
                                         where ok: (Range<Int>) -> Bool) -> Range<Int>? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) {
            let range = start..<(start + needle.count)
            let close = needle.indices.allSatisfy { j in
                let a = needle[j], b = haystack[start + j]
                return a == b || (a.count >= 4 && b.count >= 4 && a.first == b.first && sameNumbers(a, b)
                    && editDistance(a, b, limit: 2) <= 2)
            }
            if close, ok(range) { return range }
        }
        return nil
    }

    /// Levenshtein distance, giving up (returning `limit + 1`) beyond `limit`.
    public static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let x = Array(a), y = Array(b)
        if abs(x.count - y.count) > limit { return limit + 1 }
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            if current.min()! > limit { return limit + 1 }
            previous = current
        }
        return previous[y.count]
    }

    /// True when `a` and `b` hold the same digits in the same order, and
    /// the same Roman numerals (`ii` is not `iii`): an edit between them
    /// touches no number, so it may be a typo.
    public static func sameNumbers(_ a: String, _ b: String) -> Bool {
        guard a.unicodeScalars.filter({ $0.properties.numericType != nil })
            .elementsEqual(b.unicodeScalars.filter { $0.properties.numericType != nil }) else { return false }
        func numerals(_ s: String) -> [Substring] { s.split(separator: " ").filter { romanNumerals.contains(String($0)) } }
        return numerals(a) == numerals(b)
    }

    /// Roman numerals as normalized tokens (two letters and more: `i`, `v`, `x`
    /// alone are too often words or initials).
    static let romanNumerals: Set<String> = ["ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "xiii", "xiv", "xv"]

    /// True when `a` and `b` differ by exactly one substitution, insertion,
    /// deletion or transposition of adjacent characters.
    public static func editDistanceIsOne(_ a: String, _ b: String) -> Bool {
        let x = Array(a), y = Array(b)
        if x.count == y.count {
            let diffs = x.indices.filter { x[$0] != y[$0] }
            if diffs.count == 1 { return true }
            if diffs.count == 2, diffs[1] == diffs[0] + 1, x[diffs[0]] == y[diffs[1]], x[diffs[1]] == y[diffs[0]] { return true }
            return false
        }
        let (short, long) = x.count < y.count ? (x, y) : (y, x)
        guard long.count == short.count + 1 else { return false }
        var i = 0
        while i < short.count && short[i] == long[i] { i += 1 }
        return short[i...].elementsEqual(long[(i + 1)...])
    }

    /// ``compacted(_:)``'s tokens alone: `tokens` itself, uncopied, when no
    /// two one-letter tokens stand side by side (most names: the scorer asks
    /// this of every author of every candidate).
    public static func compactedTokens(_ tokens: [String]) -> [String] {
        var i = 0
        while i + 1 < tokens.count {
            if tokens[i].count == 1, tokens[i + 1].count == 1, !tokens[i].allSatisfy(\.isNumber) { return compacted(tokens).tokens }
            i += 1
        }
        return tokens
    }

    /// Joins runs of one-letter tokens (`j k rowling` → `jk rowling`), with
    /// the range of original tokens behind each compacted one.
    public static func compacted(_ tokens: [String]) -> (tokens: [String], map: [Range<Int>]) {
        var out: [String] = [], map: [Range<Int>] = []
        var i = 0
        while i < tokens.count {
            if tokens[i].count == 1, i + 1 < tokens.count, tokens[i + 1].count == 1, !tokens[i].allSatisfy(\.isNumber) {
                var j = i
                var joined = ""
                while j < tokens.count, tokens[j].count == 1, !tokens[j].allSatisfy(\.isNumber) { joined += tokens[j]; j += 1 }
                out.append(joined); map.append(i..<j); i = j
            } else {
                out.append(tokens[i]); map.append(i..<(i + 1)); i += 1
            }
        }
        return (out, map)
    }
}
