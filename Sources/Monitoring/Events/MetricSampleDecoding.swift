extension EventBatchDecoder {
    /// Validates one metric sample object (rules on `MetricSample`); other keys are refused.
    static func decodeMetricSample(_ members: [JSONMember], reader: JSONReader) throws(EventFieldError) -> MetricSample {
        var name: String?
        var labels: [String: String]?
        var timestamp: Double?
        var hasTimestamp = false
        var value: Double?
        for member in members {
            switch member.key {
            case "name":
                if name != nil { throw EventFields.duplicate("name") }
                guard case let .string(text) = member.value else { throw .expected("name", "string", got: member.value) }
                guard isMetricName(text) else {
                    throw EventFieldError("name: '\(text)' is not a valid Prometheus metric name")
                }
                name = text
            case "labels":
                if labels != nil { throw EventFields.duplicate("labels") }
                switch member.value {
                case .null:
                    labels = [:]
                case let .object(pairs):
                    var collected: [String: String] = [:]
                    for pair in pairs {
                        guard isLabelName(pair.key) else {
                            throw EventFieldError("labels: '\(pair.key)' is not a valid Prometheus label name")
                        }
                        guard case let .string(text) = pair.value else {
                            throw .expected("labels.\(pair.key)", "string", got: pair.value)
                        }
                        if collected.updateValue(text, forKey: pair.key) != nil {
                            throw EventFields.duplicate("labels.\(pair.key)")
                        }
                    }
                    labels = collected
                default:
                    throw .expected("labels", "object", got: member.value)
                }
            case "timestamp":
                if hasTimestamp { throw EventFields.duplicate("timestamp") }
                hasTimestamp = true
                timestamp = try EventFields.timestamp(member.value, reader: reader)
            case "value":
                if value != nil { throw EventFields.duplicate("value") }
                guard case let .number(number) = member.value else { throw .expected("value", "number", got: member.value) }
                value = try EventFields.finite(number, field: "value", reader: reader)
            default:
                throw EventFields.unknownKey(member.key)
            }
        }
        guard let name else { throw EventFieldError("name: required") }
        guard let value else { throw EventFieldError("value: required") }
        return MetricSample(name: name, labels: labels ?? [:], timestamp: timestamp, value: value)
    }

    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`
    static func isMetricName(_ text: String) -> Bool {
        var first = true
        for byte in text.utf8 {
            let letter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let digit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            guard letter || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || (digit && !first) else { return false }
            first = false
        }
        return !first
    }

    /// `[a-zA-Z_][a-zA-Z0-9_]*`, not starting with the reserved `__`.
    static func isLabelName(_ text: String) -> Bool {
        if text.hasPrefix("__") { return false }
        var first = true
        for byte in text.utf8 {
            let letter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let digit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            guard letter || byte == UInt8(ascii: "_") || (digit && !first) else { return false }
            first = false
        }
        return !first
    }
}
