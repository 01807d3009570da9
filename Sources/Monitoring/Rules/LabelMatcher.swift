/// One label matcher of a selector: `name="value"`, `!=`, `=~` or `!~`. A series without the label
/// is matched as if its value were empty, as in Prometheus (so `{team=""}` selects series without
/// `team`).
public struct LabelMatcher: Sendable, Equatable {
    public enum Operation: String, Sendable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case matchesRegex = "=~"
        case doesNotMatchRegex = "!~"
    }

    public let name: String
    public let operation: Operation
    /// The text compared with, or the regular expression's source.
    public let value: String
    private let pattern: AnchoredPattern?

    /// - Throws: the regular expression's compile error, for `=~` and `!~`.
    public init(name: String, _ operation: Operation, _ value: String) throws(AnchoredPattern.Invalid) {
        self.name = name
        self.operation = operation
        self.value = value
        switch operation {
        case .equal, .notEqual: pattern = nil
        case .matchesRegex, .doesNotMatchRegex: pattern = try AnchoredPattern(value)
        }
    }

    /// `name="value"`, which cannot fail.
    public init(name: String, equals value: String) {
        self.name = name
        operation = .equal
        self.value = value
        pattern = nil
    }

    /// Whether a label value (empty for an absent label) satisfies the matcher. Values compare by
    /// their bytes, as in Prometheus.
    public func matches(_ labelValue: String) -> Bool {
        switch operation {
        case .equal: labelValue.utf8.elementsEqual(value.utf8)
        case .notEqual: !labelValue.utf8.elementsEqual(value.utf8)
        case .matchesRegex: pattern?.matchesWhole(labelValue) ?? false
        case .doesNotMatchRegex: !(pattern?.matchesWhole(labelValue) ?? false)
        }
    }

    /// Whether the matcher selects series that lack the label, i.e. matches the empty value.
    var matchesEmpty: Bool { matches("") }

    public static func == (lhs: LabelMatcher, rhs: LabelMatcher) -> Bool {
        lhs.name == rhs.name && lhs.operation == rhs.operation && lhs.value == rhs.value
    }
}
