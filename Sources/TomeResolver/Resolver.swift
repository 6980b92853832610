import TomeCatalog
import TomeFilename
import TomeNormalization

/// Decides which book of a catalog a filename names — or refuses.
///
/// Each resolve is one ``ResolveRun`` over named stages:
/// 1. the gate (``NameCheck``): empty, too long or NUL-holding names are
///    refused unread, names with more parts or words than a file's name
///    once read; a resolve that spends its CPU ``timeBudget`` is refused;
/// 2. the file itself (``FileIdentity``): a `ko_md5` the catalog knows
///    (method `ko_md5`), then a relative path or basename that exactly one
///    live book's file has (method `path`);
/// 3. the name's shape (``NameShape``): a range of volumes, a chapter file
///    (or the chapter book it names);
/// 4. candidates (``CandidateSource``): exact keys, then — only when those
///    cannot decide — the full-text index, a wider look for typos, and a
///    cut name's stem; each candidate is scored once (``Scorer``) and the
///    ``Eligibility`` sieve and the ``Verdict`` (its ``Veto``s) decide over
///    all candidates found so far.
///
/// ```swift
/// let resolver = Resolver(catalog: try Catalog.open(path: "c.sqlite"))
/// let r = try resolver.resolve("Suzanne Collins - The Hunger Games.epub")
/// r.bookID  // 1
/// r.method  // .title
/// ```
///
/// A resolver is safe to share between threads: each resolve runs in its
/// own read transaction on one of the pool's reader connections, with
/// prepared statements cached per connection.
public final class Resolver: Sendable {
    public let catalog: Catalog
    let reader: FilenameReader
    let normalizer: TextNormalizer

    /// Longer names are refused without reading them (``NameCheck/maximumBytes``).
    public static var maximumNameBytes: Int { NameCheck.maximumBytes }

    /// The CPU time one resolve may use before the name is refused with
    /// ``RefusalCode/overBudget`` (counted in the resolving thread's CPU
    /// time, so a busy machine does not cause refusals). The slowest name of
    /// the corpora takes a few milliseconds; the default leaves a wide margin
    /// and bounds what a hostile name can cost.
    public static let defaultTimeBudget: Duration = .milliseconds(100)

    /// This resolver's budget (``defaultTimeBudget`` unless given).
    public let timeBudget: Duration

    public init(catalog: Catalog, normalizer: TextNormalizer = .shared, timeBudget: Duration = Resolver.defaultTimeBudget) {
        self.catalog = catalog
        self.timeBudget = timeBudget
        // ICU's rule sets open once per process, in a tenth of a second or
        // more: here, not inside the first resolve's time budget. (A broken
        // ICU shows in the first resolve's normalization, as before.)
        try? TextNormalizer.prepare()
        self.normalizer = normalizer
        self.reader = FilenameReader(normalizer: normalizer)
    }

    /// Resolves one filename (a basename or a relative path).
    ///
    /// - Parameters:
    ///   - koMD5: the file's KOReader partial MD5, when the device sent it.
    ///   - explain: attach the evidence and scored candidates.
    /// - Throws: ``CatalogError`` only when the catalog cannot be read; bad
    ///   names are refused (``RefusalCode/emptyName``, ``RefusalCode/nameTooLong``,
    ///   ``RefusalCode/invalidName``, ``RefusalCode/nameTooComplex``), and so
    ///   is a name whose candidates cost more than ``timeBudget``
    ///   (``RefusalCode/overBudget``), never thrown.
    public func resolve(_ filename: String, koMD5: String? = nil, explain: Bool = false) throws(CatalogError) -> Resolution {
        if let problem = NameCheck.problem(in: filename) {
            return .refusal(filename, problem.refusal, problem.description)
        }
        let evidence = reader.read(filename)
        return try catalog.reading { catalogReader in
            var run = ResolveRun(filename: filename, evidence: evidence, normalizer: normalizer, explain: explain,
                                 timeBudget: timeBudget)
            return try run.resolve(koMD5: koMD5, reader: &catalogReader)
        }
    }
}

extension Resolver {
    /// The books that `hashes` (KOReader partial MD5s) name: each hash that
    /// files of exactly one active book carry, mapped to that book, keyed
    /// as given (case is ignored in the lookup). Hashes of no book, or of
    /// several, are left out; so is anything that is not 32 hex digits.
    public func books(koMD5s hashes: [String]) throws(CatalogError) -> [String: Int64] {
        let valid = hashes.filter(KOReaderDigest.isPartialMD5)
        guard !valid.isEmpty else { return [:] }
        let found = try catalog.reading { reader in try reader.bookIDs(koMD5s: Array(Set(valid.map { $0.lowercased() }))) }
        var matches: [String: Int64] = [:]
        for hash in valid {
            if let id = found[hash.lowercased()] { matches[hash] = id }
        }
        return matches
    }
}

func fmt(_ value: Double) -> String { FilenameEvidence.format(value) }
