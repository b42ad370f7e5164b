import Foundation
import NIOConcurrencyHelpers

extension LoadTest {
    /// What the node spent during a run, from its `/metrics` read before the idle sessions,
    /// after them, at every progress line and after the bots: the figures that hold across
    /// machines better than round trips do.
    public struct NodeFigures: Sendable, Codable, Equatable {
        /// Node CPU time while the bots played, per action answered (stored or refused), in
        /// microseconds: everything the node did meanwhile, games started included.
        public var cpuMicrosecondsPerAction: Double?
        /// Node CPU time per action the node stored, between the first progress sample after the
        /// ramp and the last one before the first bot stops: with every bot playing, so without
        /// the games being started and the connections opened that the figure above includes.
        /// Nil when the run had no such window (a progress interval longer than the play).
        public var cpuMicrosecondsPerActionSteady: Double?
        /// The length of that window, in seconds.
        public var steadySeconds: Double?
        /// Node CPU time to open one idle session (connect, hello, guest), in microseconds.
        public var cpuMicrosecondsPerIdleSession: Double?
        /// Growth of the node's resident memory per idle session opened, in bytes.
        public var bytesPerIdleSession: Double?
        /// Growth of the node's resident memory from before the bots to the progress line with
        /// the most games hosted, per game hosted then (its connection included), in bytes.
        public var bytesPerGame: Double?
        public var cpuSecondsPlaying = 0.0
        public var residentBytesAtStart = 0.0
        public var residentBytesAtPeak = 0.0
        public var peakGamesActive = 0.0
        /// Actions the node counted as stored while the bots played.
        public var nodeActions = 0.0

        public init() {}

        /// - Parameters:
        ///   - start: before the idle sessions; `idle`: after them, before the bots; `peak`: the
        ///     sample with the most games hosted; `end`: after the bots.
        init(
            start: NodeSample,
            idle: NodeSample,
            peak: NodeSample?,
            end: NodeSample,
            steady: (first: Sampled, last: Sampled)?,
            answered: Int,
            idleOpened: Int
        ) {
            cpuSecondsPlaying = end.cpuSeconds - idle.cpuSeconds
            if let steady, steady.last.sample.actions > steady.first.sample.actions {
                let (first, last) = (steady.first.sample, steady.last.sample)
                cpuMicrosecondsPerActionSteady = (last.cpuSeconds - first.cpuSeconds) * 1e6 / (last.actions - first.actions)
                steadySeconds = steady.last.at - steady.first.at
            }
            residentBytesAtStart = start.residentBytes
            nodeActions = end.actions - idle.actions
            if answered > 0 { cpuMicrosecondsPerAction = cpuSecondsPlaying * 1e6 / Double(answered) }
            if idleOpened > 0 {
                cpuMicrosecondsPerIdleSession = (idle.cpuSeconds - start.cpuSeconds) * 1e6 / Double(idleOpened)
                bytesPerIdleSession = (idle.residentBytes - start.residentBytes) / Double(idleOpened)
            }
            if let peak, peak.gamesActive > 0 {
                residentBytesAtPeak = peak.residentBytes
                peakGamesActive = peak.gamesActive
                bytesPerGame = (peak.residentBytes - idle.residentBytes) / peak.gamesActive
            }
        }

        /// The lines `brogue loadtest` prints.
        var lines: [String] {
            func f(_ v: Double?, _ digits: Int = 0) -> String { v.map { String(format: "%.\(digits)f", $0) } ?? "-" }
            return [
                "node cpu: \(f(cpuMicrosecondsPerAction)) us per action (\(f(cpuSecondsPlaying, 2)) s playing), \(f(cpuMicrosecondsPerIdleSession)) us per idle session opened",
                "node cpu with every bot playing: \(f(cpuMicrosecondsPerActionSteady)) us per action stored (over \(f(steadySeconds, 1)) s, no games started)",
                "node memory: \(f(bytesPerIdleSession.map { $0 / 1024 }, 1)) KB per idle session, \(f(bytesPerGame.map { $0 / 1024 }, 1)) KB per game (\(f(peakGamesActive)) hosted at the peak, rss \(f(residentBytesAtStart / 1_048_576, 1)) MB at start, \(f(residentBytesAtPeak / 1_048_576, 1)) MB at the peak)",
            ]
        }
    }

    /// The samples of one run, kept as it goes.
    struct NodeSamples: Sendable {
        var start: NodeSample?
        var idle: NodeSample?
        var peak: NodeSample?
        var end: NodeSample?
        /// The first progress sample after the last bot started and the last before the first
        /// one stopped.
        var steadyFirst: Sampled?
        var steadyLast: Sampled?
        var failure: String?

        mutating func keepPeak(_ s: NodeSample) {
            if peak.map({ s.gamesActive > $0.gamesActive }) ?? true { peak = s }
        }

        /// Keeps `s`, taken `at` seconds into the play, as an end of the window when every bot
        /// plays: from the ramp's end (the last bot starts) to the play's length (the first stops).
        mutating func keepSteady(_ s: NodeSample, at: Double, ramp: Double, duration: Double) {
            guard at >= ramp && at <= duration else { return }
            if steadyFirst == nil { steadyFirst = Sampled(sample: s, at: at) } else { steadyLast = Sampled(sample: s, at: at) }
        }

        func figures(answered: Int, idleOpened: Int) -> NodeFigures? {
            guard let start, let idle, let end else { return nil }
            let steady = steadyFirst.flatMap { first in steadyLast.map { (first, $0) } }
            return NodeFigures(start: start, idle: idle, peak: peak, end: end, steady: steady, answered: answered, idleOpened: idleOpened)
        }
    }

    /// A node sample and when it was taken, in seconds since the bots began.
    struct Sampled: Sendable {
        var sample: NodeSample
        var at: Double
    }
}

/// Reads the nodes' `/metrics` for a run and keeps the samples. A failed reading before or
/// after the run ends the measuring (the report says why); one at a progress line, with the node
/// too busy to answer in time, only loses that peak candidate.
final class NodeSampler: Sendable {
    let samples = NIOLockedValueBox(LoadTest.NodeSamples())
    private let servers: [String]
    private let enabled: Bool

    init(_ options: LoadTest.Options) {
        servers = options.servers
        enabled = options.measureNode
    }

    func sample(required: Bool = true, _ keep: @Sendable (inout LoadTest.NodeSamples, NodeSample) -> Void) async {
        guard enabled, samples.withLockedValue({ $0.failure == nil }) else { return }
        switch await NodeSample.scrape(servers) {
        case .success(let s): samples.withLockedValue { keep(&$0, s) }
        case .failure(let f) where required: samples.withLockedValue { $0.failure = f.description }
        case .failure: break
        }
    }
}
