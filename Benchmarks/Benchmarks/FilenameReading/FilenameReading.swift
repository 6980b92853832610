// Benchmarks for reading filenames (TomeFilename) and normalizing titles
// (TomeNormalization). See ../../README.md for how to run them and for the
// figures measured.

import Benchmark
import TomeFilename
import TomeNormalization

/// Thirty names of the shapes the reader meets in libraries: OPDS and Calibre
/// exports, scanlation and comic releases, paths, and names in Japanese,
/// Chinese, Korean, Cyrillic, Arabic and full-width forms.
let typicalNames: [String] = [
    // OPDS `Author - Vol. N — Title`
    "Terry Pratchett - Vol. 3 — Equal Rites.epub",
    "Reki Kawahara - Vol. 10.5 — Sword Art Online.epub",
    // Calibre `Title - Author`, and its library paths
    "Catch-22 - Joseph Heller.epub",
    "Dune (1965) - Frank Herbert.epub",
    "Catching Fire (The Hunger Games, Book 2) - Suzanne Collins.epub",
    "Dan Brown/Inferno (21)/Inferno - Dan Brown.epub",
    "/mnt/onboard/Kobo/Brandon Sanderson - Mistborn.kepub.epub",
    "C:\\Books\\Tolkien\\The Hobbit.epub",
    // Series markers
    "A Game of Thrones (A Song of Ice and Fire Book 1).epub",
    "Discworld - 41 - The Shepherd's Crown - Terry Pratchett.epub",
    "Assassin's Apprentice (Farseer Trilogy #1).mobi",
    "86 EIGHTY-SIX, Vol. 1.epub",
    // Scanlation and comics
    "[Group] Chainsaw Man v03 (2019) (Digital).cbz",
    "Berserk v01 (2003) (Digital) (danke-Empire).cbz",
    "Berserk - c001-008 (v01) [Group].cbz",
    "Batman #003 (2016) (Digital) (Zone-Empire).cbr",
    "Amazing Fantasy #15 (1962) c2c.cbr",
    "Akira v01 {r2} [English].cbz",
    "Attack.on.Titan.v01.cbz",
    // Japanese, Chinese, Korean
    "ダンジョン飯 1-3巻.cbz",
    "【小説】ソードアート・オンライン 第1巻.epub",
    "三体 第1册.epub",
    "斗罗大陆 第03卷.epub",
    "나 혼자만 레벨업 7.5권.epub",
    "나 혼자만 레벨업 13화.cbz",
    // Cyrillic, Arabic, Latin with diacritics, full-width
    "Лев Толстой - Война и мир.fb2",
    "Война и мир. Том 1.fb2",
    "نجيب محفوظ - الثلاثية.epub",
    "Astérix Tome 2 - La Serpe d'or.cbz",
    "ＮＡＲＵＴＯ　第１巻.cbz",
]

/// A name of about 10 KB: a realistic head (group, series, volume, year, tags)
/// followed by a long run of title words, as a broken tool or a hostile
/// archive might produce. Kept in memory, it is never a real path.
let longName: String = {
    let head = "[Group] Some Very Long Series v03 (2019) (Digital) - "
    let words = ["The", "Tale", "of", "the", "Heike", "Vol.", "2", "—", "Ивановы", "三体", "레벨업", "Café"]
    var name = head
    var i = 0
    while name.utf8.count < 10_000 {
        name += words[i % words.count] + " "
        i += 1
    }
    return name + "(Scan).epub"
}()

/// A typical title for the normalizer: ASCII, mixed case, punctuation, an
/// ampersand. ASCII text takes the normalizer's fast path (no ICU).
let typicalTitle = "The Lord of the Rings: The Fellowship of the Ring & Other Tales"

/// The same title with a dash, a ligature and diacritics: any byte ≥ 0x80
/// sends the whole title through ICU's fold.
let nonASCIITitle = "The Lord of the Rings: The Fellowship of the Ring & Other Tales — Ænglish Édition"

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 10,
        maxDuration: .seconds(3),
        maxIterations: 1_000_000
    )
    // Open ICU's objects once, before any measurement.
    Benchmark.setup = {
        try TextNormalizer.prepare()
    }

    let reader = FilenameReader()

    // (1) One scaled iteration is one name read; the names are read in turn,
    // so throughput (scaled, `K`) is names read per second over the mix.
    Benchmark(
        "Read typical names",
        configuration: .init(scalingFactor: .kilo)
    ) { benchmark in
        let names = typicalNames
        let count = names.count
        for i in benchmark.scaledIterations {
            blackHole(reader.read(names[i % count]))
        }
    }

    // (2) One iteration is one read of a ~10 KB name.
    Benchmark(
        "Read a 10 KB name",
        configuration: .init(maxDuration: .seconds(3))
    ) { benchmark in
        blackHole(reader.read(longName))
    }

    // (3) One scaled iteration is one `tokens(_:)` of a typical (ASCII) title…
    Benchmark(
        "Normalize a typical title",
        configuration: .init(scalingFactor: .kilo)
    ) { benchmark in
        let normalizer = TextNormalizer.shared
        for _ in benchmark.scaledIterations {
            blackHole(normalizer.tokens(typicalTitle))
        }
    }

    // …and of the same title with non-ASCII letters, which goes through ICU.
    Benchmark(
        "Normalize a non-ASCII title",
        configuration: .init(scalingFactor: .kilo)
    ) { benchmark in
        let normalizer = TextNormalizer.shared
        for _ in benchmark.scaledIterations {
            blackHole(normalizer.tokens(nonASCIITitle))
        }
    }
}
