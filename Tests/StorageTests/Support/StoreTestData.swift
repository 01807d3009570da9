import Monitoring

/// Deterministic models and events for the store tests.
enum StoreTestData {
    /// `count` numeric features `f00`, `f01`, … plus a categorical `country` and a boolean `is_new`.
    static func schema(numericFeatures count: Int = 3) throws -> ModelSchema {
        let numeric = (0..<count).map { FeatureSpec(name: featureName($0), type: .numeric) }
        return try ModelSchema(
            features: numeric + [FeatureSpec(name: "country", type: .categorical), FeatureSpec(name: "is_new", type: .boolean)],
            prediction: PredictionSpec(type: .score), label: LabelSpec(type: .binary))
    }

    static func featureName(_ index: Int) -> String { index < 10 ? "f0\(index)" : "f\(index)" }

    /// Events `prefix-0` … with event times `start + index * spacing`, every value kind among the
    /// features (numbers, a missing value every 7th event, strings, booleans).
    static func events(
        _ count: Int, prefix: String = "e", start: Double = 1_700_000_000, spacing: Double = 1, numericFeatures: Int = 3
    ) -> [PredictionEvent] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &+ UInt64(prefix.utf8.reduce(0) { $0 &* 31 &+ Int($1) })
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let countries = ["DE", "FR", "US", "日本", ""]
        return (0..<count).map { index in
            var features: [String: FeatureValue] = [:]
            for feature in 0..<numericFeatures {
                features[featureName(feature)] = index % 7 == feature ? .missing : .number(next() * 200 - 50)
            }
            features["country"] = .string(countries[index % countries.count])
            features["is_new"] = index % 11 == 0 ? .missing : .bool(next() < 0.3)
            return PredictionEvent(
                id: "\(prefix)-\(index)", timestamp: start + Double(index) * spacing,
                version: index % 2 == 0 ? "7" : nil, features: features, prediction: .number(next()),
                latencyMs: index % 3 == 0 ? nil : next() * 20)
        }
    }
}
