/// The body as a whole cannot be split into events (the HTTP layer answers 400): a JSON array body
/// that is not one well-formed array. NDJSON bodies never fail as a whole; each bad line is
/// rejected on its own.
public struct BatchFramingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
