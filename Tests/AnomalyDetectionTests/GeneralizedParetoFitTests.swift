import Foundation
import Testing

@testable import AnomalyDetection

@Suite struct GeneralizedParetoFitTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let excesses: [Double]
            let shape: Double
            let scale: Double
            // swiftlint:disable:next identifier_name
            let log_likelihood: Double
        }

        let cases: [Case]
    }

    static func logLikelihood(_ excesses: [Double], shape: Double, scale: Double) -> Double {
        let n = Double(excesses.count)
        if shape == 0 { return -n * log(scale) - excesses.reduce(0, +) / scale }
        return -n * log(scale) - (1 + 1 / shape) * excesses.reduce(0) { $0 + log1p(shape * $1 / scale) }
    }

    /// SciPy's maximum-likelihood fits (genpareto.fit with the location at 0, polished by
    /// Nelder-Mead), reproduced: the same shape and scale, and the same likelihood.
    @Test func matchesSciPysMaximumLikelihood() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/gpd", withExtension: "json"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        #expect(fixture.cases.count == 6)
        for item in fixture.cases {
            let fit = try #require(GeneralizedParetoFit(excesses: item.excesses))
            #expect(abs(fit.shape - item.shape) < 1e-6, "shape \(fit.shape) vs \(item.shape)")
            #expect(abs(fit.scale - item.scale) / item.scale < 1e-6, "scale \(fit.scale) vs \(item.scale)")
            #expect(Self.logLikelihood(item.excesses, shape: fit.shape, scale: fit.scale) >= item.log_likelihood - 1e-9)
        }
    }

    @Test func quantileAndSurvivalAreInverse() {
        for fit in [GeneralizedParetoFit(shape: 0.3, scale: 2), GeneralizedParetoFit(shape: 0, scale: 1.5), GeneralizedParetoFit(shape: -0.2, scale: 4)] {
            for probability in [0.5, 0.1, 1e-3, 1e-6] {
                #expect(abs(fit.survival(fit.quantile(exceededWith: probability)) / probability - 1) < 1e-12)
            }
        }
        #expect(GeneralizedParetoFit(shape: -0.5, scale: 1).survival(3) == 0, "beyond the upper end point 2")
        #expect(GeneralizedParetoFit(excesses: [1.0]) == nil)
    }
}
