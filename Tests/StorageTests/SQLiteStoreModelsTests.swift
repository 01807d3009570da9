import Monitoring
import Testing

@testable import Storage

@Suite struct SQLiteStoreModelsTests {
    @Test func putsGetsListsAndReplacesModels() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.path())
            let schema = try StoreTestData.schema()
            #expect(try await store.model(named: "fraud") == nil)
            let created = try await store.putModel(name: "fraud", schema: schema, at: 100)
            #expect(created == StoredModel(name: "fraud", schema: schema, createdAt: 100, updatedAt: 100))
            try await store.putModel(name: "churn", schema: schema, at: 150)
            var hourly = try StoreTestData.schema(numericFeatures: 5)
            hourly.window = .rows(500)
            let replaced = try await store.putModel(name: "fraud", schema: hourly, at: 200)
            #expect(replaced == StoredModel(name: "fraud", schema: hourly, createdAt: 100, updatedAt: 200))
            #expect(try await store.model(named: "fraud") == replaced)
            #expect(try await store.models().map(\.name) == ["churn", "fraud"])
        }
    }

    @Test func namesAreDataNotSQL() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.path())
            let name = "x'); DROP TABLE model; --"
            try await store.putModel(name: name, schema: try StoreTestData.schema(), at: 1)
            #expect(try await store.models().map(\.name) == [name])
        }
    }
}
