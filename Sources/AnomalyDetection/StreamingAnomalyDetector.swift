/// A detector over one numeric series, fed a point at a time in time order: it judges each point
/// against what it learned from the points before, then learns from it. Memory is bounded by its
/// parameters, not by the length of the series, and its whole state is `Codable`, so it can be
/// saved and resumed where it stopped.
///
/// A non-finite value (NaN for a missing sample) is judged ``AnomalyVerdict/quiet`` and leaves
/// the state as it was.
public protocol StreamingAnomalyDetector: Sendable, Codable, Equatable {
    /// Judges `value`, observed at `time` (seconds since 1970), then learns from it.
    mutating func observe(_ value: Double, at time: Double) -> AnomalyVerdict
}
