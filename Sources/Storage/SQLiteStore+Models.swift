import Foundation
import GRDB
import Monitoring

extension SQLiteStore {
    @discardableResult
    public func putModel(name: String, schema: ModelSchema, at time: Double) async throws(StoreError) -> StoredModel {
        let json = String(decoding: try StoreJSON.encode(schema, "the schema of model '\(name)'"), as: UTF8.self)
        let stored = try await write("store model '\(name)'") { db in
            try db.execute(
                sql: """
                    INSERT INTO model (name, schema_json, created_at, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET schema_json = excluded.schema_json, updated_at = excluded.updated_at
                    """,
                arguments: [name, json, time, time])
            return try Self.fetchModels(db, sql: "WHERE name = ?", arguments: [name]).first
        }
        guard let stored else { throw .failed(operation: "store model '\(name)'", reason: "row vanished after the write") }
        return stored
    }

    public func model(named name: String) async throws(StoreError) -> StoredModel? {
        try await read("read model '\(name)'") { db in
            try Self.fetchModels(db, sql: "WHERE name = ?", arguments: [name]).first
        }
    }

    public func models() async throws(StoreError) -> [StoredModel] {
        try await read("list models") { db in try Self.fetchModels(db, sql: "ORDER BY name", arguments: []) }
    }

    static func fetchModels(_ db: Database, sql: String, arguments: StatementArguments) throws -> [StoredModel] {
        try Row.fetchAll(db, sql: "SELECT name, schema_json, created_at, updated_at FROM model " + sql, arguments: arguments)
            .map { row in
                let name: String = row[0]
                let json: String = row[1]
                let schema = try StoreJSON.decode(ModelSchema.self, from: Data(json.utf8), "schema of model '\(name)'")
                return StoredModel(name: name, schema: schema, createdAt: row[2], updatedAt: row[3])
            }
    }
}
