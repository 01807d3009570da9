extension EventBatchDecoder {
    /// Validates one prediction event object against the schema (rules on `EventBatchDecoder`,
    /// `PredictionEvent`, `FeatureValue` and `PredictionValue`). Unknown top-level keys and
    /// repeated keys are refused, so a mistyped `timestamp` never silently becomes receipt time.
    func decodePrediction(_ members: [JSONMember], reader: JSONReader, undeclared: inout [String])
        throws(EventFieldError) -> PredictionEvent
    {
        var id: String?
        var timestamp: Double?
        var hasTimestamp = false
        var version: String?
        var hasVersion = false
        var features: [FeatureValue]?
        var prediction: PredictionValue?
        var latency: Double?
        var hasLatency = false
        for member in members {
            switch member.key {
            case "id":
                if id != nil { throw EventFields.duplicate("id") }
                id = try EventFields.id(member.value)
            case "timestamp":
                if hasTimestamp { throw EventFields.duplicate("timestamp") }
                hasTimestamp = true
                timestamp = try EventFields.timestamp(member.value, reader: reader)
            case "version":
                if hasVersion { throw EventFields.duplicate("version") }
                hasVersion = true
                switch member.value {
                case .null: version = nil
                case let .string(text): version = text
                case let .number(number) where number.isInteger: version = reader.text(of: number)
                default: throw .expected("version", "string", got: member.value)
                }
            case "features":
                if features != nil { throw EventFields.duplicate("features") }
                guard case let .object(values) = member.value else {
                    throw .expected("features", "object", got: member.value)
                }
                features = try decodeFeatures(values, reader: reader, undeclared: &undeclared)
            case "prediction":
                if prediction != nil { throw EventFields.duplicate("prediction") }
                prediction = try decodePredictionValue(member.value, reader: reader)
            case "latency_ms":
                if hasLatency { throw EventFields.duplicate("latency_ms") }
                hasLatency = true
                switch member.value {
                case .null: latency = nil
                case let .number(number):
                    let value = try EventFields.finite(number, field: "latency_ms", reader: reader)
                    if value < 0 { throw EventFieldError("latency_ms: must not be negative") }
                    latency = value
                default: throw .expected("latency_ms", "number", got: member.value)
                }
            default:
                throw EventFields.unknownKey(member.key)
            }
        }
        guard let id else { throw EventFieldError("id: required") }
        guard let features else { throw EventFieldError("features: required") }
        guard let prediction else { throw EventFieldError("prediction: required") }
        return PredictionEvent(
            id: id, timestamp: timestamp, version: version, featureNames: declaredFeatures, featureValues: features,
            prediction: prediction, latencyMs: latency)
    }

    /// The event's values in schema order (absent ones `.missing`), written by position so that
    /// no dictionary is built per event (see `PredictionEvent`).
    private func decodeFeatures(_ members: [JSONMember], reader: JSONReader, undeclared: inout [String])
        throws(EventFieldError) -> [FeatureValue]
    {
        var features = [FeatureValue](repeating: .missing, count: declaredFeatures.count)
        var seen = SeenPositions(count: declaredFeatures.count)
        var nextIndex = 0
        for member in members {
            // Loggers usually send features in schema order: comparing with the expected name
            // first saves a hash lookup per feature on the ingest hot path.
            let position: Int
            if nextIndex < declaredFeatures.count, declaredFeatures[nextIndex] == member.key {
                position = nextIndex
                nextIndex += 1
            } else if let found = featurePositions[member.key] {
                position = found
            } else {
                if undeclared.contains(member.key) { throw EventFields.duplicate("feature '\(member.key)'") }
                undeclared.append(member.key)
                continue
            }
            if !seen.insert(position) { throw EventFields.duplicate("feature '\(member.key)'") }
            switch (declaredTypes[position], member.value) {
            case (_, .null):
                break
            case let (.numeric, .number(number)):
                guard number.value.isFinite else {
                    throw EventFieldError("feature '\(member.key)': number \(reader.text(of: number)) is out of range")
                }
                features[position] = .number(number.value)
            case (.numeric, _):
                throw .expected("feature '\(member.key)'", "number", got: member.value)
            case let (.categorical, .string(text)):
                features[position] = .string(text)
            case let (.categorical, .number(number)):
                features[position] = .string(reader.text(of: number))
            case (.categorical, _):
                throw .expected("feature '\(member.key)'", "string", got: member.value)
            case let (.boolean, .bool(flag)):
                features[position] = .bool(flag)
            case (.boolean, _):
                throw .expected("feature '\(member.key)'", "boolean", got: member.value)
            }
        }
        return features
    }

    private func decodePredictionValue(_ value: JSONValue, reader: JSONReader) throws(EventFieldError) -> PredictionValue {
        switch schema.prediction.type {
        case .score, .regression:
            guard case let .number(number) = value else { throw .expected("prediction", "number", got: value) }
            return .number(try EventFields.finite(number, field: "prediction", reader: reader))
        case .class:
            guard case let .string(name) = value else { throw .expected("prediction", "string", got: value) }
            guard classes.contains(name) else {
                throw EventFieldError("prediction: class '\(name)' is not among the model's classes")
            }
            return .label(name)
        case .probabilities:
            guard case let .object(members) = value else { throw .expected("prediction", "object", got: value) }
            return try Self.probabilities(members, classes: classes, reader: reader)
        }
    }

    /// A `probabilities` prediction from a JSON object of class → probability: every class among
    /// the model's `classes`, each value a finite number in [0, 1], no class twice, the values
    /// summing to 1 within `probabilitySumTolerance` (classes left out count as 0).
    static func probabilities(
        _ members: [JSONMember], classes: Set<String>, reader: JSONReader
    ) throws(EventFieldError) -> PredictionValue {
        var probabilities = [String: Double](minimumCapacity: members.count)
        var sum = 0.0
        for member in members {
            guard classes.contains(member.key) else {
                throw EventFieldError("prediction: class '\(member.key)' is not among the model's classes")
            }
            let field = "prediction['\(member.key)']"
            guard case let .number(number) = member.value else { throw .expected(field, "number", got: member.value) }
            let probability = try EventFields.finite(number, field: field, reader: reader)
            guard probability >= 0, probability <= 1 else {
                throw EventFieldError("\(field): probability \(reader.text(of: number)) is outside [0, 1]")
            }
            if probabilities.updateValue(probability, forKey: member.key) != nil { throw EventFields.duplicate(field) }
            sum += probability
        }
        guard abs(sum - 1) <= probabilitySumTolerance else {
            throw EventFieldError("prediction: probabilities sum to \(sum), expected 1 (within 1e-6)")
        }
        return .probabilities(probabilities)
    }
}
