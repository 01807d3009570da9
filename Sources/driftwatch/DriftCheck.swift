import DriftStatistics
import Foundation
import Monitoring

/// Compares every reference feature with the same feature of the current file.
enum DriftCheck {
    static func run(reference: SampleFile, current: SampleFile, options: CheckOptions) -> CheckReport {
        let currentTypes = Dictionary(current.features.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        let referenceNames = Set(reference.features.map(\.name))
        let checks = reference.features.map { spec in
            check(spec, currentType: currentTypes[spec.name], reference: reference, current: current, options: options)
        }
        return CheckReport(
            reference: reference, current: current, options: options, features: checks,
            currentOnly: current.features.map(\.name).filter { !referenceNames.contains($0) })
    }

    private static func check(
        _ spec: FeatureSpec, currentType: FeatureType?, reference: SampleFile, current: SampleFile, options: CheckOptions
    ) -> FeatureCheck {
        let (referenceValues, referenceCounts) = values(reference.values[spec.name] ?? [], type: spec.type)
        var check = FeatureCheck(
            name: spec.name, type: spec.type.rawValue, reference: referenceCounts,
            current: MissingCounts(rows: current.rowCount, missing: current.rowCount))
        guard let currentType else {
            check.untestedReason = "no such feature in the current file"
            return check
        }
        let (currentValues, currentCounts) = values(current.values[spec.name] ?? [], type: currentType)
        check.current = currentCounts
        if referenceCounts.present == 0 {
            check.untestedReason = "no values in the reference file (all \(referenceCounts.rows) missing)"
            return check
        }
        guard currentType == spec.type else {
            check.untestedReason = "\(spec.type.rawValue) in the reference file but \(currentType.rawValue) in the current file"
            return check
        }
        if currentCounts.present == 0 {
            check.untestedReason = "no values in the current file (all \(currentCounts.rows) missing)"
            return check
        }
        check.histogram = histogram(referenceValues, currentValues, bins: options.bins)
        do {
            var verdict = try univariateDrift(
                reference: referenceValues, current: currentValues, method: options.method, bins: options.bins)
            if let value = options.threshold {
                verdict.threshold = DriftThreshold(value: value, direction: verdict.threshold.direction)
                verdict.drifted = verdict.threshold.isDrift(verdict.result)
            }
            check.verdict = verdict
        } catch {
            check.untestedReason = error.description
        }
        return check
    }

    /// The non-missing values as `DriftStatistics` takes them (booleans as the categories
    /// `true`/`false`), and the missing count.
    static func values(_ column: [FeatureValue], type: FeatureType) -> (FeatureValues, MissingCounts) {
        var missing = 0
        switch type {
        case .numeric:
            var numbers: [Double] = []
            numbers.reserveCapacity(column.count)
            for value in column {
                if case let .number(number) = value { numbers.append(number) } else { missing += 1 }
            }
            return (.numeric(numbers), MissingCounts(rows: column.count, missing: missing))
        case .categorical, .boolean:
            var names: [String] = []
            names.reserveCapacity(column.count)
            for value in column {
                switch value {
                case let .string(text): names.append(text)
                case let .bool(flag): names.append(flag ? "true" : "false")
                case .number, .missing: missing += 1
                }
            }
            return (.categorical(names), MissingCounts(rows: column.count, missing: missing))
        }
    }

    /// The categories a histogram shows at most, beyond which the rest are pooled as "other".
    static let histogramCategories = 12

    /// Counts over the bins frozen on the reference: quantile bins for numbers, top categories
    /// plus "other" and "unseen" for categories (those two only when they hold something).
    static func histogram(_ reference: FeatureValues, _ current: FeatureValues, bins: Int) -> Histogram? {
        switch (reference, current) {
        case let (.numeric(r), .numeric(c)):
            guard let (binning, referenceCounts) = try? NumericBinning.fitted(to: r, bins: bins) else { return nil }
            let edges = binning.edges.map(shortNumber)
            let labels: [String]
            if edges.isEmpty {
                labels = ["all"]
            } else {
                labels = ["< \(edges[0])"] + (1..<edges.count).map { "[\(edges[$0 - 1]), \(edges[$0]))" } + ["≥ \(edges[edges.count - 1])"]
            }
            return Histogram(labels: labels, reference: referenceCounts, current: binning.counts(of: c))
        case let (.categorical(r), .categorical(c)):
            guard let binning = try? CategoricalBinning(reference: r, maxCategories: histogramCategories) else { return nil }
            var histogram = Histogram(
                labels: binning.categories + ["(other)", "(unseen)"], reference: binning.counts(of: r),
                current: binning.counts(of: c))
            for bin in [binning.unseenBin, binning.otherBin]
            where histogram.reference[bin] == 0 && histogram.current[bin] == 0 {
                histogram.labels.remove(at: bin)
                histogram.reference.remove(at: bin)
                histogram.current.remove(at: bin)
            }
            return histogram
        default:
            return nil
        }
    }

    /// A number in at most 4 significant digits, for labels and tables.
    static func shortNumber(_ value: Double) -> String {
        String(format: "%.4g", value)
    }
}
