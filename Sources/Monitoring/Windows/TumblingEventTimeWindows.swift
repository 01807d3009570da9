/// Tumbling event-time windows with an allowed lateness, as a pure state machine: it decides
/// which window each event belongs to, whether that window is still open, and which windows the
/// advancing watermark closes. It holds no clock — every time is passed in — and no window
/// contents; the caller keeps one profile per open window keyed by ``EventTimeWindow/index``.
///
/// ## Conventions
/// - **Windows**: fixed length `L` seconds, aligned to the Unix epoch; window `k` is the
///   half-open interval `[k·L, (k+1)·L)` (see ``EventTimeWindow``). An event exactly on a
///   boundary belongs to the later window.
/// - **Watermark** = the largest event time seen − `allowedLateness`, never moving backwards:
///   the bounded-out-of-orderness watermark of Apache Flink (`BoundedOutOfOrdernessWatermarks`,
///   `WatermarkStrategy.forBoundedOutOfOrderness`), updated with each event rather than
///   periodically. Its effect equals Apache Beam's allowed
///   lateness over a watermark that tracks the newest event time (Akidau et al., "The Dataflow
///   Model", VLDB 2015): a window's data is final once events `allowedLateness` newer than its end
///   have arrived.
/// - **Closing**: a window closes as soon as `end ≤ watermark`, i.e. once no event still within
///   the allowed lateness can belong to it. This is the moment Flink fires an event-time window:
///   Flink's watermark is 1 ms lower (max − bound − 1 ms) and it fires when the watermark reaches
///   the window's last millisecond (end − 1 ms); the two offsets cancel. Windows close in
///   increasing order, each exactly once.
/// - **Late events**: an event whose window has closed is reported as ``EventTimeAssignment/Placement/late(_:)``,
///   never dropped silently. Lateness is judged at window granularity, like Flink: an event older
///   than the watermark is still accepted while its window is open. With `allowedLateness` 0 an
///   out-of-order event is accepted only inside the newest window's span.
/// - **Several open windows**: an out-of-order event within the lateness lands in its own window,
///   which may be opened after a later window already was.
/// - **Empty windows** are never materialised nor reported: a window exists once an event is
///   accepted into it. A jump of a year forward costs O(open windows), not O(elapsed windows);
///   the gap shows as missing windows, not as zero-row ones.
/// - **Clock going backwards** (event or receipt times that decrease) is ordinary out-of-order
///   data: the watermark stays where it is; the events are accepted or late by the rules above.
/// - **Receipt time**: an event without a timestamp is placed by the receipt time the caller
///   passes (``assign(eventTime:receiptTime:)``).
/// - **Restart**: the state is `Codable`. Encode it at shutdown (or with each committed batch) and
///   decode it on start to resume the same open windows; decoding validates the invariants.
///   ``flush()`` is for the end of a finite stream (a replay, a one-shot check), not for restarts.
///
/// A far-future timestamp moves the watermark as any other event does and makes later,
/// correctly-timed events late; bounding event time against the receipt time is the ingest
/// layer's policy, which has a clock.
///
/// Cost: O(1) per event while it falls in an already-open window (a cached last window, then one
/// hash lookup); opening a window is O(1) amortized; closing is O(min(windows passed, k log k))
/// for `k` open windows.
public struct TumblingEventTimeWindows: Sendable {
    /// Window length `L` in seconds.
    public let windowLength: Double
    /// How far (in seconds) an event may trail the newest event time and still be counted.
    public let allowedLateness: Double
    /// The largest event time seen (accepted, late, or passed to ``advance(to:)``); `nil` before any.
    public private(set) var maxEventTime: Double?
    /// Every window with `index ≤ closedThrough` is closed: it was reported closed, or it was
    /// never opened and now can no longer be. `nil` while no window has closed.
    public private(set) var closedThrough: Int64?

    private var openIndices: Set<Int64>
    /// The window of the previous accepted event, known to be open: most events land in the same
    /// window as the one before, which then costs no hashing.
    private var recentOpenIndex: Int64?

    /// Window indices are kept within ±2⁵⁰ so that consecutive window bounds stay distinct doubles.
    static let indexLimit: Double = 0x1p50

    /// Creates windows of `windowLength` seconds with the given allowed lateness (default 0).
    ///
    /// - Throws: ``WindowingError/invalidWindowLength(_:)`` unless `windowLength` is finite and
    ///   positive; ``WindowingError/invalidAllowedLateness(_:)`` unless `allowedLateness` is finite
    ///   and non-negative.
    public init(windowLength: Double, allowedLateness: Double = 0) throws(WindowingError) {
        guard windowLength.isFinite, windowLength > 0 else { throw .invalidWindowLength(windowLength) }
        guard allowedLateness.isFinite, allowedLateness >= 0 else {
            throw .invalidAllowedLateness(allowedLateness)
        }
        self.windowLength = windowLength
        self.allowedLateness = allowedLateness
        self.maxEventTime = nil
        self.closedThrough = nil
        self.openIndices = []
        self.recentOpenIndex = nil
    }

    /// The current watermark, `maxEventTime − allowedLateness`; `nil` before any event.
    public var watermark: Double? { maxEventTime.map { $0 - allowedLateness } }

    /// The open windows, in increasing order.
    public var openWindows: [EventTimeWindow] {
        openIndices.sorted().map { EventTimeWindow(index: $0, length: windowLength) }
    }

    /// The window `eventTime` falls in (`start ≤ eventTime < end`), open or not.
    ///
    /// - Throws: ``WindowingError/nonFiniteEventTime(_:)`` for NaN or ±∞;
    ///   ``WindowingError/eventTimeOutOfRange(_:)`` when `|eventTime / windowLength| > 2⁵⁰`.
    public func window(containing eventTime: Double) throws(WindowingError) -> EventTimeWindow {
        EventTimeWindow(index: try index(of: eventTime), length: windowLength)
    }

    /// Window number `index` of this length, e.g. to rebuild a stored window's bounds.
    public func window(at index: Int64) -> EventTimeWindow {
        EventTimeWindow(index: index, length: windowLength)
    }

    /// Places an event without a timestamp by the time the caller received it.
    public mutating func assign(eventTime: Double?, receiptTime: Double) throws(WindowingError) -> EventTimeAssignment {
        try assign(eventTime: eventTime ?? receiptTime)
    }

    /// Places one event: in its window if that window is open (opening it if needed), or reports it
    /// late. Then moves the watermark with the event's time and returns the windows that closed.
    ///
    /// - Throws: ``WindowingError/nonFiniteEventTime(_:)``, ``WindowingError/eventTimeOutOfRange(_:)``;
    ///   the state is unchanged when it throws.
    public mutating func assign(eventTime: Double) throws(WindowingError) -> EventTimeAssignment {
        let k = try index(of: eventTime)
        let window = EventTimeWindow(index: k, length: windowLength)
        let placement: EventTimeAssignment.Placement
        if let closedThrough, k <= closedThrough {
            placement = .late(window)
        } else {
            if k != recentOpenIndex {
                openIndices.insert(k)
                recentOpenIndex = k
            }
            placement = .open(window)
        }
        // The event's own time cannot close its own window: watermark ≤ eventTime < window.end.
        return EventTimeAssignment(placement: placement, closedWindows: raiseMaxEventTime(to: eventTime))
    }

    /// Moves the watermark as if an event at `eventTime` had been seen, without placing one — for
    /// example to let windows of an idle stream close. A time not above ``maxEventTime`` changes
    /// nothing. Returns the windows that closed, in increasing order.
    ///
    /// - Throws: as ``assign(eventTime:)``; the state is unchanged when it throws.
    public mutating func advance(to eventTime: Double) throws(WindowingError) -> [EventTimeWindow] {
        _ = try index(of: eventTime)
        return raiseMaxEventTime(to: eventTime)
    }

    /// Closes every open window regardless of the watermark (end of a finite stream) and returns
    /// them in increasing order. Afterwards events for those windows, or any earlier one, are late;
    /// events for later windows open new windows as usual. The watermark does not move.
    public mutating func flush() -> [EventTimeWindow] {
        let closing = openIndices.sorted()
        if let last = closing.last { closedThrough = max(closedThrough ?? last, last) }
        openIndices.removeAll()
        recentOpenIndex = nil
        return closing.map { EventTimeWindow(index: $0, length: windowLength) }
    }

    private mutating func raiseMaxEventTime(to eventTime: Double) -> [EventTimeWindow] {
        if let maxEventTime, eventTime <= maxEventTime { return [] }
        maxEventTime = eventTime
        // Windows below the watermark's own window end at or before the watermark.
        let newClosedThrough = watermarkIndex(eventTime - allowedLateness) - 1
        if let closedThrough, newClosedThrough <= closedThrough { return [] }
        let previous = closedThrough
        closedThrough = newClosedThrough
        return close(through: newClosedThrough, after: previous)
    }

    /// Removes and returns the open windows with index ≤ `last`; all open windows are > `previous`.
    private mutating func close(through last: Int64, after previous: Int64?) -> [EventTimeWindow] {
        if openIndices.isEmpty { return [] }
        var closing: [Int64] = []
        if let previous, last - previous <= Int64(openIndices.count) {
            var k = previous + 1
            while k <= last {
                if openIndices.remove(k) != nil { closing.append(k) }
                k += 1
            }
        } else {
            closing = openIndices.filter { $0 <= last }.sorted()
            for k in closing { openIndices.remove(k) }
        }
        if let recentOpenIndex, recentOpenIndex <= last { self.recentOpenIndex = nil }
        return closing.map { EventTimeWindow(index: $0, length: windowLength) }
    }

    /// The index `k` with `Double(k)·L ≤ time < Double(k+1)·L`, for a time in range.
    private func index(of time: Double) throws(WindowingError) -> Int64 {
        guard time.isFinite else { throw .nonFiniteEventTime(time) }
        let quotient = time / windowLength
        guard abs(quotient) <= Self.indexLimit else { throw .eventTimeOutOfRange(time) }
        return Self.floorIndex(time, quotient: quotient, length: windowLength)
    }

    /// The watermark's window index; a watermark far below the representable range (a huge
    /// lateness) maps to just below it, where no window can be.
    private func watermarkIndex(_ watermark: Double) -> Int64 {
        let quotient = watermark / windowLength
        if quotient < -Self.indexLimit { return -Int64(Self.indexLimit) - 1 }
        return Self.floorIndex(watermark, quotient: quotient, length: windowLength)
    }

    /// `floor(time / L)` corrected against the rounded bounds `k·L`, so that the index agrees with
    /// ``EventTimeWindow/contains(_:)`` when the division rounded across a boundary.
    private static func floorIndex(_ time: Double, quotient: Double, length: Double) -> Int64 {
        var k = quotient.rounded(.down)
        while k * length > time { k -= 1 }
        while (k + 1) * length <= time { k += 1 }
        return Int64(k)
    }
}

extension TumblingEventTimeWindows: Equatable {
    /// Equal when they will behave identically from now on; the last-window cache is not state.
    public static func == (lhs: TumblingEventTimeWindows, rhs: TumblingEventTimeWindows) -> Bool {
        lhs.windowLength == rhs.windowLength && lhs.allowedLateness == rhs.allowedLateness
            && lhs.maxEventTime == rhs.maxEventTime && lhs.closedThrough == rhs.closedThrough
            && lhs.openIndices == rhs.openIndices
    }
}

extension TumblingEventTimeWindows: Codable {
    private enum CodingKeys: String, CodingKey {
        case windowLength, allowedLateness, maxEventTime, watermark, closedThrough, openWindows
    }

    /// Restores a saved state, refusing one that breaks an invariant: a bad length or lateness,
    /// a non-finite or out-of-range `maxEventTime`, open windows without any event seen, open
    /// windows at or below `closedThrough`, after `maxEventTime`'s window, or already passed by
    /// the watermark. The derived `watermark` key is written for readers and ignored here.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let length = try container.decode(Double.self, forKey: .windowLength)
        let lateness = try container.decode(Double.self, forKey: .allowedLateness)
        do {
            self = try TumblingEventTimeWindows(windowLength: length, allowedLateness: lateness)
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .windowLength, in: container, debugDescription: "invalid window configuration: \(error)")
        }
        let maxEventTime = try container.decodeIfPresent(Double.self, forKey: .maxEventTime)
        let closedThrough = try container.decodeIfPresent(Int64.self, forKey: .closedThrough)
        let open = try container.decode([Int64].self, forKey: .openWindows)
        func corrupted(_ key: CodingKeys, _ why: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: why)
        }
        if let maxEventTime {
            let maxIndex: Int64
            do { maxIndex = try index(of: maxEventTime) } catch {
                throw corrupted(.maxEventTime, "maxEventTime \(maxEventTime): \(error)")
            }
            let passed = watermarkIndex(maxEventTime - lateness) - 1
            guard let closedThrough, closedThrough >= passed else {
                throw corrupted(.closedThrough, "windows through \(passed) are behind the watermark but not closed")
            }
            guard open.allSatisfy({ $0 <= maxIndex }) else {
                throw corrupted(.openWindows, "an open window lies after the newest event's window \(maxIndex)")
            }
        } else if !open.isEmpty {
            throw corrupted(.openWindows, "open windows but no event seen")
        }
        if let closedThrough, let lowest = open.min(), lowest <= closedThrough {
            throw corrupted(.openWindows, "open window \(lowest) is at or below closedThrough \(closedThrough)")
        }
        let openSet = Set(open)
        guard openSet.count == open.count else { throw corrupted(.openWindows, "duplicate open windows") }
        self.maxEventTime = maxEventTime
        self.closedThrough = closedThrough
        self.openIndices = openSet
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(windowLength, forKey: .windowLength)
        try container.encode(allowedLateness, forKey: .allowedLateness)
        try container.encodeIfPresent(maxEventTime, forKey: .maxEventTime)
        try container.encodeIfPresent(watermark, forKey: .watermark)
        try container.encodeIfPresent(closedThrough, forKey: .closedThrough)
        try container.encode(openIndices.sorted(), forKey: .openWindows)
    }
}
