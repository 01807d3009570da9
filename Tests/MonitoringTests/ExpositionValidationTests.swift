import Monitoring
import Testing

@Suite struct ExpositionValidationTests {
    let gauge = MetricDescriptor(name: "g", type: .gauge, help: "h")
    let counter = MetricDescriptor(name: "c_total", type: .counter, help: "h")
    let histogram = MetricDescriptor(name: "h_seconds", type: .histogram, help: "h", unit: "seconds")

    func histogramValue(_ pairs: [(Double, UInt64)], sum: Double = 1, count: UInt64? = nil) -> Histogram {
        Histogram(cumulative: pairs, sum: sum, count: count ?? pairs.last?.1 ?? 0)
    }

    /// Expects `body` to throw `error` and to leave `set` as it was.
    func expectRefusal(
        _ error: ExpositionError, in set: MetricSet = MetricSet(), _ body: (inout MetricSet) throws -> Void,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var copy = set
        let before = ExpositionFormat.openMetrics.render(set)
        #expect(throws: error, sourceLocation: sourceLocation) { try body(&copy) }
        #expect(ExpositionFormat.openMetrics.render(copy) == before, "a refused sample changed the set", sourceLocation: sourceLocation)
    }

    @Test func metricNames() {
        for name in ["", "1abc", "a-b", "a.b", "é", "a b"] {
            expectRefusal(.invalidMetricName(name)) { try $0.add(MetricDescriptor(name: name, type: .gauge, help: "h"), value: 1) }
        }
        for name in ["a", "_a", ":a", "a:b_9", "A"] {
            #expect(throws: Never.self) { var set = MetricSet(); try set.add(MetricDescriptor(name: name, type: .gauge, help: "h"), value: 1) }
        }
    }

    @Test func counterNamesEndInTotal() {
        for name in ["c", "c_totals", "_total", "ctotal"] {
            expectRefusal(.invalidCounterName(name)) { try $0.add(MetricDescriptor(name: name, type: .counter, help: "h"), value: 1) }
        }
    }

    @Test func units() {
        expectRefusal(.invalidUnit(metric: "g_bytes", unit: "seconds")) {
            try $0.add(MetricDescriptor(name: "g_bytes", type: .gauge, help: "h", unit: "seconds"), value: 1)
        }
        expectRefusal(.invalidUnit(metric: "g_", unit: "")) {
            try $0.add(MetricDescriptor(name: "g_", type: .gauge, help: "h", unit: ""), value: 1)
        }
        expectRefusal(.invalidUnit(metric: "c_seconds_total", unit: "total")) {
            try $0.add(MetricDescriptor(name: "c_seconds_total", type: .counter, help: "h", unit: "total"), value: 1)
        }
        #expect(throws: Never.self) {
            var set = MetricSet()
            try set.add(MetricDescriptor(name: "c_seconds_total", type: .counter, help: "h", unit: "seconds"), value: 1)
        }
    }

    @Test func labelNames() throws {
        for label in ["", "1a", "a-b", "a:b", "é"] {
            expectRefusal(.invalidLabelName(metric: "g", label: label)) {
                try $0.add(gauge, labels: LabelSet([.init(name: label, value: "v")]), value: 1)
            }
        }
        for label in ["__name__", "__a", "_a"] {
            expectRefusal(.reservedLabelName(metric: "g", label: label)) {
                try $0.add(gauge, labels: LabelSet([.init(name: label, value: "v")]), value: 1)
            }
        }
        expectRefusal(.reservedLabelName(metric: "h_seconds", label: "le")) {
            try $0.add(histogram, labels: ["le": "1"], histogram: histogramValue([(.infinity, 0)]))
        }
        var set = MetricSet()
        try set.add(gauge, labels: ["le": "allowed on a gauge", "quantile": "too"], value: 1)
    }

    @Test func repeatedLabelName() {
        expectRefusal(.repeatedLabelName(metric: "g", label: "model")) {
            try $0.add(gauge, labels: ["model": "a", "feature": "f", "model": "b"], value: 1)
        }
    }

    @Test func duplicateSeries() throws {
        var set = MetricSet()
        try set.add(gauge, labels: ["model": "a", "feature": "f"], value: 1)
        expectRefusal(.duplicateSeries(metric: "g", labels: #"{model="a",feature="f"}"#), in: set) {
            try $0.add(gauge, labels: ["model": "a", "feature": "f"], value: 2)
        }
        // The same set in another order is the same series.
        expectRefusal(.duplicateSeries(metric: "g", labels: #"{feature="f",model="a"}"#), in: set) {
            try $0.add(gauge, labels: ["feature": "f", "model": "a"], value: 2)
        }
        // An empty value is no label at all.
        expectRefusal(.duplicateSeries(metric: "g", labels: #"{model="a",feature="f",version=""}"#), in: set) {
            try $0.add(gauge, labels: ["model": "a", "feature": "f", "version": ""], value: 2)
        }
        try set.add(gauge, labels: ["model": "a", "feature": "f", "version": "2"], value: 2)
    }

    @Test func familyConflicts() throws {
        var set = MetricSet()
        try set.add(gauge, labels: ["a": "1"], value: 1)
        expectRefusal(.typeMismatch(metric: "g", existing: .gauge, added: .untyped), in: set) {
            try $0.add(MetricDescriptor(name: "g", type: .untyped, help: "h"), labels: ["a": "2"], value: 1)
        }
        expectRefusal(.helpMismatch(metric: "g", existing: "h", added: "other"), in: set) {
            try $0.add(MetricDescriptor(name: "g", type: .gauge, help: "other"), labels: ["a": "2"], value: 1)
        }
        expectRefusal(.unitMismatch(metric: "g", existing: nil, added: "g"), in: set) {
            try $0.add(MetricDescriptor(name: "g", type: .gauge, help: "h", unit: "g"), labels: ["a": "2"], value: 1)
        }
    }

    @Test func nameClashes() throws {
        var set = MetricSet()
        try set.add(counter, value: 1)
        try set.add(histogram, histogram: histogramValue([(.infinity, 0)], sum: 0))
        expectRefusal(.nameClash(metric: "c", other: "c_total", name: "c"), in: set) {
            try $0.add(MetricDescriptor(name: "c", type: .gauge, help: "h"), value: 1)
        }
        expectRefusal(.nameClash(metric: "c_created", other: "c_total", name: "c_created"), in: set) {
            try $0.add(MetricDescriptor(name: "c_created", type: .gauge, help: "h"), value: 1)
        }
        expectRefusal(.nameClash(metric: "h_seconds_count", other: "h_seconds", name: "h_seconds_count"), in: set) {
            try $0.add(MetricDescriptor(name: "h_seconds_count", type: .gauge, help: "h"), value: 1)
        }
        expectRefusal(.nameClash(metric: "h_seconds_bucket_total", other: "h_seconds", name: "h_seconds_bucket"), in: set) {
            try $0.add(MetricDescriptor(name: "h_seconds_bucket_total", type: .counter, help: "h"), value: 1)
        }
    }

    @Test func valueKinds() {
        expectRefusal(.valueDoesNotMatchType(metric: "g", type: .gauge)) { try $0.add(gauge, histogram: histogramValue([(.infinity, 0)])) }
        expectRefusal(.valueDoesNotMatchType(metric: "h_seconds", type: .histogram)) { try $0.add(histogram, value: 1) }
    }

    @Test func countersAreFiniteAndNonNegative() throws {
        for (value, spelled) in [(-1.0, "-1"), (.nan, "NaN"), (.infinity, "+Inf"), (-.infinity, "-Inf"), (-1e-300, "-1e-300")] {
            expectRefusal(.invalidCounterValue(metric: "c_total", value: spelled)) { try $0.add(counter, value: value) }
        }
        // Gauges and untyped values may be anything: an undefined statistic is NaN, not a clamped number.
        var set = MetricSet()
        for (index, value) in [Double.nan, .infinity, -.infinity, -1].enumerated() {
            try set.add(gauge, labels: ["i": String(index)], value: value)
            try set.add(MetricDescriptor(name: "u", type: .untyped, help: "h"), labels: ["i": String(index)], value: value)
        }
    }

    @Test func histogramInvariants() throws {
        let metric = "h_seconds"
        expectRefusal(.missingInfBucket(metric: metric)) { try $0.add(histogram, histogram: histogramValue([(1, 2), (2, 3)])) }
        expectRefusal(.missingInfBucket(metric: metric)) { try $0.add(histogram, histogram: histogramValue([], sum: 0)) }
        expectRefusal(.bucketBoundsNotIncreasing(metric: metric)) {
            try $0.add(histogram, histogram: histogramValue([(2, 1), (1, 2), (.infinity, 3)]))
        }
        expectRefusal(.bucketBoundsNotIncreasing(metric: metric)) {
            try $0.add(histogram, histogram: histogramValue([(1, 1), (1, 2), (.infinity, 3)]))
        }
        expectRefusal(.bucketBoundsNotIncreasing(metric: metric)) {
            try $0.add(histogram, histogram: histogramValue([(.nan, 1), (.infinity, 3)]))
        }
        expectRefusal(.bucketBoundsNotIncreasing(metric: metric)) {
            try $0.add(histogram, histogram: histogramValue([(.infinity, 1), (.infinity, 1)]))
        }
        expectRefusal(.negativeBucketBound(metric: metric)) {
            try $0.add(histogram, histogram: histogramValue([(-1, 1), (.infinity, 3)]))
        }
        expectRefusal(.bucketCountsDecreasing(metric: metric)) {
            try $0.add(histogram, histogram: histogramValue([(0.1, 5), (1, 4), (.infinity, 6)]))
        }
        expectRefusal(.infBucketCountMismatch(metric: metric, infBucket: 6, count: 7)) {
            try $0.add(histogram, histogram: histogramValue([(0.1, 5), (.infinity, 6)], count: 7))
        }
        expectRefusal(.invalidHistogramSum(metric: metric, value: "NaN")) {
            try $0.add(histogram, histogram: histogramValue([(.infinity, 6)], sum: .nan))
        }
        expectRefusal(.invalidHistogramSum(metric: metric, value: "-0.5")) {
            try $0.add(histogram, histogram: histogramValue([(.infinity, 6)], sum: -0.5))
        }
        var set = MetricSet()
        try set.add(histogram, labels: ["a": "1"], histogram: histogramValue([(0, 0), (0.5, 0), (.infinity, 0)], sum: 0))
        try set.add(histogram, labels: ["a": "2"], histogram: histogramValue([(.infinity, 1)], sum: .infinity))
    }

    @Test func errorsDescribeThemselves() {
        let error = ExpositionError.infBucketCountMismatch(metric: "h", infBucket: 6, count: 7)
        #expect(error.description == "histogram 'h': the +Inf bucket (6) must equal the count (7)")
    }
}
