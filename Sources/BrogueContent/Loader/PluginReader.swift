import Foundation

/// One plugin folder as read from disk: its manifest and the content files its globs match.
struct PluginFolder {
    var manifest: PluginManifest
    var manifestFile: String
    var manifestMarks: ManifestSchema.File
    /// Content files in processing order: by kind, then by path.
    var files: [(kind: ContentKind, path: String)]
}

extension PluginFolder {
    /// A problem with this plugin, placed at `mark` in its plugin.yaml.
    func diagnostic(_ severity: Diagnostic.Severity, at mark: Mark, _ message: String, hint: String?) -> Diagnostic {
        Diagnostic(
            severity: severity,
            file: manifestFile,
            line: mark.line,
            column: mark.column,
            entry: manifest.id,
            message: message,
            hint: hint
        )
    }
}

/// Reads manifests and content files, collecting every diagnostic.
final class LoadSession {
    let limits: ContentLimits
    private var diagnostics: [Diagnostic] = []
    /// Sinks for problems found after a file was read (references, layering), capped per file like the rest.
    private var lateSinks: [DiagnosticSink] = []
    private var lateSinkIndex: [String: Int] = [:]
    /// Content files counted against `limits.maxFiles`, across every session of one load.
    var filesRead = 0

    init(limits: ContentLimits) {
        self.limits = limits
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } || lateSinks.contains { $0.errorCount > 0 } }

    /// Everything reported: each file's own problems in reading order, then the later ones by file.
    var allDiagnostics: [Diagnostic] { diagnostics + lateSinks.flatMap { $0.finish() } }

    func error(_ file: String, _ mark: Mark, _ message: String, entry: String? = nil, hint: @autoclosure () -> String? = nil) {
        lateSink(file).error(mark, message, entry: entry, hint: hint())
    }

    func warning(_ file: String, _ mark: Mark, _ message: String, entry: String? = nil, hint: @autoclosure () -> String? = nil) {
        lateSink(file).warning(mark, message, entry: entry, hint: hint())
    }

    private func lateSink(_ file: String) -> DiagnosticSink {
        if let i = lateSinkIndex[file] { return lateSinks[i] }
        lateSinkIndex[file] = lateSinks.count
        lateSinks.append(DiagnosticSink(file: file, cap: limits.maxDiagnosticsPerFile))
        return lateSinks[lateSinks.count - 1]
    }

    /// Keeps a diagnostic found elsewhere (a layered entry's, routed to the file that wrote the field).
    func append(_ diagnostic: Diagnostic) {
        if diagnostic.severity == .error {
            lateSink(diagnostic.file).error(
                Mark(line: diagnostic.line, column: diagnostic.column),
                diagnostic.message,
                entry: diagnostic.entry,
                hint: diagnostic.hint
            )
        } else {
            lateSink(diagnostic.file).warning(
                Mark(line: diagnostic.line, column: diagnostic.column),
                diagnostic.message,
                entry: diagnostic.entry,
                hint: diagnostic.hint
            )
        }
    }

    /// Runs `body` with a sink for `file` and keeps what it reported.
    func withSink<T>(_ file: String, _ body: (DiagnosticSink) -> T) -> T {
        let sink = DiagnosticSink(file: file, cap: limits.maxDiagnosticsPerFile)
        let result = body(sink)
        diagnostics.append(contentsOf: sink.finish())
        return result
    }

    /// Reads a plugin's manifest and expands its globs.
    func readPlugin(_ folder: String) -> PluginFolder? {
        let folder = Self.trimmed(folder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            error(folder, .start, "plugin folder not found", hint: "pass the folder that holds plugin.yaml")
            return nil
        }
        let manifestFile = Self.join(folder, PluginManifest.fileName)
        guard FileManager.default.fileExists(atPath: manifestFile) else {
            error(
                manifestFile,
                .start,
                "plugin folder has no \(PluginManifest.fileName)",
                hint: "every plugin folder starts with a manifest; see docs/content/manifest.md"
            )
            return nil
        }
        let marks: ManifestSchema.File = withSink(manifestFile) { sink in
            guard
                let node = SourceReader(limits: limits).read(
                    path: manifestFile,
                    expected: "a plugin manifest (id, name, version, content)",
                    sink: sink
                )
            else {
                return ManifestSchema.File()
            }
            return ManifestSchema.decode(node, folder: folder, FileContext(sink: sink))
        }
        guard let manifest = marks.manifest else { return nil }
        let budget = max(0, limits.maxFiles - filesRead) * 4 + 64
        guard let all = Glob.listFiles(in: folder, budget: budget) else {
            error(manifestFile, .start, "plugin folder holds too many files to search (the limit is \(limits.maxFiles) content files)")
            return nil
        }
        var files: [(kind: ContentKind, path: String)] = []
        var owner: [String: ContentKind] = [:]
        let listed = all.filter { $0 != PluginManifest.fileName }
        let listedSegments = listed.map(Glob.segments)
        for kind in ContentKind.contentKinds {
            var matched: Set<String> = []
            let globs = manifest.content[kind] ?? []
            for (i, pattern) in globs.enumerated() {
                let compiled = Glob.segments(pattern)
                let hits = listed.indices.filter { Glob.matches(compiled, listedSegments[$0]) }.map { listed[$0] }
                if hits.isEmpty {
                    let mark = marks.globMarks[kind]?[i] ?? .start
                    warning(manifestFile, mark, "content glob '\(pattern)' for \(kind.rawValue) matches no files")
                }
                matched.formUnion(hits)
            }
            for path in matched.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                if let other = owner[path] {
                    error(
                        manifestFile,
                        marks.kindMarks[kind] ?? .start,
                        "file '\(path)' is matched by the globs of both \(other.rawValue) and \(kind.rawValue)",
                        hint: "a file holds one kind of content; narrow one of the globs"
                    )
                    continue
                }
                owner[path] = kind
                files.append((kind, path))
            }
        }
        filesRead += files.count
        if filesRead > limits.maxFiles {
            error(
                manifestFile,
                .start,
                "more than \(limits.maxFiles) content files across the plugins loaded",
                hint: "raise ContentLimits.maxFiles if this is intended"
            )
            return nil
        }
        return PluginFolder(manifest: manifest, manifestFile: manifestFile, manifestMarks: marks, files: files)
    }

    static func trimmed(_ folder: String) -> String {
        var f = folder
        while f.count > 1 && f.hasSuffix("/") { f.removeLast() }
        return f
    }

    static func join(_ folder: String, _ relative: String) -> String {
        folder.hasSuffix("/") ? folder + relative : folder + "/" + relative
    }

    static func expected(_ kind: ContentKind) -> String {
        switch kind {
        case .terrain: "a terrain mapping (id, name, glyph, ...)"
        case .monsters: "a monster mapping (id, name, hp, ...)"
        case .items: "an item mapping (id, name, category, ...)"
        case .spawns: "a spawns mapping (monsters, items, population)"
        case .player: "a player mapping (hp, strength, starting-items, ...)"
        case .appearances: "an appearances mapping (potion-colors, scroll-syllables)"
        case .generators: "a generator mapping (id, depths, entrance, rooms, ...)"
        case .blueprints: "a blueprint mapping (id, name, depths, width, height, features, ...)"
        case .bolts: "a bolt mapping (id, name, effect, ...)"
        case .runics: "a runic mapping (id, name, slot, rule, ...)"
        case .manifest: "a plugin manifest (id, name, version, content)"
        }
    }
}
