import BrogueProtocol

/// The open connections of a node or a gateway, and the drain waiting for the last one to close.
/// Held by an actor (`GameRegistry`, `ClusterSeats`), which runs one change at a time.
struct ConnectionBook {
    private var open: [ObjectIdentifier: ConnectionHandle] = [:]
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    var count: Int { open.count }
    var isEmpty: Bool { open.isEmpty }

    mutating func add(_ connection: ConnectionHandle) { open[ObjectIdentifier(connection)] = connection }

    /// Forgets `connection`; the last one to go wakes the drain.
    mutating func remove(_ connection: ConnectionHandle) {
        open[ObjectIdentifier(connection)] = nil
        guard open.isEmpty else { return }
        for w in idleWaiters { w.resume() }
        idleWaiters = []
    }

    /// Says `bye` (`shutdown`) to every connection after its pending answers, then closes it with `code`.
    func sayGoodbye(_ message: String, code: UInt16) {
        for c in open.values { c.endAfterPending(ServerEnvelope(.bye(.shutdown, message)), code: code) }
    }

    /// Resumes `waiter` when the last connection has gone (at once if none is open).
    mutating func whenEmpty(_ waiter: CheckedContinuation<Void, Never>) {
        if open.isEmpty { waiter.resume() } else { idleWaiters.append(waiter) }
    }
}
