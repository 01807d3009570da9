/// Finds the token entry matching a presented bearer secret.
///
/// Every configured token is compared, each in time that depends only on the lengths involved,
/// never on where the first differing byte is, so response timing does not reveal how much of
/// a guess was right.
struct TokenAuthenticator: Sendable {
    let tokens: [AccessToken]

    /// The entry whose token equals `presented`, or nil.
    func authenticate(_ presented: String) -> AccessToken? {
        let candidate = Array(presented.utf8)
        var found: AccessToken?
        for entry in tokens where Self.constantTimeEqual(Array(entry.token.utf8), candidate) {
            found = entry
        }
        return found
    }

    /// Byte equality without an early exit: the loop runs over the longer input whatever the
    /// contents, and a length difference is folded into the same accumulator.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        var difference = UInt(bitPattern: lhs.count ^ rhs.count)
        let length = Swift.max(lhs.count, rhs.count)
        for index in 0..<length {
            let left = index < lhs.count ? lhs[index] : 0
            let right = index < rhs.count ? rhs[index] : 0
            difference |= UInt(left ^ right)
        }
        return difference == 0
    }
}
