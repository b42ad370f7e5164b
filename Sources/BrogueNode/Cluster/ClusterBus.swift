import BrogueNATS
import BrogueProtocol
import Foundation
import NIOCore
import Prometheus

/// The NATS client as the cluster uses it: JSON messages on `ClusterSubjects`, and the failures a
/// gateway acts on told apart from the rest.
struct ClusterBus: Sendable {
    let client: NATSClient
    let subjects: ClusterSubjects
    let metrics: NodeMetrics
    /// The wall clock placement deadlines are written in (ms since 1970).
    var now: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }

    /// A placement's deadline: now plus how long the asker waits for it.
    func deadline(after wait: Duration) -> Int64 { now() + wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000 }

    /// Why a request got no answer.
    enum Silence: Error, Equatable {
        /// Nobody subscribes to the subject: for a game, its owner is gone.
        case noResponders
        /// The request timed out or the connection dropped: the owner may still be there.
        case timedOut
    }

    /// Sends `message` to `subject` and decodes the answer as a `GameReply`.
    func request(_ subject: String, _ message: some Encodable, timeout: Duration) async throws(Silence) -> GameReply {
        let answer: NATSMessage
        do {
            answer = try await client.request(subject, payload: ByteBuffer(bytes: ClusterCodec.encode(message)), timeout: timeout)
        } catch NATSError.noResponders {
            throw .noResponders
        } catch {
            throw .timedOut
        }
        do {
            return try ClusterCodec.decode(GameReply.self, answer.payload.readableBytesView)
        } catch {
            metrics.clusterBadMessages.increment()
            throw .timedOut
        }
    }

    /// Answers a request; an answer that cannot be sent is dropped (the asker times out and resends).
    func reply(to message: NATSMessage, _ reply: GameReply) {
        guard let subject = message.replyTo else { return }
        try? client.publish(subject, payload: ByteBuffer(bytes: ClusterCodec.encode(reply)))
    }

    func publish(_ subject: String, _ message: some Encodable) {
        try? client.publish(subject, payload: ByteBuffer(bytes: ClusterCodec.encode(message)))
    }
}

/// The pause between a gateway's tries: doubling from 50 ms to at most a second.
struct RetryPause {
    private var next = Duration.milliseconds(50)

    mutating func wait() async {
        try? await Task.sleep(for: next)
        next = min(next * 2, .seconds(1))
    }
}
