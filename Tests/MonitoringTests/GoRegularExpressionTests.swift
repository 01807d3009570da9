@testable import Monitoring
import Testing

/// ``GoRegularExpression`` against Go's `regexp` as Prometheus 2.42 uses it: every expected
/// string is what promtool prints for `{{ reReplaceAll PATTERN REPLACEMENT TEXT }}`,
/// `{{ match PATTERN TEXT }}`, or the error of `match` on a pattern taken from a label.
@Suite struct GoRegularExpressionTests {
    static let replacements: [(pattern: String, replacement: String, text: String, expected: String)] = [
        ("(.*):.*", "$1", "host-1.example.com:9090", "host-1.example.com"),
        ("^([^.]+)\\..*$", "${1}", "host-1.example.com:9090", "host-1"),
        // `$name` takes the longest run of name characters: `$hostx` names no group.
        ("(?P<host>[a-z]+)-(?P<n>\\d)", "$n/$host/${host}x/$hostx", "host-1.example.com:9090", "1/host/hostx/.example.com:9090"),
        ("(?P<x>a)(?P<x>b)", "$x", "ab", "a"), ("(a)|b", "[$1]", "ab", "[a][]"), ("a", "$", "aa", "$$"),
        ("a", "${1", "aa", "${1${1"), ("(a)", "$01", "aa", ""), ("(a)", "$1$2", "aa", "aa"),
        // An empty match right after a match is skipped, unlike ICU's own replace.
        ("", "-", "abc", "-a-b-c-"), ("x*", "-", "abc", "-a-b-c-"), ("b*", "X", "abbbc", "XaXcX"), ("a*", "X", "baaac", "XbXcX"),
        ("", "-", "é😀", "-é-😀-"), ("(a*)+", "-", "b", "-b-"), ("x{0}", "-", "ab", "-a-b-"),
        // RE2's classes are ASCII; `.` is one scalar.
        ("\\d", "D", "1٣", "D٣"), ("\\w+", "W", "héllo wörld", "WéW WöW"), ("\\bw", "W", "wow w", "Wow W"),
        ("\\Bb", "X", "ab b", "aX b"), ("[[:digit:]]+", "#", "a12b3", "a#b#"), ("[[:^alpha:]]", "_", "a1b", "a_b"),
        ("[^\\d\\s]", "_", "a1 b", "_1 _"), ("[\\W]", "_", "a-b c", "a_b_c"), ("\\s+", "_", "/a b/c", "/a_b/c"),
        ("\\pL+", "L", "héllo 12", "L 12"), ("a.c", "X", "aéc a😀c", "X X"), ("é|😀", "X", "aé😀b", "aXXb"),
        // Anchors: `$` only at the very end unless multi-line.
        ("(?m)^a", "X", "a\na", "X\nX"), ("(?m)a$", "X", "a\na", "X\nX"), ("a$", "X", "a\na", "a\nX"),
        ("(?m:^x)|y$", "Z", "x\nx\ny\ny", "Z\nZ\ny\nZ"), ("^", "X", "", "X"), ("$", "X", "", "X"), ("\\z", "X", "ab", "abX"),
        ("\\Aa", "X", "aa", "Xa"), (".", "X", "a\nb", "X\nX"), ("(?s).", "X", "a\nb", "XXX"),
        // Flags, repetition, literals.
        ("(?i)API", "svc", "api", "svc"), ("(?i:A)a", "X", "aA aa Aa", "aA X X"), ("(?i)a(?-i)a", "X", "aA AA Aa", "aA AA X"),
        ("(?U)a+", "X", "aaa", "XXX"), ("(?U)a+?", "X", "aaa", "X"), ("(?U:a{1,3})b", "X", "aaab", "X"), ("(?)a", "X", "a", "X"),
        ("a{2}", "X", "aaaa", "XX"), ("a{", "X", "a{b", "Xb"), ("a{,2}", "X", "a{,2}", "X"), ("a{01}", "X", "a{01}", "X"),
        ("a{1000}", "X", "a", "a"), ("a{2,}", "X", "aaab", "Xb"), ("\\101", "X", "ABA", "XBX"),
        ("\\x{41}\\x42", "X", "AB", "X"), ("[a[]", "X", "a[b", "XXb"), ("[&]", "X", "a&b", "aXb"), ("[]a]", "X", "]a", "XX"),
        ("[^]a]", "X", "]ab", "]aX"), ("\\Q.*\\E", "X", "a.*b", "aXb"), ("a|ab", "X", "ab", "Xb"), ("#", "X", "a#b", "aXb"),
        (" +", "_", "a  b", "a_b"),
    ]

    @Test(arguments: replacements) func replaceAllLikeGo(pattern: String, replacement: String, text: String, expected: String) throws {
        #expect(try GoRegularExpression(pattern).replacingAll(in: text, with: replacement) == expected)
    }

    static let matches: [(String, String, Bool)] = [
        ("^api$", "api", true), ("API", "api", false), ("(?i)API", "api", true), ("", "", true), ("a|", "b", true),
        ("^$", "", true), ("\\d{4}", "1536", true), ("^a$", "a\n", false), ("a", "b", false),
    ]

    @Test(arguments: matches) func matchLikeGo(pattern: String, text: String, expected: Bool) throws {
        #expect(try GoRegularExpression(pattern).matches(text) == expected)
    }

    static let syntaxErrors: [(String, String)] = [
        ("(unclosed", "missing closing ): `(unclosed`"), ("[a", "missing closing ]: `[a`"),
        ("a**", "invalid nested repetition operator: `**`"), ("a*+", "invalid nested repetition operator: `*+`"),
        ("a{2}{3}", "invalid nested repetition operator: `{2}{3}`"), ("*a", "missing argument to repetition operator: `*`"),
        ("|*", "missing argument to repetition operator: `*`"), ("\\8", "invalid escape sequence: `\\8`"),
        ("\\1", "invalid escape sequence: `\\1`"), ("(?P<>a)", "invalid named capture: `(?P<>`"),
        ("(?<n>a)", "invalid or unsupported Perl syntax: `(?<`"), ("(?i", "invalid or unsupported Perl syntax: `(?i`"),
        ("(?z)", "invalid or unsupported Perl syntax: `(?z`"), ("[[:foo:]]", "invalid character class range: `[:foo:]`"),
        ("a)", "unexpected ): `a)`"), ("x\\", "trailing backslash at end of expression: ``"),
        ("a{1001}", "invalid repeat count: `{1001}`"), ("a{2,1}", "invalid repeat count: `{2,1}`"),
        ("a{0,1001}", "invalid repeat count: `{0,1001}`"), ("(?=a)", "invalid or unsupported Perl syntax: `(?=`"),
    ]

    @Test(arguments: syntaxErrors) func syntaxErrorsInGoWords(pattern: String, reason: String) {
        do {
            _ = try GoRegularExpression(pattern)
            Issue.record("\(pattern) compiled")
        } catch {
            #expect(error.reason == reason)
        }
    }
}
