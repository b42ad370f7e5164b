import BrogueCore
import Testing

@Suite struct FieldOfViewTests {
    @Test(arguments: 1...12)
    func sightIsSymmetricBetweenOpenCells(seed: Int) {
        let grid = RandomGrid.make(width: 30, height: 18, wallPercent: 25, seed: UInt64(seed))
        let radius = 12
        var views: [Point: Grid<Bool>] = [:]
        var open: [Point] = []
        for y in 0..<grid.height {
            for x in 0..<grid.width where !grid[x, y].contains(.blocksVision) { open.append(Point(x, y)) }
        }
        for p in open {
            var v = Grid(width: grid.width, height: grid.height, filling: false)
            FieldOfView.compute(from: p, radius: radius, opaque: grid, into: &v)
            views[p] = v
        }
        var checked = 0
        var seenPairs = 0
        var asymmetric: [String] = []
        for a in open {
            for b in open where a != b && views[a]![b] != views[b]![a] {
                asymmetric.append("\(a) sees \(b): \(views[a]![b]), but \(b) sees \(a): \(views[b]![a])")
            }
            checked += open.count - 1
            seenPairs += open.filter { $0 != a && views[a]![$0] }.count
        }
        #expect(checked > 1_000)
        #expect(seenPairs > checked / 50, "the random grids should leave plenty in view")
        #expect(asymmetric.isEmpty, "\(asymmetric.prefix(5))")
    }

    @Test func wallsBlockSight() {
        var grid = Grid<TerrainFlags>(width: 21, height: 11, filling: [])
        for y in 0..<11 { grid[10, y] = [.blocksVision, .blocksMovement] }
        var v = Grid(width: 21, height: 11, filling: false)
        FieldOfView.compute(from: Point(5, 5), radius: 30, opaque: grid, into: &v)
        #expect(v[Point(5, 5)])
        #expect(v[Point(9, 5)])
        #expect(v[Point(10, 5)], "the wall itself is seen")
        for y in 0..<11 {
            for x in 11..<21 { #expect(!v[x, y], "cell (\(x),\(y)) is behind the wall") }
        }
    }

    @Test func openRoomIsFullyVisibleWithinRadius() {
        let grid = Grid<TerrainFlags>(width: 15, height: 15, filling: [])
        var v = Grid(width: 15, height: 15, filling: false)
        FieldOfView.compute(from: Point(7, 7), radius: 4, opaque: grid, into: &v)
        for y in 0..<15 {
            for x in 0..<15 {
                let dx = x - 7
                let dy = y - 7
                #expect(v[x, y] == (dx * dx + dy * dy <= 4 * 4 + 4), "(\(x),\(y))")
            }
        }
    }

    @Test func pillarCastsAShadow() {
        var grid = Grid<TerrainFlags>(width: 15, height: 15, filling: [])
        grid[9, 7] = [.blocksVision]
        var v = Grid(width: 15, height: 15, filling: false)
        FieldOfView.compute(from: Point(7, 7), radius: 10, opaque: grid, into: &v)
        #expect(v[9, 7])
        #expect(!v[10, 7])
        #expect(!v[13, 7])
        #expect(v[13, 3])
    }
}
