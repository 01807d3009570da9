import Foundation
import Monitoring

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The progress display of `driftwatch ingest` on standard error.
///
/// On a terminal: one bar redrawn in place (`\r`, at most 10 times a second). Otherwise (a log
/// file, CI): a plain line at most once a second and never a carriage return, so logs stay
/// readable.
struct IngestProgress {
    let interactive: Bool
    let fileSize: Int64
    let started: ContinuousClock.Instant
    private var lastDrawn: ContinuousClock.Instant?
    private var drewBar = false

    init(fileSize: Int64, interactive: Bool = isatty(2) != 0, started: ContinuousClock.Instant = .now) {
        self.fileSize = fileSize
        self.interactive = interactive
        self.started = started
    }

    /// Redraws when the last drawing is old enough.
    mutating func update(bytesRead: Int64, tally: IngestTally, now: ContinuousClock.Instant = .now) {
        let interval: Duration = interactive ? .milliseconds(100) : .seconds(1)
        if let lastDrawn, now - lastDrawn < interval { return }
        lastDrawn = now
        let line = Self.describe(bytesRead: bytesRead, fileSize: fileSize, tally: tally, elapsed: now - started)
        if interactive {
            standardError("\r\(Self.bar(bytesRead: bytesRead, fileSize: fileSize)) \(line)\u{1B}[K")
            drewBar = true
        } else {
            standardError("driftwatch: ingest: \(line)\n")
        }
    }

    /// Ends the bar's line so later output starts on a fresh one.
    mutating func finish() {
        if drewBar { standardError("\n") }
        drewBar = false
    }

    static func describe(bytesRead: Int64, fileSize: Int64, tally: IngestTally, elapsed: Duration) -> String {
        let percent = fileSize > 0 ? Int(Double(bytesRead) / Double(fileSize) * 100) : 100
        return "\(percent)% (\(megabytes(bytesRead)) of \(megabytes(fileSize)) MB), \(eventsPerSecond(tally.sent, elapsed)) events/s, "
            + "accepted \(tally.accepted), duplicates \(tally.duplicates), rejected \(tally.rejectedCount)"
    }

    static func bar(bytesRead: Int64, fileSize: Int64, width: Int = 24) -> String {
        let filled = fileSize > 0 ? min(width, Int(Double(bytesRead) / Double(fileSize) * Double(width))) : width
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
    }

    static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f", Double(bytes) / 1_000_000)
    }

    static func eventsPerSecond(_ events: Int, _ elapsed: Duration) -> Int {
        let seconds = elapsed.fractionalSeconds
        return seconds > 0 ? Int((Double(events) / seconds).rounded()) : 0
    }
}
