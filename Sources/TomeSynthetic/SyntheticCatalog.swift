import TomeCatalog

/// A deterministic, realistic synthetic catalog of any size, for benchmarks
/// and scale tests.
///
/// The same `count` and `seed` always give the same books. What makes it
/// realistic for a resolver:
/// - series with many volumes (3 to 60), some with half volumes (`2.5`);
/// - titles built from a small vocabulary, so many share common words;
/// - duplicate titles by different authors;
/// - manga volumes with Japanese alt titles, and Russian titles with their
///   transliteration as an alt title;
/// - a file per book with a Calibre-style path and a made-up `ko_md5`.
///
/// It is a ``BookSource``, so an import streams it without a file:
///
/// ```swift
/// var source = SyntheticCatalog(count: 100_000)
/// try catalog.importBooks(from: &source)
/// ```
///
/// `firstID` shifts the ids (and the `(id)` in each file's path) and nothing
/// else: `SyntheticCatalog(count: 100, firstID: 10_001)` is the same 100 books
/// as `SyntheticCatalog(count: 100)`, numbered 10001…10100, to add to another
/// catalog without colliding with its ids.
public struct SyntheticCatalog: BookSource, Sequence, IteratorProtocol {
    public let count: Int
    public let seed: UInt64
    /// The id of the first book (1 by default).
    public let firstID: Int64
    private var rng: SplitMix64
    private var nextID: Int64
    private var series: (name: String, author: String, type: BookType, remaining: Int, index: Double, alt: String?)?
    private var recentTitles: [String] = []

    public private(set) var position: Int?
    public var filesHashed: Int { 0 }

    public init(count: Int, seed: UInt64 = 2026, firstID: Int64 = 1) {
        self.count = count
        self.seed = seed
        self.firstID = firstID
        self.nextID = firstID
        self.rng = SplitMix64(seed: seed)
    }

    public mutating func next() -> CatalogBook? {
        guard nextID - firstID < Int64(count) else { return nil }
        let id = nextID
        nextID += 1
        position = Int(id - firstID + 1)

        if series == nil, rng.chance(0.3) { startSeries() }
        var book: CatalogBook
        if var s = series {
            let title: String
            switch rng.below(3) {
            case 0: title = "\(s.name), Vol. \(format(s.index))"
            case 1: title = s.name  // every volume titled like the series
            default: title = phrase(2...5)
            }
            book = CatalogBook(id: id, title: title, authors: [s.author], series: s.name, seriesIndex: s.index,
                               bookType: s.type, altTitles: s.alt.map { ["\($0) \(format(s.index))巻"] } ?? [],
                               language: s.alt == nil ? "eng" : "jpn", year: 1980 + rng.below(45))
            s.remaining -= 1
            // Mostly whole steps; now and then a half volume (`2.5`) between two.
            s.index = s.index != s.index.rounded(.down) ? s.index.rounded(.up) : s.index + (rng.chance(0.04) ? 0.5 : 1)
            series = s.remaining > 0 ? s : nil
        } else if rng.chance(0.04), !recentTitles.isEmpty {
            let earlier = recentTitles[rng.below(recentTitles.count)]
            // The same title by someone else.
            book = CatalogBook(id: id, title: earlier, authors: [person()], bookType: .book, language: "eng", year: 1900 + rng.below(125))
        } else if rng.chance(0.03) {
            let (cyrillic, latin) = russianTitle()
            book = CatalogBook(id: id, title: latin, authors: [person()], bookType: .book, altTitles: [cyrillic],
                               language: "rus", year: 1850 + rng.below(150))
        } else {
            book = CatalogBook(id: id, title: phrase(1...7), authors: rng.chance(0.1) ? [person(), person()] : [person()],
                               bookType: .book, language: "eng", year: 1900 + rng.below(125))
        }
        if book.series == nil {
            recentTitles.append(book.title)
            if recentTitles.count > 500 { recentTitles.removeFirst(250) }
        }
        let ext = book.bookType == .manga || book.bookType == .comic ? "cbz" : "epub"
        let author = book.authors.first ?? "Unknown"
        let safeTitle = String(book.title.map { "/\\:*?\"<>|".contains($0) ? "_" : $0 })
        book.files = [CatalogFile(path: "\(author)/\(safeTitle) (\(id))/\(safeTitle) - \(author).\(ext)", format: ext,
                                  size: Int64(100_000 + rng.below(5_000_000)), koMD5: rng.hex(32))]
        return book
    }

    private mutating func startSeries() {
        let manga = rng.chance(0.35)
        let name = manga ? phrase(1...3) : (rng.chance(0.5) ? "The " : "") + phrase(1...3) + (rng.chance(0.3) ? " Chronicles" : "")
        let alt = manga ? Self.kana[rng.below(Self.kana.count)] + Self.kanji[rng.below(Self.kanji.count)] : nil
        series = (name, person(), manga ? (rng.chance(0.8) ? .manga : .comic) : (rng.chance(0.2) ? .lightNovel : .book),
                  3 + rng.below(manga ? 58 : 12), rng.chance(0.05) ? 0.5 : 1, alt)
    }

    private mutating func phrase(_ words: ClosedRange<Int>) -> String {
        let n = words.lowerBound + rng.below(words.count)
        var parts: [String] = []
        if n > 1, rng.chance(0.4) { parts.append("The") }
        while parts.count < n {
            let pool = parts.count % 3 == 1 && rng.chance(0.3) ? Self.joiners : Self.words
            parts.append(pool[rng.below(pool.count)])
        }
        if Self.joiners.contains(parts.last!) { parts[parts.count - 1] = Self.words[rng.below(Self.words.count)] }
        return parts.joined(separator: " ")
    }

    private mutating func person() -> String {
        Self.firstNames[rng.below(Self.firstNames.count)] + " " + Self.lastNames[rng.below(Self.lastNames.count)]
    }

    private mutating func russianTitle() -> (String, String) {
        let i = rng.below(Self.russian.count), j = rng.below(Self.russian.count)
        return (Self.russian[i].0 + " и " + Self.russian[j].0, Self.russian[i].1 + " i " + Self.russian[j].1)
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    static let words = [
        "Shadow", "River", "Silent", "Empire", "Night", "Garden", "Stone", "Fire", "Winter", "Queen", "King", "Blood",
        "Secret", "House", "Lost", "City", "Glass", "Iron", "Star", "Moon", "Sun", "Wind", "Storm", "Sea", "Island",
        "Dragon", "Witch", "Crown", "Sword", "Heart", "Light", "Dark", "Golden", "Silver", "Red", "Black", "White",
        "Girl", "Boy", "Man", "Woman", "Children", "Daughter", "Son", "Father", "Mother", "War", "Peace", "Love",
        "Memory", "Time", "Road", "Bridge", "Tower", "Castle", "Forest", "Mountain", "Valley", "Ocean", "Fall",
        "Rise", "Song", "Dance", "Game", "Hunt", "Trial", "Promise", "Lie", "Truth", "Dream", "Ghost", "Angel",
        "Devil", "Saint", "Thief", "Soldier", "Doctor", "Teacher", "Letter", "Book", "Map", "Key", "Door", "Window",
        "Mirror", "Clock", "Bell", "Ship", "Train", "Journey", "Return", "Summer", "Autumn", "Spring", "Rain",
        "Snow", "Ice", "Ash", "Dust", "Bone", "Wolf", "Raven", "Fox", "Lion", "Tiger", "Rose", "Lily", "Orchid",
        "Salt", "Honey", "Bread", "Wine", "Smoke", "Thunder", "Lightning", "Harbor", "Lighthouse", "Library",
    ]
    static let joiners = ["of", "and", "in", "the", "under", "beyond", "from", "at"]
    static let firstNames = [
        "Anna", "James", "Maria", "John", "Elena", "David", "Sofia", "Michael", "Laura", "Robert", "Chloe", "Daniel",
        "Yuki", "Hiroshi", "Akira", "Naoko", "Ivan", "Olga", "Pierre", "Claire", "Lars", "Ingrid", "Carlos", "Lucia",
        "Amira", "Omar", "Priya", "Arjun", "Mei", "Wei", "Kwame", "Ama", "Sean", "Siobhan", "Nora", "Henry", "Grace",
    ]
    static let lastNames = [
        "Smith", "Johnson", "Brown", "Taylor", "Anderson", "Thomas", "Moore", "Martin", "Lee", "Walker", "Hall",
        "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Carter", "Mitchell", "Roberts",
        "Tanaka", "Suzuki", "Yamamoto", "Watanabe", "Ivanov", "Petrova", "Dubois", "Moreau", "Larsen", "Nilsson",
        "Garcia", "Lopez", "Haddad", "Khan", "Patel", "Sharma", "Chen", "Wang", "Mensah", "Osei", "Murphy", "Kelly",
    ]
    static let kana = ["ダンジョン", "ひかり", "まほう", "さくら", "ゆめ", "ほし", "かぜ", "つき"]
    static let kanji = ["飯", "物語", "戦記", "日記", "伝説", "学園", "王国", "剣"]
    static let russian: [(String, String)] = [
        ("Война", "Voyna"), ("мир", "mir"), ("Преступление", "Prestupleniye"), ("наказание", "nakazaniye"),
        ("Отцы", "Ottsy"), ("дети", "deti"), ("Мастер", "Master"), ("Маргарита", "Margarita"), ("Братья", "Bratya"),
    ]
}

/// A small, fast, seedable generator (SplitMix64): the same seed gives the
/// same sequence on every platform.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    public mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    public mutating func hex(_ digits: Int) -> String {
        let alphabet = Array("0123456789abcdef")
        return String((0..<digits).map { _ in alphabet[below(16)] })
    }
}
