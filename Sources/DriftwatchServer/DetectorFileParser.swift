import AnomalyDetection
import DriftStatistics
import Monitoring
import Yams

/// Parses one detector file (design.md, "Detector and rule files") into a `DetectorFile`,
/// checking every field and collecting every problem with its line and column. Rule expressions
/// are parsed here, and their errors placed in the file (exactly for one-line and `|` block
/// expressions; at the expression's start, with the place inside it, for folded ones).
enum DetectorFileParser {
    static let fileKeys = ["model", "models", "window", "allowed_lateness", "baseline", "detectors", "rules", "actions"]
    static let detectorKeys = ["name", "kind", "features", "method", "threshold", "min_rows", "overrides"]
    static let metricAnomalyKeys = ["name", "kind", "series", "detector", "parameters", "hold", "max_series"]
    /// The `kind` of a detector watching metric series rather than a model's windows.
    static let metricAnomalyKind = "metric-anomaly"
    static let ruleKeys = ["alert", "expr", "for", "keep_firing_for", "labels", "annotations", "actions"]
    static let actionKeys = [
        "name", "kind", "adapter", "cooldown", "max_concurrent", "approval", "approval_timeout", "dry_run", "on_resolved", "timeout",
        "retries", "retry_backoff", "with",
    ]

    static func parse(yaml: String, path: String) throws(DetectorSetError) -> DetectorFile {
        var reader = YAMLMappingReader(file: path)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw DetectorSetError([Self.syntaxError(error, file: path)])
        } catch {
            throw DetectorSetError([DetectorFileError(file: path, line: 1, column: 1, message: "\(error)")])
        }
        guard let root else {
            throw DetectorSetError([DetectorFileError(file: path, line: 1, column: 1, message: "the file is empty; it needs 'model' or 'models'")])
        }
        let fields = reader.fields(root, known: fileKeys, context: "file")
        var models: ModelSelector?
        var modelsMissing = false
        switch (fields["model"], fields["models"]) {
        case (let node?, nil):
            models = reader.text(node, "model").map { ModelSelector(patterns: [$0]) }
        case (nil, let node?):
            if let entries = reader.sequence(node, "models") {
                let patterns = entries.enumerated().compactMap { reader.text($0.element, "models[\($0.offset)]") }
                if patterns.isEmpty { reader.fail(node, "models: list at least one model name or glob") }
                models = ModelSelector(patterns: patterns)
            }
        case (.some, .some(let node)):
            reader.fail(node, "give 'model' or 'models', not both")
        case (nil, nil):
            modelsMissing = true
        }
        var window: WindowSpec?
        if let node = fields["window"] { window = Self.window(node, &reader) }
        let lateness = fields["allowed_lateness"].flatMap { reader.duration($0, "allowed_lateness", allowingZero: true) }
        let baseline = fields["baseline"].flatMap { reader.name($0, "baseline") }
        let entries = Self.list(fields["detectors"], "detectors", &reader) { node, context, reader in
            Self.detectorEntry(node, context, yaml: yaml, &reader)
        }
        let detectors = entries.compactMap { entry -> (value: DetectorSpec, node: Node)? in
            guard case .model(let spec) = entry.value else { return nil }
            return (spec, entry.node)
        }
        let metricAnomalies = entries.compactMap { entry -> MetricAnomalySpec? in
            guard case .metricAnomaly(let spec) = entry.value else { return nil }
            return spec
        }
        let rules = Self.list(fields["rules"], "rules", &reader) { node, context, reader in
            Self.rule(node, context, yaml: yaml, &reader)
        }
        let actions = Self.list(fields["actions"], "actions", &reader) { node, context, reader in
            Self.action(node, context, &reader)
        }
        if modelsMissing {
            // Metric-anomaly detectors watch series, not models, so a file of only those needs none.
            let modelFree = !metricAnomalies.isEmpty && detectors.isEmpty && window == nil && lateness == nil && baseline == nil
            if modelFree {
                models = ModelSelector(patterns: [])
            } else {
                reader.fail(
                    root,
                    "file: 'model' (a name) or 'models' (names or globs such as \"fraud-*\") is required"
                        + " (only a file of metric-anomaly detectors may leave it out)")
            }
        }
        Self.requireDistinct(entries.map { ($0.value.name, $0.node) }, "detector", &reader)
        // Their series carry no detector label, so a second one could not be told apart.
        var singles: Set<DetectorKind> = []
        for (detector, node) in detectors where DetectorSpec.singletonKinds.contains(detector.kind) {
            if !singles.insert(detector.kind).inserted {
                reader.fail(node, "detector '\(detector.name)': a file has at most one \(detector.kind.rawValue) detector")
            }
        }
        Self.requireDistinct(actions.map { ($0.value.name, $0.node) }, "action", &reader)
        Self.requireDistinct(rules.map { ($0.value.name, $0.node) }, "alert", &reader)
        guard reader.errors.isEmpty, let models else { throw DetectorSetError(reader.errors) }
        return DetectorFile(
            path: path, models: models, window: window, allowedLateness: lateness, baseline: baseline,
            detectors: detectors.map(\.value), metricAnomalies: metricAnomalies, rules: rules.map(\.value),
            actions: actions.map(\.value))
    }

    /// A YAML syntax error at the place libyaml reports.
    static func syntaxError(_ error: YamlError, file: String) -> DetectorFileError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.joined(separator: ": ")
            return DetectorFileError(file: file, line: mark.line, column: mark.column, message: "YAML: \(detail)")
        default:
            return DetectorFileError(file: file, line: 1, column: 1, message: "YAML: \(error)")
        }
    }

    /// Each element of an optional list, parsed by `element`, with its node for later messages.
    private static func list<T>(
        _ node: Node?, _ context: String, _ reader: inout YAMLMappingReader,
        _ element: (Node, String, inout YAMLMappingReader) -> T?
    ) -> [(value: T, node: Node)] {
        guard let node, let entries = reader.sequence(node, context) else { return [] }
        return entries.enumerated().compactMap { index, entry in
            element(entry, "\(context)[\(index)]", &reader).map { ($0, entry) }
        }
    }

    private static func requireDistinct(_ names: [(String, Node)], _ what: String, _ reader: inout YAMLMappingReader) {
        var seen: Set<String> = []
        for (name, node) in names where !seen.insert(name).inserted {
            reader.fail(node, "\(what) '\(name)' is defined twice")
        }
    }

    private static func window(_ node: Node, _ reader: inout YAMLMappingReader) -> WindowSpec? {
        if case .mapping = node {
            let fields = reader.fields(node, known: ["rows"], context: "window")
            guard let rows = fields["rows"] else {
                reader.fail(node, "window: expected a duration such as 1h, or {rows: N}")
                return nil
            }
            return reader.integer(rows, "window.rows", minimum: 1).map { .rows($0) }
        }
        guard let text = reader.text(node, "window") else { return nil }
        do {
            return try WindowSpec.parseDuration(text)
        } catch {
            reader.fail(node, "window: \(error)")
            return nil
        }
    }

    /// An entry of `detectors`: a model's detector, or one watching metric series.
    enum DetectorEntry {
        case model(DetectorSpec)
        case metricAnomaly(MetricAnomalySpec)

        var name: String {
            switch self {
            case .model(let spec): spec.name
            case .metricAnomaly(let spec): spec.name
            }
        }
    }

    private static func detectorEntry(_ node: Node, _ context: String, yaml: String, _ reader: inout YAMLMappingReader) -> DetectorEntry? {
        if node.mapping?[Node.scalar(.init("kind"))]?.string == metricAnomalyKind {
            return metricAnomaly(node, context, yaml: yaml, &reader).map(DetectorEntry.metricAnomaly)
        }
        return detector(node, context, &reader).map(DetectorEntry.model)
    }

    /// A `kind: metric-anomaly` entry (``MetricAnomalySpec``): its selector parsed as a rule
    /// expression and required to be one metric's selector, its parameters checked by
    /// `AnomalyDetectorSpec` one by one, so that each bad one is reported at its place.
    private static func metricAnomaly(
        _ node: Node, _ context: String, yaml: String, _ reader: inout YAMLMappingReader
    ) -> MetricAnomalySpec? {
        let fields = reader.fields(node, known: metricAnomalyKeys, context: context)
        guard let nameNode = fields["name"], let seriesNode = fields["series"] else {
            reader.fail(
                node, "\(context): a metric-anomaly detector needs 'name' and 'series' (a selector such as endpoint_latency_ms{endpoint=\"fraud\"})")
            return nil
        }
        let name = reader.name(nameNode, "\(context).name")
        let text = reader.text(seriesNode, "\(context).series")
        var selector: SeriesSelector?
        if let text {
            do {
                if case .selector(let parsed) = try RuleExpressionParser.parse(text), let metric = parsed.metricName {
                    let windowNames = DriftwatchMetrics.windowFamilies.map(\.name)
                    if metric.hasPrefix("driftwatch_"), !windowNames.contains(metric) {
                        reader.fail(
                            seriesNode,
                            "\(context).series: '\(metric)' is not a window series; of driftwatch's own series only these can be watched: "
                                + windowNames.joined(separator: ", "))
                    } else {
                        selector = parsed
                    }
                } else {
                    reader.fail(
                        seriesNode,
                        "\(context).series: expected one metric's selector, such as endpoint_latency_ms{endpoint=\"fraud\"}; got '\(text)'")
                }
            } catch {
                let (line, column, inside) = Self.place(of: error, in: seriesNode, yaml: yaml)
                reader.absorb([DetectorFileError(
                    file: reader.file, line: line, column: column, message: "\(context).series: \(error.message)\(inside)")])
            }
        }
        let kind = fields["detector"].map { reader.oneOf($0, "\(context).detector", AnomalyDetectorKind.self) } ?? .conformalEnsemble
        var parameters: [String: Double] = [:]
        var parametersValid = true
        if let parametersNode = fields["parameters"] {
            guard case .mapping(let mapping) = parametersNode else {
                reader.fail(parametersNode, "\(context).parameters: expected a mapping of parameter names to numbers, such as {history: 4000}")
                return nil
            }
            for (key, value) in mapping {
                guard let parameter = reader.text(key, "\(context).parameters"),
                    let number = reader.number(value, "\(context).parameters.\(parameter)")
                else {
                    parametersValid = false
                    continue
                }
                guard let kind else { continue }
                do {
                    _ = try AnomalyDetectorSpec(kind: kind, parameters: [parameter: number])
                    parameters[parameter] = number
                } catch {
                    parametersValid = false
                    reader.fail(value, "\(context).parameters.\(error.description)")
                }
            }
        }
        let hold = fields["hold"].flatMap { reader.duration($0, "\(context).hold", allowingZero: true) } ?? MetricAnomalySpec.defaultHold
        let maxSeries =
            fields["max_series"].flatMap { reader.integer($0, "\(context).max_series", minimum: 1) } ?? MetricAnomalySpec.defaultMaxSeries
        guard let name, let selector, let text, let kind, parametersValid,
            let detector = try? AnomalyDetectorSpec(kind: kind, parameters: parameters)
        else { return nil }
        return MetricAnomalySpec(
            name: name, selector: selector, selectorText: text, detector: detector, hold: hold, maxSeries: maxSeries,
            place: reader.place(of: node))
    }

    private static func detector(_ node: Node, _ context: String, _ reader: inout YAMLMappingReader) -> DetectorSpec? {
        let fields = reader.fields(node, known: detectorKeys, context: context)
        guard let nameNode = fields["name"], let kindNode = fields["kind"] else {
            reader.fail(node, "\(context): 'name' and 'kind' are required")
            return nil
        }
        let name = reader.name(nameNode, "\(context).name")
        var kind: DetectorKind?
        if let text = reader.text(kindNode, "\(context).kind") {
            kind = DetectorKind(rawValue: text)
            if kind == nil {
                let kinds = DetectorKind.allCases.map(\.rawValue) + [metricAnomalyKind]
                reader.fail(kindNode, "\(context).kind: unknown value '\(text)' (one of: \(kinds.joined(separator: ", ")))")
            }
        }
        var features = FeatureSelection.all
        if let node = fields["features"] {
            if node.string == "all", case .scalar = node {
                features = .all
            } else if let entries = reader.sequence(node, "\(context).features") {
                features = .named(entries.enumerated().compactMap { reader.text($0.element, "\(context).features[\($0.offset)]") })
            }
        }
        let method = fields["method"].flatMap { Self.method($0, "\(context).method", kind: kind, &reader) }
        let threshold = fields["threshold"].flatMap { Self.threshold($0, "\(context).threshold", method: method, &reader) }
        let minRows = fields["min_rows"].flatMap { reader.integer($0, "\(context).min_rows", minimum: 1) } ?? 100
        var overrides: [String: DetectorSpec.FeatureOverride] = [:]
        if let node = fields["overrides"] {
            if kind != .univariate { reader.fail(node, "\(context).overrides: only univariate detectors take per-feature overrides") }
            if case .mapping(let mapping) = node {
                for (key, value) in mapping {
                    guard let feature = reader.text(key, "\(context).overrides") else { continue }
                    let place = "\(context).overrides.\(feature)"
                    let entry = reader.fields(value, known: ["method", "threshold"], context: place)
                    let featureMethod = entry["method"].flatMap { Self.method($0, "\(place).method", kind: kind, &reader) }
                    let featureThreshold = entry["threshold"].flatMap {
                        Self.threshold($0, "\(place).threshold", method: featureMethod ?? method, &reader)
                    }
                    overrides[feature] = DetectorSpec.FeatureOverride(method: featureMethod, threshold: featureThreshold)
                }
            } else {
                reader.fail(node, "\(context).overrides: expected a mapping of feature names to {method, threshold}")
            }
        }
        guard let name, let kind else { return nil }
        return DetectorSpec(
            name: name, kind: kind, features: features, method: method, threshold: threshold, minRows: minRows,
            overrides: overrides)
    }

    /// A method the detector's kind accepts; `auto` is nil.
    private static func method(_ node: Node, _ context: String, kind: DetectorKind?, _ reader: inout YAMLMappingReader) -> DriftMethod? {
        guard let text = reader.text(node, context), text != "auto" else { return nil }
        let accepted = kind.map(DetectorSpec.methods(for:)) ?? DriftMethod.allCases
        guard let method = DriftMethod(rawValue: text), accepted.contains(method) else {
            let names = (["auto"] + accepted.map(\.rawValue)).joined(separator: ", ")
            reader.fail(node, "\(context): '\(text)' is not a method of \(kind.map { "a \($0.rawValue) detector" } ?? "driftwatch") (one of: \(names))")
            return nil
        }
        return method
    }

    /// `auto` (nil), `{p_value: x}` with 0 < x < 1, or `{score: x}`.
    private static func threshold(_ node: Node, _ context: String, method: DriftMethod?, _ reader: inout YAMLMappingReader) -> DriftThreshold? {
        if case .scalar = node, node.string == "auto" { return nil }
        let fields = reader.fields(node, known: ["p_value", "score"], context: context)
        switch (fields["p_value"], fields["score"]) {
        case (let node?, nil):
            guard let value = reader.number(node, "\(context).p_value") else { return nil }
            guard value > 0, value < 1 else {
                reader.fail(node, "\(context).p_value: must lie strictly between 0 and 1, got \(value)")
                return nil
            }
            let direction = method.flatMap(DriftThreshold.evidentlyDefault(for:))?.direction
            if let method, direction == .statisticAtOrAbove || direction == .statisticAbove
                || method == .pcaReconstruction || method == .mahalanobis
            {
                reader.fail(node, "\(context): method '\(method.rawValue)' gives no p-value; use {score: …}")
                return nil
            }
            return DriftThreshold(value: value, direction: .pValueBelow)
        case (nil, let node?):
            return reader.number(node, "\(context).score").map { DriftThreshold(value: $0, direction: .statisticAtOrAbove) }
        default:
            if case .mapping = node { reader.fail(node, "\(context): give exactly one of p_value and score") }
            return nil
        }
    }

    private static func rule(_ node: Node, _ context: String, yaml: String, _ reader: inout YAMLMappingReader) -> AlertRule? {
        let fields = reader.fields(node, known: ruleKeys, context: context)
        guard let alertNode = fields["alert"], let exprNode = fields["expr"] else {
            reader.fail(node, "\(context): 'alert' and 'expr' are required")
            return nil
        }
        let name = reader.name(alertNode, "\(context).alert")
        var expression: RuleExpression?
        let text = reader.text(exprNode, "\(context).expr")
        if let text {
            do {
                expression = try RuleExpressionParser.parse(text)
            } catch {
                let (line, column, inside) = Self.place(of: error, in: exprNode, yaml: yaml)
                reader.absorb([DetectorFileError(
                    file: reader.file, line: line, column: column, message: "\(context).expr: \(error.message)\(inside)")])
            }
        }
        let hold = fields["for"].flatMap { reader.duration($0, "\(context).for", allowingZero: true) } ?? 0
        let keep = fields["keep_firing_for"].flatMap { reader.duration($0, "\(context).keep_firing_for", allowingZero: true) } ?? 0
        let labelSources = fields["labels"].flatMap { reader.stringMapping($0, "\(context).labels") } ?? [:]
        for name in labelSources.keys where name.hasPrefix("__") || name == "alertname" || name.isEmpty {
            reader.fail(fields["labels"], "\(context).labels: '\(name)' is reserved")
        }
        let labels = Self.templates(labelSources, fields["labels"], "\(context).labels", &reader)
        let annotationSources = fields["annotations"].flatMap { reader.stringMapping($0, "\(context).annotations") } ?? [:]
        let annotations = Self.templates(annotationSources, fields["annotations"], "\(context).annotations", &reader)
        let actions = fields["actions"].flatMap { node in
            reader.sequence(node, "\(context).actions").map { entries in
                entries.enumerated().compactMap { reader.name($0.element, "\(context).actions[\($0.offset)]") }
            }
        } ?? []
        guard let name, let expression, let text else { return nil }
        return AlertRule(
            name: name, expression: expression, expressionText: text, holdDuration: hold, keepFiringFor: keep,
            labels: labels, annotations: annotations, actions: actions, place: reader.place(of: node))
    }

    /// Compiles each template, reporting a broken one at its value in the file.
    private static func templates(
        _ sources: [String: String], _ node: Node?, _ context: String, _ reader: inout YAMLMappingReader
    ) -> [String: AlertTemplate] {
        var templates: [String: AlertTemplate] = [:]
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                templates[name] = try AlertTemplate(source)
            } catch {
                let valueNode = node?.mapping?[Node.scalar(.init(name))]
                reader.fail(valueNode ?? node, "\(context).\(name): \(error) (column \(error.column) of the template)")
            }
        }
        return templates
    }

    /// Where in the file an error inside an expression lies. A one-line plain or quoted scalar and
    /// a literal block (`|`) keep their characters in place; other scalars (folded lines, escapes)
    /// are reported at their start, with the place inside the expression in the message.
    static func place(of error: RuleExpressionError, in node: Node, yaml: String) -> (line: Int, column: Int, inside: String) {
        guard case .scalar(let scalar) = node, let mark = scalar.mark else { return (1, 1, "") }
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let fallback = (mark.line, mark.column, " (line \(error.line), column \(error.column) of the expression)")
        switch scalar.style {
        case .literal:
            // The block's indentation is that of its first non-blank line; the expression's text
            // is the lines without it.
            let line = mark.line + error.line
            guard line - 1 < lines.count,
                let first = lines[mark.line...].first(where: { !$0.allSatisfy { $0 == " " } })
            else { return fallback }
            return (line, first.unicodeScalars.prefix { $0 == " " }.count + error.column, "")
        case .plain, .singleQuoted, .doubleQuoted:
            let quote = scalar.style == .plain ? 0 : 1
            guard error.line == 1, mark.line - 1 < lines.count else { return fallback }
            let source = Array(lines[mark.line - 1].unicodeScalars)
            let start = mark.column - 1 + quote
            guard start <= source.count,
                String(String.UnicodeScalarView(source[start...])).hasPrefix(scalar.string)
            else { return fallback }
            return (mark.line, mark.column + quote + error.column - 1, "")
        default:
            return fallback
        }
    }

    private static func action(_ node: Node, _ context: String, _ reader: inout YAMLMappingReader) -> ActionDefinition? {
        let fields = reader.fields(node, known: actionKeys, context: context)
        guard let nameNode = fields["name"], let kindNode = fields["kind"], let adapterNode = fields["adapter"] else {
            reader.fail(node, "\(context): 'name', 'kind' and 'adapter' are required")
            return nil
        }
        let name = reader.name(nameNode, "\(context).name")
        let kind = reader.oneOf(kindNode, "\(context).kind", ActionDefinition.Kind.self)
        let adapter = reader.oneOf(adapterNode, "\(context).adapter", ActionDefinition.Adapter.self)
        let cooldown = fields["cooldown"].flatMap { reader.duration($0, "\(context).cooldown", allowingZero: true) } ?? 86_400
        let maxConcurrent = fields["max_concurrent"].flatMap { reader.integer($0, "\(context).max_concurrent", minimum: 1) } ?? 1
        let approval = fields["approval"].flatMap { reader.oneOf($0, "\(context).approval", ActionDefinition.Approval.self) } ?? .none
        let approvalTimeout =
            fields["approval_timeout"].flatMap { reader.duration($0, "\(context).approval_timeout", allowingZero: false) } ?? 86_400
        let dryRun = fields["dry_run"].flatMap { reader.boolean($0, "\(context).dry_run") } ?? false
        let onResolved = fields["on_resolved"].flatMap { reader.boolean($0, "\(context).on_resolved") } ?? false
        let timeout = fields["timeout"].flatMap { reader.duration($0, "\(context).timeout", allowingZero: false) } ?? 30
        let retries = fields["retries"].flatMap { reader.integer($0, "\(context).retries", minimum: 0) } ?? 3
        let retryBackoff = fields["retry_backoff"].flatMap { reader.duration($0, "\(context).retry_backoff", allowingZero: false) } ?? 1
        let withNode = fields["with"]
        let settings = withNode.flatMap { reader.setting($0, "\(context).with") }
        guard let name, let kind, let adapter else { return nil }
        if !ActionConfiguration.kinds(of: adapter).contains(kind) {
            reader.fail(kindNode, "\(context).kind: the \(adapter.rawValue) adapter does not \(kind.rawValue)")
            return nil
        }
        var mapping: [String: ActionSetting] = [:]
        switch settings {
        case .mapping(let entries)?: mapping = entries
        case nil: break
        case let other?:
            reader.fail(withNode, "\(context).with: expected a mapping, got \(other.kind)")
            return nil
        }
        let configuration: ActionConfiguration
        do {
            configuration = try ActionConfiguration(adapter: adapter, settings: mapping)
        } catch {
            reader.fail(withNode ?? node, "\(context).\(error)")
            return nil
        }
        return ActionDefinition(
            name: name, kind: kind, configuration: configuration, cooldown: cooldown, maxConcurrent: maxConcurrent, approval: approval,
            approvalTimeout: approvalTimeout, dryRun: dryRun, onResolved: onResolved, timeout: timeout, retries: retries,
            retryBackoff: retryBackoff, place: reader.place(of: node))
    }
}
