import Foundation
import Logging
import Synchronization
import TomeCatalog

/// What the service has learned about its catalog while serving: a
/// corruption any request ran into (logged once, with SQLite's words, and
/// reported by `/healthz` until a restart), and whether an import has ever
/// completed (a catalog that never had one answers 503, not "no candidate").
public final class CatalogHealth: Sendable {
    let catalog: Catalog
    let logger: Logger
    private let corruption = Mutex<CatalogError?>(nil)
    private let imported = Atomic<Bool>(false)
    private let fileChangeLogged = Atomic<Bool>(false)

    public init(catalog: Catalog, logger: Logger = Logger(label: "tome-resolve")) {
        self.catalog = catalog
        self.logger = logger
    }

    /// The corruption seen, if any.
    public var corruptionFound: CatalogError? { corruption.withLock { $0 } }

    /// Notes a catalog error a request ran into: a corruption is kept and
    /// logged the first time.
    public func record(_ error: CatalogError) {
        guard case .corrupt = error else { return }
        let first = corruption.withLock { seen -> Bool in
            guard seen == nil else { return false }
            seen = error
            return true
        }
        if first {
            logger.critical("the catalog is corrupt; resolves fail with 503 until it is rebuilt", metadata: ["error": "\(error)"])
        }
    }

    /// Throws what keeps the catalog from answering a request: its file
    /// replaced or deleted since the service opened it
    /// (``CatalogError/fileChanged(path:change:)``, logged the first time),
    /// or no import completed yet (``requireImported()``). Costs one `stat`
    /// and an atomic load.
    ///
    /// A replaced file is not read: the open connections still read the old
    /// one while new ones would open the new one with the old one's
    /// write-ahead log (see `CatalogFileIdentity`); every request answers
    /// 503 until the service is restarted on the new file.
    public func requireServable() throws(CatalogError) {
        let change = catalog.fileChange()
        if change != .unchanged {
            let error = CatalogError.fileChanged(path: catalog.path, change: change)
            if !fileChangeLogged.exchange(true, ordering: .relaxed) {
                logger.critical("the catalog file was \(change == .deleted ? "deleted" : "replaced") while serving; requests answer 503 until the service is restarted",
                                metadata: ["path": "\(catalog.path)"])
            }
            throw error
        }
        try requireImported()
    }

    /// Throws ``CatalogError/neverImported(path:)`` while no import has
    /// completed into the catalog. Once one has, costs an atomic load.
    public func requireImported() throws(CatalogError) {
        if imported.load(ordering: .relaxed) { return }
        if try catalog.hasCompletedImport() {
            imported.store(true, ordering: .relaxed)
            return
        }
        throw .neverImported(path: catalog.path)
    }
}
