import DriftStatistics
import Foundation
import Monitoring
import Testing

@Suite struct BaselineProfileTests {
    let reference = ProfileTestData.events(2_000, seed: 11)

    @Test func numericFeaturesFreezeTheBinsNumericBinningFits() throws {
        let baseline = try BaselineProfile(name: "default", schema: ProfileTestData.schema, events: reference)
        #expect(baseline.rowCount == 2_000)
        for name in ["amount", "age", "tenure"] {
            let values = ProfileTestData.numbers(reference, name)
            let feature = try #require(baseline.feature(named: name))
            let numeric = try #require(feature.numeric)
            let (binning, counts) = try NumericBinning.fitted(to: values, bins: 10)
            #expect(numeric.binning == binning)
            #expect(feature.referenceCounts == counts)
            #expect(feature.valueCount == values.count)
            #expect(feature.missingCount == 2_000 - values.count)
            #expect(numeric.moments == (try MomentsSketch(values)))
            #expect(numeric.minimum == values.min() && numeric.maximum == values.max())
            // The reservoir holds every value, in order, while they fit.
            #expect(numeric.reservoir.items == values && numeric.reservoir.seenCount == values.count)
            #expect(feature.categorical == nil && feature.type == .numeric)
        }
        let amount = try #require(baseline.feature(named: "amount"))
        #expect(amount.missingCount > 0)
        #expect(amount.numeric?.discreteValues.exceedsLimit == true)
        let tenure = try #require(baseline.feature(named: "tenure")?.numeric?.discreteValues)
        #expect(tenure.values.sorted() == [1, 2, 3, 4])
        #expect(tenure.counts.reduce(0, +) == 2_000)
    }

    @Test func categoricalAndBooleanFeaturesFreezeCategoricalBins() throws {
        let baseline = try BaselineProfile(name: "default", schema: ProfileTestData.schema, events: reference)
        for name in ["country", "channel"] {
            let values = ProfileTestData.categories(reference, name)
            let feature = try #require(baseline.feature(named: name))
            let binning = try CategoricalBinning(reference: values)
            #expect(feature.categorical?.binning == binning)
            #expect(feature.referenceCounts == binning.counts(of: values))
            #expect(feature.categorical?.distinctCount == Set(values).count)
            #expect(feature.numeric == nil)
        }
        for name in ["is_new", "has_card"] {
            let values = ProfileTestData.categories(reference, name)
            let feature = try #require(baseline.feature(named: name))
            let categorical = try #require(feature.categorical)
            // Ranked as CategoricalBinning ranks the reference alone.
            #expect(categorical.binning.categories == (try CategoricalBinning(reference: values)).categories)
            #expect(feature.referenceCounts == categorical.binning.counts(of: values))
            #expect(feature.referenceCounts.reduce(0, +) == values.count)
        }
        #expect(baseline.feature(named: "has_card")?.missingCount ?? 0 > 0)
        let score = ProfileTestData.scores(reference)
        #expect(baseline.prediction.field == .prediction)
        #expect(baseline.prediction.referenceCounts == (try NumericBinning.fitted(to: score)).referenceCounts)
    }

    @Test func aBooleanSeenOnlyTrueStillKeepsABinForFalse() throws {
        let events = (0..<5).map { PredictionEvent(id: "\($0)", features: ["flag": .bool(true)], prediction: .number(0.5)) }
        let schema = try ModelSchema(features: [FeatureSpec(name: "flag", type: .boolean)], prediction: PredictionSpec(type: .score))
        let flag = try #require(try BaselineProfile(name: "b", schema: schema, events: events).feature(named: "flag"))
        #expect(flag.categorical?.binning.categories == ["true", "false"])
        #expect(flag.referenceCounts == [5, 0, 0, 0])
        #expect(flag.categorical?.distinctCount == 1)
    }

    @Test func optionsChangeBinsCategoriesAndReservoirs() throws {
        let options = BaselineOptions(bins: 4, maxCategories: 2, reservoirCapacity: 100, seed: 7)
        let baseline = try BaselineProfile(name: "small", schema: ProfileTestData.schema, events: reference, options: options)
        let amount = try #require(baseline.feature(named: "amount")?.numeric)
        #expect(amount.binning.binCount == 4)
        #expect(amount.reservoir.items.count == 100 && amount.reservoir.seenCount == amount.moments.count)
        #expect(baseline.feature(named: "country")?.categorical?.binning.categories.count == 2)
        let again = try BaselineProfile(name: "small", schema: ProfileTestData.schema, events: reference, options: options)
        #expect(again == baseline)
    }

    @Test func classAndProbabilityPredictionsAreProfiledAsClasses() throws {
        let features = [FeatureSpec(name: "x", type: .numeric)]
        let classSchema = try ModelSchema(features: features, prediction: PredictionSpec(type: .class, classes: ["a", "b"]))
        let labels = ["a", "b", "a"].enumerated().map {
            PredictionEvent(id: "\($0.offset)", features: ["x": .number(Double($0.offset))], prediction: .label($0.element))
        }
        let byClass = try BaselineProfile(name: "c", schema: classSchema, events: labels)
        #expect(byClass.prediction.categorical?.binning.categories == ["a", "b"])
        #expect(byClass.prediction.referenceCounts == [2, 1, 0, 0])

        let probabilitySchema = try ModelSchema(
            features: features, prediction: PredictionSpec(type: .probabilities, classes: ["a", "b"]))
        let probabilities = [0.2, 0.9, 0.5].enumerated().map {
            PredictionEvent(
                id: "\($0.offset)", features: ["x": .number(1)],
                prediction: .probabilities(["a": $0.element, "b": 1 - $0.element]))
        }
        let byProbability = try BaselineProfile(name: "p", schema: probabilitySchema, events: probabilities)
        // b, a, and a tie that goes to the first class listed.
        #expect(byProbability.prediction.referenceCounts == [2, 1, 0, 0])
        #expect(byProbability.prediction.categorical?.binning.categories == ["a", "b"])
    }

    @Test func errorsNameTheFieldAndTheEvent() throws {
        let schema = ProfileTestData.schema
        func failure(
            _ events: [PredictionEvent], name: String = "b", options: BaselineOptions = BaselineOptions()
        ) -> BaselineProfileError? {
            do {
                _ = try BaselineProfile(name: name, schema: schema, events: events, options: options)
                return nil
            } catch {
                return error
            }
        }
        #expect(failure([]) == .noEvents)
        #expect(failure(reference, name: "") == .emptyName)
        #expect(failure(reference, options: BaselineOptions(bins: 0)) == .invalidOption(name: "bins", reason: "must be at least 1, got 0"))

        var allMissing = reference
        for index in allMissing.indices {
            allMissing[index].features["age"] = index.isMultiple(of: 2) ? .missing : .number(.nan)
        }
        #expect(failure(allMissing) == .noReferenceValues(.feature("age")))
        let error = try #require(failure(allMissing))
        #expect(error.description == "feature 'age': no non-missing reference values")

        var noCountry = reference
        for index in noCountry.indices { noCountry[index].features["country"] = nil }
        #expect(failure(noCountry) == .noReferenceValues(.feature("country")))

        var wrongKind = reference
        wrongKind[3].features["amount"] = .string("12")
        #expect(failure(wrongKind) == .typeMismatch(.feature("amount"), event: 3, expected: "a number"))
        wrongKind = reference
        wrongKind[5].features["is_new"] = .string("yes")
        #expect(failure(wrongKind) == .typeMismatch(.feature("is_new"), event: 5, expected: "a boolean"))

        var infinite = reference
        infinite[8].features["age"] = .number(.infinity)
        #expect(failure(infinite) == .nonFiniteValue(.feature("age"), event: 8, value: .infinity))

        var badPrediction = reference
        badPrediction[2].prediction = .label("a")
        #expect(failure(badPrediction) == .typeMismatch(.prediction, event: 2, expected: "a number"))
    }

    @Test func aBaselineSurvivesJSON() throws {
        let baseline = try BaselineProfile(
            name: "default", schema: ProfileTestData.schema, events: reference, options: BaselineOptions(reservoirCapacity: 500))
        let data = try JSONEncoder().encode(baseline)
        #expect(try JSONDecoder().decode(BaselineProfile.self, from: data) == baseline)
    }
}
