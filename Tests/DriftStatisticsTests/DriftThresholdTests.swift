import Testing
@testable import DriftStatistics

@Suite struct DriftThresholdTests {
    static let univariate: [DriftMethod] = [
        .ks, .chi2, .z, .fisher, .psi, .js, .kl, .hellinger, .totalVariation, .wasserstein,
        .normedWasserstein, .anderson, .cvm, .mannwhitney, .ttest, .energy,
    ]

    @Test func everyUnivariateMethodHasADefault() {
        for method in Self.univariate {
            #expect(DriftThreshold.evidentlyDefault(for: method) != nil, "\(method)")
        }
        for method in [DriftMethod.mmd, .pcaReconstruction, .hotelling, .mahalanobis] {
            #expect(DriftThreshold.evidentlyDefault(for: method) == nil, "\(method)")
        }
    }

    @Test func evidentlysValuesAndDirections() {
        let expected: [DriftMethod: DriftThreshold] = [
            .ks: .init(value: 0.05, direction: .pValueAtOrBelow),
            .chi2: .init(value: 0.05, direction: .pValueBelow),
            .z: .init(value: 0.05, direction: .pValueBelow),
            .ttest: .init(value: 0.05, direction: .pValueBelow),
            .mannwhitney: .init(value: 0.05, direction: .pValueBelow),
            .fisher: .init(value: 0.1, direction: .pValueBelow),
            .anderson: .init(value: 0.1, direction: .pValueBelow),
            .cvm: .init(value: 0.1, direction: .pValueBelow),
            .psi: .init(value: 0.1, direction: .statisticAtOrAbove),
            .kl: .init(value: 0.1, direction: .statisticAtOrAbove),
            .js: .init(value: 0.1, direction: .statisticAtOrAbove),
            .hellinger: .init(value: 0.1, direction: .statisticAtOrAbove),
            .normedWasserstein: .init(value: 0.1, direction: .statisticAtOrAbove),
            .wasserstein: .init(value: 0.1, direction: .statisticAtOrAbove),
            .totalVariation: .init(value: 0.1, direction: .statisticAtOrAbove),
            .energy: .init(value: 0.1, direction: .statisticAbove),
        ]
        for method in Self.univariate {
            #expect(DriftThreshold.evidentlyDefault(for: method) == expected[method], "\(method)")
        }
    }

    @Test func boundariesFollowEvidently() throws {
        let ks = try #require(DriftThreshold.evidentlyDefault(for: .ks))
        #expect(ks.isDrift(TwoSampleResult(method: .ks, statistic: 0.3, pValue: 0.05)))
        #expect(!ks.isDrift(TwoSampleResult(method: .ks, statistic: 0.3, pValue: 0.050000001)))
        let chi2 = try #require(DriftThreshold.evidentlyDefault(for: .chi2))
        #expect(!chi2.isDrift(TwoSampleResult(method: .chi2, statistic: 9, pValue: 0.05)))
        #expect(chi2.isDrift(TwoSampleResult(method: .chi2, statistic: 9, pValue: 0.0499)))
        #expect(!chi2.isDrift(TwoSampleResult(method: .chi2, statistic: 9)))
        let psi = try #require(DriftThreshold.evidentlyDefault(for: .psi))
        #expect(psi.isDrift(TwoSampleResult(method: .psi, statistic: 0.1)))
        #expect(!psi.isDrift(TwoSampleResult(method: .psi, statistic: 0.0999)))
        #expect(!psi.isDrift(TwoSampleResult(method: .psi, statistic: .nan)))
        let energy = try #require(DriftThreshold.evidentlyDefault(for: .energy))
        #expect(!energy.isDrift(TwoSampleResult(method: .energy, statistic: 0.1)))
        #expect(energy.isDrift(TwoSampleResult(method: .energy, statistic: 0.1000001)))
    }
}
