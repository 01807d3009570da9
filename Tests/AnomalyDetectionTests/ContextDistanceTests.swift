import Testing

@testable import AnomalyDetection

@Suite struct ContextDistanceTests {
    @Test func aShapeNeverSeenIsFarAndARepeatedOneIsNear() {
        var context = ContextDistance(blockLength: 16, memory: 512, stride: 4)
        // 400 zeros: the context fills at 128, summaries wait 128 more before they are remembered.
        let zeros = (0..<400).map { _ in context.distance(after: 0) }
        #expect(zeros.allSatisfy { $0 == 0 })
        // Sixteen ones fill the newest block: summary (0, …, 0, 1), nearest remembered all zeros.
        let ones = (0..<16).map { _ in context.distance(after: 1) }
        #expect(abs(ones[15] - (1.0 / 8).squareRoot()) < 1e-15)
        #expect(ones[0] > 0 && ones[0] < ones[15])
    }

    @Test func aRepeatingPatternIsRecognisedOnceRemembered() {
        var context = ContextDistance(blockLength: 4, memory: 64, stride: 1)
        let period = (0..<32).map { Double($0 % 8 < 4 ? 1 : 5) }
        var distances: [Double] = []
        for _ in 0..<10 { for value in period { distances.append(context.distance(after: value)) } }
        // After the first laps every context has been seen, exactly.
        #expect(distances.suffix(64).allSatisfy { $0 == 0 })
        #expect(context.distance(after: 9) > 0)
    }

    @Test func theMemoryIsARingOfTheLatestSummaries() {
        var context = ContextDistance(blockLength: 1, memory: 8, stride: 1)
        // Eight values of context; after 100 of a level the memory holds only that level.
        for _ in 0..<100 { _ = context.distance(after: 3) }
        for _ in 0..<100 { _ = context.distance(after: 7) }
        // A context of eights is 1 from the remembered sevens, not 5 from the forgotten threes.
        let distances = (0..<8).map { _ in context.distance(after: 8) }
        #expect(abs(distances[7] - 1) < 1e-15)
    }
}
