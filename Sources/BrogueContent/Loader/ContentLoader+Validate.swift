import Foundation

extension ContentLoader {
    /// Checks plugin folders or single content files as they will be loaded, without building anything.
    ///
    /// The folders are checked together, as `load` would load them, with the plugins of `context`
    /// they depend on. A folder whose manifest has no `depends` and does not load alone is checked
    /// again over the default content (the required plugins of `context`), as a game loads it; when
    /// that loads, its one error says to add the dependency. A file is checked on its own (a patch:
    /// only its keys), then with the rest of its plugin and what that depends on, so its references
    /// are checked too; diagnostics of other files are not repeated, only counted. A native library
    /// that is not built yet is a warning here, and names of its rules are not checked.
    /// - Parameters:
    ///   - paths: plugin folders, or YAML files inside plugin folders.
    ///   - context: plugins that may satisfy the folders' dependencies; the required ones are the
    ///     default content.
    ///   - link: opens a library, as for `load(_:link:check:)`; by default nothing is opened.
    ///   - check: checks the assembled content against the opened libraries, as for `load(_:link:check:)`.
    /// - Returns: every problem found, errors and warnings; empty when all is well.
    public func validate(
        paths: [String],
        context: [PluginCandidate] = [],
        link: (PluginLibrary) -> String? = { _ in nil },
        check: @escaping (LoadedContent) -> [Diagnostic] = { _ in [] }
    ) -> [Diagnostic] {
        var folders: [String] = []
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                folders.append(path)
            } else {
                files.append(path)
            }
        }
        var out: [Diagnostic] = []
        if !folders.isEmpty {
            let given = folders.map { PluginCandidate(folder: $0, required: true, source: "validate") }
            out += validateAsLoaded(given, context: context, link: link, check: check)
        }
        let session = LoadSession(limits: limits)
        for file in files { validateFile(file, session) }
        out += session.allDiagnostics
        for file in files where FileManager.default.fileExists(atPath: file) {
            guard let (root, _) = Self.pluginRoot(of: file) else { continue }
            let whole = validateAsLoaded(
                [PluginCandidate(folder: root, required: true, source: "validate")],
                context: context,
                link: link,
                check: check
            )
            out += Self.fileDiagnostics(file, root: root, of: whole, known: out)
        }
        return out
    }

    /// `given` loaded with the plugins they depend on; when one without `depends` does not load
    /// alone, loaded again over the default content to tell a missing dependency from a mistake.
    private func validateAsLoaded(
        _ given: [PluginCandidate],
        context: [PluginCandidate],
        link: (PluginLibrary) -> String?,
        check: @escaping (LoadedContent) -> [Diagnostic]
    ) -> [Diagnostic] {
        let needed = neededContext(given, context)
        let alone = loadSet(given + needed, validating: true, link: link, check: check).diagnostics
        let aloneErrors = alone.filter { $0.severity == .error }
        let lonely = given.compactMap { LoadSession(limits: limits).readPlugin($0.folder) }.filter { $0.manifest.depends.isEmpty }
        let taken = Set((given + needed).map { Self.realPath($0.folder) })
        let defaults = context.filter { $0.required && !taken.contains(Self.realPath($0.folder)) }
        guard !aloneErrors.isEmpty, !lonely.isEmpty, !defaults.isEmpty else { return alone }
        let under = defaults.map { PluginCandidate(folder: $0.folder, required: false, source: $0.source) }
        let asLoaded = loadSet(given + needed + under, validating: true, link: link, check: check).diagnostics
        let loadedErrors = asLoaded.filter { $0.severity == .error }.count
        guard loadedErrors < aloneErrors.count else { return alone }
        let ids = defaults.compactMap { LoadSession(limits: limits).readPlugin($0.folder)?.manifest.id }
        let list = ids.joined(separator: ", ")
        var out = asLoaded
        for p in lonely {
            let first = aloneErrors.first { $0.file.hasPrefix(LoadSession.join(p.manifest.folder, "")) } ?? aloneErrors[0]
            out.append(
                p.diagnostic(
                    .error,
                    at: p.manifestMarks.idMark,
                    "plugin '\(p.manifest.id)' uses content of \(list) but has no 'depends', so nothing makes \(list) load first; "
                        + "without \(list) it has \(aloneErrors.count) error(s), the first: \(first.description)",
                    hint: "add 'depends: [\(list)]' to \(PluginManifest.fileName)"
                )
            )
        }
        return out
    }

    /// The diagnostics of `whole` (a plugin checked whole) that are in `file` and not already
    /// `known`, and a warning counting the errors elsewhere in the plugin.
    private static func fileDiagnostics(_ file: String, root: String, of whole: [Diagnostic], known: [Diagnostic]) -> [Diagnostic] {
        let path = realPath(file)
        // One mistake once: the lone check may word it differently ("in patch of monster ..."), at the same place.
        let seen = Set(known.filter { realPath($0.file) == path }.map { "\($0.line):\($0.column)" })
        var out = whole.filter { realPath($0.file) == path && !seen.contains("\($0.line):\($0.column)") }
        let elsewhere = whole.filter { $0.severity == .error && realPath($0.file) != path }
        if let first = elsewhere.first {
            out.append(
                Diagnostic(
                    severity: .warning,
                    file: file,
                    line: 1,
                    column: 1,
                    message: "its references were checked only as far as the rest of its plugin loads, which has \(elsewhere.count) error(s) "
                        + "in other files, the first: \(first.description)",
                    hint: "brogue content validate \(root) lists them"
                )
            )
        }
        return out
    }

    /// Checks one content file by itself, as the first step of `validate` does: its plugin's
    /// manifest, its YAML, and its fields against its kind's schema (a patch: only its keys),
    /// without the rest of its plugin or the plugins it depends on, so references to other
    /// content are not checked. Quick enough to run on every save in an editor, or on every
    /// input of a fuzzer.
    /// - Returns: every problem found in the file and its manifest; empty when all is well.
    public func validateAlone(file path: String) -> [Diagnostic] {
        let session = LoadSession(limits: limits)
        validateFile(path, session)
        return session.allDiagnostics
    }

    static func realPath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    func validateFile(_ path: String, _ session: LoadSession) {
        guard FileManager.default.fileExists(atPath: path) else {
            session.error(path, .start, "file not found")
            return
        }
        guard let (root, relative) = Self.pluginRoot(of: path) else {
            session.error(
                path,
                .start,
                "file is not inside a plugin folder (no \(PluginManifest.fileName) in its folder or any folder above it)",
                hint: "content is read through a plugin's manifest; add a plugin.yaml or move the file into a plugin"
            )
            return
        }
        guard let plugin = session.readPlugin(root), relative != PluginManifest.fileName else { return }
        guard
            let kind = ContentKind.contentKinds.first(where: { kind in
                (plugin.manifest.content[kind] ?? []).contains { Glob.matches($0, path: relative) }
            })
        else {
            session.error(
                path,
                .start,
                "file is not matched by any content glob of plugin '\(plugin.manifest.id)' (\(plugin.manifestFile))",
                hint: "add a glob for it under 'content' in \(PluginManifest.fileName), or move it"
            )
            return
        }
        var assembly = Assembly()
        assembly.add(kind: kind, path: path, plugin: plugin, session: session)
        assembly.resolveLayers(session, alone: true)
        let patches = assembly.layers.slots.filter { $0.layers[0].mode == .patch }
        assembly.layers.slots.removeAll { $0.layers[0].mode == .patch }
        Assembly.checkLonePatches(patches, session)
        assembly.decodeLayers(session)
    }
}
