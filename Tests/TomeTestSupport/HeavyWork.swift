import Dispatch
import Testing

/// Runs a suite's or a test's work on threads of its own, off Swift's
/// cooperative pool.
///
/// Swift Testing runs every test, synchronous ones too, on the cooperative
/// pool, which has one thread per core. A CPU-heavy synchronous test (a
/// corpus evaluation, a property test, an import) or one that blocks (on a
/// child process, on a small disk) holds one of those threads until it
/// ends; on 2 cores, two of them leave nothing for the live-server tests,
/// whose routes run on that pool. With this trait the test's task prefers
/// ``HeavyWorkExecutor``: the test body, and every task it starts, runs on
/// Dispatch's own worker threads, and the pool stays free.
///
/// ```swift
/// @Suite("Corpus evaluation", .serialized, .offTheCooperativePool)
/// ```
public struct OffTheCooperativePool: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(for test: Test, testCase: Test.Case?,
                             performing function: @Sendable () async throws -> Void) async throws {
        try await withTaskExecutorPreference(HeavyWorkExecutor.shared) {
            try await function()
        }
    }
}

extension Trait where Self == OffTheCooperativePool {
    /// Runs the work on threads of its own: ``OffTheCooperativePool``.
    public static var offTheCooperativePool: Self { OffTheCooperativePool() }
}

/// A task executor over a concurrent Dispatch queue: its jobs run on
/// Dispatch's worker threads (which grow as work blocks), never on the
/// cooperative pool's.
public final class HeavyWorkExecutor: TaskExecutor, @unchecked Sendable {
    public static let shared = HeavyWorkExecutor()

    private let queue = DispatchQueue(label: "tome-tests.heavy-work", attributes: .concurrent)
    private static let marker = DispatchSpecificKey<Bool>()

    private init() {
        queue.setSpecific(key: Self.marker, value: true)
    }

    /// True on one of the executor's threads.
    public static var isCurrent: Bool { DispatchQueue.getSpecific(key: marker) == true }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
