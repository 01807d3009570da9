import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `driftwatch` command line. Exit codes follow design.md: 0 ok, 1 a check found drift,
/// 2 a usage or input error (ArgumentParser's own usage code, 64, is mapped to 2).
@main
struct Driftwatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "driftwatch",
        abstract: "Monitor machine-learning models for data drift.",
        subcommands: [
            CheckCommand.self, ServeCommand.self, DemoCommand.self, BaselineCommand.self, IngestCommand.self,
            ValidateCommand.self, RulesCommand.self, ActionsCommand.self, AnomalyCommand.self,
        ]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as InputError {
            standardError("driftwatch: \(error.message)\n")
            Self.exit(withError: ExitCode(2))
        } catch {
            let code = exitCode(for: error)
            if code == .success || code.rawValue == 1 { exit(withError: error) }
            // The hint names the subcommand being used; `check` was the first and stays the default.
            let subcommand = CommandLine.arguments.dropFirst().first.flatMap { ["serve", "demo", "baseline", "ingest", "validate", "rules", "actions", "anomaly"].contains($0) ? $0 : nil } ?? "check"
            standardError("driftwatch: \(message(for: error))\n(see 'driftwatch \(subcommand) --help')\n")
            Self.exit(withError: ExitCode(2))
        }
    }
}

/// Writes to standard error unbuffered, so messages interleave correctly with a report on stdout.
func standardError(_ text: String) {
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { buffer in
        guard let base = buffer.baseAddress else { return }
        _ = write(2, base, buffer.count)
    }
}
