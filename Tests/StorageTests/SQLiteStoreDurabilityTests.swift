import Foundation
import Monitoring
import Testing

@testable import Storage

/// An acknowledged write survives `kill -9` of the writing process (issue 3, "Ingest").
///
/// The writer is this test binary itself, re-invoked with `--filter` on ``writerChild()`` and
/// the store's path in an environment variable: it inserts a batch, prints `committed` once the
/// insert returned, and then waits to be killed. The parent kills it with SIGKILL as soon as it
/// reads that line, reopens the file and expects the whole batch.
@Suite struct SQLiteStoreDurabilityTests {
    static let pathVariable = "DRIFTWATCH_STORAGE_WRITER_PATH"
    static let durabilityVariable = "DRIFTWATCH_STORAGE_WRITER_DURABILITY"
    static let batch = StoreTestData.events(2000, prefix: "durable")

    /// The child's role; without the environment variable (a normal test run) it does nothing.
    @Test func writerChild() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let path = environment[Self.pathVariable] else { return }
        let durability = StoreDurability(rawValue: environment[Self.durabilityVariable] ?? "") ?? .full
        let store = try SQLiteStore(path: path, durability: durability)
        let outcome = try await store.insertPredictions(model: "fraud", events: Self.batch, receivedAt: 77)
        // An unbuffered write: the line must reach the parent now, not when a buffer fills.
        let line = outcome.inserted == Self.batch.count ? "committed\n" : "inserted \(outcome.inserted)\n"
        FileHandle.standardOutput.write(Data(line.utf8))
        // Keep the store open, as a server would be, until the parent kills the process.
        try await Task.sleep(for: .seconds(60))
    }

    @Test(arguments: StoreDurability.allCases)
    func anAcknowledgedBatchSurvivesKill9(durability: StoreDurability) async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.path()
            do {
                let store = try SQLiteStore(path: path)
                try await store.putModel(name: "fraud", schema: try StoreTestData.schema(), at: 1)
            }
            let child = Process()
            child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
            child.arguments = ["--testing-library", "swift-testing", "--filter", "SQLiteStoreDurabilityTests/writerChild"]
            var environment = ProcessInfo.processInfo.environment
            environment[Self.pathVariable] = path
            environment[Self.durabilityVariable] = durability.rawValue
            child.environment = environment
            let output = Pipe()
            child.standardOutput = output
            child.standardError = FileHandle.nullDevice
            try child.run()
            let sawCommitted = Self.waitForLine("committed", in: output.fileHandleForReading)
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            #expect(sawCommitted)
            #expect(child.terminationReason == .uncaughtSignal)
            #expect(child.terminationStatus == SIGKILL)

            let reopened = try SQLiteStore(path: path)
            let stored = try await reopened.predictions(model: "fraud", ids: Self.batch.map(\.id))
            #expect(stored.map(\.event) == Self.batch)
        }
    }

    /// Reads the child's output until a line equal to `line` (true) or end of file (false).
    private static func waitForLine(_ line: String, in handle: FileHandle) -> Bool {
        var buffer = Data()
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { return false }
            buffer.append(chunk)
            let lines = String(decoding: buffer, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            if lines.dropLast().contains(where: { $0 == line }) { return true }
        }
    }
}
