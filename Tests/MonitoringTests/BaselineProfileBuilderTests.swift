import DriftStatistics
import Monitoring
import Testing

@Suite struct BaselineProfileBuilderTests {
    let reference = ProfileTestData.events(3_000, seed: 23)

    /// Pages of the given sizes, cycling, over `events`.
    static func slices(_ events: [PredictionEvent], sizes: [Int]) -> [ArraySlice<PredictionEvent>] {
        var pages: [ArraySlice<PredictionEvent>] = []
        var start = 0
        var turn = 0
        while start < events.count {
            let end = min(events.count, start + sizes[turn % sizes.count])
            pages.append(events[start..<end])
            start = end
            turn += 1
        }
        return pages
    }

    @Test func anySlicingGivesTheProfileOfTheWholeArray() throws {
        // A reservoir smaller than the reference, so the sampling order matters too.
        let options = BaselineOptions(bins: 7, maxCategories: 3, reservoirCapacity: 500, seed: 99)
        let whole = try BaselineProfile(name: "frozen", schema: ProfileTestData.schema, events: reference, options: options)
        for sizes in [[1], [7], [1000], [3000], [13, 1, 250, 2]] {
            var builder = try BaselineProfileBuilder(schema: ProfileTestData.schema, options: options)
            for page in Self.slices(reference, sizes: sizes) { try builder.add(page) }
            #expect(builder.rowCount == reference.count)
            #expect(try builder.build(name: "frozen") == whole, "slices of \(sizes)")
        }
        #expect(whole.features.first { $0.field == .feature("amount") }?.numeric?.reservoir.items.count == 500)
    }

    @Test func classPredictionsToo() throws {
        let schema = try ModelSchema(
            features: [FeatureSpec(name: "country", type: .categorical)],
            prediction: PredictionSpec(type: .probabilities, classes: ["a", "b"]))
        let events = (0..<200).map { (index: Int) -> PredictionEvent in
            let a = Double(index % 5) / 4
            let country: FeatureValue = .string(index % 2 == 0 ? "DE" : "FR")
            return PredictionEvent(id: "p\(index)", features: ["country": country], prediction: .probabilities(["a": a, "b": 1 - a]))
        }
        var builder = try BaselineProfileBuilder(schema: schema)
        for page in Self.slices(events, sizes: [3, 50]) { try builder.add(page) }
        #expect(try builder.build(name: "p") == BaselineProfile(name: "p", schema: schema, events: events))
    }

    @Test func errorsCountEventsAcrossSlicesAndKeepTheEventsBefore() throws {
        var events = Array(reference.prefix(100))
        events[42].features["age"] = .string("forty")
        var builder = try BaselineProfileBuilder(schema: ProfileTestData.schema)
        try builder.add(events[0..<40])
        #expect(throws: BaselineProfileError.typeMismatch(.feature("age"), event: 42, expected: "a number")) {
            try builder.add(events[40..<100])
        }
        // The bad event is taken whole or not at all: 40 + the two good ones before it.
        #expect(builder.rowCount == 42)
        #expect(try builder.build(name: "b") == BaselineProfile(name: "b", schema: ProfileTestData.schema, events: Array(events.prefix(42))))

        let empty = try BaselineProfileBuilder(schema: ProfileTestData.schema)
        #expect(throws: BaselineProfileError.noEvents) { try empty.build(name: "b") }
        #expect(throws: BaselineProfileError.emptyName) { try builder.build(name: "") }
        #expect(throws: BaselineProfileError.invalidOption(name: "bins", reason: "must be at least 1, got 0")) {
            try BaselineProfileBuilder(schema: ProfileTestData.schema, options: BaselineOptions(bins: 0))
        }
    }
}
