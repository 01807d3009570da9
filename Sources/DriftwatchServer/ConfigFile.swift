import Foundation
import Yams

/// The YAML config file of `driftwatch serve` (`--config FILE`, env `DRIFTWATCH_CONFIG`): a
/// mapping of the snake_case keys of ``SettingKey``, the lowest-precedence source before the
/// defaults.
///
/// ```yaml
/// listen: 0.0.0.0:8742
/// data: /var/lib/driftwatch/driftwatch.sqlite
/// retention: 7d
/// tokens_file: /etc/driftwatch/tokens.yaml
/// ingest_queue: 64
/// log_format: json
/// ```
///
/// Relative paths (`data`, `tokens_file`) are relative to the working directory, as they are when
/// given as flags or environment variables.
///
/// Parsing checks the shape only (known keys, value types) and keeps each value with its line;
/// ``ServeSettings`` parses the values, so an error names `file:line: key` whichever source the
/// value came from.
public enum ConfigFile {
    /// Reads and parses the file at `path`.
    public static func load(path: String) throws(ConfigError) -> SettingsLayer {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError("\(path): cannot read the config file: \(Self.reason(error))")
        }
        return try parse(yaml: text, file: path)
    }

    /// Parses config YAML; `file` names it in errors.
    public static func parse(yaml: String, file: String) throws(ConfigError) -> SettingsLayer {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigError("\(file):\(Self.firstLine(of: error))")
        }
        guard let root else { return SettingsLayer() }
        guard case let .mapping(mapping) = root else {
            throw ConfigError.at(file, line: root.mark?.line, "expected a mapping of settings (key: value)")
        }
        var values: [SettingKey: SettingValue] = [:]
        for (keyNode, valueNode) in mapping {
            let line = keyNode.mark?.line
            guard let name = keyNode.string else {
                throw ConfigError.at(file, line: line, "expected a setting name as key")
            }
            guard let key = SettingKey(rawValue: name) else {
                let known = SettingKey.allCases.map(\.fileKey).joined(separator: ", ")
                throw ConfigError.at(file, line: line, key: name, "unknown key (known keys: \(known))")
            }
            let text = try value(valueNode, of: key, file: file, line: valueNode.mark?.line ?? line)
            values[key] = SettingValue(text: text, origin: "\(file):\(valueNode.mark?.line ?? line ?? 0): \(key.fileKey)")
        }
        return SettingsLayer(values: values)
    }

    /// The value as text after checking its YAML type against the key's.
    private static func value(_ node: Node, of key: SettingKey, file: String, line: Int?) throws(ConfigError) -> String {
        guard case let .scalar(scalar) = node, node.null == nil else {
            throw ConfigError.at(file, line: line, key: key.fileKey, "expected \(key.fileType.name), got \(Self.kind(of: node))")
        }
        switch key.fileType {
        case .text:
            return scalar.string
        case .integer:
            guard let number = node.int else {
                throw ConfigError.at(file, line: line, key: key.fileKey, "expected an integer, got '\(scalar.string)'")
            }
            return String(number)
        case .boolean:
            guard let flag = node.bool else {
                throw ConfigError.at(file, line: line, key: key.fileKey, "expected true or false, got '\(scalar.string)'")
            }
            return String(flag)
        }
    }

    private static func kind(of node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        case .scalar: node.null != nil ? "no value" : "a scalar"
        }
    }

    /// The location and problem line of a YAML syntax error, without its source snippet.
    static func firstLine(of error: any Error) -> String {
        String(String(describing: error).split(separator: "\n", maxSplits: 1).first ?? "")
    }

    static func reason(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
