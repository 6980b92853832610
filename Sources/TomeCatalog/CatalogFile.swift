#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which file a catalog's path names: its device and inode.
///
/// A process that keeps a catalog open (`serve`) reads and writes the file it
/// opened, but SQLite finds the write-ahead log and its index *by path*
/// (`catalog.sqlite-wal`, `-shm`). When another file is moved onto the path
/// (`mv new.sqlite catalog.sqlite`), the open connections keep the old file
/// while the log beside the path is shared with whoever opens the new one:
/// a page written then lands in the new file's log and damages it. So the
/// identity is taken when the catalog opens and compared (one `stat`, about
/// a microsecond) before every write and by the service before every
/// request: see ``Catalog/fileChange()``.
public struct CatalogFileIdentity: Sendable, Hashable {
    /// `st_dev`.
    public var device: UInt64
    /// `st_ino`.
    public var inode: UInt64

    /// The identity of the file at `path` now, or nil when there is none.
    public static func current(path: String) -> CatalogFileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return CatalogFileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}

/// What became of a catalog's file since it was opened (``Catalog/fileChange()``).
public enum CatalogFileChange: Sendable, Hashable {
    /// The path still names the file that was opened.
    case unchanged
    /// Another file is at the path now (moved or copied over it).
    case replaced
    /// Nothing is at the path any more.
    case deleted
}

extension Catalog {
    /// Whether the catalog's path still names the file this catalog opened.
    ///
    /// One `stat` call; no database access. ``CatalogError/fileChanged(path:change:)``
    /// is what work on a changed file throws.
    public func fileChange() -> CatalogFileChange {
        guard let opened = fileIdentity else { return .unchanged }
        guard let now = CatalogFileIdentity.current(path: path) else { return .deleted }
        return now == opened ? .unchanged : .replaced
    }

    /// Throws ``CatalogError/fileChanged(path:change:)`` when the catalog's
    /// file was replaced or deleted since it was opened.
    public func requireUnchangedFile() throws(CatalogError) {
        let change = fileChange()
        if change != .unchanged { throw .fileChanged(path: path, change: change) }
    }
}
