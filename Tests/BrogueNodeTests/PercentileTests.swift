import BrogueClient
import Testing

@Suite struct PercentileTests {
    @Test func nearestRankGivesAMeasuredValue() {
        let ten = (1...10).map(Double.init)
        #expect(Percentile.of(ten, 50) == 5)
        #expect(Percentile.of(ten, 99) == 10)
        #expect(Percentile.of(ten, 100) == 10)
        #expect(Percentile.of(ten, 0) == 1)
        #expect(Percentile.of(ten, 91) == 10)
        #expect(Percentile.of(ten, 90) == 9)
        #expect(Percentile.of([4], 50) == 4)
        #expect(Percentile.of([], 50) == nil)
    }
}
