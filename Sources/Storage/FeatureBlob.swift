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

    /// The layout of an event's feature names (distinct, as `PredictionEvent` keeps them): the
    /// names in ascending order, with `order[k]` the position in `names` of the layout's `k`-th name.
    static func layout(of names: [String]) -> (layout: [String], order: [Int]) {
        let order = names.indices.sorted { names[$0] < names[$1] }
        return (order.map { names[$0] }, order)
    }

    /// Appends `values` (an event's `featureValues`) in the order of its layout, `order` from
    /// `layout(of:)` for the event's names. Reads by position, so no name is hashed per event.
    static func encode(_ values: [FeatureValue], order: [Int], into writer: inout ByteWriter) {
        for position in order {
            switch values[position] {
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
