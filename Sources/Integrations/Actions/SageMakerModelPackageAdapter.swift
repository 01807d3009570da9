import Logging
import Monitoring

/// Rolls a SageMaker model package group back: the newest Approved package (what deployment
/// pipelines pick) becomes Rejected and the previous one Approved, each with an approval
/// description naming the alert. The previous one is the package driftwatch approved by its last
/// rollback of the group, when a newer package has been approved since; else the newest Approved
/// package after the current one.
struct SageMakerModelPackageAdapter: ActionAdapter {
    let settings: SageMakerModelPackageSettings

    func perform(
        _ session: ActionSession, previousTarget: @Sendable (String) async -> ActionTarget?
    ) async throws(ActionFailure) -> ActionResult {
        let trigger = session.run.trigger
        let group = settings.group.render(for: trigger)
        guard !group.isEmpty else { throw ActionFailure("with.model_package_group is empty for this alert") }
        let client = try SageMakerClient(connection: settings.connection, session: session)
        let listing = ListModelPackages(
            ModelPackageGroupName: group, ModelApprovalStatus: "Approved", SortBy: "CreationTime", SortOrder: "Descending", MaxResults: 2)
        guard let response = try await client.call("ListModelPackages", listing, changes: false) else {
            throw ActionFailure("ListModelPackages: no answer")
        }
        let approved = try JSONBodies.decode(ModelPackages.self, response, step: "ListModelPackages").ModelPackageSummaryList
        guard let current = approved.first?.ModelPackageArn else {
            throw ActionFailure("model package group \(group) has no Approved package: nothing to roll back")
        }
        let resource = "sagemaker \(settings.connection.region) \(group)"
        var target = ActionTarget(system: "sagemaker", resource: resource, before: current)
        if let recorded = await previousTarget(resource)?.after, recorded != current {
            target.after = recorded
            target.details["chosen_by"] = "the package driftwatch approved before the last change"
        } else if approved.count > 1 {
            target.after = approved[1].ModelPackageArn
            target.details["chosen_by"] = "the newest Approved package before the current one"
        }
        guard let previous = target.after else {
            throw ActionFailure("model package group \(group) has no earlier Approved package to roll back to", target: target)
        }
        let reason = MLflowRollbackAdapter.reason(trigger)
        do {
            _ = try await client.call(
                "UpdateModelPackage",
                UpdateModelPackage(
                    ModelPackageArn: current, ModelApprovalStatus: "Rejected", ApprovalDescription: Self.clip("driftwatch rollback: \(reason)")),
                changes: true)
            _ = try await client.call(
                "UpdateModelPackage",
                UpdateModelPackage(
                    ModelPackageArn: previous, ModelApprovalStatus: "Approved",
                    ApprovalDescription: Self.clip("driftwatch rollback from \(current): \(reason)")),
                changes: true)
        } catch {
            var failure = error
            failure.target = target
            throw failure
        }
        let verb = session.isDryRun ? "would reject" : "rejected"
        return ActionResult(target: target, message: "\(verb) \(current) and approve \(previous) in \(group)")
    }

    /// SageMaker takes approval descriptions of up to 1024 characters.
    static func clip(_ text: String) -> String {
        String(text.prefix(1024))
    }

    // Field names are SageMaker's wire names.
    private struct ListModelPackages: Encodable {
        let ModelPackageGroupName: String
        let ModelApprovalStatus: String
        let SortBy: String
        let SortOrder: String
        let MaxResults: Int
    }

    private struct ModelPackages: Decodable {
        struct Summary: Decodable {
            let ModelPackageArn: String
        }

        let ModelPackageSummaryList: [Summary]
    }

    private struct UpdateModelPackage: Encodable {
        let ModelPackageArn: String
        let ModelApprovalStatus: String
        let ApprovalDescription: String
    }
}
