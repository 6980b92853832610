extension CatalogSchema {
    /// How ``derivedVersionWarning(imported:reimport:)`` says to recompute
    /// the keys, unless told otherwise.
    public static let defaultReimportAdvice = "the same source is imported again"

    /// One line about a catalog whose keys were not computed with this
    /// build's ``derivedVersion``; nil when the versions agree.
    ///
    /// Keys computed by another version still resolve almost every name;
    /// those whose normalization changed between the versions (`@J.K.`
    /// between 4 and 5) may not meet their books. The next import of the
    /// same source recomputes every book (their fingerprints include the
    /// version), so the fix is to run it.
    ///
    /// - Parameters:
    ///   - imported: the version the catalog's last import recorded
    ///     (``Catalog/importedDerivedVersion()``; nil: 4 or older).
    ///   - reimport: how to recompute the keys; the line ends "… until
    ///     *reimport*, which recomputes every book".
    public static func derivedVersionWarning(imported: Int?, reimport: String = defaultReimportAdvice) -> String? {
        let current = derivedVersion
        guard imported != current else { return nil }
        let theirs = imported.map { "version \($0)" } ?? "version 4 or older"
        if let imported, imported > current {
            return "the catalog's keys were computed by a newer tome-resolve (\(theirs); this build reads names as version "
                + "\(current)): some names may not meet their books; use the newer build"
        }
        return "the catalog's keys were computed by an older tome-resolve (\(theirs); this build reads names as version "
            + "\(current)): some names may not meet their books until \(reimport), "
            + "which recomputes every book"
    }
}
