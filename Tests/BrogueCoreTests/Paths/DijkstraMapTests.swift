import BrogueCore
import Testing

@Suite struct DijkstraMapTests {
    /// Plain breadth-first search with the same movement rules, as the reference.
    func bfs(_ grid: Grid<TerrainFlags>, from start: Point, diagonals: Bool, corners: Bool) -> Grid<Int32> {
        var dist = Grid(width: grid.width, height: grid.height, filling: DijkstraMap.unreachable)
        guard !grid[start].contains(.blocksMovement) else { return dist }
        dist[start] = 0
        var queue = [start]
        var head = 0
        let dirs = diagonals ? Direction.allCases : Direction.cardinals
        while head < queue.count {
            let p = queue[head]
            head += 1
            for d in dirs {
                let n = p + d.offset
                guard grid.contains(n), !grid[n].contains(.blocksMovement), dist[n] == DijkstraMap.unreachable else { continue }
                if d.isDiagonal && corners && (grid[Point(n.x, p.y)].contains(.blocksDiagonal) || grid[Point(p.x, n.y)].contains(.blocksDiagonal)) {
                    continue
                }
                dist[n] = dist[p] + 1
                queue.append(n)
            }
        }
        return dist
    }

    func costs(_ grid: Grid<TerrainFlags>) -> Grid<Int32> {
        var c = Grid<Int32>(width: grid.width, height: grid.height, filling: 1)
        for i in c.cells.indices where grid.cells[i].contains(.blocksMovement) { c.cells[i] = DijkstraMap.blocked }
        return c
    }

    @Test(arguments: 1...25)
    func equalsBreadthFirstSearchOnRandomGrids(seed: Int) {
        let grid = RandomGrid.make(width: Dungeon.width, height: Dungeon.height, wallPercent: 30, seed: UInt64(seed))
        var rng = RandomStream(seed: UInt64(seed) &* 977)
        let start = Point(rng.below(grid.width), rng.below(grid.height))
        var map = DijkstraMap()
        for (diagonals, corners) in [(true, true), (true, false), (false, false)] {
            map.compute(goals: [(start, 0)], costs: costs(grid), corners: corners ? grid : nil, diagonals: diagonals)
            let expected = bfs(grid, from: start, diagonals: diagonals, corners: corners)
            #expect(map.distances.cells == expected.cells, "diagonals \(diagonals), corners \(corners)")
        }
    }

    @Test func severalGoalsGiveTheNearest() {
        let grid = Grid<TerrainFlags>(width: 20, height: 5, filling: [])
        var map = DijkstraMap(width: 20, height: 5)
        map.compute(goals: [(Point(0, 2), 0), (Point(19, 2), 0)], costs: costs(grid))
        #expect(map[Point(3, 2)] == 3)
        #expect(map[Point(16, 2)] == 3)
        #expect(map[Point(10, 0)] == 9)
    }

    @Test func weightedCostsAreHonoured() {
        var c = Grid<Int32>(width: 5, height: 3, filling: 1)
        c[2, 0] = 10
        c[2, 1] = 10
        c[2, 2] = 10
        var map = DijkstraMap(width: 5, height: 3)
        map.compute(goals: [(Point(0, 1), 0)], costs: c)
        #expect(map[Point(2, 1)] == 11)
        #expect(map[Point(4, 1)] == 13)
    }

    @Test func negativeGoalValuesWorkForFleeMaps() {
        let grid = Grid<TerrainFlags>(width: 10, height: 1, filling: [])
        var map = DijkstraMap(width: 10, height: 1)
        map.compute(goals: [(Point(9, 0), -20), (Point(0, 0), 0)], costs: costs(grid))
        #expect(map[Point(0, 0)] == -11)
        #expect(map[Point(9, 0)] == -20)
    }
}

@Suite struct DijkstraVaryingGoalTests {
    /// Relax every edge until nothing changes: slow, obviously right.
    func reference(_ grid: Grid<TerrainFlags>, goals: [(Point, Int32)]) -> [Int32] {
        var d = Array(repeating: DijkstraMap.unreachable, count: grid.cells.count)
        for (p, v) in goals where !grid[p].contains(.blocksMovement) { d[grid.index(p)] = min(d[grid.index(p)], v) }
        var changed = true
        while changed {
            changed = false
            for i in d.indices where d[i] < DijkstraMap.unreachable {
                let p = grid.point(at: i)
                for dir in Direction.allCases {
                    let n = p + dir.offset
                    guard grid.contains(n), !grid[n].contains(.blocksMovement) else { continue }
                    if dir.isDiagonal && (grid[Point(n.x, p.y)].contains(.blocksDiagonal) || grid[Point(p.x, n.y)].contains(.blocksDiagonal)) {
                        continue
                    }
                    if d[i] + 1 < d[grid.index(n)] {
                        d[grid.index(n)] = d[i] + 1
                        changed = true
                    }
                }
            }
        }
        return d
    }

    @Test(arguments: 1...10)
    func goalsAtDifferentValuesMatchTheReference(seed: Int) {
        let grid = RandomGrid.make(width: 30, height: 15, wallPercent: 25, seed: UInt64(seed))
        var rng = RandomStream(seed: UInt64(seed) &+ 99)
        var goals: [(Point, Int32)] = []
        for _ in 0..<40 { goals.append((Point(rng.below(30), rng.below(15)), Int32(rng.int(in: -60...20)))) }
        var costs = Grid<Int32>(width: 30, height: 15, filling: 1)
        for i in costs.cells.indices where grid.cells[i].contains(.blocksMovement) { costs.cells[i] = DijkstraMap.blocked }
        var map = DijkstraMap(width: 30, height: 15)
        map.compute(goals: goals, costs: costs, corners: grid)
        #expect(map.distances.cells == reference(grid, goals: goals))
    }
}
