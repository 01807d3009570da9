import Monitoring

/// The compact encoding of a prediction's features: one blob per event holding the values only,
/// in the order of a *layout* — the event's sorted feature names, stored once in the
/// `feature_layout` table and referenced by id from each row.
///
/// Why a blob and not one column per feature: a model's features are declared at run time and
/// change with its schema, so columns would mean a table (and `ALTER TABLE`s) per model; the
/// benchmark in the stack notes also measured one blob faster to insert than ten REAL columns.
/// Why this encoding and not JSON: names are not repeated in every row (25 names of 10 bytes
/// would double the row), a number costs 9 bytes and decodes without parsing text, and doubles
/// round-trip bit for bit.
///
/// Value encoding, one after another in layout order: `0` missing; `1` + 8-byte little-endian
/// double; `2` false; `3` true; `4` + varint length + UTF-8 string.
enum FeatureBlob {
    private static let missing: UInt8 = 0
    private static let number: UInt8 = 1
    private static let falseValue: UInt8 = 2
    private static let trueValue: UInt8 = 3
    private static let string: UInt8 = 4

    /// The canonical layout of a feature set: its names in ascending order.
    static func layout(of features: [String: FeatureValue]) -> [String] {
        features.keys.sorted()
    }

    /// Appends `features` in the order of `table`'s layout to `writer`; false when the event's
    /// names are not exactly the layout's (then `writer` holds a partial blob to discard).
    /// `slots` is scratch space reused across events, so encoding allocates nothing: the values
    /// are placed by iterating the dictionary (no per-name lookup in it), then written in order.
    static func encode(
        _ features: [String: FeatureValue], table: FeatureNameTable, slots: inout [FeatureValue],
        into writer: inout ByteWriter
    ) -> Bool {
        guard features.count == table.layout.count else { return false }
        if slots.count != features.count { slots = Array(repeating: .missing, count: features.count) }
        // Equal counts and distinct keys: every position is filled exactly once when all are found.
        for (name, value) in features {
            guard let position = table.position(of: name) else { return false }
            slots[position] = value
        }
        for value in slots {
            switch value {
            case .missing: writer.bytes.append(missing)
            case .number(let number):
                writer.bytes.append(Self.number)
                writer.double(number)
            case .bool(let flag): writer.bytes.append(flag ? trueValue : falseValue)
            case .string(let text):
                writer.bytes.append(string)
                writer.string(text)
            }
        }
        return true
    }

    /// Decodes a blob written with `layout`; nil when it does not match the layout.
    static func decode(_ bytes: [UInt8], layout: [String]) -> [String: FeatureValue]? {
        var reader = ByteReader(bytes)
        var features: [String: FeatureValue] = [:]
        features.reserveCapacity(layout.count)
        for name in layout {
            switch reader.byte() {
            case missing: features[name] = .missing
            case number:
                guard let value = reader.double() else { return nil }
                features[name] = .number(value)
            case falseValue: features[name] = .bool(false)
            case trueValue: features[name] = .bool(true)
            case string:
                guard let text = reader.string() else { return nil }
                features[name] = .string(text)
            default: return nil
            }
        }
        return reader.isAtEnd ? features : nil
    }

    /// A layout's stored form: varint count, then each name length-prefixed.
    static func encodeLayout(_ names: [String]) -> [UInt8] {
        var writer = ByteWriter()
        writer.varint(UInt64(names.count))
        for name in names { writer.string(name) }
        return writer.bytes
    }

    static func decodeLayout(_ bytes: [UInt8]) -> [String]? {
        var reader = ByteReader(bytes)
        guard let count = reader.varint(), count <= UInt64(bytes.count) else { return nil }
        var names: [String] = []
        names.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let name = reader.string() else { return nil }
            names.append(name)
        }
        return reader.isAtEnd ? names : nil
    }
}
