import Foundation

/// What `driftwatch demo` does over HTTP once its server listens: register the model, upload the
/// baseline, replay the stream with a progress line on standard error (pushing each hour's
/// latency samples after its events), then print the URLs, what changed and which hours' latency
/// was anomalous on standard output.
final class DemoScenario {
    let client: DemoHTTPClient
    let stream: DemoStream
    let batchSize: Int
    /// The hours whose latency samples were pushed, and of those the anomalous ones.
    private var latencyHours = 0
    private var anomalousHours: [Int] = []

    init(client: DemoHTTPClient, stream: DemoStream, batchSize: Int) {
        self.client = client
        self.stream = stream
        self.batchSize = batchSize
    }

    private var modelPath: String { "/v1/models/\(DemoStream.model)" }

    func run(referenceEvents: Int) async throws {
        try await client.send("PUT", modelPath, contentType: "application/json", body: DemoStream.schemaJSON)
        standardError("driftwatch: registered model \(DemoStream.model) (\(DemoStream.featureCount) features)\n")
        let baseline = try await client.json(
            "PUT", modelPath + "/baselines/reference", contentType: "application/x-ndjson",
            body: stream.referenceLines(count: referenceEvents).joined(separator: "\n"))
        standardError("driftwatch: uploaded baseline 'reference' (\(baseline["rows"] as? Int ?? 0) events)\n")
        let (events, seconds, closed) = try await replay()
        print("Replayed \(stream.hours) hours: \(events) events in \(seconds.formatted(digits: 1)) s "
            + "(\(Int(Double(events) / max(seconds, 1e-9))) events/s), \(closed) windows closed.")
        print("")
        print("URLs:")
        for path in ["/metrics", modelPath + "/drift", modelPath + "/windows"] { print("  \(client.base)\(path)") }
        try await printLatestDrift()
        try await printWindows()
        printLatency()
    }

    /// Sends every hour's events in batches, each followed by its labels; returns the events sent, the seconds taken and the
    /// windows closed.
    private func replay() async throws -> (events: Int, seconds: Double, closed: Int) {
        let lines = (0..<stream.hours).flatMap(stream.hourLines)
        let batches = (lines.count + batchSize - 1) / batchSize
        let began = Date()
        var closed = 0
        for batch in 0..<batches {
            let slice = lines[(batch * batchSize)..<min(lines.count, (batch + 1) * batchSize)]
            try await post("predictions", slice.map(\.event))
            try await post("labels", slice.map(\.label))
            closed = try await closedWindows().count
            try await pushLatency(through: min(lines.count, (batch + 1) * batchSize) / stream.eventsPerHour)
            let elapsed = Date().timeIntervalSince(began)
            let sent = min(lines.count, (batch + 1) * batchSize)
            standardError("\rreplay: batch \(batch + 1)/\(batches), \(sent) events, "
                + "\(Int(Double(sent) / max(elapsed, 1e-9))) events/s, \(closed) windows closed")
        }
        standardError("\n")
        return (lines.count, Date().timeIntervalSince(began), closed)
    }

    private func post(_ kind: String, _ lines: [String]) async throws {
        let answer = try await client.json(
            "POST", modelPath + "/" + kind, contentType: "application/x-ndjson", body: lines.joined(separator: "\n"))
        if let rejected = answer["rejected"] as? [Any], !rejected.isEmpty {
            throw InputError("the server rejected \(rejected.count) demo \(kind): \(rejected.prefix(3))")
        }
    }

    /// Pushes the latency of every hour before `hours` not pushed yet and notes, after each, whether
    /// the detector flagged a sample of it (its verdict is held for 59 minutes).
    private func pushLatency(through hours: Int) async throws {
        while latencyHours < hours {
            let answer = try await client.json(
                "POST", "/v1/metrics", contentType: "application/x-ndjson", body: stream.latencyLines(latencyHours).joined(separator: "\n"))
            if let rejected = answer["rejected"] as? [Any], !rejected.isEmpty {
                throw InputError("the server rejected \(rejected.count) demo latency samples: \(rejected.prefix(3))")
            }
            let metrics = String(decoding: try await client.send("GET", "/metrics"), as: UTF8.self)
            let verdict = #"driftwatch_metric_anomalous{detector="\#(DemoCommand.latencyDetector)",metric="\#(DemoStream.latencyMetric)",endpoint="\#(DemoStream.model)"} 1"#
            if metrics.split(separator: "\n").contains(where: { $0 == verdict }) { anomalousHours.append(latencyHours) }
            latencyHours += 1
        }
    }

    private func printLatency() {
        let (before, after) = DemoStream.latencyLevels
        print("")
        print("Endpoint latency (\(DemoStream.latencyMetric), pushed to /v1/metrics once a minute: about \(Int(before)) ms, "
            + "\(Int(after)) ms from hour \(stream.shiftHour) on),")
        print("watched by the metric-anomaly detector '\(DemoCommand.latencyDetector)' (a robust z-score over 2 hours):")
        let hours = anomalousHours.map { hourText($0) }
        print("  anomalous in hour" + (hours.count == 1 ? " " : "s ") + (hours.isEmpty ? "none" : hours.joined(separator: ", "))
            + " of \(latencyHours) (driftwatch_metric_anomaly_score and driftwatch_metric_anomalous on /metrics)")
    }

    private func hourText(_ hour: Int) -> String { hour < 10 ? "0\(hour)" : "\(hour)" }

    private func closedWindows() async throws -> [[String: Any]] {
        try await client.json("GET", modelPath + "/windows")["windows"] as? [[String: Any]] ?? []
    }

    private func printLatestDrift() async throws {
        let drift = try await client.json("GET", modelPath + "/drift")
        let window = drift["window"] as? [String: Any] ?? [:]
        let features = drift["features"] as? [[String: Any]] ?? []
        let drifted = features.filter { $0["drifted"] as? Bool == true }
        print("")
        print("What changed in the last closed window (hour \(hourLabel(window["start"])), "
            + "\(timeLabel(window["start"])), \(window["rows"] as? Int ?? 0) events): "
            + "\(drifted.count) of \(features.count) features drifted")
        for feature in drifted {
            let name = feature["name"] as? String ?? "?"
            let method = feature["method"] as? String ?? "?"
            let statistic = (feature["statistic"] as? Double).map { $0.formatted(digits: 4) } ?? "null"
            let threshold = (feature["threshold"] as? Double).map { " threshold=\($0)" } ?? ""
            let pValue = (feature["p_value"] as? Double).map { " p_value=\($0.formatted(digits: 6))" } ?? ""
            print("  \(name.padding(toLength: 22, withPad: " ", startingAt: 0)) method=\(method) statistic=\(statistic)\(pValue)\(threshold)")
        }
        if let prediction = drift["prediction"] as? [String: Any], prediction["drifted"] as? Bool == true {
            print("  (the prediction score drifted too: method=\(prediction["method"] as? String ?? "?") "
                + "statistic=\((prediction["statistic"] as? Double)?.formatted(digits: 4) ?? "null"))")
        }
    }

    private func printWindows() async throws {
        print("")
        print("Drift per hourly window (the stream shifts from hour \(stream.shiftHour) on):")
        for window in try await closedWindows() {
            let names = window["drifted_features"] as? [String] ?? []
            let share = (window["drift_share"] as? Double).map { $0.formatted(digits: 2) } ?? "n/a"
            let hour = hourLabel(window["start"])
            let marker = Int(hour) == stream.shiftHour ? "   <- shift starts" : ""
            print("  hour \(hour)  \(timeLabel(window["start"]))  drift share \(share)  drifted: "
                + (names.isEmpty ? "none" : names.joined(separator: ", ")) + marker)
        }
    }

    private func hourLabel(_ start: Any?) -> String {
        guard let start = start as? Double else { return "?" }
        return hourText(Int(((start - DemoStream.start) / 3600).rounded(.down)))
    }

    private func timeLabel(_ start: Any?) -> String {
        guard let start = start as? Double else { return "?" }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        return formatter.string(from: Date(timeIntervalSince1970: start)) + "Z"
    }
}

extension Double {
    /// Fixed-point text with `digits` decimals.
    fileprivate func formatted(digits: Int) -> String { String(format: "%.\(digits)f", self) }
}
