import Foundation

/// A fresh temporary directory per test, removed when the test ends.
public final class ScratchDirectory {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("driftwatch-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes a file and returns its name (tests run the binary inside the directory).
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
        return name
    }

    public func read(_ name: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
    }

    /// Runs `driftwatch` with these arguments inside the directory.
    public func run(_ arguments: String..., environment: [String: String] = [:]) throws -> DriftwatchProcess.Outcome {
        try DriftwatchProcess.run(arguments, in: url, environment: environment)
    }

    /// Runs `driftwatch` with these arguments inside the directory, without blocking a thread.
    public func run(_ arguments: String..., environment: [String: String] = [:]) async throws -> DriftwatchProcess.Outcome {
        try await DriftwatchProcess.run(arguments, in: url, environment: environment)
    }
}
