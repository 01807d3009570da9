/// The escapes of the two text formats. Everything else, including tabs, carriage returns, NUL and
/// any Unicode, is written as raw UTF-8: both formats allow it inside quoted values and help text.
enum ExpositionEscaping {
    /// Label values (0.0.4 and OpenMetrics): `\` → `\\`, `"` → `\"`, line feed → `\n`.
    static func labelValue(_ text: String) -> String {
        escape(text, quote: true)
    }

    /// `# HELP` text. 0.0.4 escapes `\` and line feed only (a `\"` there would read back as two
    /// characters); OpenMetrics escapes the double quote as well.
    static func help(_ text: String, openMetrics: Bool) -> String {
        escape(text, quote: openMetrics)
    }

    private static func escape(_ text: String, quote: Bool) -> String {
        let needsEscape = text.utf8.contains { byte in
            byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\n") || (quote && byte == UInt8(ascii: "\""))
        }
        guard needsEscape else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\"") where quote: out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
