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

    /// Problems between files: alert and action names must be unique (an alert's state is kept by
    /// its name), and rules may name only defined actions.
    static func crossCheck(_ files: [DetectorFile]) -> [DetectorFileError] {
        func error(at place: SourcePlace?, in file: DetectorFile, _ message: String) -> DetectorFileError {
            DetectorFileError(file: file.path, line: place?.line ?? 1, column: place?.column ?? 1, message: message)
        }
        var errors: [DetectorFileError] = []
        var defined: [String: SourcePlace?] = [:]
        for file in files {
            for action in file.actions {
                if let other = defined[action.name] {
                    errors.append(error(at: action.place, in: file, "action '\(action.name)' is also defined at \(other.map(\.description) ?? "another file")"))
                } else {
                    defined[action.name] = action.place
                }
            }
        }
        var alerts: [String: SourcePlace?] = [:]
        for file in files {
            for rule in file.rules {
                if let other = alerts[rule.name] {
                    errors.append(error(at: rule.place, in: file, "alert '\(rule.name)' is also defined at \(other.map(\.description) ?? "another file")"))
                } else {
                    alerts[rule.name] = rule.place
                }
                for action in rule.actions where defined[action] == nil {
                    errors.append(error(at: rule.place, in: file, "rule '\(rule.name)' names action '\(action)', which no detector file defines"))
                }
            }
        }
        return errors
    }
}
