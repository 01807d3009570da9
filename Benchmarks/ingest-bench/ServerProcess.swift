import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `driftwatch serve` as a child process on an ephemeral loopback port over a fresh SQLite file:
/// the server under load. Its standard error is drained to a log file (so it never blocks), and
/// the bound port is read from its `listening on http://…` line.
final class ServerProcess {
    let process = Process()
    let port: Int
    let logURL: URL

    init(executable: String, dataPath: String, logURL: URL, environment: [String: String] = [:]) throws {
        self.logURL = logURL
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["serve", "--listen", "127.0.0.1:0", "--data", dataPath]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardError = log
        process.standardOutput = log
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            let text = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
            if let range = text.range(of: "listening on http://127.0.0.1:") {
                let digits = text[range.upperBound...].prefix { $0.isNumber }
                found = Int(digits)
            } else {
                usleep(20_000)
            }
        }
        guard let found else {
            process.terminate()
            throw BenchmarkError.server("no 'listening on' line within 30 s; see \(logURL.path)")
        }
        port = found
    }

    var pid: Int32 { process.processIdentifier }

    /// `VmRSS`, `VmHWM` (peak) and `RssAnon` of the server, in MiB, from `/proc/<pid>/status`.
    /// `RssAnon` is the server's own memory; `VmRSS` adds the pages of the SQLite file it has
    /// read through its memory map, which the kernel can drop and shares with the page cache.
    func memory() -> (rss: Double, peak: Double, anonymous: Double) {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return (.nan, .nan, .nan) }
        func kilobytes(_ key: String) -> Double {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else { return .nan }
            return Double(line.split(separator: " ").dropFirst().first ?? "") ?? .nan
        }
        return (kilobytes("VmRSS:") / 1024, kilobytes("VmHWM:") / 1024, kilobytes("RssAnon:") / 1024)
    }

    /// User + system CPU seconds the server has used (`/proc/<pid>/stat` fields 14 and 15).
    func cpuSeconds() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return .nan }
        // Fields after the parenthesised command name start at field 3.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return .nan }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// The BLAS library the server mapped (`/proc/<pid>/maps`).
    func activeBLAS() -> String { ActiveBLAS.describe(maps: "/proc/\(pid)/maps") }

    /// SIGTERM (a graceful shutdown), then waits for the process to exit.
    func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// User + system CPU seconds of this process.
func ownCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
}

/// Names the shared library that provides BLAS in a process (as `driftstats-bench` does): the
/// loader's map lists the file really mapped, after Debian's alternatives were followed.
enum ActiveBLAS {
    static func describe(maps path: String = "/proc/self/maps") -> String {
        // /proc files report a size of 0; read them as a stream.
        guard let handle = FileHandle(forReadingAtPath: path), let data = try? handle.readToEnd(),
            let maps = String(data: data, encoding: .utf8)
        else { return "unknown" }
        let libraries = Set(maps.split(separator: "\n").compactMap { line -> String? in
            guard let path = line.split(separator: " ", omittingEmptySubsequences: true).last,
                path.hasPrefix("/"), path.contains("blas")
            else { return nil }
            return String(path)
        })
        if let openBLAS = libraries.first(where: { $0.contains("openblas") }) {
            return "OpenBLAS (\(openBLAS.split(separator: "/").suffix(2).joined(separator: "/")))"
        }
        if let reference = libraries.first(where: { $0.contains("/blas/") }) {
            return "reference BLAS (\(reference.split(separator: "/").suffix(2).joined(separator: "/")))"
        }
        return libraries.sorted().first.map { String($0.split(separator: "/").last ?? "") } ?? "unknown"
    }
}
