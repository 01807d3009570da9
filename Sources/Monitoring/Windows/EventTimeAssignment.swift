/// What ``TumblingEventTimeWindows/assign(eventTime:)`` decided for one event.
public struct EventTimeAssignment: Sendable, Equatable {
    /// Where the event goes.
    public enum Placement: Sendable, Equatable {
        /// The event's window is open: add the event to that window's state.
        case open(EventTimeWindow)
        /// The event's window has already closed (the watermark passed its end, or it was
        /// flushed). The event is not dropped silently: the caller counts it in
        /// `driftwatch_late_events_total` and decides what else to do with it.
        case late(EventTimeWindow)

        /// The window the event's time falls in, open or not.
        public var window: EventTimeWindow {
            switch self {
            case let .open(window), let .late(window): window
            }
        }

        /// Whether the event arrived after its window closed.
        public var isLate: Bool {
            if case .late = self { return true }
            return false
        }
    }

    /// Where the event goes.
    public var placement: Placement
    /// Windows this event's time made the watermark pass, in increasing order: the caller closes
    /// (evaluates and persists) them now. Usually empty; never contains the event's own window.
    public var closedWindows: [EventTimeWindow]

    public init(placement: Placement, closedWindows: [EventTimeWindow] = []) {
        self.placement = placement
        self.closedWindows = closedWindows
    }
}
