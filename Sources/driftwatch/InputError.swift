/// An input or usage problem `driftwatch` reports as `driftwatch: <message>` with exit code 2.
/// The message starts with the file it concerns and, where known, the line and field.
struct InputError: Error, Sendable, Equatable {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
