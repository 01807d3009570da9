import Testing

@testable import Monitoring

@Suite struct SeenPositionsTests {
    @Test(arguments: [1, 25, 64, 65, 200])
    func marksEachPositionOnceWithinAndBeyondOneWord(count: Int) {
        var seen = SeenPositions(count: count)
        var firstTimes: [Bool] = []
        for position in stride(from: count - 1, through: 0, by: -1) { firstTimes.append(seen.insert(position)) }
        var againTimes: [Bool] = []
        for position in 0..<count { againTimes.append(seen.insert(position)) }
        #expect(firstTimes == Array(repeating: true, count: count))
        #expect(againTimes == Array(repeating: false, count: count))
    }

    @Test func aRepeatedFeatureBeyondTheSixtyFourthIsRefused() throws {
        let specs = (0..<70).map { FeatureSpec(name: "f\($0)", type: .numeric) }
        let decoder = EventBatchDecoder(schema: try ModelSchema(features: specs, prediction: PredictionSpec(type: .score)))
        let line = #"{"id":"a","features":{"f68":1,"f3":2,"f68":3},"prediction":0.5}"#
        let result = try decoder.decodePredictions(Array(line.utf8), as: .ndjson)
        #expect(result.rejected == [BatchRejection(line: 1, error: "feature 'f68': given more than once")])
    }
}
