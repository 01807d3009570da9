import Crypto
import Foundation

/// The signature driftwatch sends with a webhook body so the receiver can check that the body
/// came from whoever holds the shared secret, unchanged: `X-Driftwatch-Signature: sha256=<hex>`,
/// the HMAC-SHA256 (RFC 2104, FIPS 180-4) of the exact body bytes under the secret, in lower-case
/// hexadecimal — the scheme GitHub's webhooks use, so receivers written for those work.
public enum WebhookSignature {
    public static let header = "X-Driftwatch-Signature"

    /// The header's value for `body` under `secret`.
    public static func value(body: [UInt8], secret: [UInt8]) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: secret))
        return "sha256=" + HexEncoding.lowercase(code)
    }

    /// Whether `value` is the signature of `body` under `secret`, compared in constant time.
    public static func isValid(_ value: String, body: [UInt8], secret: [UInt8]) -> Bool {
        guard value.hasPrefix("sha256="), let expected = hexBytes(value.dropFirst(7)) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(expected, authenticating: body, using: SymmetricKey(data: secret))
    }

    private static func hexBytes(_ text: Substring) -> [UInt8]? {
        guard text.count == 64 else { return nil }
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
