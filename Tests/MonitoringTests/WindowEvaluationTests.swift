import DriftStatistics
import Foundation
import Monitoring
import Testing

@Suite struct WindowEvaluationTests {
    static let shift = ProfileTestData.Shift(
        amountMean: 110, countries: ["DE", "FR", "US", "UK", "ES", "BR"],
        countryWeights: [0.3, 0.2, 0.15, 0.1, 0.05, 0.2], isNewProbability: 0.45)

    /// Each field's result must be what `univariateDrift` gives on all rows of both sides.
    private func expectMatchesDirectCalls(
        _ report: WindowReport, reference: [PredictionEvent], window: [PredictionEvent],
        method: DriftMethod? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for feature in ProfileTestData.schema.features {
            let direct: UnivariateDriftResult
            if feature.type == .numeric {
                direct = try univariateDrift(
                    reference: .numeric(ProfileTestData.numbers(reference, feature.name)),
                    current: .numeric(ProfileTestData.numbers(window, feature.name)), method: method)
            } else {
                direct = try univariateDrift(
                    reference: .categorical(ProfileTestData.categories(reference, feature.name)),
                    current: .categorical(ProfileTestData.categories(window, feature.name)), method: method)
            }
            let result = try #require(report.feature(named: feature.name)?.outcome.result, sourceLocation: sourceLocation)
            #expect(result.method == direct.result.method, "\(feature.name)", sourceLocation: sourceLocation)
            #expect(result.statistic == direct.result.statistic, "\(feature.name)", sourceLocation: sourceLocation)
            #expect(result.pValue == direct.result.pValue, "\(feature.name)", sourceLocation: sourceLocation)
            #expect(
                result.threshold == direct.threshold && result.drifted == direct.drifted, "\(feature.name)",
                sourceLocation: sourceLocation)
            #expect(result.automatic == (method == nil), sourceLocation: sourceLocation)
        }
        let prediction = try univariateDrift(
            reference: .numeric(ProfileTestData.scores(reference)), current: .numeric(ProfileTestData.scores(window)),
            method: method)
        let result = try #require(report.prediction.outcome.result, sourceLocation: sourceLocation)
        #expect(
            result.method == prediction.result.method && result.statistic == prediction.result.statistic,
            sourceLocation: sourceLocation)
        #expect(result.pValue == prediction.result.pValue, sourceLocation: sourceLocation)
    }

    private func report(
        reference: [PredictionEvent], window: [PredictionEvent], baselineOptions: BaselineOptions = BaselineOptions(),
        options: EvaluationOptions = EvaluationOptions()
    ) throws -> (WindowReport, BaselineProfile, WindowProfile) {
        let baseline = try BaselineProfile(
            name: "default", schema: ProfileTestData.schema, events: reference, options: baselineOptions)
        let profile = try ProfileTestData.profile(window, baseline: baseline)
        return (try evaluate(window: profile, against: baseline, options: options), baseline, profile)
    }

    @Test func aWindowFromTheReferenceDistributionDoesNotDrift() throws {
        let reference = ProfileTestData.events(800, seed: 31)
        // Eight tests at α = 0.05 against one fixed reference raise a false alarm for a share of
        // window seeds (32: is_new, p = 0.046; 34: age, p = 0.007); 100 is a seed without one,
        // and the test is deterministic.
        let window = ProfileTestData.events(600, seed: 100)
        let (report, _, _) = try report(reference: reference, window: window)
        #expect(report.rows == 600 && report.baselineName == "default" && report.windowRange == 0...0)
        #expect(report.driftedFeatures == [])
        #expect(report.datasetDriftShare == 0)
        let methods = report.features.map { $0.outcome.result?.method }
        // Evidently's rule at ≤ 1000 reference rows: KS for continuous, chi2 above 2 values, z for 2.
        #expect(methods == [.ks, .ks, .chi2, .chi2, .chi2, .z, .z])
        #expect(report.features.allSatisfy { $0.outcome.result?.basis != .reservoirSample })
        #expect(report.feature(named: "tenure")?.outcome.result?.basis == .discreteValues)
        #expect(report.feature(named: "amount")?.outcome.result?.basis == .allValues)
        #expect(report.prediction.outcome.result?.method == .ks && report.prediction.drifted == false)
        #expect(report.feature(named: "country")?.quality.unseenCategoryRatio == 0)
        try expectMatchesDirectCalls(report, reference: reference, window: window)
    }

    @Test func exactlyTheThreeShiftedFeaturesDrift() throws {
        let reference = ProfileTestData.events(800, seed: 31)
        let window = ProfileTestData.events(600, seed: 33, shift: Self.shift)
        let (report, _, _) = try report(reference: reference, window: window)
        #expect(report.driftedFeatures == ["amount", "country", "is_new"])
        #expect(report.datasetDriftShare == 3.0 / 7)
        let country = try #require(report.feature(named: "country"))
        #expect((country.quality.unseenCategoryRatio ?? 0) > 0.15)
        #expect(country.quality.unseen == ProfileTestData.categories(window, "country").filter { $0 == "BR" }.count)
        #expect(country.outcome.result?.method == .chi2 && (country.outcome.result?.pValue ?? 1) < 1e-10)
        #expect((report.feature(named: "amount")?.quality.outOfRangeRatio ?? 0) > 0)
        try expectMatchesDirectCalls(report, reference: reference, window: window)
    }

    @Test func aLargeReferenceUsesWassersteinAndJensenShannon() throws {
        let reference = ProfileTestData.events(3_000, seed: 41)
        let window = ProfileTestData.events(1_500, seed: 42, shift: Self.shift)
        let (report, _, _) = try report(reference: reference, window: window)
        let methods = report.features.map { $0.outcome.result?.method }
        #expect(methods == [.normedWasserstein, .normedWasserstein, .js, .js, .js, .js, .js])
        #expect(report.driftedFeatures == ["amount", "country", "is_new"])
        try expectMatchesDirectCalls(report, reference: reference, window: window)
        let same = ProfileTestData.events(1_500, seed: 43)
        let (quiet, _, _) = try self.report(reference: reference, window: same)
        #expect(quiet.driftedFeatures == [])
        try expectMatchesDirectCalls(quiet, reference: reference, window: same)
    }

    @Test func namedMethodsReadTheFrozenBinsOrTheReservoirs() throws {
        let reference = ProfileTestData.events(800, seed: 31)
        let window = ProfileTestData.events(600, seed: 33, shift: Self.shift)
        for method in [DriftMethod.psi, .js, .hellinger, .chi2] {
            let (report, _, _) = try report(reference: reference, window: window, options: EvaluationOptions(method: method))
            try expectMatchesDirectCalls(report, reference: reference, window: window, method: method)
            #expect(report.feature(named: "age")?.outcome.result?.basis == (method == .chi2 ? .allValues : .frozenBins))
        }
        let (ks, _, _) = try report(reference: reference, window: window, options: EvaluationOptions(method: .anderson))
        #expect(ks.feature(named: "amount")?.outcome.result?.method == .anderson)
        guard case .notApplicable(let reason)? = ks.feature(named: "country")?.outcome else {
            Issue.record("anderson on categories was not refused")
            return
        }
        #expect(reason == "anderson needs numeric values")
        #expect(ks.datasetDriftShare == 1.0 / 3)   // amount, of amount, age and tenure
        let (z, _, _) = try report(reference: reference, window: window, options: EvaluationOptions(method: .z))
        #expect(z.feature(named: "is_new")?.outcome.result?.method == .z)
        if case .notApplicable? = z.feature(named: "channel")?.outcome {} else { Issue.record("z on three channels") }
    }

    @Test func beyondItsReservoirAWindowIsJudgedOnSamples() throws {
        let reference = ProfileTestData.events(800, seed: 31)
        let window = ProfileTestData.events(2_000, seed: 32)
        let (report, baseline, profile) = try report(
            reference: reference, window: window, baselineOptions: BaselineOptions(reservoirCapacity: 1_000))
        let result = try #require(report.feature(named: "age")?.outcome.result)
        #expect(result.method == .ks && result.basis == .reservoirSample)
        let referenceSample = try #require(baseline.feature(named: "age")?.numeric?.reservoir.items)
        let windowSample = try #require(profile.feature(named: "age")?.numeric?.reservoir.items)
        #expect(referenceSample.count == 800 && windowSample.count == 1_000)
        let direct = try kolmogorovSmirnovTest(reference: referenceSample, current: windowSample)
        #expect(result.statistic == direct.statistic && result.pValue == direct.pValue)
        // Counts over frozen bins stay exact at any size.
        #expect(report.feature(named: "country")?.outcome.result?.basis == .frozenBins)
    }

    @Test func featuresBelowMinRowsHaveInsufficientData() throws {
        let reference = ProfileTestData.events(800, seed: 31)
        let window = ProfileTestData.events(120, seed: 32)
        let (report, _, _) = try report(reference: reference, window: window)
        let amountCount = ProfileTestData.numbers(window, "amount").count
        #expect(amountCount < 120)
        #expect(report.feature(named: "age")?.outcome.result != nil)
        let (few, _, _) = try self.report(reference: reference, window: Array(window.prefix(99)))
        for feature in few.features {
            guard case let .insufficientData(role, needed, got) = feature.outcome else {
                Issue.record("\(feature.field) judged on 99 rows")
                continue
            }
            #expect(role == .current && needed == 100 && got == feature.currentCount && got <= 99)
            #expect(feature.drifted == false)
        }
        #expect(few.datasetDriftShare == nil)
        if case .insufficientData(.current, 100, 99) = few.prediction.outcome {} else { Issue.record("prediction") }
        let (strict, _, _) = try self.report(
            reference: reference, window: window, options: EvaluationOptions(minRows: amountCount + 1))
        if case .insufficientData(.current, amountCount + 1, amountCount)? = strict.feature(named: "amount")?.outcome {} else {
            Issue.record("amount with \(amountCount) values")
        }
        #expect(strict.feature(named: "age")?.outcome.result != nil)
        let (smallReference, _, _) = try self.report(
            reference: Array(reference.prefix(50)), window: window, options: EvaluationOptions(minRows: 60))
        if case .insufficientData(.reference, 60, 50)? = smallReference.feature(named: "age")?.outcome {} else {
            Issue.record("a 50-row reference")
        }
    }

    @Test func constantFeaturesHaveNotEnoughVariation() throws {
        let schema = try ModelSchema(
            features: [
                FeatureSpec(name: "level", type: .numeric), FeatureSpec(name: "region", type: .categorical),
                FeatureSpec(name: "flag", type: .boolean),
            ],
            prediction: PredictionSpec(type: .score))
        func events(_ count: Int, level: Double, flag: Bool) -> [PredictionEvent] {
            (0..<count).map {
                PredictionEvent(
                    id: "\($0)", features: ["level": .number(level), "region": .string("EU"), "flag": .bool(flag)],
                    prediction: .number(Double($0 % 7)))
            }
        }
        let baseline = try BaselineProfile(name: "flat", schema: schema, events: events(300, level: 5, flag: true))
        let steady = try ProfileTestData.profile(events(200, level: 5, flag: true), baseline: baseline)
        let report = try evaluate(window: steady, against: baseline)
        let reasons = report.features.map { feature -> String? in
            if case .notEnoughVariation(let reason) = feature.outcome { return reason }
            return nil
        }
        #expect(reasons == [
            "every value is 5.0 in both the reference and the window",
            "every value is 'EU' in both the reference and the window",
            "every value is 'true' in both the reference and the window",
        ])
        #expect(report.driftedFeatures == [] && report.datasetDriftShare == 0)

        // A constant that changes is drift; a test that cannot run on constants says why.
        let moved = try ProfileTestData.profile(events(200, level: 6, flag: false), baseline: baseline)
        let movedReport = try evaluate(window: moved, against: baseline)
        #expect(movedReport.driftedFeatures == ["level", "flag"])
        #expect(movedReport.feature(named: "level")?.outcome.result?.method == .z)
        let tTest = try evaluate(window: steady, against: baseline, options: EvaluationOptions(method: .ttest))
        if case .notEnoughVariation? = tTest.feature(named: "level")?.outcome {} else { Issue.record("ttest on constants") }
        let welch = try evaluate(window: moved, against: baseline, options: EvaluationOptions(method: .ttest))
        guard case .notEnoughVariation(let reason)? = welch.feature(named: "level")?.outcome else {
            Issue.record("ttest on two different constants")
            return
        }
        #expect(!reason.isEmpty)
    }

    @Test func aNewCategoryIsUnseenAndDrifts() throws {
        let reference = ProfileTestData.events(800, seed: 31)
        var window = ProfileTestData.events(400, seed: 32)
        for index in window.indices where index.isMultiple(of: 8) { window[index].features["channel"] = .string("kiosk") }
        let (report, _, profile) = try report(reference: reference, window: window)
        let channel = try #require(report.feature(named: "channel"))
        #expect(channel.quality.unseenCategoryRatio == 50.0 / 400)
        #expect(channel.drifted && channel.outcome.result?.method == .chi2)
        #expect(profile.feature(named: "channel")?.categorical?.unseenCategories.counters == ["kiosk": 50])
        #expect(report.driftedFeatures == ["channel"])
        try expectMatchesDirectCalls(report, reference: reference, window: window)
    }

    @Test func badOptionsAndForeignWindowsAreRefused() throws {
        let reference = ProfileTestData.events(300, seed: 31)
        let baseline = try BaselineProfile(name: "default", schema: ProfileTestData.schema, events: reference)
        let window = try ProfileTestData.profile(ProfileTestData.events(150, seed: 32), baseline: baseline)
        #expect(throws: EvaluationError.invalidOption(name: "minRows", reason: "must not be negative, got -1")) {
            try evaluate(window: window, against: baseline, options: EvaluationOptions(minRows: -1))
        }
        #expect(throws: EvaluationError.invalidOption(name: "method", reason: "mmd is a multivariate method, not a univariate test")) {
            try evaluate(window: window, against: baseline, options: EvaluationOptions(method: .mmd))
        }
        let nan = DriftThreshold(value: .nan, direction: .pValueBelow)
        #expect(throws: EvaluationError.self) { try evaluate(window: window, against: baseline, options: EvaluationOptions(threshold: nan)) }
        let rebuilt = try BaselineProfile(name: "default", schema: ProfileTestData.schema, events: ProfileTestData.events(300, seed: 77))
        #expect(throws: EvaluationError.layoutMismatch("feature 'amount': the window's bins are not the baseline's")) {
            try evaluate(window: window, against: rebuilt)
        }
    }

    @Test func aReportSurvivesJSON() throws {
        let (report, _, _) = try report(
            reference: ProfileTestData.events(800, seed: 31), window: ProfileTestData.events(600, seed: 33, shift: Self.shift))
        let decoded = try JSONDecoder().decode(WindowReport.self, from: try JSONEncoder().encode(report))
        #expect(decoded == report)
    }
}
