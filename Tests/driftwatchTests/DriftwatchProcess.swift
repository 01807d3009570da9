import Foundation
import Testing

/// Runs the built `driftwatch` executable as a child process, as a user would.
///
/// Finding the binary: SwiftPM puts every product of a build in one directory
/// (`.build/<triple>/debug/`), the test bundle included, and `swift build --build-tests` /
/// `swift test` build every product first. So the binary is looked for next to the test bundle:
/// beside each loaded `.xctest` bundle (macOS, where the bundle is loaded by `xctest`) and beside
/// the running executable (Linux, where the bundle *is* the executable). This holds for any
/// `--build-path`, triple or configuration, unlike a path built from `#filePath`.
/// `DRIFTWATCH_BINARY` overrides the search, for running the tests against another build.
struct DriftwatchProcess {
    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static func binary() throws -> URL {
        if let override = ProcessInfo.processInfo.environment["DRIFTWATCH_BINARY"] {
            return URL(fileURLWithPath: override)
        }
        var directories: [URL] = Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }
            .map { $0.bundleURL.deletingLastPathComponent() }
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        let candidates = directories.map { $0.appendingPathComponent("driftwatch") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            Issue.record("no driftwatch binary beside the tests in \(directories.map(\.path)); run swift build first")
            throw CancellationError()
        }
        return found
    }

    static func run(_ arguments: [String], in directory: URL) throws -> Outcome {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let output = directory.appendingPathComponent("stdout-\(UUID().uuidString)")
        let error = directory.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: error.path, contents: nil)
        // Files rather than pipes: a large report cannot fill a pipe buffer and block the child.
        let outputHandle = try FileHandle(forWritingTo: output)
        let errorHandle = try FileHandle(forWritingTo: error)
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        try process.run()
        process.waitUntilExit()
        try outputHandle.close()
        try errorHandle.close()
        let outcome = Outcome(
            status: process.terminationStatus,
            standardOutput: try String(contentsOf: output, encoding: .utf8),
            standardError: try String(contentsOf: error, encoding: .utf8))
        try FileManager.default.removeItem(at: output)
        try FileManager.default.removeItem(at: error)
        return outcome
    }
}

/// A fresh temporary directory per test, removed when the test ends.
final class ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("driftwatch-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes a file and returns its name (tests run the binary inside the directory).
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
        return name
    }

    func read(_ name: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
    }

    func run(_ arguments: String...) throws -> DriftwatchProcess.Outcome {
        try DriftwatchProcess.run(arguments, in: url)
    }
}
