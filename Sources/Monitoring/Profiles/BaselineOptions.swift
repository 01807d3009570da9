/// How a baseline freezes its bins and how much it keeps; every window profiled against it
/// inherits these choices.
public struct BaselineOptions: Sendable, Equatable, Codable {
    /// Quantile bins per numeric feature (design.md: 10 by default).
    public var bins: Int
    /// Categories that keep a bin of their own (top-K); the rest share "other".
    public var maxCategories: Int
    /// How many reference category names are remembered to tell "unseen" from "other".
    public var knownCategoryLimit: Int
    /// Values kept by each reservoir, in the baseline and in every window (10 000 by default).
    /// Exact tests (KS, …) are exact while both samples fit; see `evaluate(window:against:options:)`.
    public var reservoirCapacity: Int
    /// Unseen category names tracked per window (`CategoryCountsSketch`).
    public var unseenCapacity: Int
    /// Seeds the baseline's reservoirs (mixed with each field's name), so a baseline rebuilt from
    /// the same events is identical.
    public var seed: UInt64

    public init(
        bins: Int = 10, maxCategories: Int = 100, knownCategoryLimit: Int = 10_000,
        reservoirCapacity: Int = 10_000, unseenCapacity: Int = 20, seed: UInt64 = 0
    ) {
        self.bins = bins
        self.maxCategories = maxCategories
        self.knownCategoryLimit = knownCategoryLimit
        self.reservoirCapacity = reservoirCapacity
        self.unseenCapacity = unseenCapacity
        self.seed = seed
    }

    /// Every count must be at least 1.
    public func validate() throws(BaselineProfileError) {
        for (name, value) in [
            ("bins", bins), ("maxCategories", maxCategories), ("knownCategoryLimit", knownCategoryLimit),
            ("reservoirCapacity", reservoirCapacity), ("unseenCapacity", unseenCapacity),
        ] where value < 1 {
            throw .invalidOption(name: name, reason: "must be at least 1, got \(value)")
        }
    }
}
