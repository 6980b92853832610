import Logging
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#endif

/// Gives the heap's free memory back to the system every ``interval``
/// (glibc's `malloc_trim(0)`), so the server's RSS follows the memory it
/// uses.
///
/// Why: glibc keeps memory freed by a thread in that thread's arena for
/// later use, and a server's threads take turns with the catalog's
/// connections. Each re-import empties the connections' page caches, and they
/// fill again from other threads' arenas: measured under the soak
/// (`Benchmarks/soak.sh`), the memory in use stayed at 60 MB while the heap
/// held 85 MB after 1.5 minutes and 108 MB after 4 — RSS rising with no leak.
/// Trimming walks the arenas briefly under their locks; it is never on a
/// request's path. Elsewhere than glibc it does nothing.
public struct MemoryReturner: Service {
    /// How often the heap is trimmed.
    public var interval: Duration

    public init(interval: Duration = .seconds(10)) {
        self.interval = interval
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: interval)
                Self.trim()
            }
        }
    }

    /// Returns the heap's free memory to the system now; true when some was.
    @discardableResult
    public static func trim() -> Bool {
        mallocTrim?(0) == 1
    }

    /// glibc's `malloc_trim`, which its Swift module does not export
    /// (`<malloc.h>`): looked up once; nil elsewhere.
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()
}
