/// Symmetric shadowcasting (after Albert Ford's description, 2020): if a floor cell A sees a
/// floor cell B, then B sees A. Walls are seen when lit by any visible part; nothing sees
/// through a cell whose terrain blocks vision.
///
/// Slopes are exact fractions of integers, so the result is the same on every machine.
public enum FieldOfView {
    /// Marks in `visible` every cell seen from `origin` within `radius` (Euclidean, inclusive).
    /// - Parameters:
    ///   - opaque: true where a cell blocks sight.
    ///   - visible: cleared, then filled; reused to avoid allocation.
    public static func compute(from origin: Point, radius: Int, opaque: Grid<TerrainFlags>, into visible: inout Grid<Bool>) {
        visible.fill(false)
        guard opaque.contains(origin) else { return }
        visible[origin] = true
        let r2 = radius * radius + radius
        for quadrant in 0..<4 {
            var rows: [Row] = [Row(depth: 1, start: Fraction(-1, 1), end: Fraction(1, 1))]
            while var row = rows.popLast() {
                if row.depth > radius { continue }
                var prevWall: Bool?
                let lo = row.start.roundTiesUp(times: row.depth)
                let hi = row.end.roundTiesDown(times: row.depth)
                if lo > hi { continue }
                for col in lo...hi {
                    let p = transform(quadrant, origin, row.depth, col)
                    let inside = opaque.contains(p)
                    let wall = !inside || opaque[p].contains(.blocksVision)
                    let inRange = row.depth * row.depth + col * col <= r2
                    if inside && inRange && (wall || row.isSymmetric(col)) { visible[p] = true }
                    if prevWall == true && !wall { row.start = Fraction(2 * col - 1, 2 * row.depth) }
                    if prevWall == false && wall {
                        var next = row.next()
                        next.end = Fraction(2 * col - 1, 2 * row.depth)
                        rows.append(next)
                    }
                    prevWall = wall
                }
                if prevWall == false { rows.append(row.next()) }
            }
        }
    }

    private static func transform(_ quadrant: Int, _ o: Point, _ depth: Int, _ col: Int) -> Point {
        switch quadrant {
        case 0: Point(o.x + col, o.y - depth)
        case 1: Point(o.x + depth, o.y + col)
        case 2: Point(o.x + col, o.y + depth)
        default: Point(o.x - depth, o.y + col)
        }
    }

    private struct Row {
        var depth: Int
        var start: Fraction
        var end: Fraction

        func next() -> Row { Row(depth: depth + 1, start: start, end: end) }

        func isSymmetric(_ col: Int) -> Bool {
            // depth * start <= col <= depth * end, in exact integers.
            col * start.den >= depth * start.num && col * end.den <= depth * end.num
        }
    }

    private struct Fraction {
        var num: Int
        var den: Int  // always positive
        init(_ num: Int, _ den: Int) {
            self.num = num
            self.den = den
        }

        /// floor(depth * self + 1/2)
        func roundTiesUp(times depth: Int) -> Int { floorDiv(2 * depth * num + den, 2 * den) }
        /// ceil(depth * self - 1/2)
        func roundTiesDown(times depth: Int) -> Int { -floorDiv(-(2 * depth * num - den), 2 * den) }

        private func floorDiv(_ a: Int, _ b: Int) -> Int {
            let q = a / b
            return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
        }
    }
}
