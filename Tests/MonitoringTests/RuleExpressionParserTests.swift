import Testing

@testable import Monitoring

@Suite struct RuleExpressionParserTests {
    private func selector(_ name: String, _ matchers: [LabelMatcher] = []) -> RuleExpression {
        .selector(SeriesSelector(matchers: [LabelMatcher(name: "__name__", equals: name)] + matchers))
    }

    @Test func comparisonsWithANumberOnEitherSideAndBool() throws {
        #expect(
            try RuleExpressionParser.parse(#"driftwatch_dataset_drift_share{model="fraud"} > 0.3"#)
                == .comparison(selector("driftwatch_dataset_drift_share", [LabelMatcher(name: "model", equals: "fraud")]), .greater, .number(0.3), returnsBool: false))
        #expect(try RuleExpressionParser.parse("0.3 <= bool x") == .comparison(.number(0.3), .lessOrEqual, selector("x"), returnsBool: true))
        #expect(try RuleExpressionParser.parse("x != -1e3") == .comparison(selector("x"), .notEqual, .number(-1000), returnsBool: false))
        #expect(try RuleExpressionParser.parse("x == 0x1F") == .comparison(selector("x"), .equal, .number(31), returnsBool: false))
        #expect(try RuleExpressionParser.parse("x < .5") == .comparison(selector("x"), .less, .number(0.5), returnsBool: false))
        #expect(try RuleExpressionParser.parse("x >= +Inf") == .comparison(selector("x"), .greaterOrEqual, .number(.infinity), returnsBool: false))
        guard case .comparison(_, .greater, .number(let nan), _) = try RuleExpressionParser.parse("x > nan") else {
            Issue.record("NaN literal")
            return
        }
        #expect(nan.isNaN)
    }

    @Test func precedenceAndAssociativityArePromQLs() throws {
        let a = RuleExpression.comparison(selector("a"), .greater, .number(1), returnsBool: false)
        let b = RuleExpression.comparison(selector("b"), .greater, .number(2), returnsBool: false)
        let c = RuleExpression.comparison(selector("c"), .greater, .number(3), returnsBool: false)
        #expect(
            try RuleExpressionParser.parse("a > 1 or b > 2 and c > 3")
                == .set(a, .or, .set(b, .and, c, matching: .allLabels), matching: .allLabels))
        #expect(
            try RuleExpressionParser.parse("a > 1 unless b > 2 and c > 3")
                == .set(.set(a, .unless, b, matching: .allLabels), .and, c, matching: .allLabels))
        #expect(
            try RuleExpressionParser.parse("(a > 1 or b > 2) and on(model, feature) c > 3")
                == .set(.set(a, .or, b, matching: .allLabels), .and, c, matching: .on(["model", "feature"])))
        #expect(
            try RuleExpressionParser.parse("a > 1 OR IGNORING(detector) b > 2")
                == .set(a, .or, b, matching: .ignoring(["detector"])))
        // Comparisons chain left to right: (x > 1) > 2.
        #expect(
            try RuleExpressionParser.parse("x > 1 > 2")
                == .comparison(.comparison(selector("x"), .greater, .number(1), returnsBool: false), .greater, .number(2), returnsBool: false))
    }

    @Test func aggregationsWithTheirGroupingBeforeOrAfter() throws {
        let inner = selector("driftwatch_feature_drift_detected")
        #expect(
            try RuleExpressionParser.parse("max by (model) (driftwatch_feature_drift_detected)")
                == .aggregation(.max, grouping: .by(["model"]), inner))
        #expect(
            try RuleExpressionParser.parse("Sum(driftwatch_feature_drift_detected) WITHOUT (feature, method,)")
                == .aggregation(.sum, grouping: .without(["feature", "method"]), inner))
        #expect(try RuleExpressionParser.parse("count(driftwatch_feature_drift_detected)") == .aggregation(.count, grouping: .by([]), inner))
        #expect(
            try RuleExpressionParser.parse("avg without () (driftwatch_feature_drift_detected) > 0.5")
                == .comparison(.aggregation(.avg, grouping: .without([]), inner), .greater, .number(0.5), returnsBool: false))
        // A metric may be called like an aggregation when nothing follows that opens one.
        #expect(try RuleExpressionParser.parse("sum > 1") == .comparison(selector("sum"), .greater, .number(1), returnsBool: false))
    }

    @Test func matchersStringsAndComments() throws {
        let parsed = try RuleExpressionParser.parse(
            """
            # drift in any EU fraud model
            x{model=~"fraud-.*", region!~'us|ca', feature!="a\\"b\\u00e9", detector=`raw\\n`,} # trailing
              > 0
            """)
        guard case .comparison(.selector(let selector), .greater, .number(0), false) = parsed else {
            Issue.record("parsed as \(parsed)")
            return
        }
        #expect(selector.metricName == "x")
        #expect(selector.matchers.map(\.name) == ["__name__", "model", "region", "feature", "detector"])
        #expect(selector.matchers.map(\.operation) == [.equal, .matchesRegex, .doesNotMatchRegex, .notEqual, .equal])
        #expect(selector.matchers.map(\.value) == ["x", "fraud-.*", "us|ca", "a\"bé", "raw\\n"])
        #expect(try RuleExpressionParser.parse(#"{__name__=~"driftwatch_.*_ratio"} > 0.1"#) != nil)
    }

    @Test func labelMatchersFollowPrometheus() throws {
        let regex = try LabelMatcher(name: "model", .matchesRegex, "fraud-.*")
        #expect(regex.matches("fraud-eu") && !regex.matches("my-fraud-eu") && !regex.matches("fraud"))
        let alternation = try LabelMatcher(name: "model", .doesNotMatchRegex, "a|b")
        #expect(!alternation.matches("a") && !alternation.matches("b") && alternation.matches("ab"))
        // An absent label reads as the empty value.
        #expect(LabelMatcher(name: "team", equals: "").matches(""))
        #expect(try LabelMatcher(name: "team", .notEqual, "").matches("x"))
        // Values compare by bytes: a precomposed é is not e + combining accent.
        #expect(!LabelMatcher(name: "f", equals: "\u{e9}").matches("e\u{301}"))
    }

    /// Each unsupported or malformed construct is refused with its place and a message naming it.
    @Test(arguments: [
        ("rate(x[5m]) > 1", 1, 1, "function 'rate' is not supported"),
        ("x[5m] > 1", 1, 2, "range selectors"),
        ("x + 1 > 2", 1, 3, "arithmetic ('+') is not supported"),
        ("-x > 1", 1, 1, "arithmetic"),
        ("x > y", 1, 3, "compares two series"),
        ("1 > 2", 1, 3, "compares two numbers"),
        ("x offset 5m > 1", 1, 3, "'offset' is not supported"),
        ("topk(3, x)", 1, 1, "aggregation 'topk' is not supported"),
        ("sum(x, y)", 1, 6, "takes one argument"),
        ("sum by (a) (x) by (b)", 1, 1, "two grouping clauses"),
        ("sum(1)", 1, 5, "aggregates series, not a number"),
        ("x > 1 and 2", 1, 11, "needs series on both sides"),
        ("x and on(a) group_left y", 1, 13, "'group_left' is not supported"),
        (#"{a=""} > 1"#, 1, 1, "needs a metric name or a matcher"),
        (#"x{__name__="y"} > 1"#, 1, 1, "metric name is given twice"),
        (#"x{a=~"("} > 1"#, 1, 6, "invalid regular expression"),
        (#"x{a="b} > 1"#, 1, 5, "unterminated string"),
        (#"x{a="\q"} > 1"#, 1, 6, "unknown escape sequence '\\q'"),
        ("x{a=b} > 1", 1, 5, "expected a quoted string"),
        ("x{a:b=\"c\"} > 1", 1, 3, "expected a label name"),
        ("x >", 1, 4, "unexpected end of expression"),
        ("(x > 1", 1, 7, "to close the parenthesis"),
        ("x > 1 )", 1, 7, "after the expression"),
        ("0.3", 1, 1, "the expression is a number"),
        ("x > 5m", 1, 6, "durations are not supported"),
        ("x > 1 and\n  y ~ 2", 2, 5, "unexpected character '~'"),
        ("and > 1", 1, 1, "unexpected keyword 'and'"),
    ])
    func refusals(expression: String, line: Int, column: Int, message: String) {
        do {
            let parsed = try RuleExpressionParser.parse(expression)
            Issue.record("'\(expression)' parsed as \(parsed)")
        } catch {
            #expect(error.line == line && error.column == column, "'\(expression)': \(error)")
            #expect(error.message.contains(message), "'\(expression)': \(error)")
        }
    }
}
