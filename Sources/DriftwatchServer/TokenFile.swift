import Foundation
import Yams

/// The token file of `driftwatch serve` (`tokens_file`, `--tokens-file`): a YAML list of bearer
/// tokens, each with a name (shown in logs and errors instead of the secret), the secret and its
/// scopes (`ingest`, `read`, `admin`; `admin` implies the others).
///
/// ```yaml
/// - name: fraud-endpoint
///   token: 6f1c0e...        # at least a long random string, e.g. `openssl rand -hex 32`
///   scopes: [ingest]
/// - name: grafana
///   token: 9a77d2...
///   scopes: [read]
/// ```
///
/// An empty or duplicated token, a duplicated name, an unknown scope or key are errors naming
/// the line; the secret itself never appears in a message.
public enum TokenFile {
    /// The parsed tokens and the warnings to print (a file readable by group or others).
    public struct Loaded: Sendable, Equatable {
        public var tokens: [AccessToken]
        public var warnings: [String]
    }

    /// Reads and parses the file at `path`, warning when its mode lets group or others read it.
    public static func load(path: String) throws(ConfigError) -> Loaded {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError("\(path): cannot read the token file: \(ConfigFile.reason(error))")
        }
        let tokens = try parse(yaml: text, file: path)
        var warnings: [String] = []
        if let permissions = try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int,
            permissions & 0o077 != 0
        {
            warnings.append(
                "warning: token file \(path) is readable by group or others (mode \(String(permissions, radix: 8))); "
                    + "restrict it with chmod 600")
        }
        return Loaded(tokens: tokens, warnings: warnings)
    }

    /// Parses token-file YAML; `file` names it in errors.
    public static func parse(yaml: String, file: String) throws(ConfigError) -> [AccessToken] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigError("\(file):\(ConfigFile.firstLine(of: error))")
        }
        guard let root else { throw ConfigError("\(file): the token file lists no tokens") }
        guard case let .sequence(entries) = root else {
            throw ConfigError.at(file, line: root.mark?.line, "expected a list of tokens (- name: ..., token: ..., scopes: [...])")
        }
        var tokens: [AccessToken] = []
        var names: Set<String> = []
        for entry in entries {
            let token = try parseEntry(entry, file: file)
            if names.contains(token.name) {
                throw ConfigError.at(file, line: entry.mark?.line, key: "name", "the name '\(token.name)' is used twice")
            }
            if tokens.contains(where: { $0.token == token.token }) {
                throw ConfigError.at(file, line: entry.mark?.line, key: "token", "the token of '\(token.name)' repeats an earlier entry's")
            }
            names.insert(token.name)
            tokens.append(token)
        }
        if tokens.isEmpty { throw ConfigError("\(file): the token file lists no tokens") }
        return tokens
    }

    private static func parseEntry(_ entry: Node, file: String) throws(ConfigError) -> AccessToken {
        guard case let .mapping(mapping) = entry else {
            throw ConfigError.at(file, line: entry.mark?.line, "expected a mapping with name, token and scopes")
        }
        var name: String?
        var secret: String?
        var scopes: Set<AccessScope>?
        for (keyNode, value) in mapping {
            let line = value.mark?.line ?? keyNode.mark?.line
            switch keyNode.string {
            case "name":
                name = try nonEmptyString(value, key: "name", file: file, line: line)
            case "token":
                secret = try nonEmptyString(value, key: "token", file: file, line: line)
            case "scopes":
                scopes = try parseScopes(value, file: file, line: line)
            default:
                throw ConfigError.at(
                    file, line: keyNode.mark?.line, key: keyNode.string ?? "?", "unknown key (known keys: name, token, scopes)")
            }
        }
        let line = entry.mark?.line
        guard let name else { throw ConfigError.at(file, line: line, "the entry has no name") }
        guard let secret else { throw ConfigError.at(file, line: line, key: "token", "the entry '\(name)' has no token") }
        guard let scopes else { throw ConfigError.at(file, line: line, key: "scopes", "the entry '\(name)' has no scopes") }
        return AccessToken(name: name, token: secret, scopes: scopes)
    }

    private static func nonEmptyString(_ node: Node, key: String, file: String, line: Int?) throws(ConfigError) -> String {
        guard case let .scalar(scalar) = node, node.null == nil else {
            throw ConfigError.at(file, line: line, key: key, "expected a string")
        }
        guard !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ConfigError.at(file, line: line, key: key, "must not be empty")
        }
        return scalar.string
    }

    private static func parseScopes(_ node: Node, file: String, line: Int?) throws(ConfigError) -> Set<AccessScope> {
        guard case let .sequence(items) = node, !items.isEmpty else {
            throw ConfigError.at(file, line: line, key: "scopes", "expected a non-empty list of ingest, read, admin")
        }
        var scopes: Set<AccessScope> = []
        for item in items {
            guard let text = item.string, let scope = AccessScope(rawValue: text) else {
                throw ConfigError.at(
                    file, line: item.mark?.line ?? line, key: "scopes",
                    "unknown scope '\(item.string ?? "?")' (use ingest, read or admin)")
            }
            scopes.insert(scope)
        }
        return scopes
    }
}
