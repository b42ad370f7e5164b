import BrogueContent
import BrogueCore
import BrogueNATS
import BrogueProtocol
import BrogueRecording
import BrogueStore
import Logging
import NIOCore
import Prometheus

/// The game role (docs/cluster.md): takes games from the `place` queue group shared by every game
/// instance, hosts each in a `GameHost`, and answers the requests gateways send to its subject.
/// Requests for one game are served one at a time, in order, by that game's own task.
actor GameInstance {
    let id: String
    let bus: ClusterBus
    let games: RecordedGames
    let tokens: any GameTokenStore
    let leases: any GameLeaseStore
    let logger: Logger
    /// Unix milliseconds, for leases: the wall clock, or one a test moves.
    let now: @Sendable () -> Int64
    /// How long a lease lasts without renewal; renewed every third of it.
    let leaseMillis: Int64
    private var metrics: NodeMetrics { bus.metrics }

    private struct Hosted {
        let host: GameHost
        let input: NATSSubscription
        var lease: GameLease
    }
    private var hosted: [Int64: Hosted] = [:]
    private var listeners: [NATSSubscription] = []
    private var beating: Task<Void, Never>?
    private(set) var draining = false
    /// Where this instance's HTTP endpoints listen, for heartbeats.
    var address = ""

    init(
        id: String,
        bus: ClusterBus,
        store: any ClusterStore,
        content: LoadedContent,
        leaseMillis: Int64 = 6_000,
        now: @escaping @Sendable () -> Int64,
        logger: Logger
    ) {
        self.id = id
        self.bus = bus
        self.games = RecordedGames(store: store, content: content)
        self.tokens = store
        self.leases = store
        self.leaseMillis = leaseMillis
        self.now = now
        self.logger = logger
    }

    /// Joins the placement queue and answers pings; returns once the NATS server has read the
    /// subscriptions (so a request sent after `start` finds this instance), and the work goes on in tasks.
    func start() async throws {
        let place = try bus.client.subscribe(bus.subjects.place, queue: ClusterSubjects.placeQueue)
        let ping = try bus.client.subscribe(bus.subjects.ping(id))
        listeners = [place, ping]
        Task { for await message in place { await self.place(message) } }
        let bus = self.bus
        let me = id
        Task { for await message in ping { bus.reply(to: message, GameReply(instance: me)) } }
        let period = Duration.milliseconds(leaseMillis / 3)
        beating = Task {
            while !Task.isCancelled {
                await self.beat()
                try? await Task.sleep(for: period)
            }
        }
        // A subscription is only a line written to the socket: until the server has read it, a
        // request from another connection finds no responder. While the client is reconnecting the
        // flush fails, and the subscriptions are sent again when the connection comes back.
        try? await bus.client.flush()
    }

    /// Renews the leases and says who this instance is and what it hosts, on the bus and in the store.
    func beat() async {
        let started = ContinuousClock.now
        defer {
            let took = ContinuousClock.now - started
            if took > .seconds(1) { logger.warning("a heartbeat was slow", metadata: ["ms": "\(took.components.seconds * 1000)"]) }
        }
        await renewLeases()
        var live: [LiveGame] = []
        for gameID in hostedGames { if let s = await hosted[gameID]?.host.summary() { live.append(s) } }
        let at = now()
        bus.publish(bus.subjects.heartbeat, Heartbeat(instance: id, role: "game", address: address, games: live, sentAt: at))
        let heartbeat = InstanceHeartbeat(id: id, role: "game", gamesHosted: hosted.count, address: address, at: at)
        let leases = self.leases
        let recorded = await offThread { Result { () throws(StoreError) in try leases.recordHeartbeat(heartbeat) } }
        if case .failure(let error) = recorded {
            logger.warning("could not record the heartbeat", metadata: ["error": "\(error)"])
        }
    }

    func setAddress(_ address: String) { self.address = address }

    /// The games hosted here now, by id.
    var hostedGames: [Int64] { hosted.keys.sorted() }

    /// Handles one placement request: a new game, or a stored one opened here.
    private func place(_ message: NATSMessage) async {
        let request: PlaceRequest
        do { request = try ClusterCodec.place(message.payload.readableBytesView) } catch {
            metrics.clusterBadMessages.increment()
            logger.warning("dropped a placement request", metadata: ["error": "\(error)"])
            return
        }
        if let deadline = request.deadline, now() > deadline {
            // The asker gave up on it: a game made or opened now would be played by no one.
            metrics.expiredPlacements.increment()
            logger.notice("dropped a placement read after its deadline", metadata: ["late_ms": "\(now() - deadline)"])
            return
        }
        guard !draining else {
            bus.reply(to: message, GameReply(instance: id, error: WireError(ProtocolError(.draining, "instance \(id) is draining"))))
            return
        }
        let host: GameHost
        do {
            switch request.kind {
            case .new: host = try startGame(seed: request.seed)
            case .open: host = try await openGame(request.game ?? 0)
            }
        } catch {
            bus.reply(to: message, GameReply(instance: id, error: WireError(error)))
            return
        }
        metrics.placements.increment()
        if !request.player.isEmpty { await host.setPlayer(request.player) }
        bus.reply(to: message, GameReply(instance: id, info: await host.info(resumed: request.kind == .open)))
    }

    private func startGame(seed: UInt64?) throws(ProtocolError) -> GameHost {
        let seed = seed ?? UInt64.random(in: 1...(1 << 53))
        do {
            let recorded = try games.start(seed: seed)
            let id = recorded.id
            let token = try tokens.issue(for: id)
            guard let lease = try leases.acquireLease(game: id, instance: self.id, now: now(), ttl: leaseMillis) else {
                throw ProtocolError(.unavailable, "game \(id) was taken by another instance as it was made")
            }
            recorded.fence(with: lease, in: leases)
            let host = GameHost(recorded, token: token, metrics: metrics)
            try serve(host, lease: lease)
            logger.info("new game", metadata: ["game": "\(id)", "seed": "\(seed)"])
            return host
        } catch let error as ProtocolError {
            throw error
        } catch {
            throw ProtocolError(.storeFailed, "the new game could not be stored: \(error)")
        }
    }

    /// Hosts stored game `id` here, rebuilt by replaying its log to the stored hash.
    private func openGame(_ id: Int64) async throws(ProtocolError) -> GameHost {
        // A game still hosted here is answered from only while its lease holds: an instance
        // woken from a pause may hold games that were played on elsewhere meanwhile.
        if let here = hosted[id], holdsLease(on: id) { return here.host }
        let lease = try await takeLease(id)
        // Nothing is awaited from here on, so no other placement of this game can interleave.
        if let here = hosted[id] { return here.host }
        let recorded: RecordedGame
        let token: String
        do {
            guard let r = try games.resume(id: id), let t = try tokens.token(forGame: id) else {
                throw ProtocolError(.gameNotFound, "there is no game \(id) in the store")
            }
            (recorded, token) = (r, t)
            recorded.fence(with: lease, in: leases)
        } catch let e as ProtocolError {
            throw e
        } catch let e as RebuildError {
            throw ProtocolError(.internalError, "game \(id) could not be rebuilt: \(e)")
        } catch {
            throw ProtocolError(.storeFailed, "game \(id) could not be read: \(error)")
        }
        let actions = recorded.nextSeq
        let host = GameHost(recorded, token: token, metrics: metrics)
        do { try serve(host, lease: lease) } catch { throw ProtocolError(.unavailable, "game \(id) could not be subscribed: \(error)") }
        logger.info("opened game", metadata: ["game": "\(id)", "actions": "\(actions)"])
        return host
    }

    /// The lease on game `id` for this instance: free, expired, or taken over from a holder that no
    /// longer answers its ping (a killed process); the epoch fences the old holder's writes.
    private func takeLease(_ game: Int64) async throws(ProtocolError) -> GameLease {
        do {
            if let lease = try leases.acquireLease(game: game, instance: id, now: now(), ttl: leaseMillis) { return lease }
            guard let seen = try leases.lease(game: game) else { throw ProtocolError(.unavailable, "the lease on game \(game) moved; retry") }
            do {
                _ = try await bus.request(bus.subjects.ping(seen.holder), GameReply(instance: id), timeout: .seconds(1))
                throw ProtocolError(.unavailable, "game \(game) is hosted by \(seen.holder), which is alive")
            } catch ClusterBus.Silence.noResponders {
                guard let taken = try leases.takeOverLease(seen, instance: id, now: now(), ttl: leaseMillis) else {
                    throw ProtocolError(.unavailable, "another instance took game \(game) first")
                }
                metrics.failovers.increment()
                logger.notice("took over a game from a gone instance", metadata: ["game": "\(game)", "from": "\(seen.holder)"])
                return taken
            } catch ClusterBus.Silence.timedOut {
                // Paused, not gone: wait for its lease to expire.
                throw ProtocolError(.unavailable, "game \(game) is held by \(seen.holder), which does not answer; its lease ends soon")
            }
        } catch let error as ProtocolError {
            throw error
        } catch {
            throw ProtocolError(.storeFailed, "the lease on game \(game) could not be read: \(error)")
        }
    }

    /// Subscribes the game's input subject and serves it until the game is let go.
    private func serve(_ host: GameHost, lease: GameLease) throws {
        let input = try bus.client.subscribe(bus.subjects.input(host.id))
        hosted[host.id] = Hosted(host: host, input: input, lease: lease)
        metrics.gamesActive.set(Int64(hosted.count))
        Task {
            for await message in input {
                self.bus.reply(to: message, await self.answer(message, host: host))
            }
        }
    }

    /// The answer to one request for `host`'s game. Once the game was let go (a drain, a lost
    /// lease), a request that was already on its way is answered `unavailable`: the gateway places
    /// the game again at once rather than waiting out its timeout.
    private func answer(_ message: NATSMessage, host: GameHost) async -> GameReply {
        guard hosted[host.id]?.host === host else {
            return GameReply(instance: id, error: WireError(ProtocolError(.unavailable, "game \(host.id) is no longer hosted by \(id)")))
        }
        let request: GameRequest
        do { request = try ClusterCodec.gameRequest(message.payload.readableBytesView) } catch {
            metrics.clusterBadMessages.increment()
            return GameReply(instance: id, error: WireError(ProtocolError(.badField, "\(error)")))
        }
        do {
            switch request.kind {
            case .attach:
                await host.setPlayer(request.text ?? "")
                let (info, frame) = await host.attach(resumed: request.resumed ?? false)
                return GameReply(instance: id, info: info, frame: frame)
            case .action, .key:
                guard holdsLease(on: host.id) else {
                    return GameReply(instance: id, error: WireError(ProtocolError(.unavailable, "game \(host.id) is no longer hosted by \(id)")))
                }
                let seq = request.seq ?? 0
                let text = request.text ?? ""
                if let (ack, frame) = try await host.answerIfResent(seq: seq) { return GameReply(instance: id, ack: ack, frame: frame) }
                return try await play(request.kind == .action, text, on: host)
            case .release:
                release(host.id)
                return GameReply(instance: id)
            case .watch:
                let bus = self.bus
                let subject = bus.subjects.frames(host.id)
                guard let (watching, frame, note) = await host.startPublishing({ bus.publish(subject, $0) }) else {
                    return GameReply(instance: id, error: WireError(ProtocolError(.gameNotFound, "game \(host.id) is over")))
                }
                return GameReply(instance: id, frame: frame, watching: watching, note: note)
            }
        } catch {
            return GameReply(instance: id, error: WireError(error))
        }
    }

    /// Applies an action (or a key). When the store refused the write because another instance
    /// took the game under this one, the game is let go here, and the `unavailable` answer sends
    /// the gateway to the new owner with the same action.
    private func play(_ isAction: Bool, _ text: String, on host: GameHost) async throws(ProtocolError) -> GameReply {
        do {
            let (ack, frame) = isAction ? try await host.perform(try Reader.action(text)) : try await host.press(key: text)
            return GameReply(instance: id, ack: ack, frame: frame)
        } catch {
            if error.code == .unavailable, hosted[host.id]?.host === host { lost(host.id) }
            throw error
        }
    }

    /// Whether this instance still holds the lease on `gameID`. A lease past its expiry by this
    /// instance's clock (it was paused, or cut off from the store) is renewed before anything is
    /// answered: another instance may have taken the game meanwhile, and then its state here is
    /// stale, so the game is let go instead of answered from.
    private func holdsLease(on gameID: Int64) -> Bool {
        guard let h = hosted[gameID] else { return false }
        guard h.lease.expires <= now() else { return true }
        do {
            hosted[gameID]?.lease = try leases.renewLease(h.lease, now: now(), ttl: leaseMillis)
            return true
        } catch {
            metrics.leaseRenewalFailures.increment()
            if case .leaseLost = error { lost(gameID) }
            return false
        }
    }

    /// Renews every lease this instance holds; a game whose lease was lost is let go. The store
    /// calls run off this actor: they block, and every game here would wait on them (a
    /// PostgreSQL connection waiting out a 5 s lookup held a whole instance's games that long).
    func renewLeases() async {
        let held = hostedGames.compactMap { gameID in hosted[gameID].map { (gameID, $0.lease) } }
        let (leases, now, ttl) = (self.leases, self.now, leaseMillis)
        let results = await offThread {
            held.map { gameID, lease in
                (gameID, lease, Result { () throws(StoreError) in try leases.renewLease(lease, now: now(), ttl: ttl) })
            }
        }
        for (gameID, asked, result) in results {
            // A game let go, or renewed by an action meanwhile, keeps what it has now.
            guard hosted[gameID]?.lease == asked else { continue }
            switch result {
            case .success(let lease):
                hosted[gameID]?.lease = lease
            case .failure(let error):
                metrics.leaseRenewalFailures.increment()
                if case .leaseLost = error { lost(gameID) }
            }
        }
    }

    /// Another instance took the game (this one was paused or cut off past its lease): its state
    /// here is stale, so it is let go without a word to the store, which refuses its writes anyway.
    private func lost(_ gameID: Int64) {
        logger.warning("lost the lease on a game; letting it go", metadata: ["game": "\(gameID)"])
        release(gameID, keepLease: true)
    }

    /// Stops hosting game `id` and gives up its lease; the store keeps all of it, so any instance
    /// can open it again. `keepLease`: the lease is already another's.
    func release(_ gameID: Int64, keepLease: Bool = false) {
        guard let gone = hosted.removeValue(forKey: gameID) else { return }
        try? gone.input.unsubscribe()
        if !keepLease { try? leases.releaseLease(gone.lease) }
        metrics.gamesActive.set(Int64(hosted.count))
        Task {
            await gone.host.endWatching(.playerLeft)
            await gone.host.stopPublishing(.playerLeft)
        }
    }

    /// Stops taking games and lets every hosted game go, so gateways open them on other instances.
    /// An action being applied when the drain starts is stored and answered first: each game's
    /// input is closed, then its host is waited on (an actor runs one call at a time), and only
    /// then is its lease given up.
    func drain() async {
        draining = true
        beating?.cancel()
        for l in listeners { try? l.unsubscribe() }
        listeners = []
        let leaving = hosted
        for h in leaving.values { try? h.input.unsubscribe() }
        for (gameID, h) in leaving.sorted(by: { $0.key < $1.key }) {
            _ = await h.host.info(resumed: false)
            release(gameID)
        }
    }
}
