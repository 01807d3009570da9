import DriftStatistics
import Foundation
import Monitoring
import Testing

@Suite struct WindowProfileTests {
    let baseline: BaselineProfile
    let stream = ProfileTestData.events(
        3_000, seed: 21,
        shift: ProfileTestData.Shift(countries: ["DE", "FR", "BR", "AR"], countryWeights: [0.4, 0.3, 0.2, 0.1]))

    init() throws {
        baseline = try BaselineProfile(
            name: "default", schema: ProfileTestData.schema, events: ProfileTestData.events(1_000, seed: 20),
            options: BaselineOptions(reservoirCapacity: 1_000))
    }

    @Test func mergingTheProfilesOfASplitStreamGivesTheProfileOfTheWhole() throws {
        let whole = try ProfileTestData.profile(stream, baseline: baseline, windowIndex: 4)
        let cuts = [0, 700, 1_900, 2_950, 3_000]
        var parts: [WindowProfile] = []
        for (shard, (start, end)) in zip(cuts, cuts.dropFirst()).enumerated() {
            parts.append(try ProfileTestData.profile(
                Array(stream[start..<end]), baseline: baseline, windowIndex: 4, shard: UInt64(shard + 1)))
        }
        // Two groupings of the same parts.
        let leftToRight = try parts.dropFirst().reduce(parts[0]) { try $0.merging($1) }
        let paired = try parts[0].merging(parts[1]).merging(try parts[2].merging(parts[3]))
        for merged in [leftToRight, paired] {
            #expect(merged.rows == whole.rows && merged.windowRange == 4...4)
            for (part, full) in zip(merged.features + [merged.prediction], whole.features + [whole.prediction]) {
                #expect(part.quality == full.quality)
                #expect(part.numeric?.histogram == full.numeric?.histogram)
                #expect(part.numeric?.discreteValues.distinctCount == full.numeric?.discreteValues.distinctCount)
                #expect(part.categorical?.counts == full.categorical?.counts)
                #expect(part.categorical?.unseenCategories.counters == full.categorical?.unseenCategories.counters)
                if let mergedMoments = part.numeric?.moments, let wholeMoments = full.numeric?.moments {
                    #expect(mergedMoments.count == wholeMoments.count)
                    #expect(mergedMoments.minimum == wholeMoments.minimum && mergedMoments.maximum == wholeMoments.maximum)
                    let (mean, expectedMean) = (mergedMoments.mean ?? .nan, wholeMoments.mean ?? .nan)
                    #expect(abs(mean - expectedMean) <= 1e-12 * abs(expectedMean))
                    let variance = mergedMoments.variance(degreesOfFreedom: .sample) ?? .nan
                    let expectedVariance = wholeMoments.variance(degreesOfFreedom: .sample) ?? .nan
                    #expect(abs(variance - expectedVariance) <= 1e-12 * expectedVariance)
                }
                if let reservoir = part.numeric?.reservoir, let count = full.numeric?.moments.count {
                    #expect(reservoir.seenCount == count)
                    #expect(reservoir.items.count == min(1_000, count))
                    #expect(reservoir.capacity == 1_000)
                }
            }
        }
        // Same parts, same order: the same merged reservoirs.
        #expect(try parts.dropFirst().reduce(parts[0]) { try $0.merging($1) } == leftToRight)
    }

    @Test func discreteValuesMergeExactly() throws {
        let whole = try ProfileTestData.profile(stream, baseline: baseline)
        let first = try ProfileTestData.profile(Array(stream[..<1_234]), baseline: baseline, shard: 1)
        let second = try ProfileTestData.profile(Array(stream[1_234...]), baseline: baseline, shard: 2)
        let merged = try first.merging(second)
        let tenure = try #require(merged.feature(named: "tenure")?.numeric?.discreteValues)
        let expected = try #require(whole.feature(named: "tenure")?.numeric?.discreteValues)
        for value in [1.0, 2, 3, 4] { #expect(tenure.count(of: value) == expected.count(of: value)) }
        #expect(merged.feature(named: "amount")?.numeric?.discreteValues.exceedsLimit == true)
    }

    @Test func qualityCountersOnHandMadeEvents() throws {
        let reference = try #require(baseline.feature(named: "amount")?.numeric)
        let (low, high) = (reference.minimum, reference.maximum)
        let events: [PredictionEvent] = [
            PredictionEvent(id: "1", features: ["amount": .number(low), "country": .string("DE"), "is_new": .bool(true)], prediction: .number(0.1)),
            PredictionEvent(id: "2", features: ["amount": .number(high + 1), "country": .string("Narnia"), "is_new": .missing], prediction: .number(0.2)),
            PredictionEvent(id: "3", features: ["amount": .number(.nan), "country": .number(3), "is_new": .string("yes")], prediction: .label("x")),
            PredictionEvent(id: "4", features: ["amount": .number(-.infinity), "country": .string("Narnia"), "undeclared": .number(1)], prediction: .number(.nan)),
            PredictionEvent(id: "5", features: ["amount": .missing, "country": .string("Atlantis"), "is_new": .bool(false)], prediction: .number(2)),
            PredictionEvent(id: "6", features: ["amount": .number(low - 1e-9), "country": .missing, "is_new": .bool(true)], prediction: .number(0.3)),
        ]
        var profile = try ProfileTestData.profile(events, baseline: baseline)
        try profile.recordTypeViolation(feature: "age")
        try profile.recordTypeViolation(feature: "age")
        profile.recordPredictionTypeViolation()
        #expect(throws: WindowProfileError.unknownFeature("nope")) { try profile.recordTypeViolation(feature: "nope") }
        #expect(profile.rows == 6)

        let amount = try #require(profile.feature(named: "amount"))
        #expect(amount.quality.missing == 2)          // NaN and .missing
        #expect(amount.quality.present == 4)          // low, high + 1, −∞, low − 1e-9
        #expect(amount.quality.outOfRange == 3)       // high + 1, −∞, low − 1e-9
        #expect(amount.quality.nonFinite == 1)
        #expect(amount.quality.typeViolations == 0)
        #expect(amount.sketchedCount == 3 && amount.numeric?.histogram.total == 3)

        let country = try #require(profile.feature(named: "country"))
        #expect(country.quality.missing == 1 && country.quality.present == 4 && country.quality.typeViolations == 1)
        #expect(country.unseenCount == 3)
        #expect(country.categorical?.unseenCategories.counters == ["Narnia": 2, "Atlantis": 1])

        let isNew = try #require(profile.feature(named: "is_new"))
        #expect(isNew.quality.missing == 2 && isNew.quality.present == 3 && isNew.quality.typeViolations == 1)
        #expect(isNew.unseenCount == 0)

        let age = try #require(profile.feature(named: "age"))
        #expect(age.quality.missing == 6 && age.quality.typeViolations == 2 && age.quality.present == 0)

        #expect(profile.prediction.quality.present == 4 && profile.prediction.quality.missing == 1)
        #expect(profile.prediction.quality.typeViolations == 2)
        #expect(profile.prediction.quality.outOfRange == 1)   // 2 lies above every reference score

        let report = try evaluate(window: profile, against: baseline)
        let amountQuality = try #require(report.feature(named: "amount")?.quality)
        #expect(amountQuality.missingRatio == 2.0 / 6 && amountQuality.outOfRangeRatio == 3.0 / 4)
        #expect(amountQuality.unseenCategoryRatio == nil)
        let countryQuality = try #require(report.feature(named: "country")?.quality)
        #expect(countryQuality.unseenCategoryRatio == 3.0 / 4 && countryQuality.outOfRangeRatio == nil)
    }

    @Test func profilesOfDifferentLayoutsRefuseToMerge() throws {
        var profile = try ProfileTestData.profile(Array(stream[..<10]), baseline: baseline)
        let before = profile
        let otherBaseline = try BaselineProfile(
            name: "default", schema: ProfileTestData.schema, events: ProfileTestData.events(500, seed: 99))
        let other = try ProfileTestData.profile(Array(stream[10..<20]), baseline: otherBaseline)
        do {
            try profile.merge(other)
            Issue.record("merged across layouts")
        } catch {
            guard case .layoutMismatch(let reason) = error else { Issue.record("\(error)"); return }
            #expect(reason.contains("feature 'amount'"))
        }
        #expect(profile == before)
        let renamed = try BaselineProfile(
            name: "other", schema: ProfileTestData.schema, events: ProfileTestData.events(1_000, seed: 20))
        #expect(throws: WindowProfileError.layoutMismatch("baselines 'default' and 'other' differ")) {
            try profile.merge(try ProfileTestData.profile([], baseline: renamed))
        }
    }

    @Test func windowsMergeAcrossIndicesAndSurviveJSON() throws {
        let first = try ProfileTestData.profile(Array(stream[..<300]), baseline: baseline, windowIndex: 7)
        let second = try ProfileTestData.profile(Array(stream[300..<600]), baseline: baseline, windowIndex: 9)
        let merged = try first.merging(second)
        #expect(merged.windowRange == 7...9 && merged.rows == 600)
        let data = try JSONEncoder().encode(merged)
        let decoded = try JSONDecoder().decode(WindowProfile.self, from: data)
        #expect(decoded == merged)
        // A resumed profile keeps sampling exactly as the original would.
        var resumed = decoded
        var original = merged
        for event in stream[600..<2_000] {
            resumed.add(event)
            original.add(event)
        }
        #expect(resumed == original)
    }

    @Test func seedsDependOnWindowShardAndField() throws {
        let events = Array(stream[..<1_500])
        let a = try ProfileTestData.profile(events, baseline: baseline, windowIndex: 1)
        let b = try ProfileTestData.profile(events, baseline: baseline, windowIndex: 1)
        let c = try ProfileTestData.profile(events, baseline: baseline, windowIndex: 2)
        let d = try ProfileTestData.profile(events, baseline: baseline, windowIndex: 1, shard: 1)
        let items = { (profile: WindowProfile) in profile.feature(named: "age")?.numeric?.reservoir.items ?? [] }
        #expect(items(a) == items(b))
        #expect(items(a) != items(c) && items(a) != items(d))
    }
}
