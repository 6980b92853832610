import TomeCatalog

/// Whether a catalog's keys were computed with this build's normalization
/// (``CatalogSchema/derivedVersion``), and what to tell the user when not:
/// ``CatalogSchema/derivedVersionWarning(imported:reimport:)``, naming the
/// command that recomputes the keys.
struct DerivedVersionCheck {
    /// How the CLI says to recompute a catalog's keys.
    static let reimportAdvice = "the same `tome-resolve index` runs again"

    /// The version the catalog's last import recorded (`nil`: 4 or older).
    let imported: Int?

    /// One line for the user, or `nil` when the versions agree.
    var warning: String? {
        CatalogSchema.derivedVersionWarning(imported: imported, reimport: Self.reimportAdvice)
    }
}
