/// One setting's value as text, with where it came from so that an error can point there.
public struct SettingValue: Sendable, Equatable {
    public var text: String
    /// `--retention`, `DRIFTWATCH_RETENTION` or `driftwatch.yaml:4: retention`.
    public var origin: String

    public init(text: String, origin: String) {
        self.text = text
        self.origin = origin
    }
}

/// The settings given by one source (flags, environment or config file).
public struct SettingsLayer: Sendable, Equatable {
    public var values: [SettingKey: SettingValue]

    public init(values: [SettingKey: SettingValue] = [:]) {
        self.values = values
    }

    /// The flags given on the command line; nil values are flags not given.
    public init(flags: [SettingKey: String?]) {
        var values: [SettingKey: SettingValue] = [:]
        for (key, text) in flags {
            if let text { values[key] = SettingValue(text: text, origin: key.flag) }
        }
        self.init(values: values)
    }

    /// The `DRIFTWATCH_*` variables of `environment`; other variables are ignored.
    public init(environment: [String: String]) {
        var values: [SettingKey: SettingValue] = [:]
        for key in SettingKey.allCases {
            if let text = environment[key.environmentVariable] {
                values[key] = SettingValue(text: text, origin: key.environmentVariable)
            }
        }
        self.init(values: values)
    }

    public subscript(key: SettingKey) -> SettingValue? { values[key] }
}
