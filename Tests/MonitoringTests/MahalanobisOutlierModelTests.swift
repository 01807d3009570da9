import DriftStatistics
import Foundation
import LinearAlgebra
import Testing

@testable import Monitoring

@Suite struct MahalanobisOutlierModelTests {
    /// The complete rows (every numeric feature present) of `events`, as a row-major matrix.
    private func completeRows(_ events: [PredictionEvent], features: [String]) throws -> Matrix<Double> {
        var rows: [[Double]] = []
        for event in events {
            let values = features.compactMap { name -> Double? in
                if case .number(let value) = event.features[name] ?? .missing, value.isFinite { return value }
                return nil
            }
            if values.count == features.count { rows.append(values) }
        }
        return try Matrix(rowMajor: rows)
    }

    private func fittedModel(_ baseline: BaselineProfile) throws -> MahalanobisOutlierModel {
        let model = try #require(baseline.outliers?.model, "outliers: \(String(describing: baseline.outliers))")
        return model
    }

    @Test func fitsOnTheCompleteNumericRowsWithTheReferenceQuantileThreshold() throws {
        let events = ProfileTestData.events(2000, seed: 11)
        let baseline = try BaselineProfile(name: "ref", schema: ProfileTestData.schema, events: events)
        let model = try fittedModel(baseline)
        #expect(model.features == ["amount", "age", "tenure"])
        #expect(model.featurePositions == [0, 1, 2])
        let reference = try completeRows(events, features: model.features)
        #expect(model.referenceRows == reference.rows)
        #expect(reference.rows < 2000)  // amount is missing in about 5 % of the rows
        let scorer = try MahalanobisScorer(reference: reference)
        #expect(model.mean == scorer.mean)
        let squares = try scorer.scores(reference).map { $0 * $0 }.sorted()
        // NumPy's linear quantile, written out: position 0.99·(n − 1).
        let position = 0.99 * Double(squares.count - 1)
        let lower = Int(position)
        let fraction = position - Double(lower)
        let expected = squares[lower] + (squares[lower + 1] - squares[lower]) * fraction
        #expect(abs(model.threshold - expected) <= 1e-12 * expected)
        let above = squares.filter { $0 > model.threshold }.count
        #expect(above == squares.count - lower - 1)
    }

    @Test func countsTheSameOutliersAsScoringTheRowsDirectly() throws {
        let baseline = try BaselineProfile(name: "ref", schema: ProfileTestData.schema, events: ProfileTestData.events(1500, seed: 3))
        let model = try fittedModel(baseline)
        let scorer = try MahalanobisScorer(reference: try completeRows(ProfileTestData.events(1500, seed: 3), features: model.features))
        var shift = ProfileTestData.Shift()
        shift.amountMean = 130
        let window = ProfileTestData.events(800, seed: 4, shift: shift)
        var profile = try WindowProfile(baseline: baseline, windowIndex: 0)
        for event in window { profile.add(event) }
        let rows = try completeRows(window, features: model.features)
        let direct = try scorer.scores(rows).map { $0 * $0 }
        let outliers = try #require(profile.outliers)
        #expect(outliers.scored == rows.rows)
        #expect(outliers.above == direct.filter { $0 > model.threshold }.count)
        #expect(outliers.above > 0 && outliers.above < outliers.scored)
        let report = try evaluate(window: profile, against: baseline)
        #expect(report.outliers?.ratio == Double(outliers.above) / Double(outliers.scored))
        #expect(report.outliers?.detector == "mahalanobis")
    }

    @Test func scoresOneRowAsTheScorerDoes() throws {
        let baseline = try BaselineProfile(name: "ref", schema: ProfileTestData.schema, events: ProfileTestData.events(500, seed: 8))
        let model = try fittedModel(baseline)
        let scorer = try MahalanobisScorer(reference: try completeRows(ProfileTestData.events(500, seed: 8), features: model.features))
        for row in [[100.0, 40, 2], [160, 10, 4], [-20, 90, 1]] {
            var values = row
            let squared = values.withUnsafeMutableBufferPointer { model.squaredDistance(overwriting: $0) }
            let expected = try scorer.score(row)
            #expect(abs(squared - expected * expected) <= 1e-12 * expected * expected)
        }
        // A hand-checkable case: one feature, mean 2, sample variance 2.5 over 1…5 (needs 100 rows).
        let schema = try ModelSchema(features: [FeatureSpec(name: "x", type: .numeric)], prediction: PredictionSpec(type: .score))
        let events = (0..<100).map { index in
            PredictionEvent(id: "\(index)", features: ["x": .number(Double(index % 5 + 1))], prediction: .number(0.5))
        }
        let single = try #require(try BaselineProfile(name: "x", schema: schema, events: events).outliers?.model)
        var value = [6.0]
        let squared = value.withUnsafeMutableBufferPointer { single.squaredDistance(overwriting: $0) }
        let variance = 200.0 / 99  // Σ(x − 3)² = 20·(4 + 1 + 0 + 1 + 4) over n − 1 = 99
        #expect(single.mean == [3])
        #expect(abs(squared - 9 / variance) <= 1e-12)
        // The largest baseline distance is (5 − 3)²/variance, shared by 40 rows: the 0.99 quantile.
        #expect(abs(single.threshold - 4 / variance) <= 1e-12)
    }

    @Test func rowsWithAMissingNumericFeatureAreNotScored() throws {
        let baseline = try BaselineProfile(name: "ref", schema: ProfileTestData.schema, events: ProfileTestData.events(500, seed: 1))
        var profile = try WindowProfile(baseline: baseline, windowIndex: 0)
        var event = ProfileTestData.events(1, seed: 2)[0]
        event.features["amount"] = .number(100)
        profile.add(event)
        event.features["age"] = .missing
        profile.add(event)
        event.features["age"] = .number(.infinity)
        profile.add(event)
        event.features["age"] = .number(.nan)
        profile.add(event)
        #expect(profile.rows == 4)
        #expect(profile.outliers?.scored == 1)
        #expect(profile.feature(named: "age")?.sketchedCount == 1)
    }

    @Test func mergingAddsTheCounts() throws {
        let baseline = try BaselineProfile(name: "ref", schema: ProfileTestData.schema, events: ProfileTestData.events(600, seed: 5))
        var shift = ProfileTestData.Shift()
        shift.amountMean = 140
        let events = ProfileTestData.events(400, seed: 6, shift: shift)
        var whole = try WindowProfile(baseline: baseline, windowIndex: 0)
        var first = try WindowProfile(baseline: baseline, windowIndex: 0)
        var second = try WindowProfile(baseline: baseline, windowIndex: 0, shard: 1)
        for (index, event) in events.enumerated() {
            whole.add(event)
            if index < 150 { first.add(event) } else { second.add(event) }
        }
        let merged = try first.merging(second)
        #expect(merged.outliers?.scored == whole.outliers?.scored)
        #expect(merged.outliers?.above == whole.outliers?.above)
        #expect(merged.outliers?.scored == (first.outliers?.scored ?? 0) + (second.outliers?.scored ?? 0))
        #expect((whole.outliers?.above ?? 0) > 0)
    }

    @Test func aBaselineThatCannotBeFittedSaysWhy() throws {
        let few = try BaselineProfile(name: "few", schema: ProfileTestData.schema, events: ProfileTestData.events(60, seed: 1))
        guard case .skipped(let reason)? = few.outliers else {
            Issue.record("expected a skipped model, got \(String(describing: few.outliers))")
            return
        }
        #expect(reason.contains("100 needed"), "\(reason)")

        var constant = ProfileTestData.events(300, seed: 2)
        for index in constant.indices { constant[index].features["age"] = .number(40) }
        let singular = try BaselineProfile(name: "c", schema: ProfileTestData.schema, events: constant)
        guard case .skipped(let singularReason)? = singular.outliers else {
            Issue.record("expected a skipped model, got \(String(describing: singular.outliers))")
            return
        }
        #expect(singularReason.contains("constant"), "\(singularReason)")
        var profile = try WindowProfile(baseline: singular, windowIndex: 0)
        profile.add(constant[0])
        #expect(profile.outliers == nil)
        #expect(try evaluate(window: profile, against: singular).outliers == nil)

        let schema = try ModelSchema(features: [FeatureSpec(name: "c", type: .categorical)], prediction: PredictionSpec(type: .score))
        let categorical = try BaselineProfile(
            name: "cat", schema: schema,
            events: (0..<200).map { PredictionEvent(id: "\($0)", features: ["c": .string("a")], prediction: .number(0.1)) })
        #expect(categorical.outliers == .skipped(reason: "the schema has no numeric features"))
    }

    @Test func profilesAndBaselinesStoredBeforeOutliersStillDecode() throws {
        let baseline = try BaselineProfile(name: "ref", schema: ProfileTestData.schema, events: ProfileTestData.events(300, seed: 9))
        var profile = try WindowProfile(baseline: baseline, windowIndex: 4)
        for event in ProfileTestData.events(50, seed: 10) { profile.add(event) }
        let oldBaseline = try JSONSerialization.jsonObject(with: JSONEncoder().encode(baseline)) as? [String: Any]
        let oldProfile = try JSONSerialization.jsonObject(with: JSONEncoder().encode(profile)) as? [String: Any]
        var baselineObject = try #require(oldBaseline)
        var profileObject = try #require(oldProfile)
        #expect(baselineObject.removeValue(forKey: "outliers") != nil)
        #expect(profileObject.removeValue(forKey: "outliers") != nil)
        let decodedBaseline = try JSONDecoder().decode(
            BaselineProfile.self, from: JSONSerialization.data(withJSONObject: baselineObject))
        let decodedProfile = try JSONDecoder().decode(
            WindowProfile.self, from: JSONSerialization.data(withJSONObject: profileObject))
        #expect(decodedBaseline.outliers == nil)
        #expect(decodedProfile.outliers == nil)
        #expect(decodedProfile.rows == 50)
        var resumed = decodedProfile
        resumed.add(ProfileTestData.events(1, seed: 12)[0])
        #expect(try evaluate(window: resumed, against: decodedBaseline).outliers == nil)
        // And the current encoding round-trips with the model and counts.
        #expect(try JSONDecoder().decode(WindowProfile.self, from: JSONEncoder().encode(profile)) == profile)
        #expect(try JSONDecoder().decode(BaselineProfile.self, from: JSONEncoder().encode(baseline)) == baseline)
    }
}
