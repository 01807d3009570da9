/// The models a detector file applies to: `model: fraud-detector`, or `models: ["fraud-*", …]`
/// with shell-style globs (`*` any run of characters, `?` one character, `[abc]` a class).
public struct ModelSelector: Sendable, Equatable, Codable {
    public let patterns: [String]

    public init(patterns: [String]) {
        self.patterns = patterns
    }

    public func matches(_ model: String) -> Bool {
        patterns.contains { Self.glob(Array($0.unicodeScalars)[...], Array(model.unicodeScalars)[...]) }
    }

    /// Whether a pattern names exactly one model (no glob characters).
    public static func isLiteral(_ pattern: String) -> Bool {
        !pattern.contains { "*?[".contains($0) }
    }

    private static func glob(_ pattern: ArraySlice<Unicode.Scalar>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        switch first {
        case "*":
            var rest = text
            while true {
                if glob(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case "?":
            return !text.isEmpty && glob(pattern.dropFirst(), text.dropFirst())
        case "[":
            guard let close = pattern.dropFirst().firstIndex(of: "]"), let character = text.first else {
                return text.first == "[" && glob(pattern.dropFirst(), text.dropFirst())
            }
            let members = pattern[(pattern.startIndex + 1)..<close]
            return members.contains(character) && glob(pattern[(close + 1)...], text.dropFirst())
        default:
            return text.first == first && glob(pattern.dropFirst(), text.dropFirst())
        }
    }
}
