import Foundation
import GRDB
import GRDBSQLite
import Monitoring

/// SQLite's "copy the bytes now" destructor: the bound buffers are temporaries.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension SQLiteStore {
    /// Stores the batch in one transaction, with one `prediction_receipt` row for its new rows
    /// (whose seqs are contiguous). The hot path of ingest: feature blobs were encoded
    /// before taking the writer (``EncodedPredictionBatch``), and one prepared statement is bound
    /// through `sqlite3_bind_*` directly (about twice as fast as GRDB's generic arguments, per
    /// the stack notes). `ON CONFLICT DO NOTHING` on (model, id) makes re-sends idempotent;
    /// `sqlite3_changes` tells inserted from duplicate.
    public func insertPredictions(model: String, batch: EncodedPredictionBatch, receivedAt: Double)
        async throws(StoreError) -> InsertOutcome
    {
        let (events, blobs) = (batch.events, batch.blobs)
        return try await write("store \(events.count) predictions of model '\(model)'") { db in
            let modelID = try Self.requireModelID(db, model)
            if events.isEmpty { return InsertOutcome(inserted: 0, duplicates: 0) }
            var layouts = LayoutCache()
            let layoutIDs = try blobs.layouts.map { names in try layouts.layout(for: names, db).id }
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO prediction (model_id, event_id, event_time, received_at, version, prediction,
                                            latency_ms, layout_id, features)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (model_id, event_id) DO NOTHING
                    """)
            let raw = statement.sqliteStatement
            var duplicatePositions: [Int] = []
            var firstSequence: Int64?
            var lastSequence: Int64?
            defer {
                sqlite3_reset(raw)
                sqlite3_clear_bindings(raw)
            }
            try blobs.bytes.withUnsafeBytes { buffer in
                var start = 0
                for (position, event) in events.enumerated() {
                    let end = blobs.ends[position]
                    sqlite3_bind_int64(raw, 1, modelID)
                    bindText(raw, 2, event.id)
                    sqlite3_bind_double(raw, 3, event.timestamp ?? receivedAt)
                    sqlite3_bind_double(raw, 4, receivedAt)
                    if let version = event.version { bindText(raw, 5, version) } else { sqlite3_bind_null(raw, 5) }
                    switch event.prediction {
                    case .number(let value): sqlite3_bind_double(raw, 6, value)
                    case .label(let label): bindText(raw, 6, label)
                    case .probabilities(let probabilities): bindBlob(raw, 6, ProbabilitiesBlob.encode(probabilities))
                    }
                    if let latency = event.latencyMs { sqlite3_bind_double(raw, 7, latency) } else { sqlite3_bind_null(raw, 7) }
                    sqlite3_bind_int64(raw, 8, layoutIDs[blobs.layoutOfEvent[position]])
                    // A zero-length blob needs a non-null pointer, or SQLite stores NULL.
                    let base = buffer.baseAddress.map { $0 + start } ?? UnsafeRawPointer(bitPattern: 1)
                    sqlite3_bind_blob(raw, 9, base, Int32(end - start), transient)
                    start = end
                    try step(raw, db)
                    if sqlite3_changes(db.sqliteConnection) == 1 {
                        lastSequence = sqlite3_last_insert_rowid(db.sqliteConnection)
                        if firstSequence == nil { firstSequence = lastSequence }
                    } else {
                        duplicatePositions.append(position)
                    }
                }
            }
            if let firstSequence, let lastSequence {
                try db.cachedStatement(
                    sql: "INSERT INTO prediction_receipt (model_id, first_seq, last_seq, received_at) VALUES (?, ?, ?, ?)"
                ).execute(arguments: [modelID, firstSequence, lastSequence, receivedAt])
            }
            return InsertOutcome(
                inserted: events.count - duplicatePositions.count, duplicates: duplicatePositions.count,
                duplicatePositions: duplicatePositions, lastSequence: lastSequence)
        }
    }

    public func insertLabels(model: String, events: [LabelEvent], receivedAt: Double) async throws(StoreError)
        -> InsertOutcome
    {
        try await write("store \(events.count) labels of model '\(model)'") { db in
            let modelID = try Self.requireModelID(db, model)
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO label (model_id, event_id, label, event_time, received_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (model_id, event_id) DO NOTHING
                    """)
            var duplicatePositions: [Int] = []
            var lastSequence: Int64?
            for (position, event) in events.enumerated() {
                let label: any DatabaseValueConvertible =
                    switch event.label {
                    case .number(let value): value
                    case .string(let text): text
                    case .bool(let flag): flag ? Int64(1) : Int64(0)
                    }
                try statement.execute(arguments: [modelID, event.id, label, event.timestamp ?? receivedAt, receivedAt])
                if db.changesCount == 1 { lastSequence = db.lastInsertedRowID } else { duplicatePositions.append(position) }
            }
            return InsertOutcome(
                inserted: events.count - duplicatePositions.count, duplicates: duplicatePositions.count,
                duplicatePositions: duplicatePositions, lastSequence: lastSequence)
        }
    }

    public func predictions(model: String, ids: [String]) async throws(StoreError) -> [StoredPrediction] {
        try await read("read predictions of model '\(model)'") { db in
            guard let modelID = try Self.modelID(db, model) else { return [] }
            let statement = try db.cachedStatement(
                sql: "SELECT \(Self.predictionColumns) FROM prediction WHERE model_id = ? AND event_id = ?")
            var layouts = LayoutCache()
            var found: [StoredPrediction] = []
            for id in ids {
                if let row = try Row.fetchOne(statement, arguments: [modelID, id]) {
                    found.append(try Self.decodePrediction(row, layouts: &layouts, db, model: model))
                }
            }
            return found
        }
    }

    public func labels(model: String, ids: [String]) async throws(StoreError) -> [StoredLabel] {
        try await read("read labels of model '\(model)'") { db in
            guard let modelID = try Self.modelID(db, model) else { return [] }
            let statement = try db.cachedStatement(
                sql: "SELECT label, event_time, received_at FROM label WHERE model_id = ? AND event_id = ?")
            var found: [StoredLabel] = []
            for id in ids {
                guard let row = try Row.fetchOne(statement, arguments: [modelID, id]) else { continue }
                let value: LabelValue
                switch (row[0] as DatabaseValue).storage {
                case .double(let number): value = .number(number)
                case .string(let text): value = .string(text)
                case .int64(let flag) where flag == 0 || flag == 1: value = .bool(flag == 1)
                default: throw StoreError.corrupt("label '\(id)' of model '\(model)' has an unknown type")
                }
                found.append(StoredLabel(event: LabelEvent(id: id, label: value, timestamp: row[1]), receivedAt: row[2]))
            }
            return found
        }
    }

    public func predictionPage(model: String, eventTimes: Range<Double>, after cursor: PredictionCursor?, limit: Int)
        async throws(StoreError) -> PredictionPage
    {
        guard limit > 0 else { throw .invalidArgument("a page must hold at least one prediction, got \(limit)") }
        return try await read("read predictions of model '\(model)' by event time") { db in
            guard let modelID = try Self.modelID(db, model) else { return PredictionPage(predictions: [], next: nil) }
            let start = cursor.map { max($0.eventTime, eventTimes.lowerBound) } ?? eventTimes.lowerBound
            // Keyset paging on (event_time, seq), served by the (model_id, event_time) index whose
            // entries end with the rowid: no OFFSET scans, stable under concurrent inserts.
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT \(Self.predictionColumns) FROM prediction
                        WHERE model_id = ? AND event_time >= ? AND event_time < ?
                          AND (event_time > ? OR seq > ?)
                        ORDER BY event_time, seq LIMIT ?
                        """),
                arguments: [
                    modelID, start, eventTimes.upperBound, start, cursor?.rowID ?? Int64.min, limit,
                ])
            var layouts = LayoutCache()
            let predictions = try rows.map { row in try Self.decodePrediction(row, layouts: &layouts, db, model: model) }
            let next = rows.count == limit ? predictions.last.map { PredictionCursor(eventTime: $0.event.timestamp ?? 0, rowID: $0.sequence) } : nil
            return PredictionPage(predictions: predictions, next: next)
        }
    }

    public func predictions(model: String, afterSequence sequence: Int64, limit: Int) async throws(StoreError)
        -> [StoredPrediction]
    {
        guard limit > 0 else { throw .invalidArgument("a page must hold at least one prediction, got \(limit)") }
        return try await read("read predictions of model '\(model)' by sequence") { db in
            guard let modelID = try Self.modelID(db, model) else { return [] }
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: "SELECT \(Self.predictionColumns) FROM prediction WHERE seq > ? AND model_id = ? ORDER BY seq LIMIT ?"),
                arguments: [sequence, modelID, limit])
            var layouts = LayoutCache()
            return try rows.map { row in try Self.decodePrediction(row, layouts: &layouts, db, model: model) }
        }
    }

    private static let predictionColumns =
        "event_id, event_time, received_at, version, prediction, latency_ms, layout_id, features, seq"

    private static func decodePrediction(_ row: Row, layouts: inout LayoutCache, _ db: Database, model: String) throws
        -> StoredPrediction
    {
        let id: String = row[0]
        func damaged(_ what: String) -> StoreError { .corrupt("prediction '\(id)' of model '\(model)': \(what)") }
        let prediction: PredictionValue
        switch StoredPredictionValue.decode(row[4]) {
        case .success(let value): prediction = value
        case .failure(let damage): throw damaged(damage.part)
        }
        let names = try layouts.names(of: row[6], db)
        let blob: Data = row[7]
        guard let names, let features = FeatureBlob.decode([UInt8](blob), layout: names) else {
            throw damaged("features")
        }
        let event = PredictionEvent(
            id: id, timestamp: row[1], version: row[3], features: features, prediction: prediction, latencyMs: row[5])
        return StoredPrediction(event: event, receivedAt: row[2], sequence: row[8])
    }
}

/// The feature layouts one call has met, so a batch looks each up once.
private struct LayoutCache {
    struct Layout {
        var id: Int64
        var names: [String]
    }

    private var byID: [Int64: [String]] = [:]

    /// The id of `names`' layout, created when new.
    mutating func layout(for names: [String], _ db: Database) throws -> Layout {
        let encoded = Data(FeatureBlob.encodeLayout(names))
        try db.execute(sql: "INSERT INTO feature_layout (names) VALUES (?) ON CONFLICT (names) DO NOTHING", arguments: [encoded])
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM feature_layout WHERE names = ?", arguments: [encoded])
        else { throw StoreError.failed(operation: "record a feature layout", reason: "row vanished after the write") }
        byID[id] = names
        return Layout(id: id, names: names)
    }

    /// The names of layout `id`, nil when it does not exist or does not decode.
    mutating func names(of id: Int64, _ db: Database) throws -> [String]? {
        if let names = byID[id] { return names }
        guard let data = try Data.fetchOne(db, sql: "SELECT names FROM feature_layout WHERE id = ?", arguments: [id]),
            let names = FeatureBlob.decodeLayout([UInt8](data))
        else { return nil }
        byID[id] = names
        return names
    }
}

private func bindText(_ statement: SQLiteStatement, _ index: Int32, _ text: String) {
    var text = text
    text.withUTF8 { utf8 in
        _ = sqlite3_bind_text(statement, index, utf8.baseAddress, Int32(utf8.count), transient)
    }
}

private func bindBlob(_ statement: SQLiteStatement, _ index: Int32, _ bytes: [UInt8]) {
    bytes.withUnsafeBytes { buffer in
        // A zero-length blob needs a non-null pointer, or SQLite stores NULL.
        _ = sqlite3_bind_blob(statement, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(buffer.count), transient)
    }
}

/// Runs a bound INSERT once and resets it, turning a failure into GRDB's `DatabaseError`.
private func step(_ statement: SQLiteStatement, _ db: Database) throws {
    let code = sqlite3_step(statement)
    sqlite3_reset(statement)
    guard code == SQLITE_DONE else {
        throw DatabaseError(
            resultCode: ResultCode(rawValue: code),
            message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }
}
