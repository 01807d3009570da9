import DriftStatistics
import Monitoring

/// Seeded synthetic prediction logs for the profile and evaluation tests.
enum ProfileTestData {
    static let schema: ModelSchema = {
        do {
            return try ModelSchema(
                features: [
                    FeatureSpec(name: "amount", type: .numeric),
                    FeatureSpec(name: "age", type: .numeric),
                    FeatureSpec(name: "tenure", type: .numeric),
                    FeatureSpec(name: "country", type: .categorical),
                    FeatureSpec(name: "channel", type: .categorical),
                    FeatureSpec(name: "is_new", type: .boolean),
                    FeatureSpec(name: "has_card", type: .boolean),
                ],
                prediction: PredictionSpec(type: .score))
        } catch {
            preconditionFailure("test schema is valid: \(error)")
        }
    }()

    static let countries = ["DE", "FR", "US", "UK", "ES"]
    static let countryWeights = [0.4, 0.25, 0.15, 0.12, 0.08]
    static let channels = ["web", "app", "store"]
    static let channelWeights = [0.5, 0.35, 0.15]

    /// What a window changes relative to the reference distribution.
    struct Shift {
        var amountMean = 100.0
        var countries = ProfileTestData.countries
        var countryWeights = ProfileTestData.countryWeights
        var isNewProbability = 0.3
    }

    /// `count` events: amount ~ N(mean, 15) with 5 % missing, age ~ N(40, 10), tenure ∈ {1, 2, 3, 4},
    /// country and channel weighted draws, is_new / has_card Bernoulli (has_card 2 % missing),
    /// score ~ U(0, 1).
    static func events(_ count: Int, seed: UInt64, shift: Shift = Shift()) -> [PredictionEvent] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in
            let amount: FeatureValue = random.nextOpenUnit() < 0.05
                ? .missing : .number(shift.amountMean + 15 * random.nextNormal())
            let tenure = Double(1 + Int(random.nextOpenUnit() * 4))
            let hasCard: FeatureValue = random.nextOpenUnit() < 0.02 ? .missing : .bool(random.nextOpenUnit() < 0.6)
            return PredictionEvent(
                id: "e\(seed)-\(index)",
                features: [
                    "amount": amount,
                    "age": .number(40 + 10 * random.nextNormal()),
                    "tenure": .number(tenure),
                    "country": .string(draw(shift.countries, shift.countryWeights, &random)),
                    "channel": .string(draw(channels, channelWeights, &random)),
                    "is_new": .bool(random.nextOpenUnit() < shift.isNewProbability),
                    "has_card": hasCard,
                ],
                prediction: .number(random.nextOpenUnit()))
        }
    }

    static func draw(_ names: [String], _ weights: [Double], _ random: inout SplitMix64) -> String {
        var u = random.nextOpenUnit() * weights.reduce(0, +)
        for (name, weight) in zip(names, weights) {
            if u < weight { return name }
            u -= weight
        }
        return names[names.count - 1]
    }

    /// The non-missing values of a numeric feature, in event order.
    static func numbers(_ events: [PredictionEvent], _ name: String) -> [Double] {
        events.compactMap { event in
            if case .number(let value)? = event.features[name], !value.isNaN { return value }
            return nil
        }
    }

    /// The non-missing values of a categorical or boolean feature as category names.
    static func categories(_ events: [PredictionEvent], _ name: String) -> [String] {
        events.compactMap { event in
            switch event.features[name] {
            case .string(let text)?: return text
            case .bool(let flag)?: return flag ? "true" : "false"
            default: return nil
            }
        }
    }

    static func scores(_ events: [PredictionEvent]) -> [Double] {
        events.compactMap { event in
            if case .number(let value) = event.prediction { return value }
            return nil
        }
    }

    static func profile(
        _ events: [PredictionEvent], baseline: BaselineProfile, windowIndex: Int64 = 0, shard: UInt64 = 0
    ) throws -> WindowProfile {
        var profile = try WindowProfile(baseline: baseline, windowIndex: windowIndex, shard: shard)
        for event in events { profile.add(event) }
        return profile
    }
}
