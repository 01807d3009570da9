import Foundation
import Testing

/// The JSON report of `driftwatch check --format json`, as a script would read it.
struct CheckReportDocument: Decodable {
    struct File: Decodable {
        struct Rejection: Decodable, Equatable {
            var line: Int
            var error: String
        }

        var path: String
        var format: String
        var layout: String?
        var rows: Int
        var rejected_rows: Int
        var rejected: [Rejection]
    }

    struct Counts: Decodable {
        var rows: Int
        var missing: Int
        var missing_ratio: Double
    }

    struct Feature: Decodable {
        var name: String
        var type: String
        var tested: Bool
        var reason: String?
        var method: String?
        var automatic: Bool?
        var statistic: Double?
        var p_value: Double?
        var threshold: Double?
        var threshold_direction: String?
        var drifted: Bool
        var reference: Counts
        var current: Counts
    }

    struct Options: Decodable {
        var method: String
        var threshold: Double?
        var drift_share: Double
        var bins: Int
    }

    var schema_version: Int
    var reference: File
    var current: File
    var options: Options
    var dataset_drift: Bool
    var drift_share: Double
    var number_of_features: Int
    var number_of_tested_features: Int
    var number_of_drifted_features: Int
    var current_only_features: [String]
    var features: [Feature]

    init(_ text: String) throws {
        self = try JSONDecoder().decode(CheckReportDocument.self, from: Data(text.utf8))
    }

    func feature(_ name: String) throws -> Feature {
        try #require(features.first { $0.name == name })
    }
}
