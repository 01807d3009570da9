import DriftStatistics
import Foundation
import Monitoring

/// The JSON report (`--format json`), schema version 1. Keys are sorted and every key is always
/// present (null when it does not apply), so scripts can rely on the shape; numbers are written
/// in the shortest form that reads back to the same double.
enum JSONReport {
    static let schemaVersion = 1
    /// Rejected rows listed per file; `rejected_rows` always has the full count.
    static let listedRejections = 100

    static func render(_ report: CheckReport) throws(InputError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do {
            return Array(try encoder.encode(Document(report))) + [0x0A]
        } catch {
            throw InputError("cannot encode the JSON report: \(error)")
        }
    }

    private struct Document: Encodable {
        let report: CheckReport

        init(_ report: CheckReport) {
            self.report = report
        }

        enum Keys: String, CodingKey {
            case schemaVersion = "schema_version"
            case reference, current, options
            case datasetDrift = "dataset_drift"
            case driftShare = "drift_share"
            case numberOfFeatures = "number_of_features"
            case numberOfTestedFeatures = "number_of_tested_features"
            case numberOfDriftedFeatures = "number_of_drifted_features"
            case currentOnlyFeatures = "current_only_features"
            case features
        }

        func encode(to encoder: any Encoder) throws {
            var object = encoder.container(keyedBy: Keys.self)
            try object.encode(JSONReport.schemaVersion, forKey: .schemaVersion)
            try object.encode(File(file: report.reference), forKey: .reference)
            try object.encode(File(file: report.current), forKey: .current)
            try object.encode(Options(options: report.options), forKey: .options)
            try object.encode(report.datasetDrift, forKey: .datasetDrift)
            try object.encode(report.driftShare, forKey: .driftShare)
            try object.encode(report.features.count, forKey: .numberOfFeatures)
            try object.encode(report.testedCount, forKey: .numberOfTestedFeatures)
            try object.encode(report.driftedCount, forKey: .numberOfDriftedFeatures)
            try object.encode(report.currentOnly, forKey: .currentOnlyFeatures)
            try object.encode(report.features.map(Feature.init), forKey: .features)
        }
    }

    private struct File: Encodable {
        let file: SampleFile

        enum Keys: String, CodingKey {
            case path, format, layout, rows
            case rejectedRows = "rejected_rows"
            case rejected
        }

        func encode(to encoder: any Encoder) throws {
            var object = encoder.container(keyedBy: Keys.self)
            try object.encode(file.path, forKey: .path)
            try object.encode(file.format.rawValue, forKey: .format)
            try object.encode(file.layout, forKey: .layout)
            try object.encode(file.rowCount, forKey: .rows)
            try object.encode(file.rejected.count, forKey: .rejectedRows)
            try object.encode(Array(file.rejected.prefix(JSONReport.listedRejections)), forKey: .rejected)
        }
    }

    private struct Options: Encodable {
        let options: CheckOptions

        enum Keys: String, CodingKey {
            case method, threshold, bins
            case driftShare = "drift_share"
        }

        func encode(to encoder: any Encoder) throws {
            var object = encoder.container(keyedBy: Keys.self)
            try object.encode(options.method?.rawValue ?? "auto", forKey: .method)
            try object.encode(options.threshold, forKey: .threshold)
            try object.encode(options.driftShare, forKey: .driftShare)
            try object.encode(options.bins, forKey: .bins)
        }
    }

    private struct Counts: Encodable {
        let counts: MissingCounts

        enum Keys: String, CodingKey {
            case rows, missing
            case missingRatio = "missing_ratio"
        }

        func encode(to encoder: any Encoder) throws {
            var object = encoder.container(keyedBy: Keys.self)
            try object.encode(counts.rows, forKey: .rows)
            try object.encode(counts.missing, forKey: .missing)
            try object.encode(counts.ratio, forKey: .missingRatio)
        }
    }

    private struct Feature: Encodable {
        let feature: FeatureCheck

        init(_ feature: FeatureCheck) {
            self.feature = feature
        }

        enum Keys: String, CodingKey {
            case name, type, tested, reason, method, automatic, statistic, threshold, drifted, reference, current
            case pValue = "p_value"
            case thresholdDirection = "threshold_direction"
        }

        func encode(to encoder: any Encoder) throws {
            var object = encoder.container(keyedBy: Keys.self)
            let verdict = feature.verdict
            try object.encode(feature.name, forKey: .name)
            try object.encode(feature.type, forKey: .type)
            try object.encode(verdict != nil, forKey: .tested)
            try object.encode(feature.untestedReason, forKey: .reason)
            try object.encode(verdict?.result.method.rawValue, forKey: .method)
            try object.encode(verdict?.automatic, forKey: .automatic)
            try object.encode(verdict?.result.statistic, forKey: .statistic)
            try object.encode(verdict?.result.pValue, forKey: .pValue)
            try object.encode(verdict?.threshold.value, forKey: .threshold)
            try object.encode(verdict.map { direction($0.threshold.direction) }, forKey: .thresholdDirection)
            try object.encode(feature.drifted, forKey: .drifted)
            try object.encode(Counts(counts: feature.reference), forKey: .reference)
            try object.encode(Counts(counts: feature.current), forKey: .current)
        }

        private func direction(_ direction: DriftThreshold.Direction) -> String {
            switch direction {
            case .pValueBelow: return "p_value_below"
            case .pValueAtOrBelow: return "p_value_at_or_below"
            case .statisticAtOrAbove: return "statistic_at_or_above"
            case .statisticAbove: return "statistic_above"
            }
        }
    }
}
