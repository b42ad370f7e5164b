import BrogueCore

/// What decoding one entry gave: its id and where it stands, and the value when it could be built.
///
/// The id is kept even when the value is not, so one broken field does not also make every
/// reference to the entry an "unknown id" error.
struct Decoded<Value> {
    var id: String?
    var value: Value?
    var file: String
    /// The position of the id's value, or of the top of the file.
    var mark: Mark
    /// Ids of other entries this one names, checked once everything is loaded.
    var references: [Reference] = []
}

/// An id named by content, with where it is written.
struct Reference {
    var kind: ContentKind
    var id: String
    var mark: Mark
    /// How the message names the place: "'discover-as' of terrain 'secret-door'".
    var place: String
    /// For a terrain: what the place uses it for, checked against the terrain once it is known.
    var use: TerrainUse? = nil
    /// For a bolt: a monster casts it, so its effect must be one monsters can cast.
    var castByMonster = false
}

/// What a kind decoder needs to know about the file it reads.
struct FileContext {
    let sink: DiagnosticSink
    /// The file name without `.yaml`, which must equal the id for one-entry-per-file kinds.
    let baseName: String

    init(sink: DiagnosticSink) {
        self.sink = sink
        let last = sink.file.split(separator: "/").last.map(String.init) ?? sink.file
        baseName = last.hasSuffix(".yaml") ? String(last.dropLast(5)) : last.hasSuffix(".yml") ? String(last.dropLast(4)) : last
    }

    /// Reads the `id` field and checks that the file is named after it.
    func id(_ r: EntryReader, kind: String) -> String? {
        guard let id = r.string("id") else { return nil }
        if id != baseName {
            r.error(
                r.mark("id"),
                "\(kind) id '\(id)' does not match its file name '\(baseName).yaml'",
                hint: "name the file '\(id).yaml', or change the id"
            )
        }
        return id
    }
}
