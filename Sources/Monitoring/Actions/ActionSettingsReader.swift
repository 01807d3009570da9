/// Reads an adapter's typed settings out of its `with:` mapping, refusing unknown keys and
/// values of the wrong shape with the setting's path, so `driftwatch validate` names the exact
/// place before anything runs.
struct ActionSettingsReader {
    private let values: [String: ActionSetting]
    private let path: String

    init(_ values: [String: ActionSetting], known: [String], path: String = "with") throws(ActionSettingsError) {
        for key in values.keys.sorted() where !known.contains(key) {
            throw ActionSettingsError(
                "\(path).\(key)", "unknown setting for this adapter (known: \(known.joined(separator: ", ")))")
        }
        self.values = values
        self.path = path
    }

    func text(_ key: String) throws(ActionSettingsError) -> String? {
        guard let value = values[key] else { return nil }
        guard case .text(let text) = value else { throw ActionSettingsError("\(path).\(key)", "expected text, got \(value.kind)") }
        return text
    }

    func requiredText(_ key: String) throws(ActionSettingsError) -> String {
        guard let text = try text(key), !text.isEmpty else { throw ActionSettingsError("\(path).\(key)", "required") }
        return text
    }

    /// An `http://` or `https://` URL without a trailing slash.
    func url(_ key: String) throws(ActionSettingsError) -> String? {
        guard var text = try text(key) else { return nil }
        guard text.hasPrefix("http://") || text.hasPrefix("https://") else {
            throw ActionSettingsError("\(path).\(key)", "'\(text)' is not an http:// or https:// URL")
        }
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    func template(_ key: String) throws(ActionSettingsError) -> AlertTemplate? {
        try text(key).map { text throws(ActionSettingsError) in try Self.template(text, "\(path).\(key)") }
    }

    /// The template under `key`, else `fallback` parsed.
    func template(_ key: String, default fallback: String) throws(ActionSettingsError) -> AlertTemplate {
        try Self.template(try text(key) ?? fallback, "\(path).\(key)")
    }

    static func template(_ text: String, _ path: String) throws(ActionSettingsError) -> AlertTemplate {
        do {
            return try AlertTemplate(text, offering: .action)
        } catch {
            throw ActionSettingsError(path, "template: \(error)")
        }
    }

    func boolean(_ key: String) throws(ActionSettingsError) -> Bool? {
        guard let text = try text(key) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw ActionSettingsError("\(path).\(key)", "expected true or false, got '\(text)'")
        }
    }

    func duration(_ key: String) throws(ActionSettingsError) -> Double? {
        guard let text = try text(key) else { return nil }
        do {
            return Double(try PrometheusDuration.milliseconds(text, allowingZero: false)) / 1000
        } catch {
            throw ActionSettingsError("\(path).\(key)", "\(error)")
        }
    }

    /// A list of texts, each a template.
    func templateList(_ key: String) throws(ActionSettingsError) -> [AlertTemplate]? {
        guard let value = values[key] else { return nil }
        guard case .list(let items) = value else { throw ActionSettingsError("\(path).\(key)", "expected a list, got \(value.kind)") }
        var templates: [AlertTemplate] = []
        for (index, item) in items.enumerated() {
            guard case .text(let text) = item else {
                throw ActionSettingsError("\(path).\(key)[\(index)]", "expected text, got \(item.kind)")
            }
            templates.append(try Self.template(text, "\(path).\(key)[\(index)]"))
        }
        return templates
    }

    /// A mapping of names to templates, sorted by name.
    func templateMapping(_ key: String) throws(ActionSettingsError) -> [NamedTemplate]? {
        guard let value = values[key] else { return nil }
        guard case .mapping(let entries) = value else {
            throw ActionSettingsError("\(path).\(key)", "expected a mapping, got \(value.kind)")
        }
        var templates: [NamedTemplate] = []
        for (name, item) in entries.sorted(by: { $0.key < $1.key }) {
            guard case .text(let text) = item else {
                throw ActionSettingsError("\(path).\(key).\(name)", "expected text, got \(item.kind)")
            }
            templates.append(NamedTemplate(name: name, template: try Self.template(text, "\(path).\(key).\(name)")))
        }
        return templates
    }

    /// A secret's source, `{env: NAME}` or `{file: PATH}`; the secret itself is refused.
    func secret(_ key: String) throws(ActionSettingsError) -> SecretSource? {
        guard let value = values[key] else { return nil }
        return try Self.secret(value, "\(path).\(key)", extra: []).source
    }

    /// A secret source with optional extra text keys (a header's `prefix`).
    static func secret(_ value: ActionSetting, _ path: String, extra: [String]) throws(ActionSettingsError)
        -> (source: SecretSource, extra: [String: String])
    {
        guard case .mapping(let entries) = value else {
            throw ActionSettingsError(path, "secrets come from {env: NAME} or {file: PATH}, never written in the file")
        }
        let reader = try ActionSettingsReader(entries, known: ["env", "file"] + extra, path: path)
        let environment = try reader.text("env")
        let file = try reader.text("file")
        var extras: [String: String] = [:]
        for key in extra { extras[key] = try reader.text(key) }
        switch (environment, file) {
        case (let name?, nil) where !name.isEmpty: return (.environment(name), extras)
        case (nil, let file?) where !file.isEmpty: return (.file(file), extras)
        default: throw ActionSettingsError(path, "give exactly one of 'env' (a variable name) and 'file' (a path)")
        }
    }

    /// The raw mapping under `key`.
    func mapping(_ key: String) throws(ActionSettingsError) -> [String: ActionSetting]? {
        guard let value = values[key] else { return nil }
        guard case .mapping(let entries) = value else {
            throw ActionSettingsError("\(path).\(key)", "expected a mapping, got \(value.kind)")
        }
        return entries
    }
}
