import NIOConcurrencyHelpers
import NIOCore

/// The messages one connection has received and not handled yet, and the one short-lived task
/// that handles them. The event loop (`MessageChannelHandler`) puts each whole message here; when
/// no task is handling this connection's messages, it starts one, which handles them one at a time
/// in order and ends when none is left. An idle connection so holds no task at all: a task's
/// frames were most of the 44 KB an idle session cost (docs/node.md, "What a session and a game
/// hold").
///
/// The same task, at the end, runs the connection's cleanup (`Session.close`), exactly once:
/// `running` is taken by whoever starts a task and never given back after the cleanup.
final class Inbox: Sendable {
    enum Message: Sendable {
        case text(String)
        case binary
    }

    /// Reads stop while this many messages wait, and start again when the task has taken them
    /// down to `resumeBelow`: the bounded read-ahead NIO's async channel gave the reader task
    /// before (its high and low watermarks), so a client cannot queue up work faster than it is done.
    static let pauseAt = 10
    static let resumeBelow = 2

    private struct State {
        var messages = CircularBuffer<Message>()
        /// A task is handling messages, starting the connection or cleaning up.
        var running = true
        /// No message will come any more (the client closed): handle those here, then clean up.
        var inputEnded = false
        /// Handle nothing more (a close was sent, or the reader gave up): clean up.
        var stopped = false
        var readsPaused = false
    }

    private let state = NIOLockedValueBox(State())
    private let channel: any Channel

    init(channel: any Channel) { self.channel = channel }

    /// Whether the channel should hold off reading from the socket.
    var readsPaused: Bool { state.withLockedValue { $0.readsPaused } }

    /// What a task should do next.
    enum Next {
        case handle(Message)
        /// No message now: the task ends (`running` was given back).
        case wait
        /// The connection is over: clean up, then end (`running` stays taken).
        case close
    }

    /// A whole message arrived (on the event loop).
    /// - Returns: whether the caller must start a task to handle it.
    func put(_ message: Message) -> Bool {
        state.withLockedValue { s in
            guard !s.stopped && !s.inputEnded else { return false }
            s.messages.append(message)
            if s.messages.count >= Self.pauseAt { s.readsPaused = true }
            return take(&s)
        }
    }

    /// No more messages will come; those here are still handled.
    /// - Returns: whether the caller must start a task to clean up.
    func endInput() -> Bool {
        state.withLockedValue { s in
            s.inputEnded = true
            return take(&s)
        }
    }

    /// Handle nothing more: what waits is dropped, the message being handled finishes.
    /// - Returns: whether the caller must start a task to clean up.
    func stop() -> Bool {
        state.withLockedValue { s in
            s.stopped = true
            s.messages.removeAll()
            return take(&s)
        }
    }

    /// Called by the running task between messages.
    func next() -> Next {
        let (next, resume) = state.withLockedValue { s -> (Next, Bool) in
            if s.stopped { return (.close, false) }
            guard let message = s.messages.popFirst() else {
                if s.inputEnded { return (.close, false) }
                s.running = false
                return (.wait, false)
            }
            guard s.readsPaused, s.messages.count < Self.resumeBelow else { return (.handle(message), false) }
            s.readsPaused = false
            return (.handle(message), true)
        }
        // A read the channel held back is asked for again; it passes now that reads are not paused.
        if resume { channel.eventLoop.execute { [channel] in channel.read() } }
        return next
    }

    /// Takes `running` if no task holds it.
    private func take(_ s: inout State) -> Bool {
        guard !s.running else { return false }
        s.running = true
        return true
    }
}
