/// A model's output in a prediction event, shaped by the schema's prediction type.
public enum PredictionValue: Sendable, Equatable {
    /// A `score` or `regression` output: any finite number.
    case number(Double)
    /// A `class` output: one of the schema's classes.
    case label(String)
    /// A `probabilities` output: class → probability in [0, 1], summing to 1 within 1e-6; classes
    /// the event leaves out have probability 0.
    case probabilities([String: Double])
}
