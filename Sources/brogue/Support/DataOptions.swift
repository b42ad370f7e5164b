import ArgumentParser
import BrogueStore
import Foundation

/// Where saved games live; shared by every command that opens the store.
struct DataOptions: ParsableArguments {
    @Option(
        name: .customLong("data"),
        help: ArgumentHelp(
            "The folder holding brogue.sqlite (default: $BROGUE_DATA_DIR, else $XDG_DATA_HOME/brogue, else ~/.local/share/brogue).",
            valueName: "dir"
        )
    )
    var folder: String?

    /// The data folder, whether or not it exists yet; nil when no default can be worked out.
    var resolvedFolder: String? {
        folder ?? (try? SQLiteGameStore.defaultPath()).map { ($0 as NSString).deletingLastPathComponent }
    }

    /// Opens the store, or exits with the store's own explanation.
    func open(readOnly: Bool = false) throws -> SQLiteGameStore {
        do {
            let path: String
            if let folder {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                path = (folder as NSString).appendingPathComponent("brogue.sqlite")
            } else {
                path = try SQLiteGameStore.defaultPath()
            }
            return try SQLiteGameStore(path: path, options: .init(access: readOnly ? .readOnly : .readWrite))
        } catch let error as StoreError {
            Console.error("brogue: \(error)")
            throw ExitCode(1)
        } catch {
            Console.error("brogue: cannot use the data folder \(folder ?? "(default)"): \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }
}
