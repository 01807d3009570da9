/// An NDJSON body read into typed feature columns without a schema, the NDJSON counterpart of a
/// CSV read with `CSVSchemaInference` and `CSVFeatureTable`: the input of `driftwatch check`.
///
/// Two layouts, chosen by the first line that holds a JSON object:
/// - **prediction events** (design.md), when that object has a `features` key: every line's
///   `features` object holds the features; the other top-level keys (`id`, `timestamp`,
///   `prediction`, …) are not features and are not validated (the check compares inputs only);
///   a line without a `features` object is rejected;
/// - **flat records** otherwise (`pandas.DataFrame.to_json(orient="records", lines=True)`): every
///   top-level key is a feature except the `excluded` ones (`id`, `timestamp`, `prediction` by
///   default).
///
/// Types are inferred per feature over the whole body from its non-null values: numeric when
/// every one is a JSON number, boolean when every one is `true`/`false`, categorical otherwise
/// (a feature with no non-null value is categorical, as in `CSVSchemaInference`). A categorical
/// feature keeps strings verbatim and numbers as their literal text (`7` and `7.0` differ), as
/// the batch decoder does. `null` and an absent key are missing.
///
/// A caller comparing two files can impose types instead (`declared`): the reference's types on the
/// current file, so a stray string among numbers rejects its line instead of turning the whole
/// feature categorical. `valueKinds` tells which JSON kinds each feature held, to decide whether
/// a declared type fits at all.
///
/// A bad line is rejected alone with its 1-based line number, in the batch decoder's words
/// (`malformed JSON: … (column 12)`, `expected a JSON object, got array`,
/// `feature 'amount': number 1e400 is out of range`, `feature 'country': expected string, got
/// boolean` for a boolean, array or object among a categorical feature's values); every other
/// line is kept. Blank lines are skipped but counted, so line numbers match the user's editor.
public struct NDJSONFeatureTable: Sendable, Equatable {
    /// Where a line's features are.
    public enum Layout: String, Sendable, Equatable {
        case predictionEvents = "prediction-events"
        case flatRecords = "records"
    }

    /// The layout of the body; `nil` when no line holds a JSON object.
    public var layout: Layout?
    /// The inferred features, in order of first appearance.
    public var features: [FeatureSpec]
    /// Feature name → one value per accepted line.
    public var values: [String: [FeatureValue]]
    /// The 1-based line of each accepted record.
    public var lines: [Int]
    /// Rejected lines, sorted by line.
    public var rejected: [BatchRejection]

    /// The JSON kinds among each feature's non-null values, over every parsed record.
    public var valueKinds: [String: ValueKinds]

    /// Which JSON kinds a feature's values took.
    public struct ValueKinds: OptionSet, Sendable, Equatable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let number = ValueKinds(rawValue: 1)
        public static let boolean = ValueKinds(rawValue: 2)
        public static let string = ValueKinds(rawValue: 4)
        /// Arrays and objects.
        public static let structured = ValueKinds(rawValue: 8)

        /// Whether at least one value converts to `type` (numbers for numeric, booleans for
        /// boolean, strings or numbers for categorical).
        public func fits(_ type: FeatureType) -> Bool {
            switch type {
            case .numeric: return contains(.number)
            case .boolean: return contains(.boolean)
            case .categorical: return !isDisjoint(with: [.string, .number])
            }
        }

        /// The type inferred from these kinds (the rule on `NDJSONFeatureTable`).
        public var inferredType: FeatureType {
            if self == .number { return .numeric }
            if self == .boolean { return .boolean }
            return .categorical
        }
    }

    /// The number of accepted records.
    public var rowCount: Int { lines.count }

    /// Keys of a flat record that are never features: they identify, time or answer a row.
    public static let defaultExcludedKeys: Set<String> = ["id", "timestamp", "prediction"]

    /// Reads a body; features named in `declared` take that type instead of the inferred one.
    public init(
        ndjson body: [UInt8], excluding excluded: Set<String> = defaultExcludedKeys, declared: [String: FeatureType] = [:]
    ) {
        self = body.withUnsafeBufferPointer { bytes in Self.read(bytes, excluding: excluded, declared: declared) }
    }

    private struct Record {
        var line: Int
        var members: [JSONMember]
    }

    private static func read(
        _ bytes: UnsafeBufferPointer<UInt8>, excluding excluded: Set<String>, declared: [String: FeatureType]
    ) -> NDJSONFeatureTable {
        var layout: Layout?
        var records: [Record] = []
        var rejected: [BatchRejection] = []
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var line = 0
        while start < bytes.count {
            line += 1
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var reader = JSONReader(bytes: bytes, range: start..<end)
            reader.skipWhitespace()
            if !reader.isAtEnd {
                do throws(JSONSyntaxError) {
                    let value = try reader.parseDocument()
                    if case let .object(members) = value {
                        let chosen = layout ?? (members.contains { $0.key == "features" } ? .predictionEvents : .flatRecords)
                        layout = chosen
                        switch features(of: members, layout: chosen, excluding: excluded) {
                        case let .success(found): records.append(Record(line: line, members: found))
                        case let .failure(error): rejected.append(BatchRejection(line: line, error: error.message))
                        }
                    } else {
                        rejected.append(BatchRejection(line: line, error: "expected a JSON object, got \(value.kindName)"))
                    }
                } catch {
                    rejected.append(BatchRejection(
                        line: line, error: "malformed JSON: \(error.message) (column \(error.offset - start + 1))"))
                }
            }
            start = end + 1
        }

        var order: [String] = []
        var kinds: [String: ValueKinds] = [:]
        for record in records {
            for member in record.members {
                if kinds[member.key] == nil {
                    order.append(member.key)
                    kinds[member.key] = []
                }
                switch member.value {
                case .null: break
                case .number: kinds[member.key]?.insert(.number)
                case .bool: kinds[member.key]?.insert(.boolean)
                case .string: kinds[member.key]?.insert(.string)
                case .array, .object: kinds[member.key]?.insert(.structured)
                }
            }
        }
        let specs = order.map { name in
            FeatureSpec(name: name, type: declared[name] ?? kinds[name]?.inferredType ?? .categorical)
        }

        // Number literals are read back from the body; any reader over it can show them.
        let reader = JSONReader(bytes: bytes, range: 0..<bytes.count)
        var errors: [Int: String] = [:]
        let indexOfFeature = Dictionary(uniqueKeysWithValues: specs.enumerated().map { ($1.name, $0) })
        var columns = specs.map { _ in [FeatureValue](repeating: .missing, count: records.count) }
        for (row, record) in records.enumerated() {
            for member in record.members {
                guard let index = indexOfFeature[member.key] else { continue }
                let spec = specs[index]
                switch convert(member.value, type: spec.type, name: spec.name, reader: reader) {
                case let .success(value): columns[index][row] = value
                case let .failure(error): if errors[row] == nil { errors[row] = error.message }
                }
            }
        }

        var lines = records.map(\.line)
        if !errors.isEmpty {
            let keep = records.indices.map { errors[$0] == nil }
            for (row, message) in errors { rejected.append(BatchRejection(line: records[row].line, error: message)) }
            lines = records.indices.filter { keep[$0] }.map { records[$0].line }
            columns = columns.map { column in column.indices.filter { keep[$0] }.map { column[$0] } }
        }
        rejected.sort { $0.line < $1.line }
        let values = Dictionary(uniqueKeysWithValues: zip(specs.map(\.name), columns))
        return NDJSONFeatureTable(
            layout: layout, features: specs, values: values, lines: lines, rejected: rejected, valueKinds: kinds)
    }

    private init(
        layout: Layout?, features: [FeatureSpec], values: [String: [FeatureValue]], lines: [Int], rejected: [BatchRejection],
        valueKinds: [String: ValueKinds]
    ) {
        self.layout = layout
        self.features = features
        self.values = values
        self.lines = lines
        self.rejected = rejected
        self.valueKinds = valueKinds
    }

    /// The feature members of one object, or why the line is rejected.
    private static func features(
        of members: [JSONMember], layout: Layout, excluding excluded: Set<String>
    ) -> Result<[JSONMember], EventFieldError> {
        let found: [JSONMember]
        switch layout {
        case .predictionEvents:
            let candidates = members.filter { $0.key == "features" }
            if candidates.count > 1 { return .failure(EventFields.duplicate("features")) }
            guard let features = candidates.first else { return .failure(EventFieldError("features: required")) }
            guard case let .object(inner) = features.value else {
                return .failure(.expected("features", "object", got: features.value))
            }
            found = inner
        case .flatRecords:
            found = members.filter { !excluded.contains($0.key) }
        }
        var seen: Set<String> = []
        for member in found where !seen.insert(member.key).inserted {
            return .failure(EventFields.duplicate("feature '\(member.key)'"))
        }
        return .success(found)
    }

    private static func convert(
        _ value: JSONValue, type: FeatureType, name: String, reader: JSONReader
    ) -> Result<FeatureValue, EventFieldError> {
        let field = "feature '\(name)'"
        switch (type, value) {
        case (_, .null):
            return .success(.missing)
        case let (.numeric, .number(number)):
            guard number.value.isFinite else {
                return .failure(EventFieldError("\(field): number \(reader.text(of: number)) is out of range"))
            }
            return .success(.number(number.value))
        case let (.boolean, .bool(flag)):
            return .success(.bool(flag))
        case let (.categorical, .string(text)):
            return .success(.string(text))
        case let (.categorical, .number(number)):
            return .success(.string(reader.text(of: number)))
        case (.numeric, _):
            return .failure(.expected(field, "number", got: value))
        case (.boolean, _):
            return .failure(.expected(field, "boolean", got: value))
        case (.categorical, _):
            return .failure(.expected(field, "string", got: value))
        }
    }
}
