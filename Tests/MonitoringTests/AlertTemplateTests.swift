@testable import Monitoring
import Testing

/// ``AlertTemplate``: what it refuses and where, and what it renders. Rendered strings are what
/// Prometheus 2.42 (promtool) renders for the same template, labels and value (the labels there
/// also held `__name__` and a `case` label, which only whole-map prints show).
@Suite struct AlertTemplateTests {
    static let labels = [
        "job": "api", "instance": "host-1.example.com:9090", "bytes": "1536", "ratio": "0.05", "duration": "3725.5",
        "timestamp": "1.7e9", "hex": "0x1p-2", "grouped": "1_000", "negativeInfinity": "-Infinity", "nan": "NaN",
        "bad": "12abc", "pattern": "(unclosed", "path": "/a b/c", "mixed": "hELLO wORLD don't x_y 1a ça",
    ]

    // MARK: - Parse errors

    static let parseErrors: [(String, AlertTemplateError.Problem, Int)] = [
        ("{{", .unclosedAction, 1),
        ("ab{{ $value", .unclosedAction, 3),
        ("{{ $value }}{{", .unclosedAction, 13),
        ("{{/* note", .unclosedComment, 1),
        ("x {{/* c */ }}", .commentNotClosedByDelimiter, 10),
        ("{{ ( $value }}", .unclosedParenthesis, 4),
        ("{{ $value ) }}", .unexpectedClosingParenthesis, 11),
        ("{{ \"abc }}", .unterminatedLiteral("quoted string"), 4),
        ("{{ `abc }}", .unterminatedLiteral("raw quoted string"), 4),
        ("{{ 'ab' }}", .invalidLiteral("'ab'", reason: "more than one character"), 4),
        ("{{ \"\\q\" }}", .invalidLiteral("\"\\q\"", reason: "invalid escape or character"), 4),
        ("{{ \"\\xff\" }}", .invalidLiteral("\"\\xff\"", reason: "the escapes do not form UTF-8 text"), 4),
        ("{{ 1x }}", .invalidNumber("1x"), 4),
        ("{{ 08 }}", .invalidNumber("08"), 4),
        ("{{ 1e400 }}", .invalidNumber("1e400"), 4),
        ("{{ 1+2i }}", .invalidNumber("1+2i"), 4),
        ("{{ $value@ }}", .unexpectedCharacter("@"), 10),
        ("{{ ℮ }}", .unexpectedCharacter("℮"), 4),
        ("{{ }}", .missingValue, 1),
        ("{{ printf \"%d\" ( ) }}", .missingValue, 16),
        ("{{ | $value }}", .unexpected("\"|\"", context: "command"), 4),
        ("{{ $value | | humanize }}", .unexpected("\"|\"", context: "command"), 13),
        ("{{ $value , 1 }}", .unsupportedDeclaration("$value"), 4),
        ("{{ nil }}", .unexpected("nil", context: "command"), 4),
        ("{{ range $labels }}{{ end }}", .unsupportedAction("range"), 4),
        ("{{ with $value }}{{ end }}", .unsupportedAction("with"), 4),
        ("{{ define \"x\" }}{{ end }}", .unsupportedAction("define"), 4),
        ("{{ template \"x\" }}", .unsupportedAction("template"), 4),
        ("{{ break }}", .unsupportedAction("break"), 4),
        ("{{ if true }}x", .unclosedIf, 1),
        ("{{ if true }}{{ if false }}{{ end }}", .unclosedIf, 1),
        ("a{{ else }}", .misplacedControl("else"), 2),
        ("{{- end }}", .misplacedControl("end"), 1),
        ("{{ if true }}{{ else }}{{ else }}{{ end }}", .misplacedControl("else"), 24),
        ("{{ if }}{{ end }}", .missingValue, 1),
        ("{{ if true }}{{ end x }}", .unexpected("\"x\"", context: "end"), 21),
        ("{{ if $x := 1 }}{{ end }}", .unsupportedDeclaration("$x"), 7),
        ("{{ gt $value 1 }}", .wrongArgumentType(function: "gt", position: 2, expected: "comparable with argument 1 (float64)", got: "int"), 14),
        ("{{ eq $labels $labels }}", .wrongArgumentType(function: "eq", position: 1, expected: "a bool, number or string", got: "map[string]string"), 7),
        ("{{ lt true false }}", .wrongArgumentType(function: "lt", position: 1, expected: "a number or a string", got: "bool"), 7),
        ("{{ eq 1 }}", .wrongArgumentCount(function: "eq", expected: "at least 2", got: 1), 4),
        ("{{ and }}", .wrongArgumentCount(function: "and", expected: "at least 1", got: 0), 4),
        ("{{ and 1 \"a\" }}", .wrongArgumentType(function: "and", position: 2, expected: "of the type of argument 1 (int)", got: "string"), 10),
        ("{{ $x := 1 }}", .unsupportedDeclaration("$x"), 4),
        ("{{ $labels = 1 }}", .unsupportedDeclaration("$labels"), 4),
        ("{{ $value | humanise }}", .unknownFunction("humanise"), 13),
        ("{{ query \"up\" | first | value }}", .needsPrometheusServer("query"), 4),
        ("{{ label \"job\" $labels }}", .needsPrometheusServer("label"), 4),
        ("{{ len $labels }}", .unsupportedFunction("len"), 4),
        ("{{ $x }}", .undefinedVariable("$x"), 4),
        ("{{ . }}", .unsupportedWholeData, 4),
        ("{{ printf \"%v\" $ }}", .unsupportedWholeData, 16),
        ("{{ .Lables.job }}", .unknownField("Lables", type: "alert data"), 4),
        ("{{ $value.x }}", .unknownField("x", type: "float64"), 10),
        ("{{ $labels.job.x }}", .unknownField("x", type: "string"), 15),
        ("{{ $value | $labels }}", .notAFunction("$labels"), 13),
        ("{{ $value | 1 }}", .notAFunction("1"), 13),
        ("{{ \"a\" \"b\" }}", .notAFunction("\"a\""), 4),
        ("{{ humanize }}", .wrongArgumentCount(function: "humanize", expected: "1", got: 0), 4),
        ("{{ humanize 1 2 }}", .wrongArgumentCount(function: "humanize", expected: "1", got: 2), 4),
        ("{{ printf }}", .wrongArgumentCount(function: "printf", expected: "at least 1", got: 0), 4),
        ("{{ index $labels }}", .wrongArgumentCount(function: "index", expected: "2", got: 1), 4),
        (
            "{{ humanize $labels }}",
            .wrongArgumentType(function: "humanize", position: 1, expected: "a number or a numeric string", got: "map[string]string"), 13
        ),
        ("{{ $value | toUpper }}", .wrongArgumentType(function: "toUpper", position: 1, expected: "a string", got: "float64"), 4),
        ("{{ toUpper (safeHtml \"a\") }}", .wrongArgumentType(function: "toUpper", position: 1, expected: "a string", got: "template.HTML"), 12),
        ("{{ index $labels 1 }}", .wrongArgumentType(function: "index", position: 2, expected: "a string (the key)", got: "int"), 18),
        ("{{ printf 1 }}", .wrongArgumentType(function: "printf", position: 1, expected: "a string (the format)", got: "int"), 11),
        ("{{ match \"(\" $labels.job }}", .invalidRegularExpression("(", reason: "missing closing ): `(`"), 10),
        ("{{ reReplaceAll \"a**\" \"\" \"\" }}", .invalidRegularExpression("a**", reason: "invalid nested repetition operator: `**`"), 17),
        (
            "{{ humanize \"abc\" }}",
            .invalidNumericString(function: "humanize", reason: "strconv.ParseFloat: parsing \"abc\": invalid syntax"), 13
        ),
        // Columns count characters: a newline is one, so is "\r\n", so is "é" written as e + U+0301.
        ("é日本 {{ humanise }}", .unknownFunction("humanise"), 8),
        ("a\n{{ humanise }}", .unknownFunction("humanise"), 6),
        ("a\r\n{{ humanise }}", .unknownFunction("humanise"), 6),
        ("e\u{301}{{ x }}", .unknownFunction("x"), 5),
    ]

    @Test(arguments: parseErrors) func parseErrorsNameTheProblemAndColumn(text: String, problem: AlertTemplateError.Problem, column: Int) {
        do {
            _ = try AlertTemplate(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.problem == problem, "\(text)")
            #expect(error.column == column, "\(text): \(error)")
        }
    }

    @Test func errorDescriptionsTellTheUserWhatAndWhere() throws {
        #expect(throws: AlertTemplateError(.unknownFunction("humanise"), column: 13)) { try AlertTemplate("{{ $value | humanise }}") }
        #expect(AlertTemplateError(.unknownFunction("humanise"), column: 12).description == "unknown function \"humanise\" at column 12")
        #expect(AlertTemplateError(.unclosedAction, column: 3).description == "unclosed action (no \"}}\" after \"{{\") at column 3")
        #expect(
            AlertTemplateError(.needsPrometheusServer("query"), column: 4).description
                == "function \"query\" needs a Prometheus server and is not supported at column 4")
        #expect(AlertTemplateError(.unsupportedAction("range"), column: 4).message.hasPrefix("unsupported action \"range\""))
    }

    // MARK: - Rendering

    private func render(_ text: String, value: Double = 0.25, labels: [String: String] = labels) throws -> String {
        try AlertTemplate(text).render(labels: labels, value: value)
    }

    /// `{{ $value }}` prints Go's `%v` of a float64.
    static let printedValues: [(Double, String)] = [
        (0.3, "0.3"), (1e6, "1e+06"), (100_000, "100000"), (123_456, "123456"), (1_234_567, "1.234567e+06"), (.nan, "NaN"),
        (.infinity, "+Inf"), (-.infinity, "-Inf"), (-0.0, "-0"), (0, "0"), (1e-30, "1e-30"), (1e30, "1e+30"), (0.0001, "0.0001"),
        (0.00001, "1e-05"), (9_007_199_254_740_994, "9.007199254740994e+15"), (0.1 + 0.2, "0.30000000000000004"), (-2.5, "-2.5"),
    ]

    @Test(arguments: printedValues) func valuesPrintAsGo(value: Double, expected: String) throws {
        #expect(try render("{{ $value }}|{{ .Value }}", value: value) == expected + "|" + expected)
    }

    /// Renders each template and compares it with its expected text.
    private func expectRenders(
        _ cases: KeyValuePairs<String, String>, value: Double = 0.25, labels: [String: String] = labels,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for (text, expected) in cases {
            #expect(try render(text, value: value, labels: labels) == expected, "\(text)", sourceLocation: sourceLocation)
        }
    }

    @Test func textTrimMarkersAndComments() throws {
        try expectRenders([
            "plain text, no actions: {} } {": "plain text, no actions: {} } {",
            "a  {{- $labels.job -}}  b": "aapib",
            "|{{- \"x\" }}|": "|x|",
            "|  {{- /* comment */ -}}  |": "||",
            "|{{/* c */}}|{{- /* c */}} |": "|| |",
            "|{{ \"y\" -}}\n\n z": "|yz",
            "{{ $value\n| printf \"%.1f\"\t}}": "0.2",
            "{{ -1 -}} x": "-1x",
        ])
    }

    @Test func labelsAndAlertData() throws {
        try expectRenders([
            "{{ $labels.instance }}": "host-1.example.com:9090", "{{ .Labels.job }}": "api", "{{ $labels.missing }}": "",
            "{{ index $labels \"job\" }}": "api", "{{ index $labels \"nope\" }}": "", "{{ $.Labels.job }}": "api",
            "{{ ($labels).job }}": "api", "{{ (index $labels \"job\") }}": "api",
            "{{ $externalLabels }}|{{ .ExternalLabels }}": "map[]|map[]",
            "[{{ $externalURL }}|{{ $externalLabels.x }}|{{ .ExternalURL }}]": "[||]",
        ])
        // Empty label values are no labels in Prometheus.
        try expectRenders(["{{ $labels }}": "map[a:1 b:2]"], labels: ["b": "2", "a": "1", "empty": ""])
        try expectRenders(["{{ printf \"%q\" $labels }}": "map[\"b\":\"x y\"]"], labels: ["b": "x y"])
    }

    @Test func literals() throws {
        try expectRenders([
            "{{ 1 }}|{{ -1 }}|{{ +5 }}|{{ 1.0 }}|{{ 1e3 }}|{{ 1E-3 }}|{{ -0.0 }}|{{ 00 }}": "1|-1|5|1|1000|0.001|-0|0",
            "{{ 0x1F }}|{{ 0X1f }}|{{ 0o17 }}|{{ 017 }}|{{ 0b11 }}|{{ 1_000_000 }}|{{ 0x_1F }}": "31|31|15|15|3|1000000|31",
            "{{ .5 }}|{{ 5. }}|{{ 0x1p-2 }}|{{ 0x1.8p1 }}|{{ 1e308 }}": "0.5|5|0.25|3|1e+308",
            "{{ 9223372036854775807 }}|{{ -9223372036854775808 }}": "9223372036854775807|-9223372036854775808",
            "{{ 'a' }}|{{ '\\n' }}|{{ '\\x41' }}|{{ '\\u00e9' }}|{{ 'é' }}|{{ '\\'' }}": "97|10|65|233|233|39",
            "{{ true }}|{{ false }}": "true|false",
            "{{ \"a\\tb\" }}|{{ \"\\u00e9\\U0001F600\" }}|{{ \"\\x41\\101\" }}|{{ \"\\\"q\\\"\" }}": "a\tb|é😀|AA|\"q\"",
            "{{ \"\\a\\b\\f\\v\" | printf \"%q\" }}|{{ \"\" }}|{{ `` }}": "\"\\a\\b\\f\\v\"||",
            "{{ `raw\\n` }}|{{ `a\r\nb` }}": "raw\\n|a\nb",
            // An integer literal is an int, a float literal a float64, for printf as in Go.
            "{{ printf \"%d|%d|%v\" 1000 1e3 1.0 }}": "1000|%!d(float64=1000)|1",
        ])
    }

    @Test func pipelinesPassTheValueAsTheLastArgument() throws {
        try expectRenders([
            "{{ $value | printf \"%.2f\" }}": "0.25", "{{ $value | printf \"%s=%v\" \"v\" }}": "v=0.25",
            "{{ (printf \"%s\" \"x\") | toUpper }}": "X", "{{ printf \"%s-%s\" (toUpper \"a\") (toLower \"B\") }}": "A-b",
            "{{ toUpper \"a\" | toLower | title | printf \"%s!\" }}": "A!",
            "{{ printf \"%.1f\" (index $labels \"ratio\" | humanize | printf \"%s\") }}": "%!f(string=5)",
            // Go accepts a pipe with nothing after it.
            "{{ $value | }}": "0.25",
        ])
    }

    @Test func humanizeReadsStringsAsGoDoes() throws {
        try expectRenders([
            "{{ $labels.bytes | humanize1024 }}": "1.5ki", "{{ $labels.ratio | humanizePercentage }}": "5%",
            "{{ $labels.duration | humanizeDuration }}": "1h 2m 5s",
            "{{ $labels.timestamp | humanizeTimestamp }}": "2023-11-14 22:13:20 +0000 UTC",
            "{{ humanize $labels.hex }}": "250m", "{{ humanize $labels.grouped }}": "1k",
            "{{ humanize $labels.negativeInfinity }}": "-Inf", "{{ humanize $labels.nan }}": "NaN",
            "{{ humanize 1234567 }}": "1.235M", "{{ humanize \"1.5e3\" }}": "1.5k", "{{ humanize1024 -2048 }}": "-2ki",
            "{{ humanizeDuration 0.000001 }}": "1us",
        ])
    }

    @Test func stringFunctions() throws {
        try expectRenders([
            "{{ toUpper $labels.job }}": "API", "{{ toLower \"ÀÉÎ\" }}": "àéî", "{{ title $labels.mixed }}": "HELLO WORLD Don'T X_y 1a Ça",
            // Go's simple case mapping: one scalar for one scalar.
            "{{ toUpper \"ǆ ß ŉ ﬀ ᾀ ᾳ ı ſ ǅ\" }}": "Ǆ ß ŉ ﬀ ᾈ ᾼ I S Ǆ", "{{ toLower \"İ ǅ Σ ẞ K Å\" }}": "i ǆ σ ß k å",
            "{{ title \"ǆemal ßx ﬀ ᾳx élan\" }}": "ǅemal ßx ﬀ ᾼx Élan",
            "{{ title \"a-b_c d.e f'g h(i) j\\tk l,m\" }}": "A-B_c D.E F'G H(I) J\tK L,M", "{{ title \"1st 2nd\" }}": "1st 2nd",
            "{{ safeHtml \"<b>x</b>\" }}": "<b>x</b>", "{{ safeHtml $labels.path }}": "/a b/c",
        ])
    }

    @Test func hostFunctions() throws {
        try expectRenders([
            "{{ stripPort $labels.instance }}": "host-1.example.com", "{{ stripPort \"[::1]:9090\" }}": "::1",
            "{{ stripPort \"a:b\" }}": "a", "{{ stripPort \"[a:b]\" }}": "[a:b]", "{{ stripPort \"[a]:b]:c\" }}": "[a]:b]:c",
            "{{ stripPort \"\" }}": "", "{{ stripPort \":80\" }}": "", "{{ stripPort \"host\" }}": "host", "{{ stripPort \"a:b:c\" }}": "a:b:c",
            "{{ stripDomain $labels.instance }}": "host-1:9090", "{{ stripDomain \"10.0.0.1:80\" }}": "10.0.0.1:80",
            "{{ stripDomain \"[::1]:9090\" }}": "[::1]:9090", "{{ stripDomain \"[fe80::1]:80\" }}": "[fe80::1]:80",
            "{{ stripDomain \"1.2.3.04:80\" }}": "1:80", "{{ stripDomain \"1.2.3:80\" }}": "1:80",
            "{{ stripDomain \"::ffff:1.2.3.4\" }}": "::ffff:1.2.3.4", "{{ stripDomain \"a.b\" }}": "a", "{{ stripDomain \"\" }}": "",
            "{{ stripDomain \".x:1\" }}": ":1", "{{ stripDomain \"foo.bar\" }}": "foo",
            "{{ stripDomain \"[fe80::1%eth0]:80\" }}": "[fe80::1%eth0]:80",
        ])
    }

    @Test func regularExpressionFunctions() throws {
        try expectRenders([
            "{{ reReplaceAll \"(.*):.*\" \"$1\" $labels.instance }}": "host-1.example.com",
            "{{ match \"^api$\" $labels.job }}": "true", "{{ match \"API\" $labels.job }}": "false",
            "{{ reReplaceAll $labels.job \"svc\" \"my api\" }}": "my svc", "{{ match $labels.job \"rapid\" }}": "true",
        ])
    }

    @Test func conditionalsChooseByGoTruth() throws {
        let severity = try AlertTemplate("{{ if gt $value 0.5 }}high{{ else if gt $value 0.1 }}mid{{ else }}low{{ end }}")
        #expect(severity.render(labels: [:], value: 0.7) == "high")
        #expect(severity.render(labels: [:], value: 0.3) == "mid")
        #expect(severity.render(labels: [:], value: 0.01) == "low")
        // Go's gt is "not (lt or eq)", true for NaN.
        #expect(severity.render(labels: [:], value: .nan) == "high")
        let truth = try AlertTemplate("{{ if $value }}t{{ else }}f{{ end }}")
        #expect([0, .nan, -0.0, 2].map { truth.render(labels: [:], value: $0) } == ["f", "t", "f", "t"])
        try expectRenders(
            [
                "{{ if $labels.team }}team={{ $labels.team }}{{ end }}|{{ if $labels.nope }}x{{ else }}none{{ end }}": "team=ml|none",
                "{{ if $externalLabels }}t{{ else }}f{{ end }}|{{ if $labels }}t{{ end }}|{{ if \"\" }}t{{ else }}f{{ end }}": "f|t|f",
                "{{ if 0 }}t{{ else }}f{{ end }}|{{ if 0.0 }}t{{ else }}f{{ end }}|{{ if (safeHtml \"\") }}t{{ else }}f{{ end }}": "f|f|f",
                "a {{- if true -}} b {{- else -}} c {{- end -}} d|{{ if false }}{{ else }}  e  {{ end }}": "abd|  e  ",
                "{{if true}}{{if false}}x{{else}}nested{{end}}{{end}}": "nested",
                "{{ if true }}a{{ else if false }}b{{ else if true }}c{{ end }}": "a",
            ], labels: ["team": "ml"])
        try expectRenders(
            ["{{ if and (gt $value 0.5) (match \"^prod\" $labels.env) }}page{{ else }}ticket{{ end }}": "page"], value: 0.9,
            labels: ["env": "prod-eu"])
    }

    /// `and`/`or` return the deciding argument and stop there, as Go does since 1.18.
    @Test func logicalFunctions() throws {
        let template = try AlertTemplate(
            "{{ and 1 0 2 }}|{{ and 1 2 3 }}|{{ or 0 0 }}|{{ or 0 5 6 }}|{{ or $labels.nope \"default\" }}|{{ and \"a\" \"\" }}|"
                + "{{ not 0 }}|{{ not \"x\" }}|{{ not $labels }}|{{ and \"\" (humanize $labels.bad) }}|{{ or \"x\" (humanize $labels.bad) }}|"
                + "{{ and $value $value }}|{{ $labels.job | or \"fallback\" }}")
        // The piped value comes last: `or "fallback" $labels.job` is "fallback".
        #expect(template.render(labels: ["bad": "x", "job": "api"], value: .nan) == "0|3|0|5|default||true|false|false||x|NaN|fallback")
    }

    /// Go compares by kind (`template.HTML` with `string`), strings byte by byte (`é` > `z`),
    /// and derives `le`, `gt`, `ge` from `lt` and `eq`, so every comparison with NaN but `ne`
    /// and `gt`/`ge` is false.
    @Test func comparisonFunctions() throws {
        let template = try AlertTemplate(
            "{{ eq 1 1 }}|{{ eq 1 2 3 1 }}|{{ eq \"a\" \"b\" }}|{{ eq $labels.job \"api\" }}|{{ ne 1 2 }}|{{ lt 1 2 }}|{{ le 2 2 }}|"
                + "{{ gt 2 1 }}|{{ ge 1 2 }}|{{ lt \"a\" \"b\" }}|{{ lt \"B\" \"a\" }}|{{ lt \"é\" \"z\" }}|{{ eq true true }}|"
                + "{{ ne false true }}|{{ eq (safeHtml \"a\") \"a\" }}|{{ eq $value $value }}|{{ gt $value 1.0 }}|{{ ge $value 1.0 }}|"
                + "{{ lt $value 1.0 }}|{{ le $value 1.0 }}|{{ eq $value 1.0 }}|{{ ne $value 1.0 }}")
        #expect(
            template.render(labels: ["job": "api"], value: .nan)
                == "true|true|false|true|true|true|true|true|false|true|true|false|true|true|true|false|true|true|false|false|false|true")
        #expect(try render("{{ $value | gt 0.5 }}|{{ 2 | lt 1 }}|{{ \"x\" | eq \"x\" }}", value: 0.3) == "true|true|true")
    }

    /// What can fail only for some alerts replaces the whole text, as in Prometheus, whose
    /// message has the same end (checked against promtool in ``AlertTemplatePromtoolTests``).
    @Test func runtimeFailuresReplaceTheWholeText() throws {
        #expect(
            try render("before {{ humanize $labels.bad }} after")
                == "<error expanding template: error calling humanize: strconv.ParseFloat: parsing \"12abc\": invalid syntax>")
        #expect(
            try render("{{ humanize $labels.missing }}")
                == "<error expanding template: error calling humanize: strconv.ParseFloat: parsing \"\": invalid syntax>")
        #expect(
            try render("{{ match $labels.pattern \"x\" }}")
                == "<error expanding template: error calling match: error parsing regexp: missing closing ): `(unclosed`>")
        #expect(
            try render("{{ reReplaceAll $labels.pattern \"x\" \"y\" }}")
                == "<error expanding template: error calling reReplaceAll: regexp: Compile(`(unclosed`): "
                + "error parsing regexp: missing closing ): `(unclosed`>")
        #expect(
            try render("{{ humanizeTimestamp $value }}", value: 1e30)
                == "<error expanding template: error calling humanizeTimestamp: "
                + "1e+30 cannot be represented as a nanoseconds timestamp since it overflows int64>")
    }

    @Test func equalityFollowsTheText() throws {
        #expect(try AlertTemplate("{{ $value }}") == AlertTemplate("{{ $value }}"))
        #expect(try AlertTemplate("{{ $value }}") != AlertTemplate("{{ .Value }}"))
        #expect(try AlertTemplate("a {{ $labels.job }}").text == "a {{ $labels.job }}")
    }
}
