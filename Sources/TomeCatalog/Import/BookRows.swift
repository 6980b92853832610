import TomeFilename
import TomeNormalization

/// A book turned into the values an import writes: the `book` row's
/// columns, its `book_file` rows, its `book_key` keys and its `book_fts`
/// row. Computing them (ICU, the filename reader, JSON) is most of an
/// import's work, and needs no database: the import's reading thread does it
/// while the writing thread writes the previous batch.
final class BookRows: Sendable {
    struct File: Sendable {
        var path: String
        var basename: String
        var format: String?
        var size: Int64?
        var koMD5: String?
    }

    let book: CatalogBook
    let fingerprint: String
    let authorsJSON: String
    let altTitlesJSON: String
    let identifiersJSON: String
    let titleKey: String
    let titleLatinKey: String
    let seriesKey: String?
    /// A chapter book's series key (its ``seriesKey`` is nil).
    let chapterSeriesKey: String?
    let coreKey: String
    let coreVolume: Double?
    /// The title's subtitle split and the series' core (``TitleFacts``).
    let facts: TitleFacts
    let authorKeysJSON: String
    let files: [File]
    /// The `book_key` rows, `(key, kind)`, in the order they are inserted.
    let keys: [(String, KeyKind)]
    let ftsTitle: String
    let ftsSeries: String
    let ftsAuthors: String
    let ftsAltTitles: String

    init(
        book: CatalogBook,
        fingerprint: String,
        authorsJSON: String,
        altTitlesJSON: String,
        identifiersJSON: String,
        titleKey: String,
        titleLatinKey: String,
        seriesKey: String?,
        chapterSeriesKey: String?,
        coreKey: String,
        coreVolume: Double?,
        facts: TitleFacts,
        authorKeysJSON: String,
        files: [File],
        keys: [(String, KeyKind)],
        ftsTitle: String,
        ftsSeries: String,
        ftsAuthors: String,
        ftsAltTitles: String
    ) {
        self.book = book
        self.fingerprint = fingerprint
        self.authorsJSON = authorsJSON
        self.altTitlesJSON = altTitlesJSON
        self.identifiersJSON = identifiersJSON
        self.titleKey = titleKey
        self.titleLatinKey = titleLatinKey
        self.seriesKey = seriesKey
        self.chapterSeriesKey = chapterSeriesKey
        self.coreKey = coreKey
        self.coreVolume = coreVolume
        self.facts = facts
        self.authorKeysJSON = authorKeysJSON
        self.files = files
        self.keys = keys
        self.ftsTitle = ftsTitle
        self.ftsSeries = ftsSeries
        self.ftsAuthors = ftsAuthors
        self.ftsAltTitles = ftsAltTitles
    }
}

/// Computes ``BookRows``, remembering the normalized forms of the titles,
/// series, authors and alt titles it has seen: a library repeats its authors
/// and series names from book to book, and normalizing a name (ICU folding,
/// transliteration, word breaking, the filename reader) costs far more than
/// a dictionary lookup. The forms are pure functions of the text, so a
/// remembered form is the form. Each memo holds at most `limit` names and
/// starts over when full, so memory stays flat however large the import.
///
/// Not thread-safe: one per thread.
final class BookRowsMaker {
    /// What a name contributes to a book's rows, computed once per name.
    private struct Forms {
        /// The tokens joined: `title_key`, `series_key`.
        var key: String
        var hasTokens: Bool
        var latinKey: String
        /// The `book_key` rows, in insertion order.
        var keys: [(String, KeyKind)]
        /// The FTS text: the tokens, then the Latin tokens when they differ.
        var fts: String
        /// For a title: the core as the filename reader reads it.
        var coreKey = ""
        var coreVolume: Double?
        /// For a title: its subtitle split (``TitleFacts/subtitle``).
        var subtitle: TitleFacts.Subtitle?
        /// For a series: its core (``TitleFacts/seriesCore``).
        var seriesCore: [String]?
    }

    private let normalizer: TextNormalizer
    private let reader: FilenameReader
    private let limit: Int
    private var titles: [String: Forms] = [:]
    private var series: [String: Forms] = [:]
    private var authors: [String: (key: String, latin: String?)] = [:]
    private var alts: [String: Forms] = [:]

    init(normalizer: TextNormalizer, limit: Int = 20_000) {
        self.normalizer = normalizer
        self.reader = FilenameReader(normalizer: normalizer)
        self.limit = limit
    }

    private func remember<Value>(_ memo: inout [String: Value], _ key: String, _ make: () -> Value) -> Value {
        if let value = memo[key] { return value }
        let value = make()
        if memo.count >= limit { memo.removeAll(keepingCapacity: true) }
        memo[key] = value
        return value
    }

    /// A name's tokens and Latin tokens: for ASCII text they are the same
    /// (``TextNormalizer/latinTokens(_:)`` says so), so only other text is
    /// transliterated.
    private func tokens(_ text: String) -> (tokens: [String], latin: [String]) {
        let tokens = normalizer.tokens(text)
        return (tokens, text.utf8.allSatisfy { $0 < 0x80 } ? tokens : normalizer.latinTokens(text))
    }

    /// The forms of a name's tokens and Latin tokens, with the key kinds of each.
    private func forms(_ tokens: [String], _ latin: [String], _ kind: KeyKind, _ latinKind: KeyKind) -> Forms {
        let key = tokens.joined(separator: " ")
        let latinKey = latin == tokens ? key : latin.joined(separator: " ")
        var keys: [(String, KeyKind)] = []
        if !tokens.isEmpty { keys.append((key, kind)) }
        if latin != tokens && !latin.isEmpty { keys.append((latinKey, latinKind)) }
        // FTS text: the normalized tokens, plus the Latin transliteration when
        // it differs, so `Bratya Karamazovy` finds `Братья Карамазовы`.
        let fts = latin == tokens ? key : (tokens + latin).joined(separator: " ")
        return Forms(key: key, hasTokens: !tokens.isEmpty, latinKey: latinKey, keys: keys, fts: fts)
    }

    private func titleForms(_ title: String) -> Forms {
        remember(&titles, title) {
            let (tokens, latin) = tokens(title)
            var forms = forms(tokens, latin, .title, .titleLatin)
            // The title as a filename would carry it: `Bleach, Volume 01` → `bleach`, volume 1.
            let core = reader.readTitle(title)
            let coreTokens = core.tokens.isEmpty ? tokens : core.tokens
            forms.coreKey = coreTokens.joined(separator: " ")
            forms.coreVolume = core.volume
            if coreTokens != tokens { forms.keys.append((forms.coreKey, .core)) }
            forms.subtitle = TitleFacts.subtitle(of: title, normalizer: normalizer)
            return forms
        }
    }

    private func seriesForms(_ name: String) -> Forms {
        remember(&series, name) {
            let (tokens, latin) = tokens(name)
            var forms = forms(tokens, latin, .series, .seriesLatin)
            forms.seriesCore = TitleFacts.core(ofSeries: name, normalizer: normalizer)
            return forms
        }
    }

    private func authorForms(_ author: String) -> (key: String, latin: String?) {
        remember(&authors, author) {
            (normalizer.key(author), author.unicodeScalars.allSatisfy(\.isASCII) ? nil : normalizer.latinKey(author))
        }
    }

    private func altForms(_ alt: String) -> Forms {
        remember(&alts, alt) {
            let (tokens, latin) = tokens(alt)
            var forms = forms(tokens, latin, .alt, .altLatin)
            // `容疑者Xの献身 [Yōgisha X no kenshin]`: also without its bracketed parts.
            let core = reader.readTitle(alt).tokens
            if !core.isEmpty, core != tokens { forms.keys.append((core.joined(separator: " "), .alt)) }
            return forms
        }
    }

    /// The rows of `book`, whose fingerprint is `fingerprint`.
    func rows(_ book: CatalogBook, fingerprint: String) -> BookRows {
        let title = titleForms(book.title)
        let seriesForms = book.series.map(seriesForms)
        // Authors in their own script, then in Latin letters when that differs
        // (`Фёдор Достоевский` → `fedor dostoevskiy`), so both can meet a name.
        let authorForms = book.authors.map(authorForms)
        var authorKeys = authorForms.map(\.key)
        for case let latin? in authorForms.map(\.latin) where !latin.isEmpty && !authorKeys.contains(latin) {
            authorKeys.append(latin)
        }
        let alts = book.altTitles.map(altForms)
        var keys = title.keys
        if let seriesForms { keys += seriesForms.keys }
        for alt in alts { keys += alt.keys }
        let seriesKey = seriesForms.flatMap { $0.hasTokens ? $0.key : nil }
        let isChapter = book.contentType == .chapter
        // A chapter book stays out of every volume lookup: no keys, no
        // full-text row, its series key in its own column.
        if isChapter { keys = [] }
        return BookRows(
            book: book, fingerprint: fingerprint,
            authorsJSON: ImportText.json(book.authors), altTitlesJSON: ImportText.json(book.altTitles),
            identifiersJSON: ImportText.json(book.identifiers),
            titleKey: title.key, titleLatinKey: title.latinKey,
            seriesKey: isChapter ? nil : seriesKey, chapterSeriesKey: isChapter ? seriesKey : nil,
            coreKey: title.coreKey, coreVolume: title.coreVolume,
            facts: TitleFacts(subtitle: title.subtitle, seriesCore: seriesForms?.seriesCore),
            authorKeysJSON: ImportText.json(authorKeys),
            files: book.files.map {
                BookRows.File(path: $0.path, basename: $0.basename, format: $0.format ?? FileFormat.guess($0.path),
                              size: $0.size, koMD5: $0.koMD5)
            },
            keys: keys,
            ftsTitle: title.fts, ftsSeries: seriesForms?.fts ?? "",
            ftsAuthors: authorKeys.joined(separator: " "),
            ftsAltTitles: alts.map(\.fts).joined(separator: " "))
    }
}
