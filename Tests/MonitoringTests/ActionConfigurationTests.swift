import Monitoring
import Testing

@Suite struct ActionConfigurationTests {
    @Test func secretsMustComeFromASourceNeverInline() {
        #expect(throws: ActionSettingsError("with.token", "secrets come from {env: NAME} or {file: PATH}, never written in the file")) {
            try ActionConfiguration(
                adapter: .githubWorkflow,
                settings: ["repository": .text("a/b"), "workflow": .text("w.yml"), "token": .text("ghp_inline")])
        }
        #expect(throws: ActionSettingsError("with.password", "give exactly one of 'env' (a variable name) and 'file' (a path)")) {
            try ActionConfiguration(
                adapter: .mlflowAlias,
                settings: [
                    "tracking_uri": .text("http://127.0.0.1:5000"), "username": .text("bot"),
                    "password": .mapping(["env": .text("A"), "file": .text("b")]),
                ])
        }
    }

    @Test func unknownMissingAndMisshapenSettingsNameTheirPath() {
        #expect(throws: ActionSettingsError("with.argv", "required: the program and its arguments, as a list")) {
            try ActionConfiguration(adapter: .command, settings: ["directory": .text(".")])
        }
        #expect(throws: ActionSettingsError("with.argv[1]", "expected text, got a mapping")) {
            try ActionConfiguration(adapter: .command, settings: ["argv": .list([.text("dvc"), .mapping([:])]), "directory": .text(".")])
        }
        #expect(throws: ActionSettingsError("with.regoin", "unknown setting for this adapter (known: region, endpoint, access_key_id, secret_access_key, session_token, pipeline, parameters, display_name)")) {
            try ActionConfiguration(adapter: .sagemakerPipeline, settings: ["regoin": .text("eu-west-1"), "pipeline": .text("p")])
        }
        #expect(throws: ActionSettingsError("with.alias", "'v3' is reserved by MLflow ('latest' and v<number>)")) {
            try ActionConfiguration(adapter: .mlflowAlias, settings: ["tracking_uri": .text("http://h:5000"), "alias": .text("v3")])
        }
        #expect(throws: ActionSettingsError("with.tracking_uri", "'h:5000' is not an http:// or https:// URL")) {
            try ActionConfiguration(adapter: .mlflowAlias, settings: ["tracking_uri": .text("h:5000")])
        }
    }

    @Test func templatesSeeTheAlertAndTheTrigger() throws {
        guard case .command(let settings) = try ActionConfiguration(
            adapter: .command,
            settings: [
                "argv": .list([.text("dvc"), .text("exp"), .text("run"), .text("-S"), .text("drift={{ $trigger.drift_share }}")]),
                "directory": .text("/srv/m"), "environment": .mapping(["TEAM": .text("{{ $labels.team }}")]),
            ])
        else {
            Issue.record("not a command")
            return
        }
        let trigger = ActionTrigger(
            rule: "R", event: .firing, labels: ["model": "m", "team": "fraud", "detector": "d2"], value: 0.5, firedAt: 0, at: 0,
            driftShares: ["d1": 0.9, "d2": 0.25])
        #expect(settings.argv.map { $0.render(for: trigger) } == ["dvc", "exp", "run", "-S", "drift=0.25"])
        #expect(settings.environment.map { $0.template.render(for: trigger) } == ["fraud"])
        #expect(settings.timeout == 3600)
        // `$trigger` is for actions only: a rule annotation using it is refused.
        #expect(throws: AlertTemplateError.self) { try AlertTemplate("{{ $trigger.model }}") }
    }

    @Test func adaptersServeTheirKinds() {
        #expect(ActionConfiguration.kinds(of: .mlflowAlias) == [.rollback])
        #expect(ActionConfiguration.kinds(of: .sagemakerPipeline) == [.retrain])
        #expect(ActionConfiguration.kinds(of: .webhook) == [.retrain, .rollback])
    }
}
