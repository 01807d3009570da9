/// How many runs of an action ended with one outcome (``ActionRun/outcome``).
public struct ActionOutcomeCount: Sendable, Equatable {
    public var action: String
    public var adapter: String
    public var outcome: String
    public var count: Int

    public init(action: String, adapter: String, outcome: String, count: Int) {
        self.action = action
        self.adapter = adapter
        self.outcome = outcome
        self.count = count
    }
}
