#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The CPU time one resolve may use (``Resolver/timeBudget``), checked
/// between stages and between candidates: a name that would cost more is
/// refused (``RefusalCode/overBudget``) rather than answered late.
///
/// Counted in the resolving thread's own CPU time (`CLOCK_THREAD_CPUTIME_ID`),
/// not wall time: a name waiting for a core while the machine is busy is not
/// refused for it. A check costs one `clock_gettime` (a fraction of a
/// microsecond); a resolve makes a few dozen.
struct ResolveBudget {
    /// CPU nanoseconds the resolve may use.
    let limit: UInt64
    /// The thread's CPU time when the resolve started.
    let start: UInt64

    init(_ budget: Duration) {
        let (seconds, attoseconds) = budget.components
        limit = UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
        start = Self.threadCPUNanoseconds()
    }

    /// CPU nanoseconds used since ``start``.
    var used: UInt64 { Self.threadCPUNanoseconds() &- start }

    /// Throws ``Exceeded`` once the budget is spent.
    func check() throws(Exceeded) {
        let used = used
        if used > limit { throw Exceeded(used: used, limit: limit) }
    }

    /// The budget was spent.
    struct Exceeded: Error {
        var used: UInt64
        var limit: UInt64

        /// The refusal's sentence: `resolving the name used more than 100 ms of CPU`.
        var reason: String {
            "resolving the name used more than \(limit / 1_000_000) ms of CPU (the resolver's time budget)"
        }
    }

    static func threadCPUNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}
