/// One NAB data file: its rows in order and its labelled anomaly windows as row ranges. NAB's
/// scorer ignores time and works on row order, so the windows are kept as rows.
public struct NABSeries: Sendable {
    /// `<folder>/<file>.csv`, as the label file names it.
    public var name: String
    /// Each row's timestamp as written (`YYYY-MM-DD HH:MM:SS`).
    public var timestamps: [String]
    /// Each row's timestamp in seconds since 1970, reading the text as UTC.
    public var times: [Double]
    public var values: [Double]
    /// Rows of each window, both ends included, in order.
    public var windows: [ClosedRange<Int>]

    public init(name: String, timestamps: [String], times: [Double], values: [Double], windows: [ClosedRange<Int>]) {
        self.name = name
        self.timestamps = timestamps
        self.times = times
        self.values = values
        self.windows = windows
    }

    /// Rows at the start that count for nothing while a detector learns: 15 % of the file, at
    /// most 750 (NAB's probationary period).
    public var probation: Int {
        min(values.count * 15 / 100, 750)
    }
}
