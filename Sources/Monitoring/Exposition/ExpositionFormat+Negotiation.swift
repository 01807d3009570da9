extension ExpositionFormat {
    /// The format to serve for an HTTP `Accept` header.
    ///
    /// Each media range gets its q-value (default 1; a malformed q drops the range). OpenMetrics is
    /// chosen when an `application/openmetrics-text` range with `version=1.0.0` or no version has
    /// q > 0 and no 0.0.4-compatible range (`text/plain` with `version=0.0.4` or no version,
    /// `text/*`, `*/*`) has a higher q; equal q-values go to the range listed first, as in the Go
    /// client. Wildcards never select OpenMetrics: it is served only when asked for by name. Every
    /// other case — no header, nothing acceptable, only other versions — gets 0.0.4, the last resort
    /// Prometheus' content negotiation prescribes.
    ///
    /// Prometheus 2's default header (`application/openmetrics-text;version=1.0.0,…;q=0.75,
    /// text/plain;version=0.0.4;q=0.5,*/*;q=0.1`) and Prometheus 3's (OpenMetrics 1.0.0 at q=0.5 over
    /// text 0.0.4 at q=0.2) both get OpenMetrics.
    public static func negotiated(accept: String?) -> ExpositionFormat {
        guard let accept else { return .prometheusText }
        var best: (format: ExpositionFormat, quality: Double)?
        for range in mediaRanges(accept) {
            guard let format = range.format, range.quality > 0 else { continue }
            if let current = best, range.quality <= current.quality { continue }
            best = (format, range.quality)
        }
        return best?.format ?? .prometheusText
    }

    private struct MediaRange {
        var format: ExpositionFormat?
        var quality: Double
    }

    private static func mediaRanges(_ header: String) -> [MediaRange] {
        splitOutsideQuotes(header, separator: ",").compactMap { element in
            let parts = splitOutsideQuotes(element, separator: ";")
            let type = parts[0].trimmed.lowercased()
            guard !type.isEmpty else { return nil }
            var quality = 1.0
            var version: String?
            for parameter in parts.dropFirst() {
                guard let equals = parameter.firstIndex(of: "=") else { continue }
                let name = parameter[..<equals].trimmed.lowercased()
                var value = parameter[parameter.index(after: equals)...].trimmed
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
                switch name {
                case "q":
                    guard let q = qValue(value) else { return nil }
                    quality = q
                case "version":
                    version = value
                default:
                    break
                }
            }
            switch type {
            case "application/openmetrics-text":
                return MediaRange(format: version == nil || version == "1.0.0" ? .openMetrics : nil, quality: quality)
            case "text/plain":
                return MediaRange(format: version == nil || version == "0.0.4" ? .prometheusText : nil, quality: quality)
            case "text/*", "*/*":
                return MediaRange(format: .prometheusText, quality: quality)
            default:
                return MediaRange(format: nil, quality: quality)
            }
        }
    }

    /// RFC 9110 `qvalue`: `0` to `1` with at most three decimals.
    private static func qValue(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, first == UInt8(ascii: "0") || first == UInt8(ascii: "1") else { return nil }
        if bytes.count > 1 {
            guard bytes[1] == UInt8(ascii: "."), bytes.count <= 5,
                bytes[2...].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            else { return nil }
        }
        guard let value = Double(text), value <= 1 else { return nil }
        return value
    }

    private static func splitOutsideQuotes(_ text: some StringProtocol, separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in text {
            if escaped {
                escaped = false
            } else if quoted && character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == separator && !quoted {
                parts.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        parts.append(current)
        return parts
    }
}

extension StringProtocol {
    fileprivate var trimmed: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
