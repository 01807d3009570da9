import ArgumentParser

/// `driftwatch baseline`: baselines of a model on a running server.
struct BaselineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Manage the baselines of a model on a running driftwatch server.",
        subcommands: [BaselineCreateCommand.self]
    )
}
