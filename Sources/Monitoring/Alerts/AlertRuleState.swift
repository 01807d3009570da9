/// The alerts of one rule and how each evaluation moves them, with Prometheus' semantics
/// (`rules/alerting.go`, version 2.42 as packaged by Debian, which CI runs beside it):
///
/// - an element the expression newly returns becomes **pending** with `activeAt` = now; it turns
///   **firing** once now − `activeAt` ≥ `for` (in the same evaluation when `for` is 0);
/// - an element still returned keeps its state and takes the new value and annotations;
/// - an element no longer returned: a pending alert is dropped without notice; a firing alert
///   becomes **inactive** (resolved, `resolvedAt` = now) unless `keep_firing_for` holds it, counted
///   from the first evaluation it was missing and reset when it comes back; a resolved alert is
///   kept 15 minutes so the resolution is re-sent, then forgotten; an element returned again after
///   its resolution starts over as pending.
///
/// Pure and `Codable`: the engine persists it and resumes it after a restart, including when
/// each alert was last sent, so a restart re-notifies nothing early.
public struct AlertRuleState: Sendable, Equatable, Codable {
    /// How long a resolved alert is kept for re-sending (Prometheus' `resolvedRetention`).
    public static let resolvedRetention: Double = 15 * 60

    public let alertName: String
    /// The rule's `for`, in seconds.
    public let holdDuration: Double
    /// The rule's `keep_firing_for`, in seconds.
    public let keepFiringFor: Double
    public private(set) var alerts: [SeriesLabels: Alert] = [:]

    public init(alertName: String, holdDuration: Double, keepFiringFor: Double) {
        self.alertName = alertName
        self.holdDuration = holdDuration
        self.keepFiringFor = keepFiringFor
    }

    /// The empty state of `rule`.
    public init(rule: AlertRule) {
        self.init(alertName: rule.name, holdDuration: rule.holdDuration, keepFiringFor: rule.keepFiringFor)
    }

    /// These alerts under `rule`'s current `for` and `keep_firing_for` (a restart or a reload
    /// keeps the state of the rules it keeps, whatever their durations became).
    public func resumed(under rule: AlertRule) -> AlertRuleState {
        var copy = AlertRuleState(rule: rule)
        copy.alerts = alerts
        return copy
    }

    /// Applies one evaluation at `time` and returns the state changes it made, in label order.
    /// - Throws: `.duplicateLabels` when two candidates share their labels; nothing changes then.
    public mutating func evaluate(_ candidates: [AlertCandidate], at time: Double) throws(AlertEvaluationError)
        -> [AlertTransition]
    {
        var returned: [SeriesLabels: AlertCandidate] = [:]
        for candidate in candidates {
            if returned.updateValue(candidate, forKey: candidate.labels) != nil {
                throw .duplicateLabels(candidate.labels)
            }
        }
        var transitions: [AlertTransition] = []
        func record(_ alert: Alert, from: AlertState?) {
            transitions.append(AlertTransition(
                alertName: alertName, labels: alert.labels, from: from, to: alert.state, at: time, value: alert.value))
        }
        var appeared: Set<SeriesLabels> = []
        for (labels, candidate) in returned {
            if var alert = alerts[labels], alert.state != .inactive {
                alert.value = candidate.value
                alert.annotations = candidate.annotations
                alert.keepFiringSince = nil
                alerts[labels] = alert
            } else {
                alerts[labels] = Alert(labels: labels, annotations: candidate.annotations, value: candidate.value, activeAt: time)
                appeared.insert(labels)
            }
        }
        for labels in alerts.keys.sorted() {
            guard var alert = alerts[labels] else { continue }
            let before: AlertState? = appeared.contains(labels) ? nil : alert.state
            if returned[labels] == nil {
                var keepFiring = false
                if alert.state == .firing && keepFiringFor > 0 {
                    let since = alert.keepFiringSince ?? time
                    alert.keepFiringSince = since
                    keepFiring = time - since < keepFiringFor
                }
                let forget = alert.state == .pending
                    || (alert.resolvedAt.map { time - $0 > Self.resolvedRetention } ?? false)
                if alert.state != .inactive && !keepFiring {
                    alert.state = .inactive
                    alert.resolvedAt = time
                    record(alert, from: before)
                }
                alerts[labels] = forget ? nil : alert
                if !keepFiring { continue }
            }
            if alert.state == .pending && time - alert.activeAt >= holdDuration {
                alert.state = .firing
                alert.firedAt = time
            }
            if alert.state != before { record(alert, from: before) }
            alerts[labels] = alert
        }
        return transitions
    }

    /// The alerts due for a notification at `time` (see `Alert.needsSending`), marked as sent:
    /// `lastSentAt` = `time` and `validUntil` = `time` + 4 × max(`interval`, `resendDelay`), as
    /// Prometheus asks receivers to hold a firing alert until its next re-send is overdue.
    public mutating func takeDue(at time: Double, resendDelay: Double, interval: Double) -> [Alert] {
        var due: [Alert] = []
        for labels in alerts.keys.sorted() {
            guard var alert = alerts[labels], alert.needsSending(at: time, resendDelay: resendDelay) else { continue }
            alert.lastSentAt = time
            alert.validUntil = time + 4 * max(interval, resendDelay)
            alerts[labels] = alert
            due.append(alert)
        }
        return due
    }
}
