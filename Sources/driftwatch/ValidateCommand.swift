import ArgumentParser
import DriftwatchServer
import Foundation
import Monitoring

/// `driftwatch validate`: checks detector files (and a serve config file) offline, as
/// `promtool check rules` does, listing every problem with its file, line and column.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check detector and rule files (and a config file) without starting the server.",
        discussion: """
            Reads every *.yaml and *.yml file of --detectors (default ./detectors): the models each \
            applies to, windows, baselines, detectors with their methods and thresholds, alert rules \
            (their PromQL-subset expressions are parsed) and actions, and checks references between \
            files. Prints a summary when all is valid.

            Exit status: 0 valid, 2 when any file has a problem (each printed as \
            file:line:column: message).
            """
    )

    @Option(help: ArgumentHelp("Directory of detector and rule files.", valueName: "dir"))
    var detectors = "./detectors"

    @Option(help: ArgumentHelp("A driftwatch serve config file to check too.", valueName: "file"))
    var config: String?

    func run() throws {
        if let config {
            do {
                _ = try ServeSettings.resolve([ConfigFile.load(path: config)])
            } catch {
                throw InputError("\(error)")
            }
            print("\(config): valid config file")
        }
        let set: DetectorSet
        do {
            set = try DetectorDirectory.load(detectors)
        } catch {
            throw InputError("\(error.errors.count) problem\(error.errors.count == 1 ? "" : "s") in \(detectors):\n\(error)")
        }
        let files = set.files.count
        let detectorCount = set.files.reduce(0) { $0 + $1.detectors.count + $1.metricAnomalies.count }
        print("\(detectors): \(files) file\(files == 1 ? "" : "s"), \(detectorCount) detector\(detectorCount == 1 ? "" : "s"), "
            + "\(set.rules.count) rule\(set.rules.count == 1 ? "" : "s"), \(set.actions.count) action\(set.actions.count == 1 ? "" : "s"): valid")
    }
}
