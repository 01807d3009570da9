import Monitoring

/// One input file of `driftwatch check`, read and typed: its features (inferred from the file
/// alone), one value per accepted row, and the rows it had to reject.
struct SampleFile: Sendable {
    enum Format: String, Sendable {
        case csv
        case tsv
        case ndjson
    }

    var path: String
    var format: Format
    /// `prediction-events` or `records` for NDJSON; nil for CSV.
    var layout: String?
    var features: [FeatureSpec]
    var values: [String: [FeatureValue]]
    var rowCount: Int
    var rejected: [BatchRejection]
    /// Features whose declared type (the reference's) fits none of this file's values, with the
    /// type this file's own values support; they are typed by the latter and not compared.
    var mismatched: [String: FeatureType] = [:]

    /// Columns that identify, time or answer a row, never compared.
    static let excludedColumns: Set<String> = ["id", "timestamp", "prediction"]

    /// The format a path's extension names: `.csv`, `.tsv`, `.ndjson` or `.jsonl`.
    static func format(of path: String) throws(InputError) -> Format {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else {
            throw InputError("\(path): unknown file type (expected a .csv, .tsv, .ndjson or .jsonl file)")
        }
        switch name[name.index(after: dot)...].lowercased() {
        case "csv": return .csv
        case "tsv", "tab": return .tsv
        case "ndjson", "jsonl": return .ndjson
        default: throw InputError("\(path): unknown file type (expected a .csv, .tsv, .ndjson or .jsonl file)")
        }
    }

    /// Reads and types a file. Types are inferred from the file, except that a feature named in
    /// `declared` (the reference's types, when reading the current file) takes the declared type
    /// whenever at least one of its values fits it: a stray bad cell then rejects its row instead
    /// of changing the feature's type. Throws when the file cannot be read, cannot be framed (a
    /// CSV header problem, an unclosed quote), is empty, holds no feature, or has no valid row.
    static func load(_ path: String, declared: [String: FeatureType] = [:]) throws(InputError) -> SampleFile {
        let format = try format(of: path)
        let body = try FileAccess.read(path)
        let sample: SampleFile
        switch format {
        case .csv, .tsv:
            sample = try loadCSV(body, path: path, format: format, declared: declared)
        case .ndjson:
            sample = try loadNDJSON(body, path: path, declared: declared)
        }
        if sample.rowCount == 0 {
            let detail = sample.rejected.first.map { ": every row was rejected; line \($0.line): \($0.error)" } ?? ": no data rows"
            throw InputError("\(path)\(detail)")
        }
        return sample
    }

    private static func loadCSV(
        _ body: [UInt8], path: String, format: Format, declared: [String: FeatureType]
    ) throws(InputError) -> SampleFile {
        let table: CSVTable
        do {
            table = try CSVReader(delimiter: format == .tsv ? .tab : .comma).read(body)
        } catch {
            throw InputError("\(path): \(error)")
        }
        var featureTable = table
        featureTable.columns = table.columns.filter { !excludedColumns.contains($0.name) }
        var features = CSVSchemaInference.features(of: featureTable, excluding: [])
        if features.isEmpty {
            throw InputError("\(path): line \(table.headerLine): no feature columns (only id, timestamp or prediction)")
        }
        var mismatched: [String: FeatureType] = [:]
        for index in features.indices {
            guard let wanted = declared[features[index].name], wanted != features[index].type else { continue }
            if csvColumn(features[index].name, of: featureTable, fits: wanted) {
                features[index].type = wanted
            } else {
                mismatched[features[index].name] = features[index].type
            }
        }
        let typed: CSVFeatureTable
        do {
            let schema = try ModelSchema(features: features, prediction: PredictionSpec(type: .score))
            typed = try CSVFeatureTable(table: featureTable, schema: schema)
        } catch {
            throw InputError("\(path): line \(table.headerLine): \(error)")
        }
        return SampleFile(
            path: path, format: format, layout: nil, features: features, values: typed.features,
            rowCount: typed.rowCount, rejected: typed.rejected, mismatched: mismatched)
    }

    /// Whether a CSV column can be typed as `type`: some cell converts, or none is refused
    /// (every cell missing).
    private static func csvColumn(_ name: String, of table: CSVTable, fits type: FeatureType) -> Bool {
        var single = table
        single.columns = table.columns.filter { $0.name == name }
        guard let schema = try? ModelSchema(features: [FeatureSpec(name: name, type: type)], prediction: PredictionSpec(type: .score)),
            let typed = try? CSVFeatureTable(table: single, schema: schema)
        else { return false }
        return typed.rejected.count == table.rejected.count || (typed.features[name] ?? []).contains { $0 != .missing }
    }

    private static func loadNDJSON(_ body: [UInt8], path: String, declared: [String: FeatureType]) throws(InputError) -> SampleFile {
        let inferred = NDJSONFeatureTable(ndjson: body, excluding: excludedColumns)
        var imposed: [String: FeatureType] = [:]
        var mismatched: [String: FeatureType] = [:]
        for feature in inferred.features {
            guard let wanted = declared[feature.name], wanted != feature.type else { continue }
            let kinds = inferred.valueKinds[feature.name] ?? []
            if kinds.isEmpty || kinds.fits(wanted) {
                imposed[feature.name] = wanted
            } else {
                mismatched[feature.name] = feature.type
            }
        }
        let table = imposed.isEmpty ? inferred : NDJSONFeatureTable(ndjson: body, excluding: excludedColumns, declared: imposed)
        guard let layout = table.layout else {
            if let first = table.rejected.first { throw InputError("\(path): line \(first.line): \(first.error)") }
            throw InputError("\(path): line 1: no records (the file is empty)")
        }
        if table.features.isEmpty {
            throw InputError("\(path): no features in any record (only id, timestamp or prediction)")
        }
        return SampleFile(
            path: path, format: .ndjson, layout: layout.rawValue, features: table.features, values: table.values,
            rowCount: table.rowCount, rejected: table.rejected, mismatched: mismatched)
    }
}
