import Foundation
import Monitoring

/// Loads the detector files of a directory (`*.yaml` and `*.yml`, in name order) into one
/// `DetectorSet`, or every problem found in them: each file's own (`DetectorFileParser`), then
/// across files — an action defined twice, a rule naming an action no file defines.
public enum DetectorDirectory {
    public static func load(_ directory: String) throws(DetectorSetError) -> DetectorSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DetectorSetError([DetectorFileError(file: directory, line: 1, column: 1, message: "no such directory")])
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        } catch {
            throw DetectorSetError([DetectorFileError(
                file: directory, line: 1, column: 1, message: "cannot read the detectors directory: \(error.localizedDescription)")])
        }
        var files: [DetectorFile] = []
        var errors: [DetectorFileError] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            do {
                let text = try String(contentsOfFile: path, encoding: .utf8)
                files.append(try DetectorFileParser.parse(yaml: text, path: path))
            } catch let error as DetectorSetError {
                errors += error.errors
            } catch {
                errors.append(DetectorFileError(file: path, line: 1, column: 1, message: "cannot read the file: \(error.localizedDescription)"))
            }
        }
        errors += crossCheck(files)
        guard errors.isEmpty else { throw DetectorSetError(errors) }
        return DetectorSet(files: files)
    }

    /// Problems between files: alert, action and metric-anomaly detector names must be unique (an
    /// alert's state is kept by its name, a watched series' by its detector's), and rules may name
    /// only defined actions.
    static func crossCheck(_ files: [DetectorFile]) -> [DetectorFileError] {
        func error(at place: SourcePlace?, in file: DetectorFile, _ message: String) -> DetectorFileError {
            DetectorFileError(file: file.path, line: place?.line ?? 1, column: place?.column ?? 1, message: message)
        }
        var errors: [DetectorFileError] = []
        /// The first definition of each name, and an error for each later one.
        func firstDefinitions(_ what: String, _ entries: (DetectorFile) -> [(name: String, place: SourcePlace?)]) -> [String: SourcePlace?] {
            var first: [String: SourcePlace?] = [:]
            for file in files {
                for entry in entries(file) {
                    if let other = first[entry.name] {
                        errors.append(error(
                            at: entry.place, in: file, "\(what) '\(entry.name)' is also defined at \(other.map(\.description) ?? "another file")"))
                    } else {
                        first[entry.name] = entry.place
                    }
                }
            }
            return first
        }
        let actions = firstDefinitions("action") { $0.actions.map { ($0.name, $0.place) } }
        _ = firstDefinitions("alert") { $0.rules.map { ($0.name, $0.place) } }
        // A metric-anomaly detector's name keys its scores and saved state, whatever file it is in.
        _ = firstDefinitions("metric-anomaly detector") { $0.metricAnomalies.map { ($0.name, $0.place) } }
        for file in files {
            for rule in file.rules {
                for action in rule.actions where actions[action] == nil {
                    errors.append(error(at: rule.place, in: file, "rule '\(rule.name)' names action '\(action)', which no detector file defines"))
                }
            }
        }
        return errors
    }
}
