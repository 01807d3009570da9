import DriftStatistics
import Monitoring
import Testing

/// The ordered feature representation (`featureNames`/`featureValues`): decoded events hold the
/// schema's order, dictionary-built ones the sorted order, and both must mean and profile the same.
@Suite struct PredictionEventTests {
    let schema = ProfileTestData.schema
    let events = ProfileTestData.events(600, seed: 31)

    /// `events` as NDJSON: missing values alternately `null` and absent, every third line with its
    /// features in reverse order and an undeclared one, so the decoder's slower branches run too.
    var body: [UInt8] {
        let lines = events.enumerated().map { (index, event) -> String in
            var members: [String] = []
            for name in schema.features.map(\.name) {
                switch event.features[name] ?? .missing {
                case .missing: if index.isMultiple(of: 2) { members.append("\"\(name)\":null") }
                case .number(let value): members.append("\"\(name)\":\(value)")
                case .string(let text): members.append("\"\(name)\":\"\(text)\"")
                case .bool(let flag): members.append("\"\(name)\":\(flag)")
                }
            }
            if index.isMultiple(of: 3) { members = members.reversed() + ["\"undeclared\":1"] }
            guard case .number(let score) = event.prediction else { return "" }
            return "{\"id\":\"\(event.id)\",\"features\":{\(members.joined(separator: ","))},\"prediction\":\(score)}"
        }
        return Array(lines.joined(separator: "\n").utf8)
    }

    @Test func decodedEventsEqualDictionaryBuiltOnesAndKeepTheSchemaOrder() throws {
        let result = try EventBatchDecoder(schema: schema).decodePredictions(body, as: .ndjson)
        #expect(result.rejected.isEmpty)
        #expect(result.undeclaredFeatures == ["undeclared": 200])
        #expect(result.accepted == events)
        let names = schema.features.map(\.name)
        #expect(result.accepted.allSatisfy { $0.featureNames == names })
        #expect(events.allSatisfy { $0.featureNames == names.sorted() && !$0.hasFeatureNames(names) })
        #expect(result.accepted.allSatisfy { $0.hasFeatureNames(result.accepted[0].featureNames) })
    }

    @Test func equalityComparesTheNameToValueMappingWhateverTheOrder() {
        let sorted = PredictionEvent(id: "a", features: ["x": .number(1), "y": .string("u")], prediction: .number(0))
        var other = sorted
        other.features = ["y": .string("u"), "x": .number(1)]
        #expect(other == sorted)
        other.features["x"] = .number(2)
        #expect(other != sorted)
        #expect(other.features == ["x": .number(2), "y": .string("u")])
        other.features["x"] = nil
        #expect(other.featureNames == ["y"] && other.featureValues == [.string("u")])
        #expect(other != sorted)
    }

    @Test func decodedAndDictionaryBuiltEventsProfileIdentically() throws {
        let baseline = try BaselineProfile(
            name: "default", schema: schema, events: ProfileTestData.events(800, seed: 30),
            options: BaselineOptions(reservoirCapacity: 500))
        #expect(baseline.outliers?.model != nil)
        let decoded = try EventBatchDecoder(schema: schema).decodePredictions(body, as: .ndjson).accepted
        let byPosition = try ProfileTestData.profile(decoded, baseline: baseline, windowIndex: 2)
        let byName = try ProfileTestData.profile(events, baseline: baseline, windowIndex: 2)
        #expect(byPosition == byName)
        #expect(byPosition.rows == events.count && byPosition.outliers == byName.outliers)

        let baselineByPosition = try BaselineProfile(
            name: "b", schema: schema, events: decoded, options: BaselineOptions(reservoirCapacity: 500))
        let baselineByName = try BaselineProfile(
            name: "b", schema: schema, events: events, options: BaselineOptions(reservoirCapacity: 500))
        #expect(baselineByPosition == baselineByName)
    }

    @Test func absentAndUndeclaredFeaturesProfileAsOnTheSlowPath() throws {
        let baseline = try BaselineProfile(
            name: "default", schema: schema, events: ProfileTestData.events(800, seed: 30),
            options: BaselineOptions(reservoirCapacity: 500))
        let decoder = EventBatchDecoder(schema: schema)
        let lines = [
            #"{"id":"1","features":{"amount":5,"colour":"red"},"prediction":0.5}"#,
            #"{"id":"2","features":{"has_card":true,"country":"DE","age":33},"prediction":0.25}"#,
            #"{"id":"3","features":{},"prediction":0.75}"#,
        ]
        let decoded = try decoder.decodePredictions(Array(lines.joined(separator: "\n").utf8), as: .ndjson).accepted
        let sparse = [
            PredictionEvent(id: "1", features: ["amount": .number(5), "colour": .string("red")], prediction: .number(0.5)),
            PredictionEvent(
                id: "2", features: ["has_card": .bool(true), "country": .string("DE"), "age": .number(33)], prediction: .number(0.25)),
            PredictionEvent(id: "3", features: [:], prediction: .number(0.75)),
        ]
        #expect(decoded.count == 3)
        let byPosition = try ProfileTestData.profile(decoded, baseline: baseline)
        let byName = try ProfileTestData.profile(sparse, baseline: baseline)
        #expect(byPosition == byName)
        #expect(byPosition.feature(named: "amount")?.quality.missing == 2)
        #expect(byPosition.feature(named: "tenure")?.quality.missing == 3)
    }
}
