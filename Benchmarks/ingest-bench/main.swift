import Foundation

// The ingest benchmark (issue 3): starts the release `driftwatch serve` as a child process on an
// ephemeral loopback port over a fresh SQLite file and drives it from this process over
// keep-alive HTTP/1.1 connections. Prints sustained NDJSON ingest (events/s, p50/p99 latency)
// of a 25-feature model at several batch sizes, the close of a large row-count window inside the
// server, the server's resident memory with many models' open windows at growing row counts,
// and the in-process window close (`evaluate(window:against:)`) of a 1M-row × 25-feature window
// beside Evidently's DataDriftPreset on the same data. Build in release: `make bench-ingest`.
//
// Flags: --driftwatch PATH (default: the `driftwatch` beside this executable), --seconds S per
// batch size (5), --connections C (2), --batches 1,100,1000, --models M (100), --memory-rows
// 1000,10000,50000 (rows per model), --close-rows N (1000000), --python PATH (python3),
// --only decode,ingest,memory,close,metrics (phases), --no-peer.

let arguments = CommandLine.arguments
func option(_ name: String) -> String? { arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } }
func integers(_ name: String, _ fallback: [Int]) -> [Int] { option(name).map { $0.split(separator: ",").compactMap { Int($0) } } ?? fallback }

let executableDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
let driftwatch = option("--driftwatch") ?? executableDirectory.appendingPathComponent("driftwatch").path
let seconds = option("--seconds").flatMap(Double.init) ?? 5
let connections = option("--connections").flatMap(Int.init) ?? 2
let batchSizes = integers("--batches", [1, 100, 1000])
let modelCount = option("--models").flatMap(Int.init) ?? 100
let memoryRows = integers("--memory-rows", [1000, 10_000, 50_000])
let closeRows = option("--close-rows").flatMap(Int.init) ?? 1_000_000
let python = option("--python") ?? "python3"
let phases = Set((option("--only") ?? "decode,ingest,memory,close,metrics").split(separator: ",").map(String.init))
let runPeer = !arguments.contains("--no-peer")
let peerScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("peer/evidently_peer.py").path

guard FileManager.default.isExecutableFile(atPath: driftwatch) else {
    FileHandle.standardError.write(Data("ingest-bench: no driftwatch executable at \(driftwatch); build it (swift build -c release) or pass --driftwatch PATH\n".utf8))
    exit(2)
}

let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("driftwatch-ingest-bench-\(getpid())")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }

func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
func milliseconds(_ value: Double) -> String { fixed(value * 1000, value < 0.01 ? 2 : 1) }
func grouped(_ value: Double) -> String {
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.groupingSeparator = " "
    formatter.maximumFractionDigits = 0
    return formatter.string(from: NSNumber(value: value.rounded())) ?? "\(Int(value))"
}
func column(_ text: String, _ width: Int) -> String { text.count >= width ? text : String(repeating: " ", count: width - text.count) + text }

/// The baseline upload body: `count` reference events without timestamps.
func referenceBody(count: Int) -> [UInt8] {
    let factory = BodyFactory(rows: count, seed: 7)
    var body: [UInt8] = []
    for index in 0..<count {
        body.append(contentsOf: #"{"id":"ref-"#.utf8)
        appendDecimal(index, to: &body)
        body.append(contentsOf: #"","#.utf8)
        body.append(contentsOf: factory.tails[index])
        body.append(UInt8(ascii: "\n"))
    }
    return body
}

/// Registers `model` with the benchmark schema and uploads its baseline.
func register(_ model: String, window: String, http: HTTPConnection, baseline: [UInt8]) throws {
    let put = try http.send("PUT", "/v1/models/\(model)", contentType: "application/json", body: Array(SyntheticEvents.schemaJSON(window: window).utf8))
    guard put.status == 200 || put.status == 201 else { throw BenchmarkError.server("PUT model \(model): \(put.status) \(String(decoding: put.body, as: UTF8.self))") }
    let upload = try http.send("PUT", "/v1/models/\(model)/baselines/reference", contentType: "application/x-ndjson", body: baseline)
    guard upload.status == 200 else { throw BenchmarkError.server("baseline of \(model): \(upload.status) \(String(decoding: upload.body, as: UTF8.self))") }
}

/// The servers started, so that a failing run does not leave one behind.
nonisolated(unsafe) var servers: [ServerProcess] = []

func startServer(_ name: String, environment: [String: String] = [:]) throws -> ServerProcess {
    let server = try ServerProcess(
        executable: driftwatch, dataPath: scratch.appendingPathComponent("\(name).sqlite").path,
        logURL: scratch.appendingPathComponent("\(name).log"), environment: environment)
    servers.append(server)
    return server
}

/// Runs one phase; on an error, stops the servers, prints the error and exits with status 1.
func phase(_ body: () throws -> Void) {
    do {
        try body()
    } catch {
        for server in servers where server.process.isRunning { _ = server.stop() }
        FileHandle.standardError.write(Data("ingest-bench: \(error)\n".utf8))
        try? FileManager.default.removeItem(at: scratch)
        exit(1)
    }
}

let cores = ProcessInfo.processInfo.activeProcessorCount
let now = Int(Date().timeIntervalSince1970)
let hourStart = now / 3600 * 3600
let bodies = BodyFactory(rows: 4096, seed: 42)
let baselineBody = referenceBody(count: 10_000)

print("driftwatch ingest benchmark — \(SyntheticEvents.featureCount) features (\(SyntheticEvents.numericCount) numeric, "
    + "\(SyntheticEvents.categoricalCount) categorical, \(SyntheticEvents.booleanCount) boolean) + score prediction; "
    + "\(cores) cores; server: \(driftwatch.split(separator: "/").suffix(3).joined(separator: "/"))")
print("load generator: this process, \(connections) keep-alive HTTP/1.1 connections on 127.0.0.1; baseline: 10 000 reference events")

if phases.contains("decode") { phase {
    let decoding = DecodeRun(bodies: bodies, batchSize: 1000, batches: 200)
    let figures = try decoding.run(passes: 5)
    print("")
    print("NDJSON decode in-process (EventBatchDecoder, batches of 1000, \(figures.bytesPerEvent) bytes per event), median of \(figures.passes) passes of \(grouped(Double(figures.events))) events:")
    print("  \(grouped(figures.eventsPerSecond)) events/s on one core, \(fixed(1e6 / figures.eventsPerSecond, 2)) µs/event")
} }

if phases.contains("ingest") { phase {
    let server = try startServer("ingest")
    print("server BLAS: \(server.activeBLAS()); SQLite synchronous=FULL (the default durability)")
    let http = try HTTPConnection(port: server.port)
    try register("bench", window: #""1h""#, http: http, baseline: baselineBody)
    print("")
    print("Sustained ingest, model 'bench' (window 1h, event times 1 ms apart per connection), \(fixed(seconds, 0)) s per batch size after a 1 s warm-up:")
    print("  batch    events/s   requests/s   p50 ms   p99 ms   server cores   client cores   server CPU µs/event")
    for batch in batchSizes {
        var warmUp = LoadRun(
            port: server.port, bodies: bodies, models: ["bench"], batchSize: batch, connections: connections, seconds: 1,
            runTag: "w\(batch)", start: hourStart, millisecondsPerEvent: 1)
        _ = try warmUp.run(server: server)
        warmUp = LoadRun(
            port: server.port, bodies: bodies, models: ["bench"], batchSize: batch, connections: connections, seconds: seconds,
            runTag: "b\(batch)", start: hourStart, millisecondsPerEvent: 1)
        let result = try warmUp.run(server: server)
        print("  \(column("\(batch)", 5))  \(column(grouped(result.eventsPerSecond), 10))  \(column(grouped(Double(result.requests) / result.seconds), 11))"
            + "  \(column(milliseconds(result.percentile(50)), 7))  \(column(milliseconds(result.percentile(99)), 7))"
            + "  \(column(fixed(result.serverCPU / result.seconds, 2), 13))  \(column(fixed(result.clientCPU / result.seconds, 2), 13))"
            + "  \(column(fixed(result.serverCPU / Double(max(result.events, 1)) * 1e6, 1), 20))"
            + (result.failures > 0 ? "   (\(result.failures) failed requests)" : ""))
    }
    let memory = server.memory()
    print("  server memory after ingest: RssAnon \(fixed(memory.anonymous, 0)) MiB, VmRSS \(fixed(memory.rss, 0)) MiB, VmHWM \(fixed(memory.peak, 0)) MiB")

    // The close of one large row-count window inside the server. The server answers a batch once
    // it is stored and profiles it after, so each timed batch is followed by a read of the
    // windows, which waits for that profiling: a batch that does not close the window, then the
    // one that does; the difference is the close.
    if closeRows >= 3000 {
        try register("close", window: #"{"rows":\#(closeRows)}"#, http: http, baseline: baselineBody)
        let filling = LoadRun(
            port: server.port, bodies: bodies, models: ["close"], batchSize: 1000, connections: connections, seconds: 3600,
            eventsPerConnection: (closeRows - 2000) / connections, runTag: "fill", start: hourStart, millisecondsPerEvent: 1)
        let filled = try filling.run(server: server)
        let remaining = closeRows - filled.events
        func batchThenRead(_ prefix: String, count: Int) throws -> (seconds: Double, status: Int, windows: String) {
            var body: [UInt8] = []
            bodies.body(into: &body, prefix: Array(prefix.utf8), first: 0, count: count, start: hourStart, millisecondsPerEvent: 1)
            let began = DispatchTime.now().uptimeNanoseconds
            let response = try http.send("POST", "/v1/models/close/predictions", contentType: "application/x-ndjson", body: body)
            let windows = try http.send("GET", "/v1/models/close/windows")
            return (Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9, response.status, String(decoding: windows.body, as: UTF8.self))
        }
        let before = try batchThenRead("before-", count: remaining - 1000)
        let closing = try batchThenRead("last-", count: 1000)
        let closed = !before.windows.contains("\"rows\":\(closeRows)") && closing.windows.contains("\"rows\":\(closeRows)")
        print("")
        print("Window close in the server, model 'close' ({rows: \(grouped(Double(closeRows)))}): \(grouped(Double(filled.events))) events "
            + "at \(grouped(filled.eventsPerSecond)) events/s, then \(remaining - 1000) events, then the closing batch of 1000 "
            + "(status \(closing.status), window listed after it and not before: \(closed ? "yes" : "NO")):")
        print("  closing batch + read of the windows \(milliseconds(closing.seconds)) ms vs the batch before it + read "
            + "\(milliseconds(before.seconds)) ms → close (evaluate + save the report) ≈ \(milliseconds(max(0, closing.seconds - before.seconds))) ms")
    }
    let status = server.stop()
    print("  graceful stop: exit status \(status)")
} }

if phases.contains("memory") { phase {
    let server = try startServer("memory")
    let http = try HTTPConnection(port: server.port)
    let models = (0..<modelCount).map { "m" + String(1000 + $0).dropFirst() }
    for model in models { try register(model, window: #"{"rows":1000000000}"#, http: http, baseline: baselineBody) }
    print("")
    print("Server memory, \(modelCount) models × \(SyntheticEvents.featureCount) features, each with one open window (batches of 1000, round-robin):")
    print("  rows/model   total rows   RssAnon MiB   VmRSS MiB   VmHWM MiB   ingest events/s")
    let registered = server.memory()
    print("  \(column("0", 9))  \(column("0", 11))  \(column(fixed(registered.anonymous, 0), 12))  \(column(fixed(registered.rss, 0), 10))  "
        + "\(column(fixed(registered.peak, 0), 10))   (baselines uploaded, no window open)")
    var done = 0
    for (step, rows) in memoryRows.enumerated() where rows > done {
        let perConnection = (rows - done) * modelCount / connections
        let run = LoadRun(
            port: server.port, bodies: bodies, models: models, batchSize: 1000, connections: connections, seconds: 3600,
            eventsPerConnection: perConnection, runTag: "s\(step)", start: hourStart, millisecondsPerEvent: 1)
        let result = try run.run(server: server)
        done = rows
        let memory = server.memory()
        print("  \(column(grouped(Double(rows)), 9))  \(column(grouped(Double(rows * modelCount)), 11))  \(column(fixed(memory.anonymous, 0), 12))  "
            + "\(column(fixed(memory.rss, 0), 10))  \(column(fixed(memory.peak, 0), 10))  \(column(grouped(result.eventsPerSecond), 16))")
    }
    let status = server.stop()
    print("  graceful stop: exit status \(status)")
} }

if phases.contains("close") { phase {
    print("")
    print("Window close in-process (release), \(grouped(Double(closeRows))) reference rows × \(grouped(Double(closeRows))) window rows × \(SyntheticEvents.featureCount) features; BLAS: \(ActiveBLAS.describe())")
    let close = WindowClose(rows: closeRows, directory: scratch)
    let figures = try close.run(writeColumns: runPeer)
    print("  baseline freeze (BaselineProfile, \(grouped(Double(closeRows))) events)   \(milliseconds(figures.baselineSeconds)) ms")
    print("  window profiling (WindowProfile.add)              \(milliseconds(figures.profileSeconds)) ms (\(grouped(Double(closeRows) / figures.profileSeconds)) events/s on one core)")
    print("  evaluate(window:against:), median of \(figures.evaluateRuns)          \(milliseconds(figures.evaluateSeconds)) ms")
    print("  methods: \(figures.methods.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")); drifted: \(figures.driftedFeatures.joined(separator: ", "))")
    if runPeer {
        let peer = try EvidentlyPeer.run(python: python, script: peerScript, directory: scratch, rows: closeRows)
        print("  peer: \(peer.library) DataDriftPreset on the same columns  \(milliseconds(peer.seconds)) ms (median of \(peer.runs)); drifted: \(peer.drifted.joined(separator: ", "))")
        print("  ratio: Evidently / driftwatch's close = \(fixed(peer.seconds / figures.evaluateSeconds, 0))× (the close judges sketches built during ingest; "
            + "Evidently reads the raw columns); counting the window's profiling too: \(fixed(peer.seconds / (figures.profileSeconds + figures.evaluateSeconds), 1))×")
    }
} }

if phases.contains("metrics") { phase {
    // The same pushed samples into a server without detectors and into one whose metric-anomaly
    // detector (the default, the conformal ensemble) watches every series.
    // Each server gets its own detectors directory: serve's default, ./detectors, may watch the
    // same metric.
    let detectors = scratch.appendingPathComponent("metric-detectors")
    let none = scratch.appendingPathComponent("no-detectors")
    for directory in [detectors, none] { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
    try Data("detectors:\n  - name: latency\n    kind: metric-anomaly\n    series: endpoint_latency_ms\n".utf8)
        .write(to: detectors.appendingPathComponent("latency.yaml"))
    let seriesPerConnection = 100
    print("")
    print("POST /v1/metrics, NDJSON batches of 1000 samples of \(seriesPerConnection) series per connection (each series a point a second), "
        + "\(fixed(seconds, 0)) s after a 1 s warm-up:")
    print("  detectors                          samples/s   p50 ms   p99 ms   server CPU µs/sample   on /metrics")
    var rates: [Double] = []
    for (name, directory) in [("none", none), ("conformal-ensemble on every series", detectors)] {
        let environment = ["DRIFTWATCH_DETECTORS": directory.path]
        let server = try startServer("metrics-\(rates.count)", environment: environment)
        var run = LoadRun(
            port: server.port, bodies: bodies, models: [], batchSize: 1000, connections: connections, seconds: 1, runTag: "w",
            start: hourStart, millisecondsPerEvent: 1000, metricSeries: seriesPerConnection)
        let warm = try run.run(server: server)
        run = LoadRun(
            port: server.port, bodies: bodies, models: [], batchSize: 1000, connections: connections, seconds: seconds, runTag: "m",
            start: hourStart + warm.events, millisecondsPerEvent: 1000, metricSeries: seriesPerConnection)
        let result = try run.run(server: server)
        rates.append(result.eventsPerSecond)
        let exposition = String(decoding: try HTTPConnection(port: server.port).send("GET", "/metrics").body, as: UTF8.self)
        let scored = exposition.split(separator: "\n").filter { $0.hasPrefix("driftwatch_metric_anomaly_score{") }.count
        print("  \(name.padding(toLength: 34, withPad: " ", startingAt: 0))\(column(grouped(result.eventsPerSecond), 10))"
            + "  \(column(milliseconds(result.percentile(50)), 7))  \(column(milliseconds(result.percentile(99)), 7))"
            + "  \(column(fixed(result.serverCPU / Double(max(result.events, 1)) * 1e6, 2), 21))   \(scored) series scored"
            + (result.failures > 0 ? "   (\(result.failures) failed requests)" : ""))
        _ = server.stop()
    }
    print("  scoring keeps \(fixed(rates[1] / rates[0] * 100, 0)) % of the ingest rate without detectors")
} }
