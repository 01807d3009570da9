/// Spells a decoding position the way users read it in error messages: `features[3].name`.
enum FieldPath {
    static func text(_ codingPath: [any CodingKey], _ last: String? = nil) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                if !text.isEmpty { text += "." }
                text += key.stringValue
            }
        }
        if let last {
            if !text.isEmpty { text += "." }
            text += last
        }
        return text
    }
}

/// A coding key for any name, so decoders can list every key present and reject unknown ones.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedDecodingContainer where Key == AnyCodingKey {
    /// Throws `unknownKey` for the first key not in `allowed`, so a mistyped key is never ignored.
    func rejectUnknownKeys(allowed: Set<String>) throws(ModelSchemaError) {
        for key in allKeys.sorted(by: { $0.stringValue < $1.stringValue }) where !allowed.contains(key.stringValue) {
            throw .unknownKey(field: FieldPath.text(codingPath, key.stringValue))
        }
    }

    /// A required string field; missing or non-string values are errors naming the field.
    func requiredString(_ name: String) throws(ModelSchemaError) -> String {
        let key = AnyCodingKey(name)
        guard contains(key) else { throw .missingField(field: FieldPath.text(codingPath, name)) }
        guard let value = try? decode(String.self, forKey: key) else {
            throw .wrongType(field: FieldPath.text(codingPath, name), expected: "a string")
        }
        return value
    }
}
