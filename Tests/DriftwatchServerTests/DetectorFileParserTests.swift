import DriftStatistics
import Monitoring
import Testing

@testable import DriftwatchServer

@Suite struct DetectorFileParserTests {
    private func parse(_ yaml: String) throws(DetectorSetError) -> DetectorFile {
        try DetectorFileParser.parse(yaml: yaml, path: "detectors/fraud.yaml")
    }

    /// The problems of a file, as `file:line:column: message`.
    private func problems(_ yaml: String) -> [String] {
        do {
            let file = try parse(yaml)
            Issue.record("parsed: \(file)")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func theDesignExampleParses() throws {
        let file = try parse(
            """
            model: fraud-detector
            window: 1h
            allowed_lateness: 10m
            baseline: default
            detectors:
              - name: feature-drift
                kind: univariate
                features: all
                method: auto
                threshold: auto
                min_rows: 100
                overrides:
                  amount: {method: psi, threshold: {score: 0.2}}
              - name: inputs-mmd
                kind: multivariate
                method: mmd
                features: [amount, age, balance]
                threshold: {p_value: 0.01}
            rules:
              - alert: FraudFeatureDrift
                expr: driftwatch_dataset_drift_share{model="fraud-detector",detector="feature-drift"} > 0.3
                for: 2h
                keep_firing_for: 1h
                labels: {severity: page}
                annotations: {summary: "{{ $labels.model }}: {{ $value }} of features drifted"}
                actions: [retrain-fraud]
            actions:
              - name: retrain-fraud
                kind: retrain
                adapter: sagemaker-pipeline
                cooldown: 24h
                approval: manual
                with: {pipeline: fraud-retrain, region: eu-west-1}
            """)
        #expect(file.models.patterns == ["fraud-detector"] && file.window == .duration(seconds: 3600))
        #expect(file.allowedLateness == 600 && file.baseline == "default")
        #expect(file.detectors.map(\.name) == ["feature-drift", "inputs-mmd"])
        #expect(file.detectors[0].overrides["amount"] == .init(method: .psi, threshold: DriftThreshold(value: 0.2, direction: .statisticAtOrAbove)))
        #expect(file.detectors[0].method == nil && file.detectors[0].threshold == nil && file.detectors[0].minRows == 100)
        #expect(file.detectors[1].features == .named(["amount", "age", "balance"]) && file.detectors[1].method == .mmd)
        #expect(file.detectors[1].threshold == DriftThreshold(value: 0.01, direction: .pValueBelow))
        let rule = try #require(file.rules.first)
        #expect(rule.name == "FraudFeatureDrift" && rule.holdDuration == 7200 && rule.keepFiringFor == 3600)
        #expect(rule.labels.mapValues { $0.render(labels: [:], value: 0) } == ["severity": "page"])
        #expect(rule.annotations["summary"]?.render(labels: ["model": "fraud-detector"], value: 0.5) == "fraud-detector: 0.5 of features drifted")
        #expect(rule.actions == ["retrain-fraud"] && rule.place == SourcePlace(file: "detectors/fraud.yaml", line: 20, column: 5))
        guard case .comparison(.selector(let selector), .greater, .number(0.3), false) = rule.expression else {
            Issue.record("expression \(rule.expression)")
            return
        }
        #expect(selector.metricName == "driftwatch_dataset_drift_share")
        let action = try #require(file.actions.first)
        #expect(action.adapter == .sagemakerPipeline && action.cooldown == 86_400 && action.approval == .manual)
        guard case .sagemakerPipeline(let settings) = action.configuration else {
            Issue.record("configuration \(action.configuration)")
            return
        }
        #expect(settings.pipeline.text == "fraud-retrain" && settings.connection.region == "eu-west-1")
        #expect(settings.connection.endpoint == "https://api.sagemaker.eu-west-1.amazonaws.com")
        #expect(settings.connection.secretAccessKey == .environment("AWS_SECRET_ACCESS_KEY"))
    }

    @Test func globsAndRowWindows() throws {
        let file = try parse("models: [\"fraud-*\", churn]\nwindow: {rows: 5000}\n")
        #expect(file.window == .rows(5000))
        #expect(file.models.matches("fraud-eu") && file.models.matches("churn") && !file.models.matches("churn-2"))
        #expect(ModelSelector(patterns: ["m?-[ab]*"]).matches("m1-b-x") && !ModelSelector(patterns: ["m?-[ab]*"]).matches("m1-c"))
    }

    @Test func everyProblemIsListedWithItsPlace() {
        let found = problems(
            """
            model: fraud
            windw: 1h
            detectors:
              - name: d1
                kind: univariate
                method: mmd
              - name: d1
                kind: univariate
                method: psi
                threshold: {p_value: 0.05}
              - name: d3
                kind: sideways
            rules:
              - alert: A
                expr: x > y
                for: 5x
            """)
        #expect(found == [
            "detectors/fraud.yaml:2:1: file: unknown key 'windw' (known keys: model, models, window, allowed_lateness, baseline, detectors, rules, actions)",
            "detectors/fraud.yaml:6:13: detectors[0].method: 'mmd' is not a method of a univariate detector (one of: auto, ks, chi2, z, fisher, psi, js, kl, hellinger, tv, wasserstein, wasserstein_normed, anderson, cvm, mannwhitney, ttest, energy)",
            "detectors/fraud.yaml:10:26: detectors[1].threshold: method 'psi' gives no p-value; use {score: …}",
            "detectors/fraud.yaml:12:11: detectors[2].kind: unknown value 'sideways' (one of: univariate, multivariate, prediction, performance, data-quality, outliers, metric-anomaly)",
            "detectors/fraud.yaml:15:13: rules[0].expr: '>' compares two series; driftwatch rules compare a series with a number",
            "detectors/fraud.yaml:16:10: rules[0].for: invalid duration '5x': unknown unit 'x' (use ms, s, m, h, d, w or y)",
            "detectors/fraud.yaml:7:5: detector 'd1' is defined twice",
        ], "\(found)")
    }

    /// Prediction, data-quality, outliers and performance series carry no detector label: one of each per file.
    @Test func aFileHoldsOneDetectorOfEachUnlabelledKind() {
        let found = problems(
            "model: fraud\ndetectors:\n  - {name: a, kind: prediction}\n  - {name: b, kind: outliers}\n"
                + "  - {name: c, kind: prediction}\n  - {name: d, kind: univariate}\n  - {name: e, kind: univariate}\n")
        #expect(found == ["detectors/fraud.yaml:5:5: detector 'c': a file has at most one prediction detector"], "\(found)")
    }

    /// A reconstruction error has no p-value; MMD and Hotelling do.
    @Test func pcaReconstructionTakesAScoreNotAPValue() {
        let head = "model: fraud\ndetectors:\n  - name: joint\n    kind: multivariate\n"
        #expect(problems(head + "    method: pca-reconstruction\n    threshold: {p_value: 0.01}\n") == [
            "detectors/fraud.yaml:6:26: detectors[0].threshold: method 'pca-reconstruction' gives no p-value; use {score: …}"
        ])
        for accepted in ["pca-reconstruction\n    threshold: {score: 1.5}", "hotelling\n    threshold: {p_value: 0.01}", "auto\n    threshold: {p_value: 0.01}"] {
            #expect((try? parse(head + "    method: \(accepted)\n")) != nil, "\(accepted)")
        }
    }

    /// An expression's error points at the character in the file, for plain, quoted and `|`
    /// block scalars; a folded one points at its start and says where inside.
    @Test func expressionErrorsPointIntoTheFile() {
        let head = "model: fraud\nrules:\n  - alert: A\n"
        #expect(problems(head + "    expr: x + 1 > 2\n") == ["detectors/fraud.yaml:4:13: rules[0].expr: arithmetic ('+') is not supported in driftwatch rules; compare series with numbers"])
        #expect(problems(head + "    expr: \"rate(x[5m]) > 1\"\n").first?.hasPrefix("detectors/fraud.yaml:4:12: rules[0].expr: function 'rate'") == true)
        let block = problems(head + "    expr: |\n      max by (model) (x)\n        > bool y\n")
        #expect(block.first?.hasPrefix("detectors/fraud.yaml:6:9: rules[0].expr: '>' compares two series") == true, "\(block)")
        let folded = problems(head + "    expr: >\n      x >\n      y\n")
        #expect(folded.first?.hasPrefix("detectors/fraud.yaml:4:11: rules[0].expr: '>' compares two series") == true, "\(folded)")
        #expect(folded.first?.hasSuffix("(line 1, column 3 of the expression)") == true, "\(folded)")
    }

    @Test func yamlSyntaxAndShapeErrors() {
        #expect(problems("model: [unclosed\n").first?.hasPrefix("detectors/fraud.yaml:2:1: YAML:") == true)
        #expect(problems("") == ["detectors/fraud.yaml:1:1: the file is empty; it needs 'model' or 'models'"])
        #expect(problems("window: 1h\n") == ["detectors/fraud.yaml:1:1: file: 'model' (a name) or 'models' (names or globs such as \"fraud-*\") is required (only a file of metric-anomaly detectors may leave it out)"])
        #expect(problems("model: a\nmodels: [b]\n") == ["detectors/fraud.yaml:2:9: give 'model' or 'models', not both"])
        #expect(problems("model: a\nrules:\n  - alert: A\n    expr: x > 1\n    labels: {alertname: B}\n") == ["detectors/fraud.yaml:5:13: rules[0].labels: 'alertname' is reserved"])
    }
}
