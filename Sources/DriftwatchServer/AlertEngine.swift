import Foundation
import Integrations
import Logging
import Monitoring
import Storage

/// Evaluates the alert rules of the loaded detector files over driftwatch's own series (what
/// `/metrics` exports) with Prometheus' semantics (`AlertRuleState`), and keeps their state in
/// the store: an evaluation's states and transitions are saved in one transaction, and a restart
/// resumes them — `for` keeps counting from where it was, and what was sent is not sent again
/// early.
actor AlertEngine {
    /// A rule's alert as the API lists it.
    struct ListedAlert: Sendable {
        let rule: String
        let alert: Alert
    }

    /// Prometheus' `--rules.alert.resend-delay`: a firing alert is sent again after a minute.
    static let resendDelay: Double = 60

    private let store: any Store
    private let series: @Sendable () async throws -> MetricSet
    private let receivers: [NotificationReceiver]
    /// Seconds between evaluations by the clock, for `validUntil`.
    private let interval: Double
    /// The page an alert links back to (`generatorURL`), from its labels.
    private let generatorURL: @Sendable (Alert) -> String
    private let logger: Logger
    private var rules: [AlertRule]
    /// The loaded actions by name, which rules name.
    private var actions: [String: ActionDefinition]
    private var states: [String: AlertRuleState] = [:]
    /// Rules dropped by a reload whose stored state the next save deletes.
    private var removed: Set<String> = []
    /// Wakes the delivery of queued notifications.
    private var onNotificationsQueued: @Sendable () -> Void = {}
    /// Wakes the action service once runs are triggered.
    private var onActionsTriggered: @Sendable () -> Void = {}
    private(set) var lastEvaluation: Double?

    init(
        store: any Store, rules: [AlertRule], actions: [ActionDefinition] = [], receivers: [NotificationReceiver] = [],
        interval: Double = 60,
        generatorURL: @escaping @Sendable (Alert) -> String = { _ in "" }, logger: Logger,
        series: @escaping @Sendable () async throws -> MetricSet
    ) {
        self.store = store
        self.rules = rules
        self.actions = Dictionary(actions.map { ($0.name, $0) }) { first, _ in first }
        self.receivers = receivers
        self.interval = interval
        self.generatorURL = generatorURL
        self.logger = logger
        self.series = series
    }

    /// Loads the stored states: a rule that is still defined resumes (under its current `for`
    /// and `keep_firing_for`); the others are deleted at the next evaluation.
    func restore() async throws(StoreError) {
        let stored = try await store.alertStates()
        removed = Set(stored.keys).subtracting(rules.map(\.name))
        states = Self.states(of: rules, resuming: stored)
    }

    /// Replaces the rules and actions (a reload); rules kept by name keep their alerts.
    func replace(rules newRules: [AlertRule], actions newActions: [ActionDefinition]) {
        actions = Dictionary(newActions.map { ($0.name, $0) }) { first, _ in first }
        let names = Set(newRules.map(\.name))
        removed.formUnion(rules.map(\.name).filter { !names.contains($0) })
        removed.subtract(names)
        states = Self.states(of: newRules, resuming: states)
        rules = newRules
    }

    /// A state per rule: the one in `existing` under the rule's current durations, else empty.
    private static func states(of rules: [AlertRule], resuming existing: [String: AlertRuleState]) -> [String: AlertRuleState] {
        var states: [String: AlertRuleState] = [:]
        for rule in rules { states[rule.name] = existing[rule.name]?.resumed(under: rule) ?? AlertRuleState(rule: rule) }
        return states
    }

    /// Evaluates every rule at `time` and saves the outcome. A rule whose result has two
    /// elements with the same alert labels is logged and left as it was, as Prometheus does.
    func evaluate(at time: Double) async throws {
        guard !rules.isEmpty || !removed.isEmpty else { return }
        let snapshot = SeriesSnapshot(try await series())
        var next = states
        var transitions: [AlertTransition] = []
        for rule in rules {
            let candidates = rule.candidates(from: RuleEvaluator.evaluate(rule.expression, over: snapshot))
            do {
                transitions += try next[rule.name, default: AlertRuleState(rule: rule)].evaluate(candidates, at: time)
            } catch {
                logger.warning("alert rule not evaluated", metadata: ["rule": "\(rule.name)", "error": "\(error)"])
            }
        }
        // Alerts due for sending are marked sent in the same transaction that queues them, so a
        // restart neither loses nor repeats a notification.
        var notifications: [NewNotification] = []
        if !receivers.isEmpty {
            for rule in rules {
                guard var state = next[rule.name] else { continue }
                for alert in state.takeDue(at: time, resendDelay: Self.resendDelay, interval: interval) {
                    for receiver in receivers {
                        notifications.append(NewNotification(
                            receiver: receiver.name, alertKey: "\(rule.name)\(alert.labels)",
                            body: receiver.body(for: alert, generatorURL: generatorURL(alert))))
                    }
                }
                next[rule.name] = state
            }
        }
        // Triggered actions are stored in the same transaction, under their idempotency keys.
        let runs = actionRuns(for: transitions, states: next, snapshot: snapshot, at: time)
        try await store.saveAlertEvaluation(
            AlertEvaluationRecord(
                states: next, removedRules: removed.sorted(), transitions: transitions, notifications: notifications,
                actionRuns: runs),
            at: time)
        states = next
        removed = []
        lastEvaluation = time
        if !notifications.isEmpty { onNotificationsQueued() }
        if !runs.isEmpty { onActionsTriggered() }
        for transition in transitions {
            logger.info(
                "alert \(transition.to.rawValue)",
                metadata: ["rule": "\(transition.alertName)", "labels": "\(transition.labels)", "value": "\(transition.value)"])
        }
    }

    /// The runs `transitions` trigger: an alert that starts firing runs its rule's actions, and one
    /// that is resolved runs those with `on_resolved`.
    private func actionRuns(
        for transitions: [AlertTransition], states: [String: AlertRuleState], snapshot: SeriesSnapshot, at time: Double
    ) -> [ActionRun] {
        var runs: [ActionRun] = []
        for transition in transitions {
            let event: ActionTrigger.Event
            switch (transition.from, transition.to) {
            case (.firing, .inactive): event = .resolved
            case (let from, .firing) where from != .firing: event = .firing
            default: continue
            }
            guard let rule = rules.first(where: { $0.name == transition.alertName }), !rule.actions.isEmpty,
                let alert = states[rule.name]?.alerts[transition.labels], let firedAt = alert.firedAt
            else { continue }
            let trigger = ActionTrigger(
                rule: rule.name, event: event,
                labels: alert.labels.dictionary,
                annotations: alert.annotations, value: alert.value, firedAt: firedAt, at: time
            ).withWindowFigures(from: snapshot)
            for name in rule.actions {
                guard let definition = actions[name], event == .firing || definition.onResolved else { continue }
                runs.append(ActionRun(of: definition, for: trigger, at: time))
            }
        }
        return runs
    }

    /// Sets what wakes the action service once runs are triggered.
    func whenActionsTriggered(_ action: @escaping @Sendable () -> Void) {
        onActionsTriggered = action
    }

    /// Sets what wakes the delivery loop once notifications are queued.
    func whenNotificationsQueued(_ action: @escaping @Sendable () -> Void) {
        onNotificationsQueued = action
    }

    /// The running rules' names, in file order.
    var ruleNames: [String] { rules.map(\.name) }

    /// Pending and firing alerts, by rule then labels.
    func activeAlerts() -> [ListedAlert] {
        var listed: [ListedAlert] = []
        for rule in rules {
            let alerts: [Alert] = states[rule.name].map { Array($0.alerts.values) } ?? []
            let active = alerts.filter { $0.state != .inactive }.sorted { $0.labels < $1.labels }
            listed += active.map { ListedAlert(rule: rule.name, alert: $0) }
        }
        return listed
    }

    /// `driftwatch_alerts{alertname, alertstate, …}` = 1 per pending or firing alert, like
    /// Prometheus' `ALERTS`.
    func add(to set: inout MetricSet) throws(ExpositionError) {
        for listed in activeAlerts() {
            var labels = LabelSet()
            labels.append("alertname", listed.rule)
            labels.append("alertstate", listed.alert.state.rawValue)
            for label in listed.alert.labels.labels where label.name != "alertname" { labels.append(label.name, label.value) }
            try set.add(DriftwatchMetrics.alerts, labels: labels, value: 1)
        }
    }
}
