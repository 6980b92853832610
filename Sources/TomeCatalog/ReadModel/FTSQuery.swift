import TomeNormalization

/// Builds FTS5 `MATCH` expressions over `book_fts` from normalized tokens.
///
/// Every token is a quoted string (`"near"`), with inner quotes doubled, so
/// nothing from a filename is ever read as FTS5 syntax: `NEAR`, `AND`, `OR`,
/// `NOT`, `*`, `^`, `:`, `(` and `"` in a name are just text.
///
/// ```swift
/// FTSQuery.all(["dune", "near"])      // "dune" AND "near"
/// FTSQuery.quote("say \"hi\"")        // "say ""hi"""
/// ```
public enum FTSQuery {
    /// Words too common to retrieve on alone.
    public static var stopwords: Set<String> { Stopwords.common }

    /// How many matches at most are ranked per query.
    ///
    /// bm25 costs about a microsecond and a half per ranked row: a window of
    /// 2,000 made a query over a common word (`dust`, or the wider OR query
    /// of ``any(_:)``) cost ~3 ms at 100k books, 500 costs ~0.6 ms. The
    /// window is the first matches in rowid order, so a name whose words
    /// match more books than it holds is ranked among some of them only —
    /// measured at 500: no answer changed on the generated corpus, the hand
    /// topics, or the 8,105 realistic names at 100k and 1M books; at 300,
    /// one answer was lost.
    public static let rankWindow = 500

    /// SQL for the best `limit` matches of a MATCH expression, ranked by
    /// bm25 among at most ``rankWindow`` matching rows: ranking every match
    /// of a common word would cost time in proportion to the catalog.
    static func rankedSQL(limit: Int) -> String {
        """
        SELECT rowid FROM (SELECT rowid, rank FROM book_fts WHERE book_fts MATCH ? LIMIT \(rankWindow))
        ORDER BY rank LIMIT \(limit)
        """
    }

    public static func quote(_ token: String) -> String {
        "\"" + token.replacingQuotes + "\""
    }

    /// Every token must appear, in any column.
    public static func all(_ tokens: [String], lastIsPrefix: Bool = false) -> String {
        var parts = tokens.map(quote)
        if lastIsPrefix, !parts.isEmpty { parts[parts.count - 1] += "*" }
        return parts.joined(separator: " AND ")
    }

    /// Titles holding every token, the last as a prefix (`Neuromanc` →
    /// `title : ("neuromanc"*)`): candidates for a name cut short.
    public static func titlePrefix(_ tokens: [String]) -> String {
        "title : (" + all(tokens, lastIsPrefix: true) + ")"
    }

    /// The tokens without stopwords, unless nothing else is left: an AND
    /// query need not walk the posting list of `the`.
    public static func distinctive(_ tokens: [String]) -> [String] {
        let kept = tokens.filter { !stopwords.contains($0) }
        return kept.isEmpty ? tokens : kept
    }

    /// Any of the name's four longest distinctive tokens (three characters or
    /// more, not a stopword): longer words are rarer, so the OR stays cheap.
    public static func any(_ tokens: [String]) -> String? {
        var seen = Set<String>()
        let useful = tokens.filter { $0.count >= 3 && !stopwords.contains($0) && seen.insert($0).inserted }
        guard useful.count >= 2 else { return nil }
        let longest = useful.enumerated().sorted { ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset) }.prefix(4)
        return longest.sorted { $0.offset < $1.offset }.map { quote($0.element) }.joined(separator: " OR ")
    }
}

extension String {
    var replacingQuotes: String {
        guard utf8.contains(UInt8(ascii: "\"")) else { return self }
        var out = ""
        for c in self {
            if c == "\"" { out += "\"\"" } else { out.append(c) }
        }
        return out
    }
}
