import Synchronization

/// A regular expression of a label matcher, anchored at both ends as Prometheus anchors its RE2
/// matchers (`^(?:pattern)$`): `=~"fraud-.*"` matches `fraud-eu`, not `my-fraud-eu`.
///
/// Swift's `Regex` stands in for RE2. The two agree on the syntax rule authors use (classes,
/// alternation, repetition, groups, `(?i)`); RE2 refuses back-references and look-arounds, which
/// Swift accepts, so a pattern valid here may not be valid for Prometheus — never the reverse for
/// that common syntax.
public struct AnchoredPattern: Sendable {
    /// Why a pattern did not compile.
    public struct Invalid: Error, Sendable, Equatable {
        public let pattern: String
        public let reason: String
    }

    public let source: String
    private let compiled: Compiled

    public init(_ source: String) throws(Invalid) {
        self.source = source
        do {
            compiled = Compiled(try Regex("(?:" + source + ")"))
        } catch {
            throw Invalid(pattern: source, reason: "\(error)")
        }
    }

    public func matchesWhole(_ text: String) -> Bool {
        compiled.regex.withLock { (try? $0.wholeMatch(in: text)) != nil }
    }

    /// A `Regex` with capture groups is not `Sendable` (its output holds `Any`), so the one
    /// compiled regex is shared behind a mutex; a rule evaluation matches a handful of labels.
    private final class Compiled: Sendable {
        let regex: Mutex<Regex<AnyRegexOutput>>

        init(_ regex: sending Regex<AnyRegexOutput>) {
            self.regex = Mutex(regex)
        }
    }
}
