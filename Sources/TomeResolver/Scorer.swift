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
/// | the title is a whole part of the name (`It - Stephen King`) | +70 |
/// | an alt title is a whole part | +65 |
/// | the title without its volume marker, when the name names no volume | +45 |
/// | the title appears as a phrase in the name (2+ words, or one word of 5+ letters) | +55 (alt +50) |
/// | the name is a word-bounded leading fragment of the title (truncated: +55) | +45 |
/// | the title with one character's typo (20+ characters: +58) | +50 |
/// | the series name | +30 |
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
    }

    static func views(of e: FilenameEvidence, normalizer: TextNormalizer) -> [View] {
        var result = [view(segments: e.segments.map { ($0.tokens, $0.afterDash, $0.text) }, seriesHint: e.seriesHint.map(normalizer.tokens))]
        // A transliterated view, when the name has letters outside ASCII.
        if e.segments.contains(where: { !$0.text.unicodeScalars.allSatisfy(\.isASCII) }) {
            let latin = e.segments.map { (normalizer.latinTokens($0.text), $0.afterDash, $0.text) }
            if latin.map(\.0) != e.segments.map(\.tokens) {
                result.append(view(segments: latin, seriesHint: e.seriesHint.map(normalizer.latinTokens)))
            }
        }
        return result
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
        if let seriesHint, !seriesHint.isEmpty { readings.append(seriesHint) }
        var dashParts: [(Range<Int>, String)] = []
        for (i, segment) in segments.enumerated() {
            let dashed = segment.1 || (i + 1 < segments.count && segments[i + 1].1)
            if dashed { dashParts.append((ranges[i], segment.2)) }
        }
        var seen = Set<[String]>()
        readings = readings.filter { !$0.isEmpty && seen.insert($0).inserted }
        return View(tokens: tokens, readings: readings, segmentReadings: segmentReadings, dashParts: dashParts)
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
        var authorTokens: [[String]]
        var altTokens: [[String]]

        init(row: Row, altKeys: [String]) {
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
            altTokens = altKeys.map { split($0) }.filter { !$0.isEmpty }
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
        var explained = [Bool](repeating: false, count: v.tokens.count)
        func mark(_ range: Range<Int>?) { if let range { for i in range { explained[i] = true } } }
        func free(_ range: Range<Int>) -> Bool { range.allSatisfy { !explained[$0] } }

        // Title.
        var forms: [(tokens: [String], method: Resolution.Method, label: String, exact: Double, phrase: Double)] = []
        let nameHasVolume = e.volume != nil
        forms.append((c.titleTokens, .title, "title", 70, 55))
        if c.coreTokens != c.titleTokens, !c.coreTokens.isEmpty {
            let bare = c.coreVolume != nil && !nameHasVolume && e.trailingNumber != c.coreVolume
            forms.append((c.coreTokens, .title, bare ? "title without its volume" : "title", bare ? 45 : 70, bare ? 40 : 55))
        }
        if c.latinTokens != c.titleTokens, !c.latinTokens.isEmpty { forms.append((c.latinTokens, .title, "title (transliterated)", 70, 55)) }
        for alt in c.altTokens { forms.append((alt, .altTitle, "alt title", 65, 50)) }

        var titleMatch: (points: Double, label: String, method: Resolution.Method, range: Range<Int>?)?
        func consider(_ points: Double, _ label: String, _ method: Resolution.Method, _ range: Range<Int>?) {
            if titleMatch == nil || points > titleMatch!.points { titleMatch = (points, label, method, range) }
        }
        for form in forms where !form.tokens.isEmpty {
            if v.readings.contains(form.tokens) {
                consider(form.exact, "\(form.label) exact", form.method, occurrence(form.tokens, in: v.tokens))
                continue
            }
            if phraseAllowed(form.tokens), let range = occurrence(form.tokens, in: v.tokens) {
                consider(form.phrase, "\(form.label) phrase", form.method, range)
            }
            for reading in v.readings {
                // A leading fragment of the title: a truncated name.
                if reading.count >= 3, reading.count < form.tokens.count, reading.joined().count >= 15 {
                    let k = reading.count
                    let whole = Array(form.tokens.prefix(k)) == reading
                    let cut = e.truncated && Array(form.tokens.prefix(k - 1)) == Array(reading.dropLast())
                        && form.tokens[k - 1].hasPrefix(reading[k - 1])
                    if whole || cut {
                        consider(e.truncated ? 55 : 45, "\(form.label) leading fragment", form.method, occurrence(reading, in: v.tokens))
                    }
                }
                // One character's typo.
                let a = reading.joined(separator: " "), b = form.tokens.joined(separator: " ")
                if b.count >= 12, abs(a.count - b.count) <= 1, a != b, editDistanceIsOne(a, b) {
                    consider(b.count >= 20 ? 58 : 50, "\(form.label) with one typo", .typo, occurrence(reading, in: v.tokens))
                }
            }
        }
        if let t = titleMatch {
            result.parts.append((t.label, t.points))
            result.titleMethod = t.method
            mark(t.range)
        }

        // Series.
        var seriesMatched = false
        if !c.seriesTokens.isEmpty {
            if let range = occurrence(c.seriesTokens, in: v.tokens), free(range),
               v.readings.contains(c.seriesTokens) || phraseAllowed(c.seriesTokens) {
                result.parts.append(("series", 30))
                mark(range)
                seriesMatched = true
            } else if let range = occurrence(c.seriesTokens, in: v.tokens), !free(range) {
                seriesMatched = true  // the title already says it
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

        // Author.
        var authorPoints = 0.0, authorLabel = "", authorRange: Range<Int>?
        for author in c.authorTokens {
            if let range = occurrence(author, in: v.tokens, where: free) {
                if authorPoints < 25 { authorPoints = 25; authorLabel = "author"; authorRange = range }
            } else if let surname = author.last, surname.count >= 4, let i = v.tokens.indices.first(where: { v.tokens[$0] == surname && !explained[$0] }) {
                if authorPoints < 12 { authorPoints = 12; authorLabel = "author surname"; authorRange = i..<(i + 1) }
            }
        }
        if authorPoints < 25 {
            // `by Author`, `(Author)`: read out of the title text.
            for candidate in e.authors where candidate.position == .by || candidate.position == .parenthesised {
                let tokens = TextNormalizer.shared.tokens(candidate.name)
                if c.authorTokens.contains(where: { $0 == tokens || (tokens.count >= 2 && occurrence(tokens, in: $0) != nil) }) {
                    authorPoints = 25; authorLabel = "author (\(candidate.position.rawValue))"; authorRange = nil
                }
            }
        }
        if authorPoints > 0 {
            result.parts.append((authorLabel, authorPoints))
            mark(authorRange)
        }

        // Small agreements.
        if let year = e.year, year == c.year { result.parts.append(("year \(year)", 5)) }
        if let ext = e.fileExtension, comicExtensions.contains(ext), c.bookType == "manga" || c.bookType == "comic" {
            result.parts.append(("comic archive for a \(c.bookType!)", 3))
        }

        // What nothing explains.
        var penalty = 0.0
        for part in v.dashParts where free(part.range) && part.range.contains(where: { !FTSQuery.stopwords.contains(v.tokens[$0]) }) {
            result.parts.append(("unexplained part \"\(part.text)\"", -30))
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
