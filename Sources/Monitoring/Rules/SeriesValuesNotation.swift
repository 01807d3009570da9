/// The expanding notation of `promtool test rules` input series, which `driftwatch rules test`
/// reads too: space-separated items, each one step of the test's interval apart.
///
/// - `1.5` one sample; `_` no sample at that step; `stale` a staleness marker (the series ends
///   there, whatever its lookback);
/// - `a+bxn` and `a-bxn`: n + 1 samples a, a ± b, …, a ± n·b;
/// - `axn`: n + 1 samples of a; `_xn`: n steps without samples.
///
/// Numbers are Go's float syntax as PromQL reads it (`1e3`, `Inf`, `-Inf`, `NaN`).
public enum SeriesValuesNotation {
    public enum Point: Sendable, Equatable {
        case sample(Double)
        case missing
        case stale
    }

    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public let item: String
        public let reason: String
        public var description: String { "'\(item)': \(reason)" }
    }

    public static func parse(_ text: String) throws(Invalid) -> [Point] {
        var points: [Point] = []
        for item in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init) {
            if item == "_" {
                points.append(.missing)
            } else if item == "stale" {
                points.append(.stale)
            } else if let xIndex = item.lastIndex(of: "x") {
                let head = String(item[..<xIndex])
                guard let count = Int(item[item.index(after: xIndex)...]), count >= 0 else {
                    throw Invalid(item: item, reason: "expected a whole number of repetitions after 'x'")
                }
                if head == "_" {
                    points += Array(repeating: .missing, count: count)
                    continue
                }
                let (start, step) = try startAndStep(head, item: item)
                for index in 0...count { points.append(.sample(start + Double(index) * step)) }
            } else {
                guard let value = number(item) else { throw Invalid(item: item, reason: "expected a number, '_', 'stale' or a+bxn") }
                points.append(.sample(value))
            }
        }
        return points
    }

    /// `a`, `a+b` or `a-b` (a sign at the start belongs to `a`).
    private static func startAndStep(_ head: String, item: String) throws(Invalid) -> (Double, Double) {
        let scalars = Array(head.unicodeScalars)
        for index in scalars.indices.dropFirst().reversed() where scalars[index] == "+" || scalars[index] == "-" {
            // A sign after an exponent's 'e' is part of the number.
            if scalars[index - 1] == "e" || scalars[index - 1] == "E" { continue }
            let start = String(String.UnicodeScalarView(scalars[..<index]))
            let step = String(String.UnicodeScalarView(scalars[(index + 1)...]))
            guard let a = number(start), let b = number(step) else {
                throw Invalid(item: item, reason: "expected a+bxn or a-bxn with numbers a and b")
            }
            return (a, scalars[index] == "-" ? -b : b)
        }
        guard let value = number(head) else { throw Invalid(item: item, reason: "expected a number before 'x'") }
        return (value, 0)
    }

    private static func number(_ text: String) -> Double? {
        switch text.lowercased() {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        case "nan": return .nan
        default: return Double(text)
        }
    }
}
