import Testing
import DriftStatistics

@Suite struct PerformanceMetricTests {
    @Test func labelValuesMatchTheExportedMetric() {
        #expect(PerformanceMetric.allCases.map(\.rawValue) == ["accuracy", "precision", "recall", "f1", "roc_auc", "mae", "rmse"])
        #expect(PerformanceMetric(rawValue: "roc_auc") == .rocAUC)
    }
}
