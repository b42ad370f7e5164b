import BrogueCore

/// Random open/wall grids for the geometry tests.
enum RandomGrid {
    static func make(width: Int, height: Int, wallPercent: Int, seed: UInt64) -> Grid<TerrainFlags> {
        var rng = RandomStream(seed: seed)
        var grid = Grid<TerrainFlags>(width: width, height: height, filling: [])
        for i in grid.cells.indices where rng.percent(wallPercent) {
            grid.cells[i] = [.blocksMovement, .blocksVision, .blocksDiagonal]
        }
        return grid
    }
}
