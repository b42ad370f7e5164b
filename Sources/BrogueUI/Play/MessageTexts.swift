import Glibc

/// The texts of messages, each kept once per process.
///
/// Players are told the same few hundred things again and again ("The rat misses you."), and a
/// game keeps up to `MessageLog.capacity` of them: 60 games played 1,800 actions each held about
/// 300 messages apiece, 17 KB of text per game, yet only 314 different texts among them all.
/// A log entry whose text is here shares its storage, so a node's games keep each text once.
///
/// Bounded: at most `limit` texts of at most `longest` bytes are kept; any other text is used
/// as it comes. Texts of 15 bytes or fewer live inside the `String` itself, with nothing to share.
/// It changes no text: a pooled string is equal to the one given, so nothing the rules or a
/// screen see depends on it.
final class MessageTexts: @unchecked Sendable {
    static let shared = MessageTexts()
    static let limit = 4096
    static let longest = 160

    // A pthread mutex, which ThreadSanitizer understands (docs/node.md, "The node under sanitizers").
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    // Guarded by `mutex`.
    private var texts = Set<String>()

    init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    /// `text`, or an equal text already kept, whose storage it then shares.
    func pooled(_ text: String) -> String {
        let length = text.utf8.count
        guard length > 15, length <= Self.longest else { return text }
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if let kept = texts.firstIndex(of: text) { return texts[kept] }
        if texts.count < Self.limit { texts.insert(text) }
        return text
    }

    /// How many texts are kept.
    var count: Int {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return texts.count
    }
}
