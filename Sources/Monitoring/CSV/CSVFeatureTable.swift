/// A CSV body typed against a model schema, column by column: the reference data of
/// `PUT /v1/models/{model}/baselines/{name}` and of `driftwatch check` / `baseline create`.
///
/// Columns are matched to the schema by exact header name:
/// - every declared feature must be a column, else the body is refused (`CSVError.missingColumns`);
/// - `prediction` (typed by the schema's prediction spec), `id` and `timestamp` are optional and
///   recognised by those names, unless the schema declares a feature of that name, which wins;
/// - any other column is listed in `ignoredColumns`, not fatal.
///
/// Cells follow `CSVCell`'s rules: numeric features take finite, correctly rounded numbers with
/// the empty cell, `NA`, `NaN` and `null` (any case) as missing; boolean features take
/// `true/false/1/0/yes/no` (any case) with the same missing markers; categorical features keep the
/// text verbatim, missing only when empty. `prediction`: a number (score, regression), one of the
/// classes (class), or a JSON object of class probabilities (probabilities, held to the batch
/// decoder's rules); an empty prediction cell is refused, as an event without a prediction is.
/// `id`: the text, or `row-<line>` when empty. `timestamp`: RFC 3339 or epoch seconds (years
/// 0000–9999), empty meaning absent.
///
/// A bad cell rejects its row in the batch decoder's style, naming the first bad cell in header
/// order (`{line: 7, error: "feature 'amount': expected number, got 'abc'"}`); every valid row is
/// kept. Rows the reader already rejected (wrong field count, invalid UTF-8) are included in
/// `rejected`, which is sorted by line.
public struct CSVFeatureTable: Sendable, Equatable {
    public let schema: ModelSchema
    /// Declared feature name → one value per accepted row.
    public var features: [String: [FeatureValue]]
    /// The physical line (1-based) where each accepted row starts.
    public var lines: [Int]
    /// Per accepted row, when the body has an `id` column: the id, `row-<line>` for an empty cell.
    public var ids: [String]?
    /// Per accepted row, when the body has a `timestamp` column: epoch seconds, nil when empty.
    public var timestamps: [Double?]?
    /// Per accepted row, when the body has a `prediction` column.
    public var predictions: [PredictionValue]?
    /// Rejected rows, sorted by line.
    public var rejected: [BatchRejection]
    /// Header names that are neither features nor recognised columns, in header order.
    public var ignoredColumns: [String]
    /// The physical line of the header row.
    public var headerLine: Int

    /// The number of accepted rows.
    public var rowCount: Int { lines.count }

    public static let idColumn = "id"
    public static let timestampColumn = "timestamp"
    public static let predictionColumn = "prediction"

    /// Reads and types a CSV body. Throws only when the body cannot be framed (`CSVReader`) or
    /// lacks a declared feature's column.
    public init(csv body: [UInt8], schema: ModelSchema, delimiter: CSVDelimiter = .comma) throws(CSVError) {
        try self.init(table: CSVReader(delimiter: delimiter).read(body), schema: schema)
    }

    /// Types a table already read.
    public init(table: CSVTable, schema: ModelSchema) throws(CSVError) {
        self.schema = schema
        headerLine = table.headerLine
        let header = table.header
        let present = Set(header)
        let missing = schema.features.map(\.name).filter { !present.contains($0) }
        if !missing.isEmpty {
            throw .missingColumns(line: table.headerLine, names: missing, hint: Self.hint(missing: missing, header: header))
        }
        var types: [String: FeatureType] = [:]
        for feature in schema.features { types[feature.name] = feature.type }

        let rows = table.rowCount
        var errors: [Int: String] = [:]
        var features: [String: [FeatureValue]] = [:]
        var ids: [String]?
        var timestamps: [Double?]?
        var predictions: [PredictionValue]?
        var ignored: [String] = []
        for column in table.columns {
            if let type = types[column.name] {
                features[column.name] = Self.convert(column, type: type, lines: table.lines, errors: &errors)
            } else if column.name == Self.idColumn {
                var values: [String] = []
                values.reserveCapacity(rows)
                column.forEachCell { row, cell in
                    values.append(cell.isEmpty ? "row-\(table.lines[row])" : String(decoding: cell, as: UTF8.self))
                }
                ids = values
            } else if column.name == Self.timestampColumn {
                timestamps = Self.convertTimestamps(column, errors: &errors)
            } else if column.name == Self.predictionColumn {
                predictions = Self.convertPredictions(column, spec: schema.prediction, errors: &errors)
            } else {
                ignored.append(column.name)
            }
        }

        var lines = table.lines
        var rejected = table.rejected
        if !errors.isEmpty {
            var keep = [Bool](repeating: true, count: rows)
            for (row, message) in errors {
                keep[row] = false
                rejected.append(BatchRejection(line: table.lines[row], error: message))
            }
            rejected.sort { $0.line < $1.line }
            func kept<Value>(_ values: [Value]) -> [Value] {
                var result: [Value] = []
                result.reserveCapacity(rows - errors.count)
                for row in 0..<values.count where keep[row] { result.append(values[row]) }
                return result
            }
            for name in features.keys { features[name] = kept(features[name] ?? []) }
            lines = kept(lines)
            ids = ids.map(kept)
            timestamps = timestamps.map(kept)
            predictions = predictions.map(kept)
        }
        self.features = features
        self.lines = lines
        self.ids = ids
        self.timestamps = timestamps
        self.predictions = predictions
        self.rejected = rejected
        ignoredColumns = ignored
    }

    /// The accepted rows as prediction events, in row order: id from the `id` column or
    /// `row-<line>`, timestamp from the `timestamp` column or nil, every declared feature.
    /// Throws when the body has no `prediction` column, since an event needs one.
    public func predictionEvents() throws(CSVError) -> [PredictionEvent] {
        guard let predictions else { throw .missingPredictionColumn(line: headerLine) }
        let names = schema.features.map(\.name)
        let columns = names.map { features[$0] ?? [] }
        var events: [PredictionEvent] = []
        events.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            var values = [String: FeatureValue](minimumCapacity: names.count)
            for (index, name) in names.enumerated() { values[name] = columns[index][row] }
            events.append(PredictionEvent(
                id: ids?[row] ?? "row-\(lines[row])", timestamp: timestamps?[row] ?? nil, features: values,
                prediction: predictions[row]))
        }
        return events
    }

    private static func convert(
        _ column: CSVColumn, type: FeatureType, lines: [Int], errors: inout [Int: String]
    ) -> [FeatureValue] {
        var values: [FeatureValue] = []
        values.reserveCapacity(column.count)
        let field = "feature '\(column.name)'"
        func reject(_ row: Int, _ message: @autoclosure () -> String) {
            if errors[row] == nil { errors[row] = message() }
        }
        switch type {
        case .numeric:
            column.forEachCell { row, cell in
                switch CSVCell.number(cell) {
                case let .value(number): values.append(.number(number))
                case .missing: values.append(.missing)
                case .outOfRange:
                    reject(row, "\(field): number \(CSVCell.shown(CSVCell.trimmed(cell))) is out of range")
                    values.append(.missing)
                case .invalid:
                    reject(row, "\(field): expected number, got \(CSVCell.quoted(cell))")
                    values.append(.missing)
                }
            }
        case .boolean:
            column.forEachCell { row, cell in
                switch CSVCell.boolean(cell) {
                case let .value(flag): values.append(.bool(flag))
                case .missing: values.append(.missing)
                case .invalid:
                    reject(row, "\(field): expected boolean, got \(CSVCell.quoted(cell))")
                    values.append(.missing)
                }
            }
        case .categorical:
            column.forEachCell { _, cell in
                values.append(cell.isEmpty ? .missing : .string(String(decoding: cell, as: UTF8.self)))
            }
        }
        return values
    }

    private static func convertTimestamps(_ column: CSVColumn, errors: inout [Int: String]) -> [Double?] {
        var values: [Double?] = []
        values.reserveCapacity(column.count)
        column.forEachCell { row, cell in
            let text = CSVCell.trimmed(cell)
            var value: Double?
            var message: String?
            if text.isEmpty {
                value = nil
            } else if case let .value(seconds) = CSVCell.number(text) {
                if EventFields.epochRange.contains(seconds) {
                    value = seconds
                } else {
                    message = "timestamp: \(String(decoding: text, as: UTF8.self)) is not epoch seconds within years"
                        + " 0000-9999 (milliseconds sent as seconds?)"
                }
            } else {
                do throws(TimestampError) {
                    value = try RFC3339Timestamp.epochSeconds(text)
                } catch {
                    message = "timestamp: \(error)"
                }
            }
            if let message, errors[row] == nil { errors[row] = message }
            values.append(value)
        }
        return values
    }

    private static func convertPredictions(
        _ column: CSVColumn, spec: PredictionSpec, errors: inout [Int: String]
    ) -> [PredictionValue] {
        var values: [PredictionValue] = []
        values.reserveCapacity(column.count)
        let classes = Set(spec.classes ?? [])
        column.forEachCell { row, cell in
            let value: PredictionValue
            do throws(EventFieldError) {
                value = try prediction(cell, spec: spec, classes: classes)
            } catch {
                if errors[row] == nil { errors[row] = error.message }
                value = .number(0)
            }
            values.append(value)
        }
        return values
    }

    private static func prediction(
        _ cell: UnsafeBufferPointer<UInt8>, spec: PredictionSpec, classes: Set<String>
    ) throws(EventFieldError) -> PredictionValue {
        if cell.isEmpty { throw EventFieldError("prediction: required, got an empty cell") }
        switch spec.type {
        case .score, .regression:
            switch CSVCell.number(cell) {
            case let .value(number): return .number(number)
            case .outOfRange:
                throw EventFieldError("prediction: number \(CSVCell.shown(CSVCell.trimmed(cell))) is out of range")
            case .missing, .invalid:
                throw EventFieldError("prediction: expected number, got \(CSVCell.quoted(cell))")
            }
        case .class:
            let name = String(decoding: cell, as: UTF8.self)
            guard classes.contains(name) else {
                throw EventFieldError("prediction: class '\(name)' is not among the model's classes")
            }
            return .label(name)
        case .probabilities:
            var reader = JSONReader(bytes: cell, range: 0..<cell.count)
            let document: JSONValue
            do throws(JSONSyntaxError) {
                document = try reader.parseDocument()
            } catch {
                throw EventFieldError("prediction: expected a JSON object of class probabilities, got \(CSVCell.quoted(cell))")
            }
            guard case let .object(members) = document else {
                throw EventFieldError("prediction: expected a JSON object of class probabilities, got \(CSVCell.quoted(cell))")
            }
            return try EventBatchDecoder.probabilities(members, classes: classes, reader: reader)
        }
    }

    /// A likely cause of missing columns: a header entry with spaces around the name, or a body
    /// split with another delimiter.
    private static func hint(missing: [String], header: [String]) -> String? {
        for name in missing {
            if let near = header.first(where: { $0.trimmingSpaces == name }) {
                return "the header has '\(near)', with spaces around the name"
            }
        }
        if header.count == 1 {
            for candidate in CSVDelimiter.allCases where header[0].utf8.contains(candidate.rawValue) {
                return "the header is one column; is the delimiter \(candidate.spelled)?"
            }
        }
        return nil
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(self.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
