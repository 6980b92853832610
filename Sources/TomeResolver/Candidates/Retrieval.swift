import TomeCatalog
import TomeFilename
import TomeNormalization

/// Which books to score for a name: asked of the catalog's exact keys and
/// FTS5 index (``CatalogReader``), never by a scan.
///
/// In order, up to ``Retrieval/candidateLimit`` books (steps 1 and 2 are
/// one statement, ``exact(views:evidence:wholeName:reader:)``; step 3,
/// ``fullText(views:evidence:after:reader:)``, runs only when the exact
/// keys do not explain the name — see ``ResolveRun``):
/// 1. with a volume in the name, the books of a series named by a reading,
///    that volume first (`Berserk v02`): the most specific lookup must not
///    be crowded out;
/// 2. books with an exact key equal to a reading (the name's volume first);
/// 3. the best FTS5 matches of all the name's distinctive words; each part
///    alone when that found little; a prefix query for a truncated name.
///
/// When nothing retrieved is eligible, ``fuzzy(views:excluding:reader:)``
/// looks wider: any of the name's four longest words.
enum Retrieval {
    /// At most this many candidates are scored per name.
    static let candidateLimit = 60
    /// FTS queries use at most this many of the name's words.
    static let queryTokenLimit = 24

    /// Steps 1 and 2: every exact key the name offers, in one statement;
    /// and apart (`longer`), the books with a longer key starting with one of
    /// them (`The Stand: Captain Trips` for `The Stand`). `isComplete` is
    /// false when a lookup was cut by a limit: then the exact candidates
    /// cannot give a final answer.
    static func exact(views: [NameView], evidence: FilenameEvidence, wholeName: WholeName,
                      reader: inout CatalogReader) throws -> (ids: [Int64], longer: [Int64], isComplete: Bool) {
        let volume = evidence.volume ?? evidence.trailingNumber
        var lookup = ExactLookup(wholeName: wholeName.key.isEmpty ? nil : wholeName.key, volume: volume)
        if let volume {
            var seriesKeys: [String] = []
            var seen = Set<String>()
            for view in views {
                for reading in view.readings where !reading.isEmpty {
                    let key = reading.joined(separator: " ")
                    if seen.insert(key).inserted { seriesKeys.append(key) }
                    // `Paper Girls 012`: the series without its trailing number.
                    if evidence.volume == nil, reading.count >= 2, let last = reading.last, Double(last) == volume {
                        let shorter = reading.dropLast().joined(separator: " ")
                        if seen.insert(shorter).inserted { seriesKeys.append(shorter) }
                    }
                }
            }
            lookup.seriesKeys = seriesKeys
        }
        var keys: Set<String> = [wholeName.key]
        for view in views {
            for reading in view.readings where !reading.isEmpty {
                // Books of the name's volume first: a series whose volumes all
                // share one title may hold more books than the limit.
                let key = reading.joined(separator: " ")
                if keys.insert(key).inserted { lookup.keys.append(key) }
            }
        }
        // A bracketed group read only as a tag may be another book's title
        // (`Words of Radiance (Oathbringer)`): its books become candidates,
        // for ``Veto/otherBookNamed`` to see.
        for group in evidence.unreadGroups {
            let key = TextNormalizer.shared.tokens(group).joined(separator: " ")
            if !key.isEmpty, keys.insert(key).inserted { lookup.keys.append(key) }
        }
        // So is a part such a group cut in two (`Hunger: A Memoir of (My) Body`).
        for split in evidence.tagSplitParts {
            let key = split.tokens.joined(separator: " ")
            if keys.insert(key).inserted { lookup.keys.append(key) }
        }
        var ids: [Int64] = []
        var seen = Set<Int64>()
        let found = try reader.bookIDs(exact: lookup)
        for id in found.ids where seen.insert(id).inserted && ids.count < candidateLimit {
            ids.append(id)
        }
        // Books with a longer key that starts like the name (`The Stand:
        // Captain Trips` for `The Stand`): the rivals a whole title has.
        var longer: [Int64] = []
        for id in found.extended where seen.insert(id).inserted && ids.count + longer.count < candidateLimit {
            longer.append(id)
        }
        // Final only when nothing was cut.
        return (ids, longer, found.isComplete && ids.count + longer.count < candidateLimit)
    }

    /// Step 3: full-text matches, after the exact ids `found` (kept first),
    /// up to ``candidateLimit`` in all.
    static func fullText(views: [NameView], evidence: FilenameEvidence, after found: [Int64],
                         reader: inout CatalogReader) throws -> [Int64] {
        var ids = found
        var seen = Set(found)
        func add(_ found: [Int64]) {
            for id in found where seen.insert(id).inserted && ids.count < candidateLimit { ids.append(id) }
        }
        for view in views where !view.tokens.isEmpty {
            // All the name's words, in any column: `Author - Title` finds the book.
            let all = try reader.bookIDs(matching: FTSQuery.all(FTSQuery.distinctive(Array(view.tokens.prefix(queryTokenLimit)))),
                                         limit: 25)
            add(all)
            // Each part alone, when the whole name found little (a part the
            // catalog does not hold, such as a release group's name).
            if all.count < 3 && view.segmentReadings.count > 1 {
                for reading in view.segmentReadings where !reading.isEmpty && reading != view.tokens {
                    add(try reader.bookIDs(matching: FTSQuery.all(FTSQuery.distinctive(Array(reading.prefix(queryTokenLimit)))),
                                           limit: 15))
                }
            }
            if evidence.truncated, view.tokens.count >= 3 {
                add(try reader.bookIDs(matching: FTSQuery.all(Array(view.tokens.prefix(queryTokenLimit)), lastIsPrefix: true),
                                       limit: 15))
            }
        }
        return ids
    }

    /// Wider retrieval, for typos and reordered words: any of the name's
    /// distinctive words.
    static func fuzzy(views: [NameView], excluding: Set<Int64>, reader: inout CatalogReader) throws -> [Int64] {
        var ids: [Int64] = []
        for view in views {
            guard let query = FTSQuery.any(view.tokens) else { continue }
            for id in try reader.bookIDs(matching: query, limit: 20) where !excluding.contains(id) && !ids.contains(id) {
                ids.append(id)
            }
        }
        return ids
    }
}
