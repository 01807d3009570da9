import Monitoring
import Testing

@testable import Storage

@Suite struct SQLiteStoreBaselinesTests {
    @Test func storesSeveralBaselinesWithExactlyOneActive() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.path())
            let schema = try StoreTestData.schema()
            try await store.putModel(name: "fraud", schema: schema, at: 1)
            let first = try BaselineProfile(name: "default", schema: schema, events: StoreTestData.events(300))
            let second = try BaselineProfile(name: "spring", schema: schema, events: StoreTestData.events(200, prefix: "s"))
            try await store.putBaseline(model: "fraud", profile: first, activate: true, at: 10)
            try await store.putBaseline(model: "fraud", profile: second, activate: false, at: 20)
            #expect(try await store.activeBaseline(model: "fraud")?.profile == first)
            #expect(try await store.baseline(model: "fraud", name: "spring")?.profile == second)
            #expect(try await store.baselines(model: "fraud") == [
                BaselineSummary(name: "default", rowCount: 300, createdAt: 10, isActive: true),
                BaselineSummary(name: "spring", rowCount: 200, createdAt: 20, isActive: false),
            ])
            try await store.activateBaseline(model: "fraud", name: "spring")
            #expect(try await store.baselines(model: "fraud").map(\.isActive) == [false, true])
            // Replacing the active baseline without `activate` keeps it active.
            try await store.putBaseline(model: "fraud", profile: second, activate: false, at: 30)
            #expect(try await store.activeBaseline(model: "fraud")?.summary.createdAt == 30)
            try await store.putBaseline(model: "fraud", profile: first, activate: true, at: 40)
            #expect(try await store.baselines(model: "fraud").map(\.isActive) == [true, false])
            #expect(try await store.baseline(model: "fraud", name: "autumn") == nil)
            #expect(try await store.activeBaseline(model: "churn") == nil)
        }
    }

    @Test func refusesUnknownModelsAndBaselines() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.path())
            let schema = try StoreTestData.schema()
            let profile = try BaselineProfile(name: "default", schema: schema, events: StoreTestData.events(50))
            await #expect(throws: StoreError.notFound("model 'fraud'")) {
                try await store.putBaseline(model: "fraud", profile: profile, activate: true, at: 1)
            }
            try await store.putModel(name: "fraud", schema: schema, at: 1)
            await #expect(throws: StoreError.notFound("baseline 'default' of model 'fraud'")) {
                try await store.activateBaseline(model: "fraud", name: "default")
            }
        }
    }
}
