import Logging
import Monitoring

/// Reads the detector files again (`POST /-/reload`, SIGHUP): a valid set replaces the running
/// rules and actions, which keep the alerts of rules they keep by name, the models' plans (the windows
/// closing from then on are judged by the new detectors) and the metric-anomaly detectors (an
/// unchanged one keeps its series' state); an invalid one is refused whole, with every problem,
/// and the running set stays.
struct DetectorReloader: Sendable {
    let detectorsPath: String?
    let engine: AlertEngine
    let actions: ActionService
    let pipelines: ModelPipelines
    let anomalies: MetricAnomalyService
    let trigger: AlertTrigger
    let logger: Logger

    enum Outcome: Sendable {
        case loaded(DetectorSet)
        case refused([DetectorFileError])
        case notConfigured
    }

    func reload() async -> Outcome {
        guard let detectorsPath else { return .notConfigured }
        do {
            let set = try DetectorDirectory.load(detectorsPath)
            await pipelines.replace(detectors: set)
            await anomalies.replace(specs: set.metricAnomalies)
            await engine.replace(rules: set.rules, actions: set.actions)
            await actions.replace(actions: set.actions)
            trigger.pull()
            logger.info("detector files reloaded", metadata: ["files": "\(set.files.count)", "rules": "\(set.rules.count)"])
            return .loaded(set)
        } catch {
            logger.error(
                "detector files refused; the running set stays",
                metadata: ["problems": "\(error.errors.count)", "first": "\(error.errors.first.map(\.description) ?? "")"])
            return .refused(error.errors)
        }
    }
}
