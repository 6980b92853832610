import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import Synchronization

/// The connections waiting for a request's headers — just accepted, halfway
/// through their headers, or idle between requests — in the order they
/// began waiting, so that at the connection cap the one that has waited
/// longest can be closed for a new client.
///
/// ``ConnectionGuard`` enters its connection when it begins waiting and
/// leaves when a request's headers are complete or the connection closes:
/// two short locked steps per request, never on the catalog's read path.
final class WaitingRoom: Sendable {
    private struct State {
        var next: UInt64 = 0
        var waiting: [ObjectIdentifier: (order: UInt64, channel: any Channel)] = [:]
    }

    private let state = Mutex(State())

    init() {}

    func enter(_ id: ObjectIdentifier, channel: any Channel) {
        state.withLock { state in
            state.next += 1
            state.waiting[id] = (state.next, channel)
        }
    }

    func leave(_ id: ObjectIdentifier) {
        _ = state.withLock { $0.waiting.removeValue(forKey: id) }
    }

    var isEmpty: Bool { state.withLock { $0.waiting.isEmpty } }

    /// Closes the connection that has waited longest; false when none waits.
    /// (A scan: it runs only at the cap, over at most the cap's connections.)
    @discardableResult
    func evictOldest() -> Bool {
        let oldest: (any Channel)? = state.withLock { state in
            guard let (id, entry) = state.waiting.min(by: { $0.value.order < $1.value.order }) else { return nil }
            state.waiting[id] = nil
            return entry.channel
        }
        guard let oldest else { return false }
        oldest.close(promise: nil)
        return true
    }
}

/// Caps the connections open at once (``ConnectionLimits/maximumConnections``).
///
/// At the cap, each new client takes the place of the connection that has
/// waited longest for a request's headers (``WaitingRoom``): connections
/// held open without a request (slowloris) cannot keep clients out. When
/// every connection is busy with a request, the server stops accepting —
/// new clients wait in the listen backlog, costing nothing. The log says so
/// when the cap is reached (at most once a minute, however often
/// connections come and go at the cap) and when the open connections have
/// fallen 10 % below it.
struct ConnectionCap: AvailableConnectionsDelegate {
    let maximum: Int
    let logger: Logger
    let waitingRoom: WaitingRoom
    var open = 0
    /// Reached, and not yet fallen 10 % below.
    var atCap = false
    var warnedThisTime = false
    var lastWarning: ContinuousClock.Instant?

    init(maximum: Int, logger: Logger, waitingRoom: WaitingRoom = WaitingRoom()) {
        self.maximum = maximum
        self.logger = logger
        self.waitingRoom = waitingRoom
    }

    mutating func connectionOpened() {
        open += 1
        // Accepted past the cap: make room. (Until the closed connection is
        // counted out, `open` is one over.)
        if open > maximum { waitingRoom.evictOldest() }
        guard open >= maximum, !atCap else { return }
        atCap = true
        let now = ContinuousClock.now
        if let last = lastWarning, now - last < .seconds(60) {
            warnedThisTime = false
            return
        }
        lastWarning = now
        warnedThisTime = true
        logger.warning("connection limit reached: \(open) connections open; new ones take the place of those without a request, or wait until one closes (--max-connections)")
    }

    mutating func connectionClosed() {
        open -= 1
        guard atCap, open <= maximum - max(1, maximum / 10) else { return }
        atCap = false
        if warnedThisTime { logger.notice("accepting connections again: \(open) open") }
    }

    func isAcceptingNewConnections() -> Bool { open < maximum || !waitingRoom.isEmpty }
}
