import DriftStatistics
import LinearAlgebra

/// A uniform sample of whole rows over a model's numeric features, for the multivariate drift
/// detectors (MMD, PCA reconstruction, Hotelling T²), which compare rows, not columns: the
/// per-feature reservoirs sample each feature independently and lose the joint distribution.
///
/// **Rows.** Every event is offered (Vitter's Algorithm R through `ReservoirSample`), with its
/// numeric features in schema order; a missing, non-numeric or non-finite value is stored as +∞
/// (never a kept value, and unlike NaN equal to itself, so samples compare and round-trip
/// exactly), so a detector on a subset of the features still uses the rows complete in that
/// subset (``matrix(columns:)``). A row is built only when the reservoir keeps it, so a long window costs
/// one random draw per event once the reservoir is full.
///
/// **Merging** follows `ReservoirSample.merge`: the union's sample stays uniform.
public struct JointNumericSample: Sendable, Equatable, Codable {
    /// Rows kept by baselines and windows: enough for MMD's permutation test and Hotelling's
    /// covariance on tens of features, while the O(n²) MMD kernel of 2 × 1000 rows stays a
    /// fraction of a second when a window closes.
    public static let defaultCapacity = 1000

    /// The numeric features, in schema order: the columns of every row.
    public let names: [String]
    /// The position of each of ``names`` among the schema's features.
    let positions: [Int]
    public private(set) var rows: ReservoirSample<[Double]>

    /// An empty sample over `features`' numeric ones; nil when there are none.
    init?(schema features: [FeatureSpec], capacity: Int, seed: UInt64) {
        let numeric = features.enumerated().filter { $0.element.type == .numeric }
        guard !numeric.isEmpty, let rows = try? ReservoirSample<[Double]>(capacity: max(1, capacity), seed: seed) else {
            return nil
        }
        names = numeric.map(\.element.name)
        positions = numeric.map(\.offset)
        self.rows = rows
    }

    /// An empty sample with the layout of `other` and its own seed (a window on a baseline).
    init(layoutOf other: JointNumericSample, seed: UInt64) {
        names = other.names
        positions = other.positions
        // The capacity is the other's, which is at least 1.
        rows = try! ReservoirSample<[Double]>(capacity: other.rows.capacity, seed: seed)
    }

    /// Events offered so far (or in the merged streams).
    public var seenCount: Int { rows.seenCount }

    /// Offers one event's numeric values.
    mutating func add(_ event: EventFeatureReader) {
        rows.add {
            zip(names, positions).map { name, position in
                if case .number(let value) = event.value(at: position, named: name), value.isFinite { return value }
                return .infinity
            }
        }
    }

    /// Replaces this sample by a uniform sample of the union with `other`; false (nothing
    /// changed) when the columns differ.
    mutating func merge(_ other: JointNumericSample) -> Bool {
        guard names == other.names else { return false }
        rows.merge(other.rows)
        return true
    }

    /// The kept rows in which every one of `columns` has a value, restricted to `columns` in the
    /// given order; nil when a name is not one of ``names``.
    public func matrix(columns: [String]) -> Matrix<Double>? {
        var indices: [Int] = []
        for column in columns {
            guard let index = names.firstIndex(of: column) else { return nil }
            indices.append(index)
        }
        let complete = rows.items.filter { row in indices.allSatisfy { row[$0].isFinite } }
        var columnMajor = [Double](repeating: 0, count: complete.count * indices.count)
        for (rowIndex, row) in complete.enumerated() {
            for (columnIndex, index) in indices.enumerated() {
                columnMajor[columnIndex * complete.count + rowIndex] = row[index]
            }
        }
        // The sizes agree by construction.
        return try! Matrix(rows: complete.count, columns: indices.count, columnMajor: columnMajor)
    }
}
