import DriftwatchServer
import Foundation
import Testing

@Suite struct TokenFileTests {
    static let valid = """
        - name: fraud-endpoint
          token: ingest-secret-1
          scopes: [ingest]
        - name: grafana
          token: read-secret-2
          scopes:
            - read
        - name: operator
          token: admin-secret-3
          scopes: [admin]
        """

    @Test func parsesNamesSecretsAndScopes() throws {
        let tokens = try TokenFile.parse(yaml: Self.valid, file: "tokens.yaml")
        #expect(tokens == [
            AccessToken(name: "fraud-endpoint", token: "ingest-secret-1", scopes: [.ingest]),
            AccessToken(name: "grafana", token: "read-secret-2", scopes: [.read]),
            AccessToken(name: "operator", token: "admin-secret-3", scopes: [.admin]),
        ])
        #expect(tokens[2].grants(.ingest) && tokens[2].grants(.read) && tokens[2].grants(.admin))
        #expect(!tokens[1].grants(.ingest) && !tokens[1].grants(.admin))
    }

    @Test func emptyTokenIsRefusedWithItsLine() {
        let yaml = "- name: a\n  token: x1\n  scopes: [read]\n- name: b\n  token: \"\"\n  scopes: [read]\n"
        #expect(throws: ConfigError("tokens.yaml:5: token: must not be empty")) { try TokenFile.parse(yaml: yaml, file: "tokens.yaml") }
    }

    @Test func duplicateTokenIsRefusedWithoutShowingIt() throws {
        let yaml = "- name: a\n  token: same-secret\n  scopes: [read]\n- name: b\n  token: same-secret\n  scopes: [ingest]\n"
        let error = try #require(throws: ConfigError.self) { try TokenFile.parse(yaml: yaml, file: "tokens.yaml") }
        #expect(error.message == "tokens.yaml:4: token: the token of 'b' repeats an earlier entry's")
        #expect(!error.message.contains("same-secret"))
    }

    @Test func unknownScopeAndKeysAreRefused() {
        #expect(throws: ConfigError("tokens.yaml:3: scopes: unknown scope 'write' (use ingest, read or admin)")) {
            try TokenFile.parse(yaml: "- name: a\n  token: t\n  scopes: [read, write]\n", file: "tokens.yaml")
        }
        #expect(throws: ConfigError("tokens.yaml:3: scope: unknown key (known keys: name, token, scopes)")) {
            try TokenFile.parse(yaml: "- name: a\n  token: t\n  scope: [read]\n", file: "tokens.yaml")
        }
        #expect(throws: ConfigError("tokens.yaml:1: scopes: the entry 'a' has no scopes")) {
            try TokenFile.parse(yaml: "- name: a\n  token: t\n", file: "tokens.yaml")
        }
        #expect(throws: ConfigError("tokens.yaml: the token file lists no tokens")) { try TokenFile.parse(yaml: "", file: "tokens.yaml") }
    }

    @Test func warnsWhenGroupOrOthersMayReadTheFile() throws {
        let directory = try TemporaryDirectory()
        let open = directory.write("open.yaml", Self.valid, permissions: 0o644)
        let loaded = try TokenFile.load(path: open)
        #expect(loaded.tokens.count == 3)
        #expect(loaded.warnings == [
            "warning: token file \(open) is readable by group or others (mode 644); restrict it with chmod 600"
        ])
        let closed = directory.write("closed.yaml", Self.valid, permissions: 0o600)
        #expect(try TokenFile.load(path: closed).warnings.isEmpty)
    }

    @Test func aBadTokenFileStopsTheResolution() throws {
        let directory = try TemporaryDirectory()
        let path = directory.write("tokens.yaml", "- name: a\n  token: t\n  scopes: [root]\n")
        #expect(throws: ConfigError("\(path):3: scopes: unknown scope 'root' (use ingest, read or admin)")) {
            try ServeSettings.resolve([SettingsLayer(flags: [.tokensFile: path])])
        }
    }
}
