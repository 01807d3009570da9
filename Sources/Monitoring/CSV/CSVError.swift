/// Why a CSV body as a whole was refused (the CLI exits 2, the HTTP layer answers 400). Rows that
/// are merely bad never come here: they are rejected one by one (`BatchRejection`) and the valid
/// rows kept. Every case names the 1-based physical line it concerns; the caller adds the file.
public enum CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The body holds no header row (empty, or only blank lines).
    case missingHeader
    /// A header name is empty; `position` is the 1-based column number.
    case emptyColumnName(line: Int, position: Int)
    /// A header name repeats an earlier one (exact comparison); positions are 1-based.
    case duplicateColumnName(line: Int, name: String, position: Int, firstPosition: Int)
    /// The header row cannot be read: invalid UTF-8, or text after a closing quote.
    case malformedHeader(line: Int, reason: String)
    /// A quoted field opened on `line` never closes, so the rest of the body cannot be framed.
    case unterminatedQuote(line: Int, column: String)
    /// Columns the schema declares that the header lacks. `hint` names a header entry that
    /// matches once surrounding spaces are removed, or suggests another delimiter.
    case missingColumns(line: Int, names: [String], hint: String?)
    /// Prediction events were asked for but the header has no `prediction` column.
    case missingPredictionColumn(line: Int)

    /// The physical line the error concerns.
    public var line: Int {
        switch self {
        case .missingHeader: return 1
        case let .emptyColumnName(line, _), let .duplicateColumnName(line, _, _, _), let .malformedHeader(line, _),
            let .unterminatedQuote(line, _), let .missingColumns(line, _, _), let .missingPredictionColumn(line):
            return line
        }
    }

    public var description: String {
        switch self {
        case .missingHeader:
            return "line 1: no header row (the body is empty)"
        case let .emptyColumnName(line, position):
            return "line \(line): column \(position) of the header has an empty name"
        case let .duplicateColumnName(line, name, position, firstPosition):
            return "line \(line): column \(position) of the header repeats the name '\(name)' of column \(firstPosition)"
        case let .malformedHeader(line, reason):
            return "line \(line): malformed header: \(reason)"
        case let .unterminatedQuote(line, column):
            return "line \(line): column '\(column)': quoted field is never closed"
        case let .missingColumns(line, names, hint):
            let list = names.map { "'\($0)'" }.joined(separator: ", ")
            let noun = names.count == 1 ? "column" : "columns"
            return "line \(line): missing \(noun) \(list) declared by the schema" + (hint.map { " (\($0))" } ?? "")
        case let .missingPredictionColumn(line):
            return "line \(line): no 'prediction' column, which prediction events need"
        }
    }
}
