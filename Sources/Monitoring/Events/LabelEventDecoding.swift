extension EventBatchDecoder {
    /// Validates one label event object: `id` (non-empty string), `label` shaped by the schema's
    /// label type (see `LabelEvent.label`), optional `timestamp`; other keys are refused.
    func decodeLabel(_ members: [JSONMember], reader: JSONReader) throws(EventFieldError) -> LabelEvent {
        guard let labelType = schema.label?.type else {
            throw EventFieldError("label: the model declares no label type")
        }
        var id: String?
        var label: LabelValue?
        var timestamp: Double?
        var hasTimestamp = false
        for member in members {
            switch member.key {
            case "id":
                if id != nil { throw EventFields.duplicate("id") }
                id = try EventFields.id(member.value)
            case "label":
                if label != nil { throw EventFields.duplicate("label") }
                label = try Self.labelValue(member.value, type: labelType, reader: reader)
            case "timestamp":
                if hasTimestamp { throw EventFields.duplicate("timestamp") }
                hasTimestamp = true
                timestamp = try EventFields.timestamp(member.value, reader: reader)
            default:
                throw EventFields.unknownKey(member.key)
            }
        }
        guard let id else { throw EventFieldError("id: required") }
        guard let label else { throw EventFieldError("label: required") }
        return LabelEvent(id: id, label: label, timestamp: timestamp)
    }

    private static func labelValue(_ value: JSONValue, type: LabelSpec.Kind, reader: JSONReader)
        throws(EventFieldError) -> LabelValue
    {
        switch (type, value) {
        case let (.binary, .bool(flag)):
            return .bool(flag)
        case let (.binary, .number(number)) where number.value == 0 || number.value == 1:
            return .bool(number.value == 1)
        case let (.binary, .number(number)):
            throw EventFieldError("label: expected true, false, 0 or 1, got \(reader.text(of: number))")
        case (.binary, _):
            throw .expected("label", "boolean or 0/1", got: value)
        case let (.class, .string(name)):
            return .string(name)
        case let (.class, .number(number)) where number.isInteger:
            return .string(reader.text(of: number))
        case (.class, _):
            throw .expected("label", "string or integer class id", got: value)
        case let (.numeric, .number(number)):
            return .number(try EventFields.finite(number, field: "label", reader: reader))
        case (.numeric, _):
            throw .expected("label", "number", got: value)
        }
    }
}
