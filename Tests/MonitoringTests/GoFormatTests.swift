@testable import Monitoring
import Testing

/// ``GoFormat`` against Go 1.19's `fmt`: every expected string is what Prometheus 2.42 (promtool)
/// prints for `{{ printf FORMAT ARGS }}` with the same arguments (a `float64` for `$value` and
/// float literals, an `int` for integer literals, `template.HTML` from `safeHtml`).
@Suite struct GoFormatTests {
    static let floats: [(String, Double, String)] = [
        // %v: strconv's shortest 'g', in exponent form below 1e-4 and from 1e6 on.
        ("%v", 0.3, "0.3"), ("%v", 1e6, "1e+06"), ("%v", 100_000, "100000"), ("%v", 1e21, "1e+21"),
        ("%v", 1e-5, "1e-05"), ("%v", 0.0001, "0.0001"), ("%v", 123_456_789, "1.23456789e+08"), ("%v", -0.0, "-0"),
        ("%v", .leastNonzeroMagnitude, "5e-324"), ("%v", 1.797_693_134_862_315_7e308, "1.7976931348623157e+308"),
        ("%v", .nan, "NaN"), ("%v", .infinity, "+Inf"), ("%v", -.infinity, "-Inf"),
        // Fixed precision rounds the exact binary value, half to even only on exact ties.
        ("%.2f", 0.125, "0.12"), ("%.2f", 0.375, "0.38"), ("%.0f", 2.5, "2"), ("%.0f", 3.5, "4"), ("%.1f", 0.05, "0.1"),
        ("%.3e", 1e-30, "1.000e-30"), ("%e", 1e30, "1.000000e+30"), ("%g", 1e30, "1e+30"),
        ("%.20f", 0.1, "0.10000000000000000555"), ("%f", 1e30, "1000000000000000019884624838656.000000"),
        ("%.4g", 123_456, "1.235e+05"), ("%.4g", 0.000_123_4, "0.0001234"), ("%.4g", 10_000, "1e+04"), ("%G", 1e-7, "1E-07"),
        // Binary and hexadecimal forms.
        ("%x", 1.5, "0x1.8p+00"), ("%.3x", 3.14159, "0x1.922p+01"), ("%b", 3.14159, "7074231776675438p-51"),
        ("%x", 0, "0x0p+00"), ("%b", 0, "0p-1074"), ("%X", -1e-300, "-0X1.56E1FC2F8F359P-997"), ("%x", 1000, "0x1.f4p+09"),
        // Flags, width, precision.
        ("%8.3f|", 3.14159, "   3.142|"), ("%-8.3f|", 3.14159, "3.142   |"), ("%08.3f", -3.14159, "-003.142"),
        ("%+.2f", 1, "+1.00"), ("% .2f", 1, " 1.00"), ("%+v", 1.5, "1.5"), ("%#v", 1, "1"),
        ("%#g", 1, "1.00000"), ("%#.3g", 1, "1.00"), ("%#.0f", 1, "1."), ("%#.0e", 1, "1.e+00"), ("%#x", 1, "0x1.0000p+00"),
        ("%08f", .nan, "     NaN"), ("%+f", .nan, "+NaN"), ("%010.3f", .infinity, "      +Inf"), ("%.2f", -.infinity, "-Inf"),
        // A verb floats lack: the value with %v inside Go's error spelling, flags kept.
        ("%d", 1.5, "%!d(float64=1.5)"), ("%5d", 1.5, "%!d(float64=  1.5)"), ("%s", 1.5, "%!s(float64=1.5)"),
        ("%+d", 1.5, "%!d(float64=+1.5)"), ("%p", 1.5, "%!p(float64=1.5)"), ("%T", 1.5, "float64"),
    ]

    @Test(arguments: floats) func float64Verbs(format: String, value: Double, expected: String) {
        #expect(GoFormat.sprintf(format, [.float(value)]) == expected)
    }

    static let integers: [(String, Int, String)] = [
        ("%d", 42, "42"), ("%5d|", 42, "   42|"), ("%-5d|", 42, "42   |"), ("%05d", -42, "-0042"), ("%+d", 5, "+5"),
        ("% d", 5, " 5"), ("%x", 255, "ff"), ("%#X", 255, "0XFF"), ("%o", 8, "10"), ("%#o", 8, "010"), ("%O", 8, "0o10"),
        ("%b", 5, "101"), ("%#b", 5, "0b101"), ("%c", 65, "A"), ("%q", 65, "'A'"), ("%U", 0x1F600, "U+1F600"),
        ("%#U", 233, "U+00E9 'é'"), ("%.3d", 7, "007"), ("%08.3d", -5, "    -005"), ("%.0d", 0, ""), ("%5.0d|", 0, "     |"),
        ("%x", -255, "-ff"), ("%c", 0x110000, "\u{FFFD}"), ("%d", .min, "-9223372036854775808"), ("%e", 1, "%!e(int=1)"),
        ("%v", 1, "1"), ("%T", 1, "int"),
    ]

    @Test(arguments: integers) func intVerbs(format: String, value: Int, expected: String) {
        #expect(GoFormat.sprintf(format, [.int(value)]) == expected)
    }

    static let strings: [(String, String, String)] = [
        ("%s", "abc", "abc"), ("%q", "a\tb", "\"a\\tb\""), ("%+q", "é", "\"\\u00e9\""), ("%#q", "abc", "`abc`"),
        ("%#q", "a`b", "\"a`b\""), ("%x", "hi", "6869"), ("% x", "hi", "68 69"), ("%#x", "hi", "0x6869"),
        ("% #x", "hi", "0x68 0x69"), ("%X", "é", "C3A9"), ("%5s|", "ab", "   ab|"), ("%-5s|", "ab", "ab   |"),
        ("%.2s", "日本語", "日本"), ("%05s", "ab", "000ab"), ("%d", "x", "%!d(string=x)"), ("%q", "\u{7F}\u{1}", "\"\\x7f\\x01\""),
        ("%q", "\u{2028}", "\"\\u2028\""), ("%q", "😀", "\"😀\""), ("%+q", "😀", "\"\\U0001f600\""), ("%.1x", "hi", "68"),
        ("%8x|", "", "        |"), ("%#v", "x", "\"x\""),
    ]

    @Test(arguments: strings) func stringVerbs(format: String, value: String, expected: String) {
        #expect(GoFormat.sprintf(format, [.string(value)]) == expected)
    }

    @Test func boolAndHTMLVerbs() {
        #expect(GoFormat.sprintf("%t|%v|%5t|%d", [.bool(true), .bool(false), .bool(true), .bool(true)]) == "true|false| true|%!d(bool=true)")
        let html = GoValue.html("<b>")
        #expect(GoFormat.sprintf("%v|%d|%T|%q", [html, html, html, html]) == "<b>|%!d(template.HTML=<b>)|template.HTML|\"<b>\"")
    }

    /// Maps print `map[k:v …]` with keys in byte order, the verb (and its width) applied to each
    /// key and value; `%#v` is Go syntax.
    @Test func mapVerbs() {
        let labels = GoValue.map(["job": "api", "a": "日本", "__name__": "up"])
        #expect(GoFormat.sprintf("%v", [labels]) == "map[__name__:up a:日本 job:api]")
        #expect(GoFormat.sprintf("%5s", [labels]) == "map[__name__:   up     a:   日本   job:  api]")
        #expect(GoFormat.sprintf("%q", [labels]) == "map[\"__name__\":\"up\" \"a\":\"日本\" \"job\":\"api\"]")
        #expect(GoFormat.sprintf("%x", [labels]) == "map[5f5f6e616d655f5f:7570 61:e697a5e69cac 6a6f62:617069]")
        #expect(GoFormat.sprintf("%#v", [labels]) == "map[string]string{\"__name__\":\"up\", \"a\":\"日本\", \"job\":\"api\"}")
        #expect(GoFormat.sprintf("%d", [.map(["k": "v"])]) == "map[%!d(string=k):%!d(string=v)]")
        #expect(GoFormat.sprintf("%T|%v|%w", [labels, .map([:]), .map(["k": "v"])]) == "map[string]string|map[]|%!w(map[string]string=map[k:v])")
    }

    static let argumentHandling: [(String, [GoValue], String)] = [
        ("%d %d", [.int(1)], "1 %!d(MISSING)"), ("%d", [.int(1), .int(2)], "1%!(EXTRA int=2)"),
        ("%d", [.int(1), .string("x"), .float(1.5)], "1%!(EXTRA string=x, float64=1.5)"), ("%", [], "%!(NOVERB)"),
        ("%!", [], "%!!(MISSING)"), ("abc%", [], "abc%!(NOVERB)"), ("%[2]d %[1]d", [.int(1), .int(2)], "2 1"),
        ("%[3]d", [.int(1)], "%!d(BADINDEX)"), ("%[2]d %d", [.int(1), .int(2), .int(3)], "2 3"),
        ("%*d", [.int(5), .int(1)], "    1"), ("%-*d|", [.int(5), .int(1)], "1    |"), ("%*d", [.int(-5), .int(1)], "1    "),
        ("%.*f", [.int(2), .float(3.14159)], "3.14"), ("%*d", [.float(1.5), .int(1)], "%!(BADWIDTH)1"),
        ("%.*d", [.float(1.5), .int(1)], "%!(BADPREC)1"), ("%5%", [], "%"), ("%%", [], "%"), ("%.[2]d", [.int(7), .int(8)], "8"),
        ("%[1]*d", [.int(3)], "%!d(MISSING)"), ("%d", [], "%!d(MISSING)"), ("%é", [.int(1)], "%!é(int=1)"),
        ("%100000000d", [.int(1)], "%!(NOVERB)%!(EXTRA int=1)"),
    ]

    @Test(arguments: argumentHandling) func argumentsAndMalformedFormats(format: String, arguments: [GoValue], expected: String) {
        #expect(GoFormat.sprintf(format, arguments) == expected)
    }

    /// Go allows widths up to 10⁷ (it checks the bound before the last digit).
    @Test func largestWidthIsHonoured() {
        let padded = GoFormat.sprintf("%10000000d", [.int(1)])
        #expect(padded.utf8.count == 10_000_000)
        #expect(padded.hasSuffix(" 1"))
    }

    /// `fmt.Sprint`: a space between two operands only when neither is a string.
    @Test func sprintSpacing() {
        #expect(GoFormat.sprint([.float(1.5)]) == "1.5")
        #expect(GoFormat.sprint([.string("a"), .float(1), .int(2), .string("b"), .html("c"), .bool(true)]) == "a1 2bctrue")
    }
}
