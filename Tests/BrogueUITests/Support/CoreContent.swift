import BrogueContent
import BrogueCore
import BrogueUI
import Foundation

/// The real core content, loaded once for the UI tests.
enum CoreContent {
    static let catalog: ContentCatalog = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        do {
            return try ContentLoader().load(plugins: [root.appendingPathComponent("content/core").path]).catalog
        } catch {
            fatalError("content/core does not load: \(error)")
        }
    }()
}

/// Keeps what a session records, and can be told to fail.
final class MemoryRecorder: ActionRecorder {
    var actions: [Action] = []
    var failNext = false

    struct Failure: Error {}

    func record(_ action: Action, after game: Game) throws -> RecordedAction {
        if failNext {
            failNext = false
            throw Failure()
        }
        actions.append(action)
        return RecordedAction(seq: actions.count - 1, stateHash: game.stateHash, storeTime: .zero)
    }
}
