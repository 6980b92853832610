// The device filenames the resolve benchmarks use, made from the books of a
// `SyntheticCatalog`: shared by the `Resolving` benchmark (package-benchmark)
// and `SpeedReport` (resolve cost against the FTS5 floor), so both measure the
// same names. See ../../README.md.

import TomeCatalog
import TomeSynthetic

public enum NameKind: String, CaseIterable, Sendable {
    case authorTitle = "{Author} - {Title}.epub"
    case titleAuthor = "{Title} - {Author}.kepub.epub"
    case volumeTitle = "Vol. {N} — {Title}.epub"
    case seriesVolume = "{Series} v{NN}.cbz"
    case missingVolume = "refuse: volume not in the series"
    case madeUpTitle = "refuse: made-up title"

    public var mustRefuse: Bool { self == .missingVolume || self == .madeUpTitle }
}

public struct SampleName: Sendable {
    public let name: String
    public let kind: NameKind
    /// The book the name was made from (the answer expected, unless `kind.mustRefuse`).
    public let book: CatalogBook
    /// Other books of the catalog the name fits exactly as well (the same
    /// series or title with the same volume; the same title and author): when
    /// there are any, a refusal is the right answer and an answer is a guess.
    public var twins = 0
}

/// Words that are not in the synthetic vocabulary, for titles no book has.
public let madeUpWords = [
    "Quasar", "Marmalade", "Zeppelin", "Octopus", "Velvet", "Cactus", "Pagoda", "Walrus", "Saxophone",
    "Nebula", "Tangerine", "Accordion", "Igloo", "Kaleidoscope", "Origami", "Platypus",
]

/// `2` → "2", `2.5` → "2.5".
public func volumeText(_ index: Double) -> String {
    index == index.rounded() ? String(Int(index)) : String(index)
}

/// `2` → "02", `2.5` → "02.5", `12` → "12".
public func paddedVolume(_ index: Double) -> String {
    let whole = Int(index.rounded(.down))
    let head = whole < 10 ? "0\(whole)" : String(whole)
    return index == index.rounded() ? head : head + String(volumeText(index).drop(while: { $0 != "." }))
}

/// About `target` books at a fixed stride through `SyntheticCatalog(count:)`,
/// as device filenames. Deterministic: the same names on every run.
public func sampleNames(books: Int, target: Int = 200, countingTwins: Bool = true) -> [SampleName] {
    let stride = max(1, books / target)
    var names: [SampleName] = []
    for book in SyntheticCatalog(count: books) {
        let i = Int(book.id) - 1
        guard i % stride == stride / 2 else { continue }
        let k = names.count
        let author = book.authors.first ?? "Unknown"
        let isComic = book.bookType == .manga || book.bookType == .comic
        let name: String
        let kind: NameKind
        if k % 10 == 9 {
            // One in ten must be refused.
            if let series = book.series {
                // No synthetic series reaches volume 99 (at most 61 volumes).
                (name, kind) = (isComic ? "\(series) v99.cbz" : "Vol. 99 — \(series).epub", .missingVolume)
            } else {
                let title = "The \(madeUpWords[k % madeUpWords.count]) \(madeUpWords[(k / 3 + 5) % madeUpWords.count])"
                (name, kind) = ("\(author) - \(title).epub", .madeUpTitle)
            }
        } else if let series = book.series, let index = book.seriesIndex {
            if isComic {
                (name, kind) = ("\(series) v\(paddedVolume(index)).cbz", .seriesVolume)
            } else {
                (name, kind) = ("Vol. \(volumeText(index)) — \(book.title).epub", .volumeTitle)
            }
        } else if k % 2 == 0 {
            (name, kind) = ("\(author) - \(book.title).epub", .authorTitle)
        } else {
            (name, kind) = ("\(book.title) - \(author).kepub.epub", .titleAuthor)
        }
        names.append(SampleName(name: name, kind: kind, book: book))
    }
    if countingTwins { countTwins(&names, books: books) }
    return names
}

/// A second pass over the sequence: for each name, the other books it fits
/// exactly as well as its own book.
public func countTwins(_ names: inout [SampleName], books: Int) {
    func volumeKey(_ text: String, _ index: Double) -> String { "v\u{1F}\(text.lowercased())\u{1F}\(index)" }
    func titleKey(_ title: String, _ author: String) -> String { "t\u{1F}\(title.lowercased())\u{1F}\(author.lowercased())" }
    var wanted: [String: [Int]] = [:]
    for (i, s) in names.enumerated() {
        switch s.kind {
        case .seriesVolume: wanted[volumeKey(s.book.series!, s.book.seriesIndex!), default: []].append(i)
        case .volumeTitle: wanted[volumeKey(s.book.title, s.book.seriesIndex!), default: []].append(i)
        case .authorTitle, .titleAuthor: wanted[titleKey(s.book.title, s.book.authors.first ?? ""), default: []].append(i)
        case .missingVolume, .madeUpTitle: break
        }
    }
    for book in SyntheticCatalog(count: books) {
        var keys: Set<String> = [titleKey(book.title, book.authors.first ?? "")]
        if let index = book.seriesIndex {
            // A volume is named by its series, its title, or its title without
            // the `, Vol. N` the synthetic titles carry.
            keys.insert(volumeKey(book.title, index))
            if let series = book.series {
                keys.insert(volumeKey(series, index))
                keys.insert(volumeKey("\(series), Vol. \(volumeText(index))", index))
            }
        }
        for key in keys {
            for i in wanted[key] ?? [] where names[i].book.id != book.id { names[i].twins += 1 }
        }
    }
}
