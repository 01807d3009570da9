/// Go's `fmt.Sprintf` and `fmt.Sprint` over template values: `printf` in an alert template, and
/// the printing of every action's result (`{{ $value }}` is `fmt.Sprint` of a `float64`).
///
/// Follows Go 1.19's `fmt` (the Go that builds Prometheus 2.42):
/// - verbs per type: `float64` `%v %b %e %E %f %F %g %G %x %X`; `int` `%v %d %b %o %O %x %X %c
///   %q %U`; `string` and `template.HTML` `%v %s %q %x %X`; `bool` `%v %t`; `map[string]string`
///   prints `map[k:v …]` with keys in byte order and the verb applied to each key and value;
///   `%T` names the type;
/// - flags `+ - # 0 space`, width and precision, `*` for either from an `int` argument, and
///   explicit argument indexes `%[2]d`;
/// - Go's error spellings inside the output, never a failure: `%!d(float64=1.5)` for a verb the
///   type lacks, `%!d(MISSING)`, `%!(EXTRA int=2)`, `%!(NOVERB)`, `%!d(BADINDEX)`,
///   `%!(BADWIDTH)`, `%!(BADPREC)`.
///
/// `%p` (a pointer) has no stable meaning here: Go prints the labels map's address, which changes
/// with every evaluation; this prints the bad-verb form `%!p(map[string]string=map[…])`.
enum GoFormat {
    static func sprintf(_ format: String, _ arguments: [GoValue]) -> String {
        var printer = GoPrinter()
        printer.printf(Array(format.unicodeScalars), arguments)
        return printer.output
    }

    /// `fmt.Sprint`: each value with `%v`, a space between two operands when neither is a string.
    static func sprint(_ values: [GoValue]) -> String {
        var printer = GoPrinter()
        var previousIsString = false
        for (position, value) in values.enumerated() {
            let isString = value.type == .string || value.type == .html
            if position > 0 && !isString && !previousIsString { printer.output += " " }
            printer.flags = GoPrinter.Flags()
            printer.printArgument(value, verb: "v")
            previousIsString = isString
        }
        return printer.output
    }
}

/// One `fmt` printer: the output so far and the flags of the verb being printed.
private struct GoPrinter {
    struct Flags {
        var minus = false
        var plus = false
        var sharp = false
        var space = false
        var zero = false
        /// `%+v` and `%#v` move `+` and `#` here: they select a format, not a flag.
        var plusV = false
        var sharpV = false
        var width = 0
        var widthPresent = false
        var precision = 0
        var precisionPresent = false
    }

    var output = ""
    var flags = Flags()

    // MARK: - Format string

    mutating func printf(_ format: [Unicode.Scalar], _ arguments: [GoValue]) {
        let end = format.count
        var argumentNumber = 0
        var afterIndex = false
        var reordered = false
        var index = 0
        formatLoop: while index < end {
            var goodArgumentNumber = true
            let literalStart = index
            while index < end && format[index] != "%" { index += 1 }
            if index > literalStart { output.unicodeScalars.append(contentsOf: format[literalStart..<index]) }
            if index >= end { break }
            index += 1

            flags = Flags()
            flagLoop: while index < end {
                switch format[index] {
                case "#": flags.sharp = true
                case "0": flags.zero = !flags.minus
                case "+": flags.plus = true
                case "-":
                    flags.minus = true
                    flags.zero = false
                case " ": flags.space = true
                default: break flagLoop
                }
                index += 1
            }

            func readArgumentIndex() {
                guard index < end, format[index] == "[" else {
                    afterIndex = false
                    return
                }
                reordered = true
                let (position, consumed, ok) = Self.parseArgumentIndex(format[index...])
                index += consumed
                if ok && position >= 0 && position < arguments.count {
                    argumentNumber = position
                    afterIndex = true
                } else {
                    goodArgumentNumber = false
                    afterIndex = ok
                }
            }

            readArgumentIndex()
            if index < end && format[index] == "*" {
                index += 1
                (flags.width, flags.widthPresent) = Self.integerArgument(arguments, &argumentNumber)
                if !flags.widthPresent { output += "%!(BADWIDTH)" }
                if flags.width < 0 {
                    flags.width = -flags.width
                    flags.minus = true
                    flags.zero = false
                }
                afterIndex = false
            } else {
                (flags.width, flags.widthPresent, index) = Self.parseNumber(format, from: index)
                if afterIndex && flags.widthPresent { goodArgumentNumber = false }
            }

            if index + 1 < end && format[index] == "." {
                index += 1
                if afterIndex { goodArgumentNumber = false }
                readArgumentIndex()
                if index < end && format[index] == "*" {
                    index += 1
                    (flags.precision, flags.precisionPresent) = Self.integerArgument(arguments, &argumentNumber)
                    if flags.precision < 0 {
                        flags.precision = 0
                        flags.precisionPresent = false
                    }
                    if !flags.precisionPresent { output += "%!(BADPREC)" }
                    afterIndex = false
                } else {
                    (flags.precision, flags.precisionPresent, index) = Self.parseNumber(format, from: index)
                    if !flags.precisionPresent {
                        flags.precision = 0
                        flags.precisionPresent = true
                    }
                }
            }

            if !afterIndex { readArgumentIndex() }

            guard index < end else {
                output += "%!(NOVERB)"
                break formatLoop
            }
            let verb = format[index]
            index += 1
            if verb == "%" {
                output += "%"
            } else if !goodArgumentNumber {
                output += "%!\(verb)(BADINDEX)"
            } else if argumentNumber >= arguments.count {
                output += "%!\(verb)(MISSING)"
            } else {
                if verb == "v" {
                    flags.sharpV = flags.sharp
                    flags.sharp = false
                    flags.plusV = flags.plus
                    flags.plus = false
                }
                printArgument(arguments[argumentNumber], verb: verb)
                argumentNumber += 1
            }
        }

        if !reordered && argumentNumber < arguments.count {
            flags = Flags()
            output += "%!(EXTRA "
            for (position, argument) in arguments[argumentNumber...].enumerated() {
                if position > 0 { output += ", " }
                output += argument.type.goName + "="
                printArgument(argument, verb: "v")
            }
            output += ")"
        }
    }

    /// Decimal digits from `start`: the number, whether there was one, and where they end. Go
    /// gives up on more than seven digits (any width or precision above 10⁶), consuming the rest
    /// of the format, so the verb goes missing.
    private static func parseNumber(_ format: [Unicode.Scalar], from start: Int) -> (Int, Bool, Int) {
        var number = 0
        var found = false
        var index = start
        while index < format.count, let digit = format[index].asciiDigit {
            if number > 1_000_000 { return (0, false, format.count) }
            number = number * 10 + digit
            found = true
            index += 1
        }
        return (number, found, index)
    }

    /// `[n]` at the start of `text`: the zero-based index, how many scalars to consume and whether
    /// it was well formed (a malformed one consumes its `[` only, or up to its `]`).
    private static func parseArgumentIndex(_ text: ArraySlice<Unicode.Scalar>) -> (Int, Int, Bool) {
        let scalars = Array(text)
        guard scalars.count >= 3 else { return (0, 1, false) }
        for close in 1..<scalars.count where scalars[close] == "]" {
            let (number, found, end) = parseNumber(Array(scalars[..<close]), from: 1)
            guard found, end == close else { return (0, close + 1, false) }
            return (number - 1, close + 1, true)
        }
        return (0, 1, false)
    }

    /// A `*` width or precision: the argument if it is an `int` of at most 10⁶ in magnitude.
    private static func integerArgument(_ arguments: [GoValue], _ argumentNumber: inout Int) -> (Int, Bool) {
        guard argumentNumber < arguments.count else { return (0, false) }
        defer { argumentNumber += 1 }
        guard case .int(let number) = arguments[argumentNumber], abs(number) <= 1_000_000 else { return (0, false) }
        return (number, true)
    }

    // MARK: - Arguments

    mutating func printArgument(_ value: GoValue, verb: Unicode.Scalar) {
        switch verb {
        case "T":
            formatString(value.type.goName)
            return
        case "p":
            badVerb(verb, value)
            return
        default:
            break
        }
        switch value {
        case .bool(let truth):
            if verb == "t" || verb == "v" { pad(truth ? "true" : "false") } else { badVerb(verb, value) }
        case .float(let number):
            switch verb {
            case "v": formatFloat(number, "g", precision: -1)
            case "b", "g", "G", "x", "X": formatFloat(number, Character(verb), precision: -1)
            case "f", "e", "E": formatFloat(number, Character(verb), precision: 6)
            case "F": formatFloat(number, "f", precision: 6)
            default: badVerb(verb, value)
            }
        case .int(let number):
            let bits = UInt64(bitPattern: Int64(number))
            switch verb {
            case "v", "d": formatInteger(bits, base: 10, verb: verb)
            case "b": formatInteger(bits, base: 2, verb: verb)
            case "o", "O": formatInteger(bits, base: 8, verb: verb)
            case "x": formatInteger(bits, base: 16, verb: verb)
            case "X": formatInteger(bits, base: 16, verb: verb, uppercase: true)
            case "c": pad(String(Self.character(bits)))
            case "q": pad(GoQuote.quoteRune(Self.character(bits), asciiOnly: flags.plus))
            case "U": formatUnicode(bits)
            default: badVerb(verb, value)
            }
        case .string(let text):
            formatString(text, verb: verb, value: value)
        case .html(let text):
            if verb == "w" { badVerb(verb, value) } else { formatString(text, verb: verb, value: value) }
        case .map(let labels):
            if verb == "w" {
                badVerb(verb, value)
                return
            }
            output += flags.sharpV ? "map[string]string{" : "map["
            let keys = labels.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (position, key) in keys.enumerated() {
                if position > 0 { output += flags.sharpV ? ", " : " " }
                formatString(key, verb: verb, value: .string(key))
                output += ":"
                let element = labels[key] ?? ""
                formatString(element, verb: verb, value: .string(element))
            }
            output += flags.sharpV ? "}" : "]"
        }
    }

    /// `%!verb(type=value)`, the value printed with `%v` under the same flags.
    private mutating func badVerb(_ verb: Unicode.Scalar, _ value: GoValue) {
        output += "%!\(verb)(\(value.type.goName)="
        printArgument(value, verb: "v")
        output += ")"
    }

    // MARK: - Padding

    private mutating func writePadding(_ count: Int) {
        guard count > 0 else { return }
        output += String(repeating: flags.zero ? "0" : " ", count: count)
    }

    /// Width counts Unicode scalars (Go counts runes).
    private mutating func pad(_ text: String) {
        guard flags.widthPresent, flags.width != 0 else {
            output += text
            return
        }
        let fill = flags.width - text.unicodeScalars.count
        if flags.minus {
            output += text
            writePadding(fill)
        } else {
            writePadding(fill)
            output += text
        }
    }

    // MARK: - Strings

    private mutating func formatString(_ text: String, verb: Unicode.Scalar, value: GoValue) {
        switch verb {
        case "v": if flags.sharpV { formatQuoted(text) } else { formatString(text) }
        case "s": formatString(text)
        case "x": formatHexBytes(text, uppercase: false)
        case "X": formatHexBytes(text, uppercase: true)
        case "q": formatQuoted(text)
        default: badVerb(verb, value)
        }
    }

    private mutating func formatString(_ text: String) {
        pad(truncated(text))
    }

    private mutating func formatQuoted(_ text: String) {
        let text = truncated(text)
        if flags.sharp && GoQuote.canBackquote(text) {
            pad("`" + text + "`")
        } else {
            pad(GoQuote.quote(text, asciiOnly: flags.plus))
        }
    }

    /// The precision limits a string to that many scalars.
    private func truncated(_ text: String) -> String {
        guard flags.precisionPresent, flags.precision < text.unicodeScalars.count else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(flags.precision)))
    }

    /// The UTF-8 bytes as hexadecimal; the precision limits the number of bytes, `space`
    /// separates them and `#` adds `0x` (to each one when `space` is set too).
    private mutating func formatHexBytes(_ text: String, uppercase: Bool) {
        var bytes = Array(text.utf8)
        if flags.precisionPresent && flags.precision < bytes.count { bytes = Array(bytes.prefix(flags.precision)) }
        guard !bytes.isEmpty else {
            if flags.widthPresent { writePadding(flags.width) }
            return
        }
        var encodedWidth = 2 * bytes.count
        if flags.space {
            if flags.sharp { encodedWidth *= 2 }
            encodedWidth += bytes.count - 1
        } else if flags.sharp {
            encodedWidth += 2
        }
        if flags.widthPresent && flags.width > encodedWidth && !flags.minus { writePadding(flags.width - encodedWidth) }
        let prefix = uppercase ? "0X" : "0x"
        if flags.sharp { output += prefix }
        for (position, byte) in bytes.enumerated() {
            if flags.space && position > 0 {
                output += " "
                if flags.sharp { output += prefix }
            }
            let digits = String(byte, radix: 16, uppercase: uppercase)
            output += (digits.count == 1 ? "0" : "") + digits
        }
        if flags.widthPresent && flags.width > encodedWidth && flags.minus { writePadding(flags.width - encodedWidth) }
    }

    // MARK: - Integers

    /// Zero padding becomes precision (so the sign stays in front of the zeros); an explicit
    /// precision cancels it, and precision 0 prints nothing for 0.
    private mutating func formatInteger(_ bits: UInt64, base: Int, verb: Unicode.Scalar, uppercase: Bool = false) {
        let negative = Int64(bitPattern: bits) < 0
        let magnitude = negative ? 0 &- bits : bits
        var minimumDigits = 0
        if flags.precisionPresent {
            minimumDigits = flags.precision
            if minimumDigits == 0 && magnitude == 0 {
                let zero = flags.zero
                flags.zero = false
                writePadding(flags.width)
                flags.zero = zero
                return
            }
        } else if flags.zero && flags.widthPresent {
            minimumDigits = flags.width
            if negative || flags.plus || flags.space { minimumDigits -= 1 }
        }
        var text = String(magnitude, radix: base, uppercase: uppercase)
        if text.count < minimumDigits { text = String(repeating: "0", count: minimumDigits - text.count) + text }
        if flags.sharp {
            switch base {
            case 2: text = "0b" + text
            case 8: if !text.hasPrefix("0") { text = "0" + text }
            case 16: text = (uppercase ? "0X" : "0x") + text
            default: break
            }
        }
        if verb == "O" { text = "0o" + text }
        if negative {
            text = "-" + text
        } else if flags.plus {
            text = "+" + text
        } else if flags.space {
            text = " " + text
        }
        let zero = flags.zero
        flags.zero = false
        pad(text)
        flags.zero = zero
    }

    /// The scalar an integer names for `%c` and `%q`; U+FFFD when it names none.
    private static func character(_ bits: UInt64) -> Unicode.Scalar {
        guard bits <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(bits)) else { return "\u{FFFD}" }
        return scalar
    }

    /// `U+0041`, at least four hexadecimal digits (more with a larger precision), and with `#`
    /// the character itself when it is printable: `U+0041 'A'`.
    private mutating func formatUnicode(_ bits: UInt64) {
        var digits = String(bits, radix: 16, uppercase: true)
        let minimumDigits = flags.precisionPresent && flags.precision > 4 ? flags.precision : 4
        if digits.count < minimumDigits { digits = String(repeating: "0", count: minimumDigits - digits.count) + digits }
        var text = "U+" + digits
        if flags.sharp, bits <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(bits)), GoQuote.isPrint(scalar) {
            text += " '" + String(scalar) + "'"
        }
        let zero = flags.zero
        flags.zero = false
        pad(text)
        flags.zero = zero
    }

    // MARK: - Floats

    /// `format` is a `strconv` format; `precision` the verb's default, which an explicit
    /// precision overrides. Infinities and NaN are never zero-padded, and NaN drops its sign
    /// unless `+` or space asks for one; `#` keeps the point and (for `%g`, `%x`) trailing zeros.
    private mutating func formatFloat(_ number: Double, _ format: Character, precision defaultPrecision: Int) {
        let precision = flags.precisionPresent ? flags.precision : defaultPrecision
        var body = GoFloatFormat.format(number, format, precision: precision)
        var sign: Character = "+"
        if let first = body.first, first == "-" || first == "+" {
            sign = first
            body.removeFirst()
        }
        if flags.space && sign == "+" && !flags.plus { sign = " " }
        if body == "Inf" || body == "NaN" {
            let zero = flags.zero
            flags.zero = false
            if body == "NaN" && !flags.space && !flags.plus { pad(body) } else { pad(String(sign) + body) }
            flags.zero = zero
            return
        }
        if flags.sharp && format != "b" {
            body = Self.withSharpFlag(body, format: format, precision: precision)
        }
        if flags.plus || sign != "+" {
            if flags.zero && flags.widthPresent && flags.width > body.count + 1 {
                output.append(sign)
                writePadding(flags.width - body.count - 1)
                output += body
                return
            }
            pad(String(sign) + body)
            return
        }
        pad(body)
    }

    /// `#`: a decimal point always, and for `g`/`G`/`x` as many significant digits as the
    /// precision (6 when shortest) by appending zeros before the exponent. Go counts every
    /// character from the first non-zero one, the `x` of `0x` included.
    private static func withSharpFlag(_ body: String, format: Character, precision: Int) -> String {
        var missing = 0
        if format == "g" || format == "G" || format == "x" { missing = precision == -1 ? 6 : precision }
        var head = ""
        var tail = ""
        var hasPoint = false
        var sawNonZero = false
        for (offset, character) in body.enumerated() {
            if character == "." {
                hasPoint = true
            } else if character == "p" || character == "P" || ((character == "e" || character == "E") && format != "x" && format != "X") {
                tail = String(body.dropFirst(offset))
                break
            } else {
                if character != "0" { sawNonZero = true }
                if sawNonZero { missing -= 1 }
            }
            head.append(character)
        }
        if !hasPoint {
            if head == "0" { missing -= 1 }
            head += "."
        }
        if missing > 0 { head += String(repeating: "0", count: missing) }
        return head + tail
    }
}

extension Unicode.Scalar {
    /// The value of an ASCII decimal digit, else nil.
    fileprivate var asciiDigit: Int? {
        guard value >= 0x30 && value <= 0x39 else { return nil }
        return Int(value - 0x30)
    }
}
