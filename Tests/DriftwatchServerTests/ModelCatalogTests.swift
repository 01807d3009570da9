import Foundation
import Monitoring
import Storage
import Testing

@testable import DriftwatchServer

@Suite struct ModelCatalogTests {
    static func schema(_ window: String) throws -> ModelSchema {
        try ModelSchema.decode(
            json: Data(#"{"features":[{"name":"amount","type":"numeric"}],"prediction":{"type":"score"},"window":"\#(window)"}"#.utf8))
    }

    @Test func aReadModelIsServedFromMemoryUntilTheCatalogIsToldOfAWrite() async throws {
        try await RetentionServiceTests.withStore { store in
            let catalog = ModelCatalog(store: store)
            try await store.putModel(name: "fraud", schema: try Self.schema("1h"), at: 1)
            #expect(try await catalog.model(named: "fraud")?.schema.window == .duration(seconds: 3600))

            // Written behind the catalog's back: the catalog does not read the store again.
            let changed = try await store.putModel(name: "fraud", schema: try Self.schema("5m"), at: 2)
            #expect(try await catalog.model(named: "fraud")?.schema.window == .duration(seconds: 3600))

            catalog.stored(changed)
            #expect(try await catalog.model(named: "fraud")?.schema.window == .duration(seconds: 300))
            #expect(try await catalog.model(named: "fraud")?.updatedAt == 2)
        }
    }

    @Test func anUnknownModelIsNotRememberedAsUnknown() async throws {
        try await RetentionServiceTests.withStore { store in
            let catalog = ModelCatalog(store: store)
            #expect(try await catalog.model(named: "fraud") == nil)
            try await store.putModel(name: "fraud", schema: try Self.schema("1h"), at: 1)
            #expect(try await catalog.model(named: "fraud")?.name == "fraud")
        }
    }
}
