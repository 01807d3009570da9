/// Where and why a JSON text failed to parse. `offset` is a 0-based byte offset into the buffer
/// being read; the batch decoder turns it into a column of the line.
struct JSONSyntaxError: Error, Sendable, Equatable {
    var offset: Int
    var message: String
}
