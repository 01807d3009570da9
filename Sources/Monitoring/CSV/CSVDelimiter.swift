/// The byte that separates fields in a CSV body. RFC 4180 uses the comma; the semicolon is what
/// spreadsheets write in locales whose decimal separator is a comma, and the tab makes TSV.
public enum CSVDelimiter: UInt8, Sendable, Equatable, Hashable, CaseIterable {
    case comma = 0x2C
    case semicolon = 0x3B
    case tab = 0x09

    /// How messages name the delimiter.
    var spelled: String {
        switch self {
        case .comma: return "','"
        case .semicolon: return "';'"
        case .tab: return "tab"
        }
    }
}
