import BrogueContent
import BrogueCore
import BroguePluginHost

/// `brogue play --dev`: notices edited YAML by polling file modification times and reloads it
/// for the next game. Native libraries are never reloaded: once one changed, nothing is reloaded
/// (the content hash must name the library that runs) and the notice asks for a restart.
final class DevReload {
    private let candidates: [PluginCandidate]
    private(set) var plugins: PluginSet
    /// The files as of the last poll.
    private var snapshot: ContentSnapshot
    /// The files when brogue started: the libraries loaded then are the ones that run.
    private let start: ContentSnapshot

    init(candidates: [PluginCandidate], plugins: PluginSet, content: LoadedContent) {
        self.candidates = candidates
        self.plugins = plugins
        self.content = content
        snapshot = ContentSnapshot.take(plugins.content?.plugins ?? [])
        start = snapshot
    }

    /// The content games start with now, the native libraries' rules attached.
    private(set) var content: LoadedContent

    /// A notice when files changed since the last poll: what changed in the content, or the
    /// errors that kept the new files from loading (the previous content stays in use).
    func poll() -> (title: String, lines: [String])? {
        let now = ContentSnapshot.take(plugins.content?.plugins ?? [])
        let changes = now.changes(since: snapshot)
        guard !changes.isEmpty else { return nil }
        snapshot = now
        let libraries = now.changes(since: start).libraries
        if !libraries.isEmpty {
            return (
                "Restart to load native code",
                changes.yaml + libraries.map { "library changed: \($0)" }
                    + ["", "Native code is never reloaded, and content is not reloaded without it: restart brogue."]
            )
        }
        let reloaded = plugins.reloadingContent(candidates)
        let fresh: LoadedContent
        do {
            guard let withRules = try reloaded.contentWithRules() else {
                let errors = reloaded.report.diagnostics.filter { $0.severity == .error }
                return (
                    "Content not reloaded",
                    changes.yaml + ["", "\(errors.count) error(s); new games use the previous content until they are fixed:"]
                        + errors.prefix(12).map(\.description) + (errors.count > 12 ? ["... and \(errors.count - 12) more"] : [])
                )
            }
            fresh = withRules
        } catch let error as CatalogError {
            return (
                "Content not reloaded",
                changes.yaml + ["", "The content no longer fits the native plugins' rules; new games use the previous content:"]
                    + error.problems.prefix(12)
            )
        } catch {
            return ("Content not reloaded", changes.yaml + ["", "\(error)"])
        }
        var lines = changes.yaml + [""]
        let differences = fresh.changes(from: content)
        lines += differences.isEmpty ? ["No entry changed."] : differences
        let skipped = reloaded.report.plugins.filter { !$0.isLoaded && !$0.candidate.required }
        lines += skipped.compactMap { s in s.refusal.map { "skipped \(s.manifest?.id ?? s.candidate.folder): \($0.message)" } }
        lines += ["", "New games use it; games already started keep the content they began with."]
        plugins = reloaded
        content = fresh
        return ("Content reloaded", lines)
    }
}
