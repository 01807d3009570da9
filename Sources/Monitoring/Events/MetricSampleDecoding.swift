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
                guard PrometheusName.isMetricName(text) else {
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
                        guard PrometheusName.isLabelName(pair.key) else {
                            throw EventFieldError("labels: '\(pair.key)' is not a valid Prometheus label name")
                        }
                        guard !PrometheusName.isReservedLabelName(pair.key) else {
                            throw EventFieldError("labels: '\(pair.key)' starts with '_', which Prometheus and OpenMetrics reserve")
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
}
