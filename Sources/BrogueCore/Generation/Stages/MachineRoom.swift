/// A machine's room while its features are placed: its cells, the walking distance of each from
/// the cell inside the entrance (for `far`), and the cells already used.
struct MachineRoom {
    let machine: Machine
    /// The room's cells, row by row.
    let inside: [Point]
    let center: Point
    /// Steps from the cell inside the entrance, by `local` cell; -1 where it cannot be walked.
    let distance: Grid<Int>
    /// Cells given a feature, by `local` cell; the cell inside the entrance is kept clear.
    var used: Grid<Bool>
    /// The straight line from the cell inside the entrance to the far wall, in order.
    let path: [Point]

    init(_ machine: Machine, inner: Point, inside: [Point]) {
        self.machine = machine
        self.inside = inside
        let o = machine.origin
        center = Point(o.x + (machine.width - 1) / 2, o.y + (machine.height - 1) / 2)
        func local(_ p: Point) -> Point { Point(p.x - o.x, p.y - o.y) }
        var dist = Grid(width: machine.width, height: machine.height, filling: -1)
        var queue = [inner]
        dist[local(inner)] = 0
        var head = 0
        while head < queue.count {
            let p = queue[head]
            head += 1
            for d in Direction.cardinals where machine.contains(p + d.offset) && dist[local(p + d.offset)] < 0 {
                dist[local(p + d.offset)] = dist[local(p)] + 1
                queue.append(p + d.offset)
            }
        }
        distance = dist
        let step = Point(inner.x - machine.entrance.x, inner.y - machine.entrance.y)
        var line: [Point] = []
        var p = inner
        while machine.contains(p) {
            line.append(p)
            p = p + step
        }
        path = line
        used = Grid(width: machine.width, height: machine.height, filling: false)
        used[local(inner)] = true  // the way in stays clear
    }

    /// `p` relative to the room's origin.
    func local(_ p: Point) -> Point { Point(p.x - machine.origin.x, p.y - machine.origin.y) }

    func isFree(_ p: Point) -> Bool { !used[local(p)] }

    /// Whether `p` lies along the room's wall.
    func isOnRing(_ p: Point) -> Bool { Direction.cardinals.contains { !machine.contains(p + $0.offset) } }
}
