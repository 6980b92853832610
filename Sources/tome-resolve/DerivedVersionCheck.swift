import TomeCatalog

/// Whether a catalog's keys were computed with this build's normalization
/// (``CatalogSchema/derivedVersion``), and what to tell the user when not.
///
/// Keys computed by another version still resolve almost every name; those
/// whose normalization changed between the versions (`@J.K.` between 4 and
/// 5) may not meet their books. The next import of the same source
/// recomputes every book (their fingerprints include the version), so the
/// fix is to run it.
struct DerivedVersionCheck {
    /// The version the catalog's last import recorded (`nil`: 4 or older).
    let imported: Int?

    /// One line for the user, or `nil` when the versions agree.
    var warning: String? {
        let current = CatalogSchema.derivedVersion
        guard imported != current else { return nil }
        let theirs = imported.map { "version \($0)" } ?? "version 4 or older"
        if let imported, imported > current {
            return "the catalog's keys were computed by a newer tome-resolve (\(theirs); this build reads names as version "
                + "\(current)): some names may not meet their books; use the newer build"
        }
        return "the catalog's keys were computed by an older tome-resolve (\(theirs); this build reads names as version "
            + "\(current)): some names may not meet their books until the same `tome-resolve index` runs again, "
            + "which recomputes every book"
    }
}
