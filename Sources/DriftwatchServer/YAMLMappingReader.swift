import Monitoring
import Yams

/// Reads the keys of one YAML mapping of a detector file, recording every problem with its place
/// instead of stopping at the first, so `driftwatch validate` lists them all.
struct YAMLMappingReader {
    let file: String
    private(set) var errors: [DetectorFileError] = []

    init(file: String) {
        self.file = file
    }

    mutating func fail(_ node: Node?, _ message: String) {
        fail(at: node?.mark, message)
    }

    mutating func fail(at mark: Mark?, _ message: String) {
        errors.append(DetectorFileError(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message))
    }

    func place(of node: Node) -> SourcePlace {
        SourcePlace(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    mutating func absorb(_ other: [DetectorFileError]) {
        errors += other
    }

    /// The mapping's values by key; unknown or repeated keys and non-string keys are errors.
    mutating func fields(_ node: Node, known: [String], context: String) -> [String: Node] {
        guard case .mapping(let mapping) = node else {
            fail(node, "\(context): expected a mapping, got \(Self.kind(of: node))")
            return [:]
        }
        var fields: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string, case .scalar = key else {
                fail(key, "\(context): expected a key name")
                continue
            }
            guard known.contains(name) else {
                fail(key, "\(context): unknown key '\(name)' (known keys: \(known.joined(separator: ", ")))")
                continue
            }
            if fields[name] != nil {
                fail(key, "\(context): key '\(name)' given twice")
                continue
            }
            fields[name] = value
        }
        return fields
    }

    /// A scalar's text; nil (with an error) for a mapping, a sequence or null.
    mutating func text(_ node: Node, _ context: String) -> String? {
        guard case .scalar(let scalar) = node, node.null == nil else {
            fail(node, "\(context): expected a string, got \(Self.kind(of: node))")
            return nil
        }
        return scalar.string
    }

    /// A non-empty name: letters, digits, `_`, `-`, `.`, starting with a letter.
    mutating func name(_ node: Node, _ context: String) -> String? {
        guard let text = text(node, context) else { return nil }
        let valid = text.first?.isLetter == true
            && text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0) }
        if !valid { fail(node, "\(context): '\(text)' is not a valid name (a letter, then letters, digits, '_', '-' or '.')") }
        return valid ? text : nil
    }

    mutating func oneOf<T: RawRepresentable>(_ node: Node, _ context: String, _ type: T.Type) -> T?
    where T.RawValue == String, T: CaseIterable {
        guard let text = text(node, context) else { return nil }
        guard let value = T(rawValue: text) else {
            fail(node, "\(context): unknown value '\(text)' (one of: \(T.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        return value
    }

    /// A Prometheus duration in seconds (`0` allowed where `allowingZero`).
    mutating func duration(_ node: Node, _ context: String, allowingZero: Bool) -> Double? {
        guard let text = text(node, context) else { return nil }
        do {
            return Double(try PrometheusDuration.milliseconds(text, allowingZero: allowingZero)) / 1000
        } catch {
            fail(node, "\(context): \(error)")
            return nil
        }
    }

    mutating func number(_ node: Node, _ context: String) -> Double? {
        guard case .scalar = node, let value = node.float, value.isFinite else {
            fail(node, "\(context): expected a finite number, got \(Self.describe(node))")
            return nil
        }
        return value
    }

    mutating func integer(_ node: Node, _ context: String, minimum: Int) -> Int? {
        guard case .scalar = node, let value = node.int else {
            fail(node, "\(context): expected an integer, got \(Self.describe(node))")
            return nil
        }
        guard value >= minimum else {
            fail(node, "\(context): must be at least \(minimum), got \(value)")
            return nil
        }
        return value
    }

    mutating func boolean(_ node: Node, _ context: String) -> Bool? {
        guard case .scalar = node, let value = node.bool else {
            fail(node, "\(context): expected true or false, got \(Self.describe(node))")
            return nil
        }
        return value
    }

    /// A sequence's elements.
    mutating func sequence(_ node: Node, _ context: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            fail(node, "\(context): expected a list, got \(Self.kind(of: node))")
            return nil
        }
        return Array(sequence)
    }

    /// A mapping of names to scalar strings (labels, annotations, `with:` settings).
    mutating func stringMapping(_ node: Node, _ context: String) -> [String: String]? {
        guard case .mapping(let mapping) = node else {
            fail(node, "\(context): expected a mapping, got \(Self.kind(of: node))")
            return nil
        }
        var values: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = key.string else {
                fail(key, "\(context): expected a key name")
                continue
            }
            if values[name] != nil { fail(key, "\(context): key '\(name)' given twice") }
            if let text = text(value, "\(context).\(name)") { values[name] = text }
        }
        return values
    }

    /// Any YAML value as an action setting: scalars as text, lists and mappings kept.
    mutating func setting(_ node: Node, _ context: String) -> ActionSetting? {
        switch node {
        case .scalar:
            return text(node, context).map(ActionSetting.text)
        case .sequence(let sequence):
            var items: [ActionSetting] = []
            for (index, item) in sequence.enumerated() {
                guard let value = setting(item, "\(context)[\(index)]") else { return nil }
                items.append(value)
            }
            return .list(items)
        case .mapping(let mapping):
            var entries: [String: ActionSetting] = [:]
            for (key, value) in mapping {
                guard let name = key.string else {
                    fail(key, "\(context): expected a key name")
                    return nil
                }
                if entries[name] != nil { fail(key, "\(context): key '\(name)' given twice") }
                guard let item = setting(value, "\(context).\(name)") else { return nil }
                entries[name] = item
            }
            return .mapping(entries)
        case .alias:
            fail(node, "\(context): YAML aliases are not supported here")
            return nil
        }
    }

    static func kind(of node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        case .scalar: node.null != nil ? "null" : "'\(node.string ?? "")'"
        }
    }

    static func describe(_ node: Node) -> String { kind(of: node) }
}
