/// Go's `net.SplitHostPort`, `net.JoinHostPort` and `net.ParseIP` (Go 1.19, which parses through
/// `net/netip`), behind Prometheus' `stripPort` and `stripDomain` template functions.
enum GoHostPort {
    /// `stripPort`: the host of `host:port` or `[host]:port`; the text itself when it is not
    /// of that form (`host`, `a:b:c`).
    static func stripPort(_ text: String) -> String {
        split(text)?.host ?? text
    }

    /// `stripDomain`: the first DNS label of the host, keeping the port
    /// (`foo.example.com:9090` → `foo:9090`); an IP address is returned unchanged.
    static func stripDomain(_ text: String) -> String {
        let parts = split(text)
        let host = parts?.host ?? text
        if isIPAddress(host) { return text }
        let label = String(host.split(separator: ".", omittingEmptySubsequences: false)[0])
        guard let port = parts?.port, !port.isEmpty else { return label }
        return label.contains(":") ? "[\(label)]:\(port)" : "\(label):\(port)"
    }

    /// `net.SplitHostPort`: the port follows the last colon; a host with colons must be in
    /// brackets, and brackets appear nowhere else.
    static func split(_ text: String) -> (host: String, port: String)? {
        let characters = Array(text.utf8)
        guard let lastColon = characters.lastIndex(of: UInt8(ascii: ":")) else { return nil }
        let host: ArraySlice<UInt8>
        var bracketSearchStart = 0
        var closingSearchStart = 0
        if characters[0] == UInt8(ascii: "[") {
            guard let close = characters.firstIndex(of: UInt8(ascii: "]")), close + 1 == lastColon else { return nil }
            host = characters[1..<close]
            bracketSearchStart = 1
            closingSearchStart = close + 1
        } else {
            host = characters[..<lastColon]
            if host.contains(UInt8(ascii: ":")) { return nil }
        }
        if characters[bracketSearchStart...].contains(UInt8(ascii: "[")) { return nil }
        if characters[closingSearchStart...].contains(UInt8(ascii: "]")) { return nil }
        return (String(decoding: host, as: UTF8.self), String(decoding: characters[(lastColon + 1)...], as: UTF8.self))
    }

    /// `net.ParseIP` succeeds: dotted IPv4 without leading zeros, or IPv6 with at most one `::`
    /// (standing for at least one zero group) and an optional dotted IPv4 tail; no zone.
    static func isIPAddress(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        for byte in bytes {
            if byte == UInt8(ascii: ".") { return isIPv4(bytes[...]) }
            if byte == UInt8(ascii: ":") { return isIPv6(bytes) }
            if byte == UInt8(ascii: "%") { return false }
        }
        return false
    }

    private static func isIPv4(_ bytes: ArraySlice<UInt8>) -> Bool {
        let fields = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard fields.count == 4 else { return false }
        return fields.allSatisfy { field in
            guard !field.isEmpty, field.count <= 3, field.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                return false
            }
            if field.count > 1 && field.first == UInt8(ascii: "0") { return false }
            return Int(String(decoding: field, as: UTF8.self))! <= 255
        }
    }

    private static func isIPv6(_ bytes: [UInt8]) -> Bool {
        if bytes.contains(UInt8(ascii: "%")) { return false }
        var index = 0
        var groups = 0
        var sawEllipsis = false
        if bytes.starts(with: [UInt8(ascii: ":"), UInt8(ascii: ":")]) {
            sawEllipsis = true
            index = 2
            if index == bytes.count { return true }
        }
        while index < bytes.count {
            var end = index
            while end < bytes.count, end - index < 5, isHexDigit(bytes[end]) { end += 1 }
            if end < bytes.count, bytes[end] == UInt8(ascii: ".") {
                guard groups <= 6, isIPv4(bytes[index...]) else { return false }
                groups += 2
                index = bytes.count
                break
            }
            guard end > index, end - index <= 4 else { return false }
            groups += 1
            index = end
            if index == bytes.count { break }
            guard bytes[index] == UInt8(ascii: ":"), groups < 8 else { return false }
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
                if sawEllipsis { return false }
                sawEllipsis = true
                index += 1
                if index == bytes.count { break }
            } else if index == bytes.count {
                return false
            }
        }
        return sawEllipsis ? groups < 8 : groups == 8
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f"))
    }
}
