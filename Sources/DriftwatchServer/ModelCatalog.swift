import Storage
import Synchronization

/// The registered models as last stored, kept in memory so that an ingest request does not read
/// and decode its model's schema from the store every time (about a millisecond of each batch's
/// latency, measured with `ingest-bench`).
///
/// The server is the only writer of its store's models (``putModel(_:)`` goes through the
/// catalog), so an entry is stale only between a write's commit and ``stored(_:)``. A read that
/// missed and raced a write never caches what it read: each write bumps a generation, and a
/// miss caches only if the generation is the one it started with.
final class ModelCatalog: Sendable {
    private struct State {
        var models: [String: StoredModel] = [:]
        var generation = 0
    }

    private let store: any Store
    private let state = Mutex(State())

    init(store: any Store) {
        self.store = store
    }

    /// Model `name` as stored, or nil when it is not registered (not cached: it may be registered next).
    func model(named name: String) async throws(StoreError) -> StoredModel? {
        let (cached, generation) = state.withLock { ($0.models[name], $0.generation) }
        if let cached { return cached }
        guard let model = try await store.model(named: name) else { return nil }
        state.withLock { state in
            if state.generation == generation { state.models[name] = model }
        }
        return model
    }

    /// Records a model just written to the store.
    func stored(_ model: StoredModel) {
        state.withLock { state in
            state.generation += 1
            state.models[model.name] = model
        }
    }
}
