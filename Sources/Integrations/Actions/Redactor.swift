import Foundation

/// Blanks secrets out of text before it is logged or stored: every occurrence of a secret, and of
/// its Base64 and percent-encoded forms (as they appear in Basic auth headers and URLs), becomes
/// `[redacted]`. Headers that carry credentials are blanked whatever their value.
public struct Redactor: Sendable {
    public static let mark = "[redacted]"
    /// Header names whose values are credentials.
    public static let sensitiveHeaders: Set<String> = [
        "authorization", "proxy-authorization", "x-amz-security-token", "cookie", "private-token", "x-api-key",
    ]

    private let forms: [String]

    public init(secrets: Set<String>) {
        var forms: Set<String> = []
        for secret in secrets where secret.count >= 4 {
            forms.insert(secret)
            forms.insert(Data(secret.utf8).base64EncodedString())
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) { forms.insert(encoded) }
        }
        // Longer forms first, so a secret inside another is not half-replaced.
        self.forms = forms.sorted { $0.count > $1.count }
    }

    public func redact(_ text: String) -> String {
        var text = text
        for form in forms where text.contains(form) { text = text.replacingOccurrences(of: form, with: Self.mark) }
        return text
    }

    /// The request as the audit log keeps it: method, URL, headers (credentials blanked) and the
    /// body up to 2 KiB, with secrets redacted.
    public func summary(of request: HTTPExchange.Request) -> String {
        var lines = ["\(request.method) \(request.url)"]
        for (name, value) in request.headers {
            lines.append("\(name): \(Self.sensitiveHeaders.contains(name.lowercased()) ? Self.mark : value)")
        }
        if !request.body.isEmpty { lines.append(""); lines.append(Self.excerpt(request.body)) }
        return redact(lines.joined(separator: "\n"))
    }

    /// The response as the audit log keeps it: status and the body up to 2 KiB, secrets redacted.
    public func summary(of response: HTTPExchange.Response) -> String {
        redact("HTTP \(response.status)" + (response.body.isEmpty ? "" : "\n" + Self.excerpt(response.body)))
    }

    static func excerpt(_ bytes: [UInt8], limit: Int = 2048) -> String {
        let text = String(decoding: bytes.prefix(limit), as: UTF8.self)
        return bytes.count > limit ? text + "… (\(bytes.count) bytes)" : text
    }
}
