import Monitoring

/// The small model the decoder tests share: one feature of each type.
func decoderTestSchema(
    prediction: PredictionSpec = PredictionSpec(type: .score), label: LabelSpec? = LabelSpec(type: .binary)
) throws -> ModelSchema {
    try ModelSchema(
        features: [
            FeatureSpec(name: "amount", type: .numeric), FeatureSpec(name: "country", type: .categorical),
            FeatureSpec(name: "is_new", type: .boolean),
        ],
        prediction: prediction, label: label)
}

/// An NDJSON body of the given lines.
func ndjsonBody(_ lines: [String]) -> [UInt8] { Array(lines.joined(separator: "\n").utf8) }
