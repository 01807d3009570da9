/// One tumbling event-time window: the half-open interval `[start, end)` of event-time seconds
/// since the Unix epoch, numbered by `index` so that window `k` covers `[k·L, (k+1)·L)` for the
/// window length `L` (windows are aligned to the epoch, as Flink's and Beam's tumbling windows
/// are with a zero offset).
///
/// `start` and `end` are the rounded products `Double(index) * L` and `Double(index + 1) * L`.
/// Membership is decided against exactly these two doubles, so every finite time in range falls
/// in exactly one window and adjacent windows share their boundary value (`end` of `k` is
/// `start` of `k + 1`) even when `L` is not representable in binary (e.g. 0.1 s).
///
/// Encodable (for API answers) but not decodable: a window is rebuilt from its index with
/// ``TumblingEventTimeWindows/window(at:)``, so its bounds always agree with the window length.
public struct EventTimeWindow: Sendable, Hashable, Comparable, Encodable, CustomStringConvertible {
    /// The window's number: `floor(start / L)`, negative before the epoch.
    public let index: Int64
    /// Inclusive lower bound, in event-time seconds.
    public let start: Double
    /// Exclusive upper bound, in event-time seconds.
    public let end: Double

    init(index: Int64, length: Double) {
        self.index = index
        self.start = Double(index) * length
        self.end = Double(index + 1) * length
    }

    /// Whether `time` lies in `[start, end)`.
    public func contains(_ time: Double) -> Bool { start <= time && time < end }

    /// Windows order by their position on the time axis.
    public static func < (lhs: EventTimeWindow, rhs: EventTimeWindow) -> Bool { lhs.index < rhs.index }

    public var description: String { "window \(index) [\(start), \(end))" }
}
