import BrogueCore

/// Reads the parts of one generator profile (`GeneratorSchema.table`), each part reporting its own
/// problems; the terrains the profile names collect in `references`.
struct GeneratorDecoder {
    let r: EntryReader
    let id: String?
    let file: FileContext
    private(set) var references: [Reference] = []

    init(_ r: EntryReader, id: String?, file: FileContext) {
        self.r = r
        self.id = id
        self.file = file
    }

    private var label: String { r.label }

    /// Notes that the field `key` of `e` names terrain `t`, for `use`.
    private mutating func terrain(_ t: String, _ e: EntryReader, _ key: String, place: String, use: TerrainUse?) {
        references.append(Reference(kind: .terrain, id: t, mark: e.mark(key), place: "'\(key)' of \(place) of \(label)", use: use))
    }

    /// A depth curve, `what` naming it in messages ("'chance' of lake 2").
    func curve(_ n: YNode?, _ what: String) -> DepthCurve? {
        guard let n, let c = EntryReader(n, table: GeneratorSchema.curve, what: "\(what) of \(label)", entry: id, sink: file.sink) else { return nil }
        guard let start = c.int("start"), let end = c.int("end"), let from = c.int("from-depth"), let to = c.int("to-depth") else { return nil }
        if from > to {
            c.error(c.mark("to-depth"), "'to-depth' \(to) in \(what) of \(label) is below its 'from-depth' \(from)", hint: "swap them")
            return nil
        }
        return DepthCurve(start: start, end: end, fromDepth: from, toDepth: to)
    }

    /// A room design, `what` naming it in messages ("entrance", "room design 2").
    func room(_ n: YNode, _ what: String) -> RoomSpec? {
        guard let e = EntryReader(n, table: GeneratorSchema.room, what: "\(what) of \(label)", entry: id, sink: file.sink) else { return nil }
        guard let name = e.string("design"), let design = RoomDesign(rawValue: name), let weight = e.int("weight") else { return nil }
        let width = e.has("width") ? e.range("width") : RoomSpec.defaultSize(design).0
        let height = e.has("height") ? e.range("height") : RoomSpec.defaultSize(design).1
        guard let width, let height else { return nil }
        if design == .cave && (width.lowerBound < 3 || height.lowerBound < 3) {
            e.error(e.mark("width"), "a cave in \(label) needs a box of at least 3x3", hint: "raise 'width' and 'height'")
            return nil
        }
        return RoomSpec(design: design, weight: weight, width: width, height: height)
    }

    /// `rooms`: the designs that read, of which at least one must have a weight.
    func rooms() -> [RoomSpec] {
        var rooms: [RoomSpec] = []
        for (i, n) in (r.list("rooms") ?? []).enumerated() {
            if let spec = room(n, "room design \(i + 1)") { rooms.append(spec) }
        }
        if r.has("rooms") && rooms.allSatisfy({ $0.weight == 0 }) && !r.hasErrors {
            r.error(r.mark("rooms"), "\(label) has no room design with a weight above 0", hint: "give at least one design a weight")
        }
        return rooms
    }

    /// `secret-doors`: a percentage by depth.
    func secretDoors() -> DepthCurve? {
        let secret = curve(r.mapping("secret-doors"), "'secret-doors'")
        if let secret, max(secret.start, secret.end) > 100 {
            r.error(r.mark("secret-doors"), "'secret-doors' in \(label) is a percentage; it must stay within 0-100")
        }
        return secret
    }

    /// `lakes`: the lakes that read.
    mutating func lakes() -> [LakeSpec] {
        (r.list("lakes") ?? []).enumerated().compactMap { lake($1, number: $0 + 1) }
    }

    private mutating func lake(_ n: YNode, number i: Int) -> LakeSpec? {
        guard let e = EntryReader(n, table: GeneratorSchema.lake, what: "lake \(i) of \(label)", entry: id, sink: file.sink) else { return nil }
        if let deep = e.string("deep") { terrain(deep, e, "deep", place: "lake \(i)", use: .lakeBody) }
        let shallow = e.has("shallow") ? e.string("shallow") : nil
        if let shallow { terrain(shallow, e, "shallow", place: "lake \(i)", use: .lakeWreath) }
        let chance = curve(e.mapping("chance"), "'chance' of lake \(i)")
        guard let deep = e.string("deep"), let chance, let attempts = e.int("attempts"), let width = e.range("width"),
            let height = e.range("height"), let wreath = e.int("wreath"), let minDepth = e.int("min-depth")
        else { return nil }
        return LakeSpec(
            deep: deep,
            shallow: shallow,
            chance: chance,
            attempts: attempts,
            width: width,
            height: height,
            wreath: wreath,
            minDepth: minDepth
        )
    }

    /// `decorations`: the decorations that read.
    mutating func decorations() -> [DecorationSpec] {
        (r.list("decorations") ?? []).enumerated().compactMap { decoration($1, number: $0 + 1) }
    }

    private mutating func decoration(_ n: YNode, number i: Int) -> DecorationSpec? {
        guard let e = EntryReader(n, table: GeneratorSchema.decoration, what: "decoration \(i) of \(label)", entry: id, sink: file.sink) else {
            return nil
        }
        if let t = e.string("terrain") {
            let use: TerrainUse? =
                switch e.string("placement").flatMap({ DecorationPlacement(rawValue: $0) }) {
                case .floor: .floorDecoration
                case .trap: .trap
                case .wall, nil: nil
                }
            terrain(t, e, "terrain", place: "decoration \(i)", use: use)
        }
        let count = curve(e.mapping("count"), "'count' of decoration \(i)")
        guard let t = e.string("terrain"), let p = e.string("placement"), let placement = DecorationPlacement(rawValue: p), let count,
            let size = e.range("size")
        else { return nil }
        return DecorationSpec(terrain: t, placement: placement, count: count, size: size)
    }

    /// `bridges`, when given and it reads.
    mutating func bridges() -> BridgeSpec? {
        guard let n = r.mapping("bridges"),
            let e = EntryReader(n, table: GeneratorSchema.bridges, what: "'bridges' of \(label)", entry: id, sink: file.sink)
        else { return nil }
        if let t = e.string("terrain") { terrain(t, e, "terrain", place: "'bridges'", use: .bridge) }
        let count = curve(e.mapping("count"), "'count' of 'bridges'")
        guard let t = e.string("terrain"), let count, let maxLength = e.int("max-length"), let detour = e.int("detour") else { return nil }
        return BridgeSpec(terrain: t, count: count, maxLength: maxLength, detour: detour)
    }

    /// `stages`: the names that are `<plugin-id>.<name>`.
    func stages() -> [String] {
        var stages: [String] = []
        for (name, mark) in r.strings("stages") ?? [] {
            if RuleExtensions.isQualified(name) {
                stages.append(name)
            } else {
                r.error(
                    mark,
                    "a stage in 'stages' of \(label) must be '<plugin-id>.<name>', found '\(name.clipped)'",
                    hint: "name a stage a plugin registers, like alchemy.flooded-ruins"
                )
            }
        }
        return stages
    }
}
