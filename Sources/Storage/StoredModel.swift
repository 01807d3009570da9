import Monitoring

/// A registered model as the store keeps it. Times are seconds since the Unix epoch.
public struct StoredModel: Sendable, Equatable {
    public var name: String
    public var schema: ModelSchema
    /// When the model was first registered; a later `putModel` keeps it.
    public var createdAt: Double
    /// When the schema was last written.
    public var updatedAt: Double

    public init(name: String, schema: ModelSchema, createdAt: Double, updatedAt: Double) {
        self.name = name
        self.schema = schema
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
