/// Every exact lookup a name offers, asked in one statement by
/// ``CatalogReader/bookIDs(exact:)``.
///
/// A device name usually carries a whole title, series or alternative title
/// as one of its parts: those are `book_key` rows, found by the key's
/// primary-key index without touching the full-text index. The lookups, in
/// the order their books are returned:
///
/// 1. the ``wholeName`` as a key — at most 10 books, those *without* a
///    series index or title volume first;
/// 2. for each of ``seriesKeys`` (only with a ``volume``): the series' books
///    with that index (at most 5), then its lowest-numbered books (at most 5);
/// 3. each of ``keys`` — at most 20 books each: those whose series index or
///    title volume is ``volume`` first, then one book of each other series
///    (or title) with that key, then — only when the name states no
///    volume — the rest.
///
/// Ties keep the index's order (book id). The statement also says whether a
/// lookup was cut by its limit (``Found/isComplete``): an answer found among
/// them cannot be final when a book with the same key was not seen. Leaving
/// out the lowest-numbered books of a series, or, when the name states a
/// volume, books without it whose series has a book returned, leaves
/// nothing out that could rival. It also returns the
/// books whose keys *extend* a key (``Found/extended``): the rivals a title
/// that starts like the name makes.
///
/// ```swift
/// let lookup = ExactLookup(wholeName: "berserk v02", keys: ["berserk"], seriesKeys: ["berserk"], volume: 2)
/// let ids = try catalog.reading { try $0.bookIDs(exact: lookup) }
/// ```
public struct ExactLookup: Sendable, Hashable {
    /// The name's whole stem as one key, if it has one.
    public var wholeName: String?
    /// Keys that may each be a whole title, alt title or series.
    public var keys: [String]
    /// Series names to look up with ``volume``.
    public var seriesKeys: [String]
    /// The volume the name states, if any.
    public var volume: Double?

    public init(wholeName: String? = nil, keys: [String] = [], seriesKeys: [String] = [], volume: Double? = nil) {
        self.wholeName = wholeName
        self.keys = keys
        self.seriesKeys = volume == nil ? [] : seriesKeys
        self.volume = volume
    }

    /// True when there is nothing to look up.
    public var isEmpty: Bool { wholeName == nil && keys.isEmpty && seriesKeys.isEmpty }

    /// At most this many keys that extend a key are looked at (see ``Found/extended``).
    static let extensionLimit = 20

    /// Parameters: 1 the keys as a JSON array (the whole name first when
    /// 2 is 1), 3 the volume, 4 the series keys as a JSON array.
    ///
    /// Rows `(part, ord, id, rank, group)`: part 0 the whole name, 1 a
    /// series' books with the volume, 2 a series' five lowest-numbered
    /// books (rank: the index), 3 a key's books (rank 1 when the book is
    /// the volume, group: its series or core title), 4 books with a key
    /// that extends a key (at most ``extensionLimit`` + 1 keys each) or is
    /// the key after an article (`the walking dead` for `walking dead`).
    /// Every row of a key is returned — a flat join on primary keys;
    /// ranking and limits are applied by ``rank(_:)``, which costs less
    /// than SQLite's window functions over the same rows.
    static let sql = """
        WITH q AS (SELECT CAST(key AS INTEGER) AS ord, value AS key FROM json_each(?1)),
             s AS (SELECT CAST(key AS INTEGER) AS ord, value AS key FROM json_each(?4))
        SELECT CASE WHEN ?2 = 1 AND q.ord = 0 THEN 0 ELSE 3 END, q.ord, k.book_id,
               CASE WHEN ?2 = 1 AND q.ord = 0 THEN (b.series_index IS NULL OR b.core_volume IS NULL)
                    ELSE (b.series_index IS ?3 OR b.core_volume IS ?3) END,
               coalesce(b.series_key, b.core_key)
        FROM q CROSS JOIN book_key k ON k.key = q.key CROSS JOIN book b ON b.id = k.book_id
        WHERE b.status = 'active'
        UNION ALL
        SELECT 1, s.ord, b.id, 0, NULL
        FROM s CROSS JOIN book b ON b.series_key = s.key AND b.series_index = ?3
        WHERE b.status = 'active'
        UNION ALL
        SELECT 2, s.ord, b.id, b.series_index, NULL
        FROM s CROSS JOIN book b ON b.id IN (SELECT x.id FROM book x WHERE x.series_key = s.key AND x.status = 'active'
                                             ORDER BY x.series_index LIMIT 5)
        UNION ALL
        SELECT 4, q.ord, k.book_id, 0, NULL
        FROM q CROSS JOIN book_key k ON k.key >= q.key || ' ' AND k.key < q.key || '!'
        WHERE k.key <= coalesce((SELECT x.key FROM book_key x WHERE x.key >= q.key || ' ' AND x.key < q.key || '!'
                                 LIMIT 1 OFFSET \(extensionLimit)), q.key || '!')
        UNION ALL
        SELECT 4, q.ord, k.book_id, 0, NULL
        FROM q CROSS JOIN book_key k ON k.key IN ('the ' || q.key, 'a ' || q.key, 'an ' || q.key)
        WHERE instr(q.key, ' ') > 0
        """

    /// A book found by one lookup (not an array: hashing this costs no allocation).
    struct Sighting: Hashable {
        var part: Int
        var ord: Int
        var id: Int64
    }

    /// One row of ``sql``.
    struct Row {
        var part: Int
        var ord: Int
        var id: Int64
        var rank: Double
        var group: String?
    }

    /// The rows of ``sql`` in the lookups' order, limited (see the type's
    /// documentation), with whether a limit left out a possible rival.
    static func rank(_ rows: [Row], hasVolume: Bool) -> Found {
        var found = Found(ids: [], isComplete: true)
        // A book is found once per lookup, whatever the kinds of its keys.
        var byPart: [[Int: [Row]]] = Array(repeating: [:], count: 5)
        var seen = Set<Sighting>()
        seen.reserveCapacity(rows.count)
        for row in rows where seen.insert(Sighting(part: row.part, ord: row.ord, id: row.id)).inserted {
            byPart[row.part][row.ord, default: []].append(row)
        }
        // 0: the whole name, books without a volume first, at most 10.
        for (_, rows) in byPart[0] {
            let sorted = rows.sorted { ($0.rank, -$0.id) > ($1.rank, -$1.id) }
            found.ids += sorted.prefix(10).map(\.id)
            if sorted.count > 10 { found.isComplete = false }
        }
        // 1 and 2: each series, its books with the volume (at most 5), then its lowest-numbered.
        for ord in Set(byPart[1].keys).union(byPart[2].keys).sorted() {
            let withVolume = (byPart[1][ord] ?? []).sorted { $0.id < $1.id }
            found.ids += withVolume.prefix(5).map(\.id)
            if withVolume.count > 5 { found.isComplete = false }
            found.ids += (byPart[2][ord] ?? []).sorted { ($0.rank, $0.id) < ($1.rank, $1.id) }.map(\.id)
        }
        // 3: each key, the volume's books first, then one book of each other
        // group; without a volume, then the rest too; at most 20. Left out
        // books matter unless they lack the volume and their group has a
        // book returned (a sibling adds nothing the first one did not).
        for ord in byPart[3].keys.sorted() {
            let rows = byPart[3][ord]!
            var seenGroups = Set<String>()
            var firstOfGroup = Set<Int64>()
            for row in rows.sorted(by: { ($0.rank, -$0.id) > ($1.rank, -$1.id) }) where seenGroups.insert(row.group ?? "").inserted {
                firstOfGroup.insert(row.id)
            }
            let useful = rows.filter { !hasVolume || $0.rank > 0 || firstOfGroup.contains($0.id) }
            let sorted = useful.sorted {
                ($0.rank, firstOfGroup.contains($0.id) ? 1 : 0, -$0.id) > ($1.rank, firstOfGroup.contains($1.id) ? 1 : 0, -$1.id)
            }
            found.ids += sorted.prefix(20).map(\.id)
            if sorted.count > 20 { found.isComplete = false }
        }
        // 4: books with a longer key; more keys than the limit: not complete.
        for ord in byPart[4].keys.sorted() {
            let rows = byPart[4][ord]!
            found.extended += rows.map(\.id)
            if rows.count > extensionLimit { found.isComplete = false }
        }
        return found
    }

    /// What ``CatalogReader/bookIDs(exact:)`` found.
    public struct Found: Sendable, Hashable {
        /// The ids, in the lookups' order, repeats included.
        public var ids: [Int64]
        /// False when a lookup of the whole name, a key, or a series with
        /// the volume found more books than its limit: books the same exact
        /// key names were left out.
        public var isComplete: Bool
        /// Books with a key that *extends* a key looked up — a longer title,
        /// series or alt title starting with it (`The Stand` → `The Stand:
        /// Captain Trips`), at most ``ExactLookup/extensionLimit`` keys per
        /// key (more make ``isComplete`` false), or that is the key after a
        /// leading article (`The Walking Dead` for `Walking Dead`). Such
        /// books are rivals the exact keys alone do not weigh.
        public var extended: [Int64] = []
    }
}
