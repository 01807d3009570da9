extension EventBatchDecoder {
    /// Reads one prediction event object straight from the bytes, without the `JSONValue` tree
    /// of the general path: keys are compared as bytes (the feature names with the schema's, in
    /// its order first), so no `String` is built per key and no member array per object.
    ///
    /// The ingest hot path: at batch 1000 with 25 features, building and walking the tree was
    /// about a quarter of the release server's CPU per event. This path handles only lines that
    /// are valid and plain (keys of printable ASCII without escapes, every feature declared) and
    /// returns nil for anything else, so that the caller starts the line over on the general path,
    /// which finds and words every error (a syntax error later on the line takes precedence over a
    /// field error, as there). For every line it accepts, it returns the event the general path
    /// returns; `PredictionEventDirectDecodingTests` checks that on many generated lines.
    func decodePredictionDirectly(_ reader: inout JSONReader) -> PredictionEvent? {
        guard reader.consume(UInt8(ascii: "{")) else { return nil }
        var fields = PredictionEventFields()
        var noUndeclared: [String] = []
        if reader.consume(UInt8(ascii: "}")) { return nil }
        while true {
            reader.skipWhitespace()
            guard let keyRange = reader.parsePlainString(),
                let key = PredictionEventKey(UnsafeBufferPointer(rebasing: reader.bytes[keyRange])),
                (try? fields.claim(key)) != nil,
                reader.consume(UInt8(ascii: ":"))
            else { return nil }
            if key == .features {
                guard let values = decodeFeaturesDirectly(&reader) else { return nil }
                fields.setFeatures(values)
            } else {
                guard let value = try? reader.parseValue(),
                    (try? fields.set(key, value, decoder: self, reader: reader, undeclared: &noUndeclared)) != nil
                else { return nil }
            }
            if reader.consume(UInt8(ascii: ",")) { continue }
            if reader.consume(UInt8(ascii: "}")) { break }
            return nil
        }
        return try? fields.event(featureNames: declaredFeatures)
    }

    /// The features object at the reader, in schema order; nil where `decodePredictionDirectly`
    /// gives up (an undeclared or repeated feature, a value of the wrong type, any syntax error).
    private func decodeFeaturesDirectly(_ reader: inout JSONReader) -> [FeatureValue]? {
        guard reader.consume(UInt8(ascii: "{")) else { return nil }
        let count = declaredFeatures.count
        var features = [FeatureValue](repeating: .missing, count: count)
        if reader.consume(UInt8(ascii: "}")) { return features }
        var seen = SeenPositions(count: count)
        var nextIndex = 0
        while true {
            reader.skipWhitespace()
            guard let keyRange = reader.parsePlainString() else { return nil }
            let key = UnsafeBufferPointer(rebasing: reader.bytes[keyRange])
            let position: Int
            if nextIndex < count, declaredNameUTF8[nextIndex].withUnsafeBufferPointer({ $0.hasSameBytes(as: key) }) {
                position = nextIndex
                nextIndex += 1
            } else if let found = featurePositions[String(decoding: key, as: UTF8.self)] {
                position = found
            } else {
                return nil
            }
            guard seen.insert(position), reader.consume(UInt8(ascii: ":")),
                let value = try? reader.parseValue(),
                let feature = try? Self.featureValue(
                    value, of: declaredTypes[position], named: declaredFeatures[position], reader: reader)
            else { return nil }
            features[position] = feature
            if reader.consume(UInt8(ascii: ",")) { continue }
            if reader.consume(UInt8(ascii: "}")) { return features }
            return nil
        }
    }
}
