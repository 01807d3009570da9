/// A stored prediction joined with its label by id: what a window's performance is computed from.
public struct LabeledPrediction: Sendable, Equatable {
    /// The prediction's model version; nil when the event had none.
    public var version: String?
    public var prediction: PredictionValue
    public var label: LabelValue
    /// The prediction's event time (its timestamp, else its receipt time).
    public var predictionTime: Double
    /// The label's time: its timestamp, else the time the server received it.
    public var labelTime: Double

    public init(version: String?, prediction: PredictionValue, label: LabelValue, predictionTime: Double, labelTime: Double) {
        self.version = version
        self.prediction = prediction
        self.label = label
        self.predictionTime = predictionTime
        self.labelTime = labelTime
    }
}
