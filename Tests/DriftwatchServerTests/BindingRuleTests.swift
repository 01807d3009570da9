import DriftwatchServer
import Testing

@Suite struct BindingRuleTests {
    static let loopback = ListenAddress(host: "127.0.0.1", port: 8742)
    static let everywhere = ListenAddress(host: "0.0.0.0", port: 8742)

    @Test func loopbackNeedsNoTokens() throws {
        #expect(try BindingRule.check(listen: Self.loopback, hasTokens: false, insecure: false) == nil)
        #expect(try BindingRule.check(listen: ListenAddress(host: "::1", port: 1), hasTokens: false, insecure: false) == nil)
    }

    @Test func beyondLoopbackWithoutTokensIsRefused() throws {
        let error = try #require(throws: ConfigError.self) {
            try BindingRule.check(listen: Self.everywhere, hasTokens: false, insecure: false)
        }
        #expect(error.message.hasPrefix("refusing to listen on 0.0.0.0:8742 without tokens"))
        #expect(error.message.contains("--insecure"))
    }

    @Test func insecureAllowsItWithAWarning() throws {
        let warning = try #require(try BindingRule.check(listen: Self.everywhere, hasTokens: false, insecure: true))
        #expect(warning.hasPrefix("WARNING: listening on 0.0.0.0:8742 WITHOUT AUTHENTICATION"))
    }

    @Test func tokensAllowAnyAddress() throws {
        #expect(try BindingRule.check(listen: Self.everywhere, hasTokens: true, insecure: false) == nil)
    }

    @Test func resolutionAppliesTheRuleToTheResolvedAddress() throws {
        #expect(throws: ConfigError.self) {
            try ServeSettings.resolve([SettingsLayer(environment: ["DRIFTWATCH_LISTEN": "10.1.2.3:8742"])])
        }
        let insecure = try ServeSettings.resolve([
            SettingsLayer(flags: [.insecure: "true"]), SettingsLayer(environment: ["DRIFTWATCH_LISTEN": "10.1.2.3:8742"]),
        ])
        #expect(insecure.insecure)
        #expect(insecure.warnings.count == 1)
        let directory = try TemporaryDirectory()
        let tokens = directory.write("tokens.yaml", TokenFileTests.valid)
        let secured = try ServeSettings.resolve([SettingsLayer(flags: [.listen: "0.0.0.0:0", .tokensFile: tokens])])
        #expect(secured.server.accessTokens.count == 3)
        #expect(secured.warnings.isEmpty)
    }
}
