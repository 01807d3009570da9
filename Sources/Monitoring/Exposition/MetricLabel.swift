/// One label of a series: a name and a value.
///
/// Equality and hashing compare the UTF-8 bytes, as Prometheus does. Swift's `String ==` treats
/// canonically equivalent strings as equal (`"é"` precomposed equals `"e\u{301}"`), which would merge
/// two series Prometheus keeps apart.
public struct MetricLabel: Sendable, Hashable, CustomStringConvertible {
    /// `[a-zA-Z_][a-zA-Z0-9_]*` and not starting with `_` (checked when the series joins a family).
    public var name: String
    /// Any UTF-8 text; the writers escape `\`, `"` and line feeds.
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    public static func == (lhs: MetricLabel, rhs: MetricLabel) -> Bool {
        lhs.name.utf8.elementsEqual(rhs.name.utf8) && lhs.value.utf8.elementsEqual(rhs.value.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        for byte in name.utf8 { hasher.combine(byte) }
        hasher.combine(0xFF as UInt8)
        for byte in value.utf8 { hasher.combine(byte) }
    }

    public var description: String { "\(name)=\(value)" }
}
