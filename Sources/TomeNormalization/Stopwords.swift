/// Words too common to carry a name on their own: an FTS query does not walk
/// their posting lists, and an unexplained one costs a name less than a
/// distinctive word does.
public enum Stopwords {
    /// The normalized stopwords (articles, prepositions, volume words).
    public static let common: Set<String> = [
        "the", "a", "an", "and", "of", "in", "on", "to", "for", "by", "with", "at", "from", "or", "is", "la", "le", "les",
        "de", "der", "die", "das", "el", "los", "und", "et", "vol", "volume", "book",
    ]

    /// True when `token` is one of ``common``.
    public static func contains(_ token: String) -> Bool { common.contains(token) }
}
