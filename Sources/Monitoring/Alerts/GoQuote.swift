/// Go's `strconv` quoting: `Quote`, `QuoteToASCII`, `QuoteRune`, `CanBackquote` and `IsPrint`,
/// which `printf`'s `%q` and `%#U` use, and which Go's error texts use for the strings they name
/// (`parsing "abc": invalid syntax`).
enum GoQuote {
    /// `"…"` with Go escapes: `\"`, `\\`, `\a \b \f \n \r \t \v`, `\xHH` for other C0 controls
    /// and DEL, `\uHHHH`/`\UHHHHHHHH` for other unprintable scalars (and, with `asciiOnly`, for
    /// every non-ASCII one).
    static func quote(_ text: String, asciiOnly: Bool = false) -> String {
        var out = "\""
        for scalar in text.unicodeScalars { appendEscaped(scalar, quote: "\"", asciiOnly: asciiOnly, to: &out) }
        return out + "\""
    }

    /// `'x'` with the same escapes, `\'` for the quote itself.
    static func quoteRune(_ scalar: Unicode.Scalar, asciiOnly: Bool = false) -> String {
        var out = "'"
        appendEscaped(scalar, quote: "'", asciiOnly: asciiOnly, to: &out)
        return out + "'"
    }

    /// Whether the text can be written as a raw string: no backquote, no control character
    /// other than tab, no DEL and no byte order mark.
    static func canBackquote(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            if scalar == "`" || scalar == "\u{7F}" || scalar == "\u{FEFF}" { return false }
            return scalar.value >= 0x20 || scalar == "\t"
        }
    }

    /// Go's printable: letters, marks, numbers, punctuation, symbols and the ASCII space.
    static func isPrint(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    private static func appendEscaped(_ scalar: Unicode.Scalar, quote: Unicode.Scalar, asciiOnly: Bool, to out: inout String) {
        if scalar == quote || scalar == "\\" {
            out.unicodeScalars.append("\\")
            out.unicodeScalars.append(scalar)
            return
        }
        if isPrint(scalar) && (!asciiOnly || scalar.isASCII) {
            out.unicodeScalars.append(scalar)
            return
        }
        switch scalar {
        case "\u{07}": out += "\\a"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{0B}": out += "\\v"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\x" + hex(scalar.value, width: 2)
            } else if scalar.value < 0x10000 {
                out += "\\u" + hex(scalar.value, width: 4)
            } else {
                out += "\\U" + hex(scalar.value, width: 8)
            }
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(width - digits.count, 0)) + digits
    }
}
