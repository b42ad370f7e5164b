/// A room designed on its own scratch grid before it is attached: its floor cells and, for
/// each cardinal direction, a doorway site just outside it (nil when it has none).
struct RoomShape {
    var cells: [Point]
    /// Indexed like `Direction.cardinals`.
    var doors: [Point?]
    var center: Point

    /// Designs a room of `spec`'s kind and size.
    static func design(_ spec: RoomSpec, rng: inout RandomStream) -> RoomShape {
        let w = rng.int(in: spec.width)
        let h = rng.int(in: spec.height)
        // Local grid with a one-cell margin: room cells at 1...w, 1...h.
        var grid = Grid(width: w + 2, height: h + 2, filling: false)
        func rect(_ x: Int, _ y: Int, _ rw: Int, _ rh: Int) {
            for yy in y..<(y + rh) { for xx in x..<(x + rw) { grid[xx + 1, yy + 1] = true } }
        }
        func disc(_ cx: Int, _ cy: Int, _ r: Int) {
            for yy in (cy - r)...(cy + r) {
                for xx in (cx - r)...(cx + r) where xx >= 0 && yy >= 0 && xx < w && yy < h {
                    let dx = xx - cx
                    let dy = yy - cy
                    if dx * dx + dy * dy <= r * r + r / 2 { grid[xx + 1, yy + 1] = true }
                }
            }
        }
        switch spec.design {
        case .small:
            rect(0, 0, w, h)
        case .cross:
            let vw = rng.int(in: min(3, w)...max(min(3, w), w / 2))
            let hh = rng.int(in: min(2, h)...max(min(2, h), h / 2))
            rect(rng.int(in: 0...(w - vw)), 0, vw, h)
            rect(0, rng.int(in: 0...(h - hh)), w, hh)
        case .symmetricalCross:
            let vw = max(1, (w / 2) | 1)
            let hh = max(1, (h / 2) | 1)
            rect((w - vw) / 2, 0, vw, h)
            rect(0, (h - hh) / 2, w, hh)
        case .circular:
            let r = max(1, (min(w, h) - 1) / 2)
            disc(w / 2, h / 2, r)
        case .chunky:
            disc(w / 2, h / 2, 2)
            for _ in 0..<rng.int(in: 2...8) {
                let cx = rng.int(in: min(2, w - 1)...max(min(2, w - 1), w - 3))
                let cy = rng.int(in: min(2, h - 1)...max(min(2, h - 1), h - 3))
                if grid[cx + 1, cy + 1] { disc(cx, cy, 2) }
            }
        case .cave:
            cave(&grid, w: w, h: h, rng: &rng)
        }
        return RoomShape(grid: grid, rng: &rng)
    }

    /// Brogue-style cellular automaton: 55% floor, five rounds of "born with 6+ floor
    /// neighbours, survives with 4+", then only the largest 4-connected blob is kept.
    static func cave(_ grid: inout Grid<Bool>, w: Int, h: Int, rng: inout RandomStream) {
        for yy in 1...h { for xx in 1...w { grid[xx, yy] = rng.percent(55) } }
        // Neighbours are counted by index: this loop is a third of level generation's time, and
        // stepping through `Direction.allCases` here allocated an array per cell.
        var next = grid
        let width = grid.width
        let around = [-width - 1, -width, -width + 1, -1, 1, width - 1, width, width + 1]
        for _ in 0..<5 {
            for yy in 1...h {
                for xx in 1...w {
                    let i = yy * width + xx
                    var n = 0
                    for o in around where grid.cells[i + o] { n += 1 }
                    next.cells[i] = grid.cells[i] ? n >= 4 : n >= 6
                }
            }
            // Every inner cell of `next` is written each round and the margins never change,
            // so the two buffers can trade places instead of being copied.
            swap(&grid, &next)
        }
        var label = Grid(width: grid.width, height: grid.height, filling: -1)
        var best = -1
        var bestSize = 0
        var stack: [Point] = []
        var sizes: [Int] = []
        for i in grid.cells.indices where grid.cells[i] && label.cells[i] < 0 {
            let id = sizes.count
            var size = 0
            stack.append(grid.point(at: i))
            label.cells[i] = id
            while let p = stack.popLast() {
                size += 1
                for d in Direction.cardinals {
                    let n = p + d.offset
                    if grid[n] && label[n] < 0 {
                        label[n] = id
                        stack.append(n)
                    }
                }
            }
            sizes.append(size)
            if size > bestSize {
                bestSize = size
                best = id
            }
        }
        for i in grid.cells.indices { grid.cells[i] = label.cells[i] == best && best >= 0 }
        if bestSize == 0 { grid[1 + w / 2, 1 + h / 2] = true }
    }

    /// Collects the floor cells of `grid` (margin included in coordinates) and picks a
    /// doorway site per side: a cell outside the room, next to it, with nothing of the room
    /// further out in that direction.
    init(grid: Grid<Bool>, rng: inout RandomStream) {
        var cells: [Point] = []
        for i in grid.cells.indices where grid.cells[i] { cells.append(grid.point(at: i)) }
        self.cells = cells
        let mid = Point(grid.width / 2, grid.height / 2)
        center =
            cells.min { a, b in
                let da = (a.x - mid.x) * (a.x - mid.x) + (a.y - mid.y) * (a.y - mid.y)
                let db = (b.x - mid.x) * (b.x - mid.x) + (b.y - mid.y) * (b.y - mid.y)
                return da < db
            } ?? mid
        // A side's sites are the cells just beyond the outermost room cell of each column
        // (north, south) or row (east, west): nothing of the room lies further out.
        var top = Array(repeating: Int.max, count: grid.width)
        var bottom = Array(repeating: -1, count: grid.width)
        var left = Array(repeating: Int.max, count: grid.height)
        var right = Array(repeating: -1, count: grid.height)
        for c in cells {
            top[c.x] = min(top[c.x], c.y)
            bottom[c.x] = max(bottom[c.x], c.y)
            left[c.y] = min(left[c.y], c.x)
            right[c.y] = max(right[c.y], c.x)
        }
        var doors: [Point?] = []
        for d in Direction.cardinals {
            var sites: [Point] = []
            switch d {
            case .north: for x in 0..<grid.width where bottom[x] >= 0 { sites.append(Point(x, top[x] - 1)) }
            case .south: for x in 0..<grid.width where bottom[x] >= 0 { sites.append(Point(x, bottom[x] + 1)) }
            case .west: for y in 0..<grid.height where right[y] >= 0 { sites.append(Point(left[y] - 1, y)) }
            default: for y in 0..<grid.height where right[y] >= 0 { sites.append(Point(right[y] + 1, y)) }
            }
            doors.append(rng.pick(sites))
        }
        self.doors = doors
    }

    /// Turns the room into one that arrives through a straight corridor of `length` cells
    /// leaving by the doorway in direction `d`; the corridor's end is its only doorway.
    mutating func addCorridor(_ index: Int, length: Int) {
        guard let start = doors[index] else { return }
        let d = Direction.cardinals[index]
        var p = start
        for _ in 0..<length {
            cells.append(p)
            p = p + d.offset
        }
        doors = Direction.cardinals.indices.map { $0 == index ? p : nil }
    }
}
