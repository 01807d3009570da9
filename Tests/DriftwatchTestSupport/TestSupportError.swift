/// A failure of the test support itself (no binary, a server that never listened); Swift Testing
/// records a thrown error with this description.
public struct TestSupportError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
