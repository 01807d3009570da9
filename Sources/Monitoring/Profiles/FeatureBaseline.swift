/// The frozen reference summary of one field: its bins and the reference counts in them, plus
/// the kind-specific sketches (`numeric` for numeric fields, `categorical` for categorical and
/// boolean ones; exactly one is set).
public struct FeatureBaseline: Sendable, Equatable, Codable {
    public let field: ProfileField
    /// The field's kind; a score or regression prediction is `.numeric`, a class or probabilities
    /// prediction `.categorical`.
    public let type: FeatureType
    /// Non-missing reference values (the reference count of Evidently's `auto` rule).
    public let valueCount: Int
    /// Missing reference values (null, absent, NaN).
    public let missingCount: Int
    /// Reference values per frozen bin.
    public let referenceCounts: [Int]
    public let numeric: NumericBaseline?
    public let categorical: CategoricalBaseline?

    public init(
        field: ProfileField, type: FeatureType, valueCount: Int, missingCount: Int, referenceCounts: [Int],
        numeric: NumericBaseline?, categorical: CategoricalBaseline?
    ) {
        self.field = field
        self.type = type
        self.valueCount = valueCount
        self.missingCount = missingCount
        self.referenceCounts = referenceCounts
        self.numeric = numeric
        self.categorical = categorical
    }
}
