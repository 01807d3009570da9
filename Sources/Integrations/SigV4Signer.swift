import Crypto
import Foundation

/// Signs HTTP requests with AWS Signature Version 4 (`AWS4-HMAC-SHA256`, signature in the
/// `Authorization` header), as the AWS documentation "Create a signed AWS API request" and
/// "Elements of an AWS API request signature" describe it, checked against AWS's SigV4 test suite.
///
/// It follows the convention for every service but S3: the URI path is normalised (dot segments
/// removed, empty segments collapsed) and each segment is percent-encoded once more, so a `%`
/// already on the wire is signed as `%25`. The payload hash goes into the canonical request only;
/// no `X-Amz-Content-SHA256` header is added, since only S3 asks for one.
public struct SigV4Signer: Sendable {
    /// The key pair a request is signed with; `sessionToken` is set for temporary credentials
    /// (from AWS STS or an assumed role), which AWS rejects unless the token travels with them.
    public struct Credentials: Sendable {
        public var accessKeyID: String
        public var secretAccessKey: String
        public var sessionToken: String?

        public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
            self.accessKeyID = accessKeyID
            self.secretAccessKey = secretAccessKey
            self.sessionToken = sessionToken
        }
    }

    /// A signed request and the stages that led to its signature, kept so a signature AWS rejects
    /// can be compared with the canonical request and string to sign that AWS's error reports.
    public struct SignedRequest: Sendable {
        /// The headers to send: the caller's, then `X-Amz-Date`, `X-Amz-Security-Token` (with a
        /// session token) and `Authorization`.
        public var headers: [(String, String)]
        public var canonicalRequest: String
        public var stringToSign: String
        /// The lower-case names of the signed headers, sorted and joined with `;`.
        public var signedHeaders: String
        /// The signature in lower-case hexadecimal.
        public var signature: String
        /// The `Authorization` header's value.
        public var authorization: String
    }

    public let credentials: Credentials
    public let region: String
    public let service: String

    public init(credentials: Credentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// Signs a request at `date`.
    ///
    /// - Parameters:
    ///   - method: The HTTP method, e.g. `POST`.
    ///   - path: The request target's path exactly as it goes on the request line (already
    ///     percent-encoded where the client encodes), e.g. `/`.
    ///   - query: The query string as sent, without the `?`; empty for none. Spaces must be
    ///     written `%20`: a `+` is a literal plus sign.
    ///   - headers: Every header to sign, including `Host` as the HTTP client will send it (with
    ///     `:port` when the port is not the scheme's default). The signer adds no `Host` because
    ///     the signature covers its exact value and only the caller knows what goes on the wire.
    ///     Repeated names are signed as one header with the values joined by `,` in the order
    ///     given. Any `X-Amz-Date`, `X-Amz-Security-Token` or `Authorization` given is replaced.
    ///   - body: The exact payload bytes.
    ///   - date: The signing time; AWS refuses a signature more than five minutes away from its own
    ///     clock.
    ///
    /// The session token, when there is one, is sent in `X-Amz-Security-Token` and signed, as the
    /// AWS SDKs do; the test suite's other convention, adding it after signing, is not offered.
    public func sign(
        method: String, path: String, query: String = "", headers: [(String, String)], body: [UInt8], date: Date
    ) -> SignedRequest {
        let (amzDate, day) = Self.timestamps(of: date)
        let signerOwned: Set<String> = ["x-amz-date", "x-amz-security-token", "authorization"]
        var sent = headers.filter { !signerOwned.contains($0.0.lowercased()) }
        sent.append(("X-Amz-Date", amzDate))
        if let token = credentials.sessionToken {
            sent.append(("X-Amz-Security-Token", token))
        }

        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(sent)
        let canonicalRequest = [
            method,
            Self.canonicalURI(path),
            Self.canonicalQuery(query),
            canonicalHeaders,
            signedHeaders,
            HexEncoding.lowercase(SHA256.hash(data: body)),
        ].joined(separator: "\n")

        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", amzDate, scope, HexEncoding.lowercase(SHA256.hash(data: Array(canonicalRequest.utf8))),
        ].joined(separator: "\n")

        var key = SymmetricKey(data: Array("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key))
        }
        let signature = HexEncoding.lowercase(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
        let authorization =
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
        sent.append(("Authorization", authorization))

        return SignedRequest(
            headers: sent, canonicalRequest: canonicalRequest, stringToSign: stringToSign,
            signedHeaders: signedHeaders, signature: signature, authorization: authorization)
    }

    /// `yyyyMMdd'T'HHmmss'Z'` and `yyyyMMdd` in UTC, computed from the Gregorian calendar rather
    /// than a formatter so no locale or time-zone setting of the host can change them.
    private static func timestamps(of date: Date) -> (amzDate: String, day: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func padded(_ value: Int?, _ width: Int) -> String { String(value ?? 0).leftPadded(to: width) }
        let day = padded(parts.year, 4) + padded(parts.month, 2) + padded(parts.day, 2)
        return (day + "T" + padded(parts.hour, 2) + padded(parts.minute, 2) + padded(parts.second, 2) + "Z", day)
    }

    /// The path with dot segments resolved as RFC 3986 section 5.2.4 does and empty segments
    /// dropped, each remaining segment percent-encoded; a trailing `/` survives because AWS signs
    /// `/a/` and `/a` differently.
    private static func canonicalURI(_ path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var kept: [Substring] = []
        for segment in segments {
            switch segment {
            case ".": continue
            case "..": _ = kept.popLast()
            default: kept.append(segment)
            }
        }
        guard !kept.isEmpty else { return "/" }
        let endsInDirectory = path.hasSuffix("/") || segments.last == "." || segments.last == ".."
        return "/" + kept.map { percentEncoded(Array($0.utf8)) }.joined(separator: "/") + (endsInDirectory ? "/" : "")
    }

    /// The parameters decoded and re-encoded, so `ሴ` and `%E1%88%B4` sign alike, then sorted by
    /// encoded name and value byte by byte; a parameter without `=` has an empty value.
    private static func canonicalQuery(_ query: String) -> String {
        let pairs = query.split(separator: "&").map { parameter -> (name: [UInt8], value: [UInt8]) in
            let parts = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Array(percentEncoded(percentDecoded(parts[0])).utf8)
            let value = parts.count > 1 ? Array(percentEncoded(percentDecoded(parts[1])).utf8) : []
            return (name, value)
        }
        let sorted = pairs.sorted { left, right in
            left.name == right.name
                ? left.value.lexicographicallyPrecedes(right.value) : left.name.lexicographicallyPrecedes(right.name)
        }
        return sorted.map { String(decoding: $0.name, as: UTF8.self) + "=" + String(decoding: $0.value, as: UTF8.self) }
            .joined(separator: "&")
    }

    /// `name:value` lines sorted by lower-case name, each value trimmed with inner runs of
    /// whitespace (a folded line's included) made one space, and the `;`-joined name list.
    private static func canonicalHeaders(_ headers: [(String, String)]) -> (lines: String, signed: String) {
        var values: [String: [String]] = [:]
        for (name, value) in headers {
            values[name.lowercased(), default: []].append(normalizedValue(value))
        }
        let sorted = values.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
        let lines = sorted.map { "\($0.key):\($0.value.joined(separator: ","))\n" }.joined()
        return (lines, sorted.map(\.key).joined(separator: ";"))
    }

    private static func normalizedValue(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }).joined(separator: " ")
    }

    private static func percentDecoded(_ text: Substring) -> [UInt8] {
        let bytes = Array(text.utf8)
        var decoded: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return decoded
    }

    /// RFC 3986 encoding with upper-case hex of every byte outside the unreserved set
    /// `A-Z a-z 0-9 - . _ ~`, as SigV4 requires for path segments, names and values.
    private static func percentEncoded(_ bytes: [UInt8]) -> String {
        var encoded = ""
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
