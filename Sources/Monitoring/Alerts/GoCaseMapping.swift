/// Go's `strings.ToUpper`, `strings.ToLower` and `strings.Title`, which Prometheus exposes as the
/// template functions `toUpper`, `toLower` and `title`.
///
/// Go maps one scalar to one scalar (Unicode's simple case mapping), unlike Swift's
/// `uppercased()`: `ß` stays `ß` (its uppercase `SS` is two letters), `ᾳ` becomes `ᾼ`, `İ`
/// lowercases to `i`. Swift exposes only the full mappings, so a full mapping of one scalar is
/// used as it is, a longer one leaves the scalar unchanged, and the few scalars whose simple
/// mapping differs from both are listed. Go's tables follow its Unicode version (13 in Go 1.19),
/// Swift's its own; letters added since may differ.
enum GoCaseMapping {
    static func upper(_ text: String) -> String {
        map(text) { scalar in
            if let special = simpleUppercaseExceptions[scalar.value] { return special }
            return single(scalar.properties.uppercaseMapping) ?? scalar
        }
    }

    static func lower(_ text: String) -> String {
        map(text) { scalar in
            if scalar == "\u{130}" { return "i" }
            return single(scalar.properties.lowercaseMapping) ?? scalar
        }
    }

    /// The first letter of every word in title case, the rest untouched (`hELLO wORLD` →
    /// `HELLO WORLD`). A word starts after a separator: an ASCII character other than a letter,
    /// digit or `_`, or a non-ASCII space (`don't` → `Don'T`).
    static func title(_ text: String) -> String {
        var previous: Unicode.Scalar = " "
        return map(text) { scalar in
            defer { previous = scalar }
            guard isSeparator(previous) else { return scalar }
            return single(scalar.properties.titlecaseMapping) ?? scalar
        }
    }

    private static func map(_ text: String, _ transform: (Unicode.Scalar) -> Unicode.Scalar) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(transform(scalar)) }
        return String(out)
    }

    private static func single(_ mapping: String) -> Unicode.Scalar? {
        let scalars = mapping.unicodeScalars
        guard scalars.count == 1 else { return nil }
        return scalars.first
    }

    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            let isAlphanumeric = (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
            return !(isAlphanumeric || scalar == "_")
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
            return false
        default:
            return scalar.properties.isWhitespace
        }
    }

    /// Greek letters with ypogegrammeni: their full uppercase is two letters (`ΑΙ`), their simple
    /// uppercase the titlecase letter with prosgegrammeni.
    private static let simpleUppercaseExceptions: [UInt32: Unicode.Scalar] = {
        var table: [UInt32: Unicode.Scalar] = [:]
        for start: UInt32 in [0x1F80, 0x1F90, 0x1FA0] {
            for offset: UInt32 in 0..<8 { table[start + offset] = Unicode.Scalar(start + offset + 8)! }
        }
        table[0x1FB3] = "\u{1FBC}"
        table[0x1FC3] = "\u{1FCC}"
        table[0x1FF3] = "\u{1FFC}"
        return table
    }()
}
