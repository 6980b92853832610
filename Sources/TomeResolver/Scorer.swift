import Foundation
import GRDB
import TomeCatalog
import TomeFilename
import TomeNormalization

/// Scores a candidate book against a filename's evidence.
///
/// Points, each recorded as a named part so `--explain` can show them:
///
/// | Evidence | Points |
/// |---|---|
/// | the title is a whole part of the name (`It - Stephen King`) | +80 (+50 when the name states a volume) |
/// | an alt title is a whole part | +75 (+45 with a volume) |
/// | the title without its volume marker, when the name names no volume | +45 |
/// | the title inside a longer part whose rest the author or series explains | as a whole part |
/// | the title inside a longer part otherwise (2+ words, or one word of 5+ letters) | +20 |
/// | a leading fragment of the title, cut mid-word or at the device's limit (whole words only: +20) | +60 |
/// | the title with one character's typo (20+ characters: +58) | +50 |
/// | the series name (a whole part, with a volume in the name: +50) | +30 |
/// | the volume read from the name equals the series index | +30 |
/// | an author's full name / surname | +25 / +12 |
/// | the year in brackets equals the book's year | +5 |
/// | a comic-book archive for a manga or comic | +3 |
/// | a part of the name around a spaced dash that nothing explains | −30 |
/// | any other unexplained word (stopword −2) | −8 |
///
/// A volume read from the name is authoritative: a book with another index,
/// or none, is disqualified. Short titles (`It`, `Us`, `1984`) match only as a
/// whole part of the name.
enum Scorer {
    /// The least a candidate must score to be answered.
    static let threshold = 55.0
    /// How far ahead of the next candidate the best must be.
    static let margin = 15.0

    static let comicExtensions: Set<String> = ["cbz", "cbr", "cb7", "cbt", "cba"]

    // MARK: Views of the name

    /// The name's tokens and the readings (token runs) that may be a whole
    /// title: the whole name, each part, the name without its first or last
    /// part, the series hint.
    struct View {
        var tokens: [String]
        var readings: [[String]]
        var segmentReadings: [[String]]
        /// Token ranges of parts that stand around a spaced dash.
        var dashParts: [(range: Range<Int>, text: String)]
        /// The token range of each part of the name.
        var segmentRanges: [Range<Int>]
        /// The series hint's tokens (own script and Latin), normalized once per name.
        var seriesHint: [[String]] = []
        /// `by Author` and `(Author)` candidates, normalized once per name.
        var namedAuthors: [(name: String, position: AuthorCandidate.Position, tokens: [String])] = []

        /// The part holding token `i`.
        func segment(containing i: Int) -> Range<Int>? { segmentRanges.first { $0.contains(i) } }
    }

    static func views(of e: FilenameEvidence, normalizer: TextNormalizer) -> [View] {
        var result = [view(segments: e.segments.map { ($0.tokens, $0.afterDash, $0.text) }, seriesHint: e.seriesHint.map(normalizer.tokens))]
        let hint = e.seriesHint.map { [normalizer.tokens($0), normalizer.latinTokens($0)] } ?? []
        let named = e.authors.filter { $0.position == .by || $0.position == .parenthesised }
            .map { ($0.name, $0.position, compacted(normalizer.tokens($0.name)).tokens) }
        func finish(_ views: [View]) -> [View] {
            views.map { var v = $0; v.seriesHint = hint; v.namedAuthors = named; return v }
        }
        // A transliterated view, when the name has letters outside ASCII.
        if e.segments.contains(where: { !$0.text.unicodeScalars.allSatisfy(\.isASCII) }) {
            let latin = e.segments.map { (normalizer.latinTokens($0.text), $0.afterDash, $0.text) }
            if latin.map(\.0) != e.segments.map(\.tokens) {
                result.append(view(segments: latin, seriesHint: e.seriesHint.map(normalizer.latinTokens)))
            }
        }
        return finish(result)
    }

    static func view(segments: [([String], Bool, String)], seriesHint: [String]?) -> View {
        var tokens: [String] = []
        var ranges: [Range<Int>] = []
        for (t, _, _) in segments {
            ranges.append(tokens.count..<(tokens.count + t.count))
            tokens += t
        }
        var readings: [[String]] = [tokens]
        let segmentReadings = segments.map(\.0)
        if segments.count > 1 {
            readings += segmentReadings
            readings.append(Array(segments.dropFirst().flatMap(\.0)))
            readings.append(Array(segments.dropLast().flatMap(\.0)))
        }
        var dashParts: [(Range<Int>, String)] = []
        for (i, segment) in segments.enumerated() {
            let dashed = segment.1 || (i + 1 < segments.count && segments[i + 1].1)
            if dashed { dashParts.append((ranges[i], segment.2)) }
        }
        var seen = Set<[String]>()
        readings = readings.filter { !$0.isEmpty && seen.insert($0).inserted }
        return View(tokens: tokens, readings: readings, segmentReadings: segmentReadings, dashParts: dashParts, segmentRanges: ranges)
    }

    // MARK: Candidates

    /// A candidate book, with the normalized forms the catalog stored.
    struct Candidate {
        var id: Int64
        var title: String
        var authors: [String]
        var series: String?
        var seriesIndex: Double?
        var bookType: String?
        var year: Int?
        var titleTokens: [String]
        var latinTokens: [String]
        var coreTokens: [String]
        var coreVolume: Double?
        var seriesTokens: [String]
        var seriesLatinTokens: [String]
        var authorTokens: [[String]]
        /// Alt titles, and whether each is a transliteration.
        var altTokens: [(tokens: [String], latin: Bool)]

        init(row: Row, altKeys: [(key: String, kind: String)]) {
            func split(_ s: String?) -> [String] { s.map { $0.split(separator: " ").map(String.init) } ?? [] }
            id = row["id"]
            title = row["title"]
            authors = Self.strings(row["authors"])
            series = row["series"]
            seriesIndex = row["series_index"]
            bookType = row["book_type"]
            year = row["year"]
            titleTokens = split(row["title_key"])
            latinTokens = split(row["title_latin_key"])
            coreTokens = split(row["core_key"])
            coreVolume = row["core_volume"]
            seriesTokens = split(row["series_key"])
            authorTokens = Self.strings(row["author_keys"]).map { split($0) }.filter { !$0.isEmpty }
            altTokens = altKeys.filter { $0.kind == "alt" || $0.kind == "alt_latin" }.map { (split($0.key), $0.kind == "alt_latin") }.filter { !$0.tokens.isEmpty }
            seriesLatinTokens = altKeys.first { $0.kind == "series_latin" }.map { split($0.key) } ?? []
        }

        static func strings(_ text: String?) -> [String] {
            guard let text, text != "[]", let data = text.data(using: .utf8),
                  let array = try? JSONSerialization.jsonObject(with: data) as? [String] else { return [] }
            return array
        }

        /// The volume this book is: its series index, else the volume its title names.
        var volume: Double? { (series != nil ? seriesIndex : nil) ?? coreVolume }
    }

    // MARK: Scoring

    static func score(_ c: Candidate, evidence e: FilenameEvidence, views: [View]) -> CandidateScore {
        var best: CandidateScore?
        for view in views {
            let s = score(c, e, view)
            if best == nil || (s.disqualified == nil && (best!.disqualified != nil || s.total > best!.total)) { best = s }
        }
        return best!
    }

    static func score(_ c: Candidate, _ e: FilenameEvidence, _ v: View) -> CandidateScore {
        var result = CandidateScore(bookID: c.id, title: c.title, authors: c.authors, series: c.series,
                                    seriesIndex: c.seriesIndex, parts: [], disqualified: nil, titleMethod: nil)
        result.group = (c.seriesTokens.isEmpty ? c.coreTokens : c.seriesTokens).joined(separator: " ")
        var explained = [Bool](repeating: false, count: v.tokens.count)
        func mark(_ range: Range<Int>?) { if let range { for i in range { explained[i] = true } } }
        func free(_ range: Range<Int>) -> Bool { range.allSatisfy { !explained[$0] } }

        // Title.
        var forms: [(tokens: [String], method: Resolution.Method, label: String, exact: Double)] = []
        let nameHasVolume = e.volume != nil
        // With a volume in the name (`Overlord Vol. 1`, `Valley v19`), the words
        // may name a title or a series alike: both weigh the same, 50.
        let whole: Double = nameHasVolume ? 50 : 80
        forms.append((c.titleTokens, .title, "title", whole))
        if c.coreTokens != c.titleTokens, !c.coreTokens.isEmpty {
            let bare = c.coreVolume != nil && !nameHasVolume && e.trailingNumber != c.coreVolume
            forms.append((c.coreTokens, .title, bare ? "title without its volume" : "title", bare ? 45 : whole))
        }
        // Transliterations of very short titles collide (`Мы` → `my`): they count from four letters.
        if c.latinTokens != c.titleTokens, c.latinTokens.joined().count >= 4 { forms.append((c.latinTokens, .title, "title (transliterated)", whole)) }
        for alt in c.altTokens where !alt.latin || alt.tokens.joined().count >= 4 {
            forms.append((alt.tokens, .altTitle, alt.latin ? "alt title (transliterated)" : "alt title", whole - 5))
        }

        var titleMatch: (points: Double, label: String, method: Resolution.Method, range: Range<Int>?)?
        /// A title found inside a longer part: it counts in full only if the
        /// rest of that part is explained (by the author, the series…).
        var inside: (points: Double, label: String, method: Resolution.Method, range: Range<Int>, allowed: Bool)?
        func consider(_ points: Double, _ label: String, _ method: Resolution.Method, _ range: Range<Int>?) {
            if titleMatch == nil || points > titleMatch!.points { titleMatch = (points, label, method, range) }
        }
        for form in forms where !form.tokens.isEmpty {
            if v.readings.contains(form.tokens) {
                consider(form.exact, "\(form.label) exact", form.method, occurrence(form.tokens, in: v.tokens))
                continue
            }
            if let range = occurrence(form.tokens, in: v.tokens), inside == nil || form.exact > inside!.points {
                inside = (form.exact, form.label, form.method, range, phraseAllowed(form.tokens))
            }
            for reading in v.readings {
                // A leading fragment of the title: a name cut by a device or by
                // Calibre's 42-character limit, maybe in the middle of a word.
                let k = reading.count
                if k >= 3, k < form.tokens.count || (k == form.tokens.count && reading.last != form.tokens.last),
                   reading.joined().count >= 15 {
                    let whole = Array(form.tokens.prefix(k)) == reading
                    let cut = Array(form.tokens.prefix(k - 1)) == Array(reading.dropLast())
                        && form.tokens[k - 1].hasPrefix(reading[k - 1]) && (e.truncated || k >= 4)
                    if whole || cut {
                        // Cut mid-word, or a name at the device's length limit: a
                        // truncation. Whole words of a longer title, in a name that
                        // ends cleanly, may just be another book's full title.
                        let points: Double = e.truncated || (cut && !whole) ? 60 : 20
                        consider(points, "\(form.label) leading fragment", form.method, occurrence(reading, in: v.tokens))
                    }
                }
                // One character's typo.
                let a = reading.joined(separator: " "), b = form.tokens.joined(separator: " ")
                if b.count >= 12, abs(a.count - b.count) <= 1, a != b, editDistanceIsOne(a, b) {
                    consider(b.count >= 20 ? 58 : 50, "\(form.label) with one typo", .typo, occurrence(reading, in: v.tokens))
                }
            }
        }
        // What the title inside a longer part would be worth: in full only if
        // the candidate's authors or series can explain the rest of its part.
        if let found = inside, let part = v.segment(containing: found.range.lowerBound) {
            var explainable = Set(found.range)
            for words in c.authorTokens + c.authorTokens.map({ compacted($0).tokens }) + [c.seriesTokens] where !words.isEmpty {
                for start in v.tokens.indices where v.tokens[start...].starts(with: words) {
                    explainable.formUnion(start..<(start + words.count))
                }
                if let surname = words.last, surname.count >= 4 {
                    for i in v.tokens.indices where v.tokens[i] == surname { explainable.insert(i) }
                }
            }
            let initials = Set(v.tokens.indices.filter { v.tokens[$0].count == 1 })
            let full = part.allSatisfy { explainable.contains($0) || (initials.contains($0) && explainable.contains(where: { part.contains($0) && !found.range.contains($0) })) }
            if !full { inside!.points = found.allowed ? 20 : 0 }
        }
        if let found = inside, found.points > 0, titleMatch == nil || found.points > titleMatch!.points {
            // Provisional: checked once the author and series have had their say.
            titleMatch = (found.points, found.label, found.method, found.range)
        } else {
            inside = nil
        }
        var titlePart: Int?
        if let t = titleMatch {
            titlePart = result.parts.count
            result.parts.append((inside == nil ? t.label : "\(t.label) in the name", t.points))
            result.titleMethod = t.method
            mark(t.range)
        }

        // Series: in its own part of the name, or read from `(Series, Book 3)`.
        var seriesMatched = false
        // `The Twilight Saga Vol. 1`: a title found inside the series' name
        // is the series, not the title.
        if let found = inside, let index = titlePart, !c.seriesTokens.isEmpty,
           let range = occurrence(c.seriesTokens, in: v.tokens), range.contains(found.range.lowerBound),
           range.contains(found.range.upperBound - 1), range.count > found.range.count {
            result.parts.remove(at: index)
            result.titleMethod = nil
            for i in found.range { explained[i] = false }
            inside = nil
            titlePart = nil
        }
        let titleSegment = titlePart == nil ? nil : titleMatch?.range.flatMap { $0.isEmpty ? nil : v.segment(containing: $0.lowerBound) }
        if !c.seriesTokens.isEmpty {
            if let range = occurrence(c.seriesTokens, in: v.tokens, where: free),
               v.readings.contains(c.seriesTokens) || phraseAllowed(c.seriesTokens) {
                mark(range)
                seriesMatched = true
                if let titleSegment, titleSegment.contains(range.lowerBound) {
                    // `The Infernal Devices: Clockwork Angel`: series and title
                    // together are one title; no extra points for the series.
                    result.parts.append(("series with the title", 0))
                } else if nameHasVolume && v.readings.contains(c.seriesTokens) {
                    result.parts.append(("series (a whole part)", 50))
                } else {
                    result.parts.append(("series", 30))
                }
            } else if occurrence(c.seriesTokens, in: v.tokens) != nil {
                seriesMatched = true  // the title already says it
            } else if v.seriesHint.contains(c.seriesTokens) {
                result.parts.append(("series (in brackets)", 30))
                seriesMatched = true
            }
        }

        // Volume: authoritative when the name states one.
        var volumeMatched = false
        if let volume = e.volume {
            if c.volume == volume {
                result.parts.append(("volume \(fmt(volume))", 30))
                volumeMatched = true
            } else if let own = c.volume {
                result.disqualified = "the name says volume \(fmt(volume)); this book is volume \(fmt(own))"
            } else {
                result.disqualified = "the name says volume \(fmt(volume)); this book has no volume"
            }
        } else if let number = e.trailingNumber, let last = v.tokens.indices.last, !explained[last],
                  v.tokens[last] == normalizedNumber(number), c.volume == number {
            result.parts.append(("volume \(fmt(number)) (trailing number)", 25))
            explained[last] = true
            volumeMatched = true
        }
        if result.titleMethod == nil, seriesMatched, volumeMatched { result.titleMethod = .series }

        // Author. Initials are compared joined (`J. K.` meets `J.K.`).
        var authorPoints = 0.0, authorLabel = "", authorRange: Range<Int>?
        let (compact, compactMap) = compacted(v.tokens)
        // (The catalog stores non-Latin authors in Latin letters too.) Names
        // also as `Last, First`: `Coben, Harlan - The Stranger`.
        var authorForms = c.authorTokens
        for author in c.authorTokens where author.count >= 2 {
            authorForms.append([author[author.count - 1]] + author.dropLast())
        }
        for author in authorForms {
            let wanted = compacted(author).tokens
            if let r = occurrence(wanted, in: compact, where: { free(compactMap[$0.lowerBound].lowerBound..<compactMap[$0.upperBound - 1].upperBound) }) {
                if authorPoints < 25 {
                    authorPoints = 25; authorLabel = "author"
                    authorRange = compactMap[r.lowerBound].lowerBound..<compactMap[r.upperBound - 1].upperBound
                }
            } else if let surname = author.last, surname.count >= 4,
                      let i = v.tokens.indices.first(where: { v.tokens[$0] == surname && !explained[$0] }),
                      let part = v.segment(containing: i) {
                // A surname alone may stand for the author; a surname with
                // another first name (`Brian Herbert` for Frank) contradicts it.
                let others = part.filter { $0 != i && !explained[$0] }
                if others.isEmpty, authorPoints < 12 { authorPoints = 12; authorLabel = "author surname"; authorRange = i..<(i + 1) }
            } else if author.count >= 2, authorPoints < 15,
                      let r = similarOccurrence(author, in: v.tokens, where: free) {
                // Another spelling of the same name: `Fyodor Dostoevsky` for `Fedor Dostoevskiy`.
                authorPoints = 15; authorLabel = "author (spelled differently)"; authorRange = r
            }
        }
        // `by Author`, `(Author)`: read out of the title text.
        for candidate in v.namedAuthors {
            let tokens = candidate.tokens
            guard !tokens.isEmpty, !c.authorTokens.isEmpty else { continue }
            let matches = c.authorTokens.contains { author in
                let a = compacted(author).tokens
                return a == tokens || (tokens.count >= 2 && occurrence(tokens, in: a) != nil) || (tokens.count == 1 && tokens[0].count >= 3 && a.contains(tokens[0]))
            }
            if matches {
                if authorPoints < 25 { authorPoints = 25; authorLabel = "author (\(candidate.position.rawValue))"; authorRange = nil }
            } else {
                result.parts.append(("the name's author \"\(candidate.name)\" is not this book's", -30))
            }
        }
        if authorPoints > 0 {
            result.parts.append((authorLabel, authorPoints))
            mark(authorRange)
        }

        // `Dune (2)`: a second copy, or volume 2 — never a contradiction.
        if let n = e.bracketedNumber, let own = c.volume, own != n {
            result.parts.append(("(\(fmt(n))) may be volume \(fmt(n)); this book is volume \(fmt(own))", -30))
        }

        // A title inside a longer part counts in full only when the rest of
        // that part is explained; `Hunger` inside `The Hunger Games` does not.
        if let found = inside, let index = titlePart, let segment = v.segment(containing: found.range.lowerBound) {
            if segment.allSatisfy({ explained[$0] }) {
                result.parts[index] = ("\(found.label) exact (with the author or series)", found.points)
            } else if found.allowed {
                result.parts[index] = ("\(found.label) inside a longer part", 20)
            } else {
                result.parts.remove(at: index)
                result.titleMethod = seriesMatched && volumeMatched ? .series : nil
                for i in found.range { explained[i] = false }
            }
        }

        // Small agreements.
        if let year = e.year, year == c.year { result.parts.append(("year \(year)", 5)) }
        if let ext = e.fileExtension, comicExtensions.contains(ext), c.bookType == "manga" || c.bookType == "comic" {
            result.parts.append(("comic archive for a \(c.bookType!)", 3))
        }

        // What nothing explains.
        var penalty = 0.0
        for part in v.dashParts where part.range.contains(where: { !explained[$0] && !FTSQuery.stopwords.contains(v.tokens[$0]) }) {
            let whole = free(part.range)
            result.parts.append((whole ? "unexplained part \"\(part.text)\"" : "part \"\(part.text)\" only partly explained", -30))
            mark(part.range)
        }
        var words: [String] = []
        for i in v.tokens.indices where !explained[i] {
            penalty += FTSQuery.stopwords.contains(v.tokens[i]) ? 2 : 8
            words.append(v.tokens[i])
        }
        if penalty > 0 {
            result.parts.append(("unexplained \(words.prefix(6).joined(separator: " "))", -min(penalty, 48)))
        }
        return result
    }

    /// Points a candidate earned from the name's words (title, series,
    /// author), leaving the volume aside.
    static func nameEvidence(_ s: CandidateScore) -> Double {
        s.parts.filter { $0.points > 0 && !$0.name.hasPrefix("volume") && !$0.name.hasPrefix("comic") && !$0.name.hasPrefix("year") }
            .reduce(0) { $0 + $1.points }
    }

    /// True when the candidate may be answered.
    static func isEligible(_ s: CandidateScore) -> Bool {
        s.disqualified == nil && s.titleMethod != nil && s.total >= threshold
    }

    /// A title may match inside a longer name only when it is distinctive.
    static func phraseAllowed(_ tokens: [String]) -> Bool {
        if tokens.count >= 2 { return tokens.joined().count >= 6 }
        guard let only = tokens.first else { return false }
        return only.count >= 5 && !only.allSatisfy(\.isNumber)
    }

    static func occurrence(_ needle: [String], in haystack: [String], where ok: (Range<Int>) -> Bool = { _ in true }) -> Range<Int>? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) {
            var match = true
            for j in needle.indices where haystack[start + j] != needle[j] { match = false; break }
            if match, ok(start..<(start + needle.count)) { return start..<(start + needle.count) }
        }
        return nil
    }

    static func normalizedNumber(_ value: Double) -> String { fmt(value) }

    /// Where `needle` occurs with every word equal or close: same first
    /// letter, at least four letters, at most two edits apart.
    static func similarOccurrence(_ needle: [String], in haystack: [String], where ok: (Range<Int>) -> Bool) -> Range<Int>? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) {
            let range = start..<(start + needle.count)
            let close = needle.indices.allSatisfy { j in
                let a = needle[j], b = haystack[start + j]
                return a == b || (a.count >= 4 && b.count >= 4 && a.first == b.first && editDistance(a, b, limit: 2) <= 2)
            }
            if close, ok(range) { return range }
        }
        return nil
    }

    /// Levenshtein distance, giving up (returning `limit + 1`) beyond `limit`.
    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let x = Array(a), y = Array(b)
        if abs(x.count - y.count) > limit { return limit + 1 }
        var previous = Array(0...y.count)
        for i in 1...max(x.count, 1) where !x.isEmpty {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...max(y.count, 1) where !y.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            if current.min()! > limit { return limit + 1 }
            previous = current
        }
        return previous[y.count]
    }

    /// Joins runs of one-letter tokens (`j k rowling` → `jk rowling`), with
    /// the range of original tokens behind each compacted one.
    static func compacted(_ tokens: [String]) -> (tokens: [String], map: [Range<Int>]) {
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

    /// True when `a` and `b` differ by exactly one substitution, insertion,
    /// deletion or transposition of adjacent characters.
    static func editDistanceIsOne(_ a: String, _ b: String) -> Bool {
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

    // MARK: Reasons

    static func refusalReason(_ ranked: [CandidateScore], evidence e: FilenameEvidence) -> String {
        if let volume = e.volume {
            let siblings = ranked.filter { $0.disqualified != nil && ($0.parts.contains { $0.name.hasPrefix("series") || $0.name.hasPrefix("title") }) }
            if let sibling = siblings.first {
                let name = sibling.series ?? e.seriesHint ?? sibling.title
                return "volume \(fmt(volume)) of \(name) is not in the catalog"
            }
        }
        if let best = ranked.first(where: { $0.disqualified == nil && $0.total > 0 }) {
            return "no confident match: the best candidate, \(best.title) (\(best.bookID)), scores \(Int(best.total.rounded())) of the \(Int(threshold)) needed"
        }
        return "no candidate: no book of the catalog matches the name's words"
    }

    static func ambiguityReason(_ best: CandidateScore, _ second: CandidateScore, live: [CandidateScore], evidence e: FilenameEvidence) -> String {
        let key = TextNormalizer.shared.key(best.title)
        if TextNormalizer.shared.key(second.title) == key {
            let count = live.filter { best.total - $0.total < margin && TextNormalizer.shared.key($0.title) == key }.count
            let hasAuthor = best.parts.contains { $0.name.hasPrefix("author") }
            return "ambiguous: \(count) books titled \(best.title) and the name \(hasAuthor ? "names an author of each" : "has no author")"
        }
        return "ambiguous: \(best.title) (\(best.bookID)) and \(second.title) (\(second.bookID)) match almost equally (\(Int(best.total.rounded())) and \(Int(second.total.rounded())))"
    }
}
