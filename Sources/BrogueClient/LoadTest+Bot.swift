import BrogueProtocol
import Foundation
import Logging
import NIOConcurrencyHelpers

extension LoadTest {
    /// One bot: connects at `startAt`, then plays for `options.duration` seconds from when its
    /// first game has started (so a slow connect shortens no bot's play). It plays through a
    /// `RemoteSession` starting on its own node of the list, so it reconnects and resumes when
    /// a node goes away.
    static func bot(_ index: Int, options: Options, startAt: ContinuousClock.Instant, tally: Tally, recorder: AckRecorder?, logger: Logger) async {
        let clock = ContinuousClock()
        try? await Task.sleep(until: startAt, clock: clock)
        // Each bot starts on its own server of the list, so they spread.
        let first = index % options.servers.count
        let servers = Array(options.servers[first...] + options.servers[..<first])
        let session: RemoteSession
        do {
            session = try await RemoteSession.connect(
                .init(servers: servers, maxAttempts: options.reconnectAttempts, backoff: options.backoff, client: "brogue-loadtest/0.1.0"),
                credentials: .guest("bot\(index)"),
                logger: logger
            )
        } catch {
            tally.error("bot \(index) could not connect: \(error)", code: "connect")
            return
        }
        do {
            try await play(index, session: session, options: options, tally: tally, recorder: recorder)
            await session.close()
        } catch {
            tally.report.withLockedValue {
                $0.drops += 1
                $0.errorCodes[Self.code(of: error), default: 0] += 1
                if $0.errorSamples.count < 5 { $0.errorSamples.append("bot \(index) dropped: \(error)") }
            }
            await session.drop()
        }
        let counters = session.counters
        tally.report.withLockedValue {
            $0.reconnects += counters.reconnects
            $0.reconnectsByBot[index] = counters.reconnects
            $0.resent += counters.resent
            $0.storedUnacknowledged += counters.storedUnacknowledged
        }
    }

    /// The play loop of one bot: explore while there is something to explore, else random
    /// moves and now and then the stairs; a new game when one ends (or, with `gameActions`, once
    /// it has that many actions).
    private static func play(_ index: Int, session: RemoteSession, options: Options, tally: Tally, recorder: AckRecorder?) async throws(RemoteError) {
        let clock = ContinuousClock()
        var rng = SplitMix64(seed: options.seed.map { $0 ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15) } ?? UInt64.random(in: 0...UInt64.max))
        var gamesStarted: UInt64 = 0
        func seed() -> UInt64? {
            defer { gamesStarted += 1 }
            return options.seed.map { $0 &+ UInt64(index) &* 1_000_003 &+ gamesStarted }
        }
        _ = try await session.newGame(seed: seed())
        tally.report.withLockedValue { $0.gamesStarted += 1 }
        let endAt = clock.now + .seconds(options.duration)
        let interval = Duration.seconds(1 / max(options.rate, 0.001))
        // Bots spread over the interval, so they do not all send at the same instant.
        var next = clock.now + interval * Double.random(in: 0..<1, using: &rng)
        var moves = BotMoves()
        var stored = 0
        // Actions stored in the game being played, and when to leave it (`gameActions`). A
        // bot's first game is left after a random number of actions up to the bound, so the
        // bots' games do not all start and end together: their ages spread evenly.
        var inGame = 0
        var leaveAt = options.gameActions.map { Int(rng.next() % UInt64($0)) + 1 }
        while options.actionsPerBot.map({ stored < $0 }) ?? true {
            try? await Task.sleep(until: next, clock: clock)
            guard clock.now < endAt, !options.stop.requested else { break }
            next += interval
            if next < clock.now { next = clock.now }
            let action = moves.next(using: &rng)
            let sent = clock.now
            let reply = try await session.perform(action)
            let ms = (clock.now - sent) / .milliseconds(1)
            var restart = false
            switch reply {
            case .ack(let ack):
                tally.report.withLockedValue {
                    $0.actions += 1
                    $0.roundTrips.append(ms)
                }
                if let game = session.info?.game {
                    recorder?.write(
                        AckRecord(bot: index, game: game, seq: ack.actions, action: action, stateHash: ack.stateHash, at: AckRecord.now())
                    )
                }
                stored += 1
                inGame += 1
                restart = ack.over
            case .refused(let e) where e.code == .badAction:
                tally.report.withLockedValue {
                    $0.refused += 1
                    $0.roundTrips.append(ms)
                }
                moves.refused(action)
            case .refused(let e) where e.code == .gameOver:
                restart = true
            case .refused(let e):
                tally.error("bot \(index): \(e.code.rawValue): \(e.message)", code: e.code.rawValue)
            }
            let leave = !restart && leaveAt.map { inGame >= $0 } == true
            if restart || leave {
                tally.report.withLockedValue {
                    if restart { $0.gamesOver += 1 } else { $0.gamesLeft += 1 }
                }
                guard clock.now < endAt, !options.stop.requested else { break }
                _ = try await session.newGame(seed: seed())
                tally.report.withLockedValue { $0.gamesStarted += 1 }
                moves = BotMoves()
                inGame = 0
                leaveAt = options.gameActions
            }
        }
    }

    /// The error-code key a bot's end is counted under.
    static func code(of error: RemoteError) -> String {
        switch error {
        case .refused(let e): e.code.rawValue
        case .ended(let reason, _): "ended_\(reason.rawValue)"
        case .reconnectFailed: "reconnect_failed"
        case .closed: "closed"
        case .unreachable, .badURL: "connect"
        case .versionMismatch: "version_unsupported"
        case .unexpected: "unexpected"
        }
    }
}

/// Steele, Lea and Flood's SplitMix64: a tiny seedable generator for the bots' moves.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
