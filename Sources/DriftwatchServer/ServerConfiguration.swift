import Foundation
import Storage

/// Settings of one `driftwatch serve` process, already resolved from flags, environment and file.
public struct ServerConfiguration: Sendable, Equatable {
    /// Largest request body accepted by default (16 MiB, design.md); larger bodies get 413.
    public static let defaultMaxBodyBytes = 16 * 1024 * 1024

    public var listen: ListenAddress
    /// Path of the SQLite file; its folder is created when missing.
    public var dataPath: String
    public var maxBodyBytes: Int
    public var durability: StoreDurability
    /// How far (seconds) an event may trail the newest event time of its model and still be
    /// profiled in its window; 0 by default (an event whose window has closed is late).
    public var allowedLateness: Double

    public init(
        listen: ListenAddress = .default, dataPath: String, maxBodyBytes: Int = Self.defaultMaxBodyBytes,
        durability: StoreDurability = .full, allowedLateness: Double = 0
    ) {
        self.allowedLateness = allowedLateness
        self.listen = listen
        self.dataPath = dataPath
        self.maxBodyBytes = maxBodyBytes
        self.durability = durability
    }
}

extension ServerConfiguration {
    /// Opens (creating when missing) the SQLite file and its folder.
    public func openStore() throws -> any Store {
        let folder = URL(fileURLWithPath: dataPath).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try SQLiteStore(path: dataPath, durability: durability)
    }
}
