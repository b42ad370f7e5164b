/// Percentiles of measured values, one definition for every figure the tools print (`brogue
/// bench`, `brogue loadtest`): the nearest-rank method, so a percentile is always a value that was
/// measured, and p100 is the largest.
public enum Percentile {
    /// The `p`th percentile (0...100) of `sorted`, which must be in increasing order: the value at
    /// rank ceil(p/100 x n), counting from 1; the smallest value for p = 0, nil when there are none.
    public static func of(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }
}
