extension EventBatchDecoder {
    /// Validates one prediction event object against the schema (rules on `EventBatchDecoder`,
    /// `PredictionEvent`, `FeatureValue` and `PredictionValue`). Unknown top-level keys and
    /// repeated keys are refused, so a mistyped `timestamp` never silently becomes receipt time.
    func decodePrediction(_ members: [JSONMember], reader: JSONReader, undeclared: inout [String])
        throws(EventFieldError) -> PredictionEvent
    {
        var fields = PredictionEventFields()
        for member in members {
            guard let key = PredictionEventKey(member.key) else { throw EventFields.unknownKey(member.key) }
            try fields.claim(key)
            try fields.set(key, member.value, decoder: self, reader: reader, undeclared: &undeclared)
        }
        return try fields.event(featureNames: declaredFeatures)
    }

    /// The event's values in schema order (absent ones `.missing`), written by position so that
    /// no dictionary is built per event (see `PredictionEvent`).
    func decodeFeatures(_ members: [JSONMember], reader: JSONReader, undeclared: inout [String])
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
            features[position] = try Self.featureValue(
                member.value, of: declaredTypes[position], named: member.key, reader: reader)
        }
        return features
    }

    /// The value of a declared feature of type `type` (`.missing` for null), checked against it.
    static func featureValue(_ value: JSONValue, of type: FeatureType, named name: String, reader: JSONReader)
        throws(EventFieldError) -> FeatureValue
    {
        switch (type, value) {
        case (_, .null):
            return .missing
        case let (.numeric, .number(number)):
            guard number.value.isFinite else {
                throw EventFieldError("feature '\(name)': number \(reader.text(of: number)) is out of range")
            }
            return .number(number.value)
        case (.numeric, _):
            throw .expected("feature '\(name)'", "number", got: value)
        case let (.categorical, .string(text)):
            return .string(text)
        case let (.categorical, .number(number)):
            return .string(reader.text(of: number))
        case (.categorical, _):
            throw .expected("feature '\(name)'", "string", got: value)
        case let (.boolean, .bool(flag)):
            return .bool(flag)
        case (.boolean, _):
            throw .expected("feature '\(name)'", "boolean", got: value)
        }
    }

    func decodePredictionValue(_ value: JSONValue, reader: JSONReader) throws(EventFieldError) -> PredictionValue {
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
