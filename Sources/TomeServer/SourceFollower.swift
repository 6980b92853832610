import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import TomeCatalog
import TomeKeys

#if canImport(Glibc)
import Glibc
#endif

// A library the service follows while it serves (a ``LibrarySource``):
// its books (and, for Tome, its API keys) are synchronized into the catalog
// whenever its files change.
extension LibrarySource {
    /// What the ``watchedFiles`` look like now: device, inode, size and
    /// modification time of each (nil for a missing file, and for an empty
    /// log or journal: opening a database may create one). Equal stamps mean
    /// no change.
    func stamp() -> [FileStamp?] {
        watchedFiles.enumerated().map { index, path in
            var info = stat()
            guard stat(path, &info) == 0, index == 0 || info.st_size > 0 else { return nil }
            return FileStamp(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                             seconds: Int64(info.st_mtim.tv_sec), nanoseconds: Int64(info.st_mtim.tv_nsec))
        }
    }

    /// Synchronizes the catalog (and the keys) with the source: one
    /// synchronizing import, atomic; then the library's own API keys, if it
    /// keeps any (Tome).
    func sync(catalog: Catalog, keys: APIKeyStore) throws(CatalogError) -> String {
        let books = try importBooks(into: catalog).summary
        guard let keySummary = try keys.importKeys(of: self) else { return "books: \(books)" }
        return "books: \(books); keys: \(keySummary)"
    }
}

/// One file's identity and state, for change detection.
struct FileStamp: Sendable, Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var seconds: Int64
    var nanoseconds: Int64
}

/// What `/healthz` says about a followed source.
public struct FollowState: Sendable, Encodable, Equatable {
    public var kind: String
    public var path: String
    /// When the last successful sync finished (ISO 8601), nil before the first.
    public var lastSync: String?
    /// The last sync's error, while the source keeps failing.
    public var lastError: String?

    enum CodingKeys: String, CodingKey {
        case kind, path, lastSync = "last_sync", lastError = "last_error"
    }
}

/// Follows a ``LibrarySource`` while the service runs (a `Service` of the
/// application's group).
///
/// It syncs once at start, then looks at the source's files every
/// ``interval``. A change is synchronized once the files have stayed the
/// same for one more look (a debounce: a library being written is not read
/// half-way); the import runs in the background on the catalog's writer,
/// while requests keep reading the catalog as it was until it commits, so
/// no request fails. A sync that fails (the source locked, corrupt,
/// half-written, gone, holding a book over ``ImportLimits``, or emptied:
/// a follower never empties a catalog, see
/// ``ImportError/emptySource(catalogBooks:)``) keeps the previous catalog,
/// logs one line — again only when the error changes — and is retried at
/// the next look.
public final class SourceFollower: Service, Sendable {
    public let source: LibrarySource
    let catalog: Catalog
    let keys: APIKeyStore
    let logger: Logger
    /// How a failed sync's error is worded in the log and `/healthz`.
    let describeError: @Sendable (any Error) -> String
    /// Time between two looks at the source's files.
    public let interval: Duration
    private let state: Mutex<FollowState>
    /// The files' stamp taken just before the last successful sync began.
    private let syncedStamp = Mutex<[FileStamp?]?>(nil)

    /// - Parameter describeError: how a failed sync's error is worded in the
    ///   log and `/healthz` (`serve` adds its hints, such as the option
    ///   that fixes a Tome library root).
    public init(source: LibrarySource, catalog: Catalog, keys: APIKeyStore, interval: Duration = .seconds(2),
                logger: Logger = Logger(label: "tome-resolve"),
                describeError: @escaping @Sendable (any Error) -> String = { "\($0)" }) {
        self.source = source
        self.describeError = describeError
        self.catalog = catalog
        self.keys = keys
        self.interval = interval
        self.logger = logger
        self.state = Mutex(FollowState(kind: source.kind.rawValue, path: source.location))
    }

    /// The source, the last successful sync and the last error.
    public var current: FollowState { state.withLock { $0 } }

    /// Syncs now, recording the outcome; true when it succeeded.
    @discardableResult
    public func syncNow() -> Bool {
        let started = ContinuousClock.now
        let stamp = source.stamp()
        do {
            let summary = try source.sync(catalog: catalog, keys: keys)
            syncedStamp.withLock { $0 = stamp }
            let now = ISO8601DateFormatter().string(from: Date())
            let hadError = state.withLock { s -> Bool in
                let had = s.lastError != nil
                s.lastSync = now
                s.lastError = nil
                return had
            }
            logger.info("synchronized with \(source.kind.rawValue) source", metadata: [
                "source": "\(source.location)", "summary": "\(summary)",
                "seconds": "\(String(format: "%.2f", (ContinuousClock.now - started) / .seconds(1)))",
            ])
            if hadError { logger.notice("the \(source.kind.rawValue) source can be read again", metadata: ["source": "\(source.location)"]) }
            return true
        } catch {
            let message = describeError(error)
            let changed = state.withLock { s -> Bool in
                defer { s.lastError = message }
                return s.lastError != message
            }
            if changed {
                logger.error("could not synchronize with the \(source.kind.rawValue) source; serving the previous catalog and retrying",
                             metadata: ["source": "\(source.location)", "error": "\(message)"])
            }
            return false
        }
    }

    public func run() async throws {
        // Synced already (`serve` syncs once before it listens), else now.
        if syncedStamp.withLock({ $0 }) == nil { await syncInBackground() }
        try? await cancelWhenGracefulShutdown { [self] in
            var pending: [FileStamp?]? = nil
            while true {
                try await Task.sleep(for: interval)
                let now = source.stamp()
                let changed = current.lastError != nil || now != syncedStamp.withLock({ $0 })
                guard changed else {
                    pending = nil
                    continue
                }
                // Once the files have stayed the same for one look.
                if pending == now {
                    await syncInBackground()
                    pending = nil
                } else {
                    pending = now
                }
            }
        }
    }

    /// Runs ``syncNow()`` on a thread of its own, off the cooperative pool.
    private func syncInBackground() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread { [self] in
                syncNow()
                continuation.resume()
            }
        }
    }
}
