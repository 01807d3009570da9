/// Tumbling row-count windows (`window: {rows: N}`): consecutive runs of `N` accepted events in
/// arrival order, numbered 0, 1, 2, … . There is no event time, so nothing is ever late.
///
/// A pure state machine like ``TumblingEventTimeWindows``: it only numbers windows and says when
/// one is full; the caller keeps the window contents. The state is `Codable` so a restart resumes
/// the partly filled window.
public struct RowCountWindows: Sendable, Equatable, Codable {
    /// Where one event went.
    public struct Assignment: Sendable, Equatable {
        /// The window the event belongs to.
        public var windowIndex: Int64
        /// The event's 1-based position in that window.
        public var position: Int
        /// Whether this event filled the window (`position == rowsPerWindow`): close it now.
        public var closesWindow: Bool

        public init(windowIndex: Int64, position: Int, closesWindow: Bool) {
            self.windowIndex = windowIndex
            self.position = position
            self.closesWindow = closesWindow
        }
    }

    /// A window closed by ``RowCountWindows/flush()`` before it was full.
    public struct PartialWindow: Sendable, Equatable {
        /// The window's number.
        public var windowIndex: Int64
        /// How many events it holds, `1 ..< rowsPerWindow`.
        public var rows: Int

        public init(windowIndex: Int64, rows: Int) {
            self.windowIndex = windowIndex
            self.rows = rows
        }
    }

    /// `N`, the number of events per window.
    public let rowsPerWindow: Int
    /// The window the next event goes to.
    public private(set) var currentIndex: Int64
    /// Events already in the current window, `0 ..< rowsPerWindow`.
    public private(set) var rowsInCurrent: Int

    /// - Throws: ``WindowingError/invalidRowCount(_:)`` when `rowsPerWindow < 1`.
    public init(rowsPerWindow: Int) throws(WindowingError) {
        guard rowsPerWindow >= 1 else { throw .invalidRowCount(rowsPerWindow) }
        self.rowsPerWindow = rowsPerWindow
        self.currentIndex = 0
        self.rowsInCurrent = 0
    }

    /// Places the next accepted event. O(1).
    public mutating func assign() -> Assignment {
        rowsInCurrent += 1
        let assignment = Assignment(
            windowIndex: currentIndex, position: rowsInCurrent, closesWindow: rowsInCurrent == rowsPerWindow)
        if assignment.closesWindow {
            currentIndex += 1
            rowsInCurrent = 0
        }
        return assignment
    }

    /// Closes the current window if it holds any event (end of a finite stream) and returns it;
    /// the next event starts the following window. An empty current window is not reported.
    public mutating func flush() -> PartialWindow? {
        guard rowsInCurrent > 0 else { return nil }
        let partial = PartialWindow(windowIndex: currentIndex, rows: rowsInCurrent)
        currentIndex += 1
        rowsInCurrent = 0
        return partial
    }

    private enum CodingKeys: String, CodingKey { case rowsPerWindow, currentIndex, rowsInCurrent }

    /// Restores a saved state, refusing `rowsPerWindow < 1`, a negative index, or a fill outside
    /// `0 ..< rowsPerWindow`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rows = try container.decode(Int.self, forKey: .rowsPerWindow)
        let index = try container.decode(Int64.self, forKey: .currentIndex)
        let filled = try container.decode(Int.self, forKey: .rowsInCurrent)
        guard rows >= 1 else {
            throw DecodingError.dataCorruptedError(forKey: .rowsPerWindow, in: container, debugDescription: "rowsPerWindow \(rows) < 1")
        }
        guard index >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: .currentIndex, in: container, debugDescription: "negative window index \(index)")
        }
        guard (0..<rows).contains(filled) else {
            throw DecodingError.dataCorruptedError(forKey: .rowsInCurrent, in: container, debugDescription: "rowsInCurrent \(filled) outside 0..<\(rows)")
        }
        self.rowsPerWindow = rows
        self.currentIndex = index
        self.rowsInCurrent = filled
    }
}
