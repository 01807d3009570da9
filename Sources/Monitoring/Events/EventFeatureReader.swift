/// Reads one event's feature values by the positions of a fixed list of names (a schema's or a
/// profile's features): by position when the event holds exactly those names in that order (what
/// `EventBatchDecoder` produces), else through the event's dictionary view, built once per event.
/// See `PredictionEvent` for why the positional path exists.
struct EventFeatureReader {
    private let values: [FeatureValue]
    private let byName: [String: FeatureValue]?

    /// - Parameter inOrder: whether `event.featureNames` is the caller's name list, in order.
    init(_ event: PredictionEvent, inOrder: Bool) {
        values = event.featureValues
        byName = inOrder ? nil : event.features
    }

    /// The value of the feature at `position` of the caller's list, called `name`; `.missing`
    /// when the event does not have it.
    func value(at position: Int, named name: String) -> FeatureValue {
        guard let byName else { return values[position] }
        return byName[name] ?? .missing
    }
}
