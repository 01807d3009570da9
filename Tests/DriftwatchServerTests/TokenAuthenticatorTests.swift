@testable import DriftwatchServer
import Testing

@Suite struct TokenAuthenticatorTests {
    let authenticator = TokenAuthenticator(tokens: [
        AccessToken(name: "a", token: "alpha-secret", scopes: [.read]),
        AccessToken(name: "b", token: "beta-secret", scopes: [.ingest]),
    ])

    @Test func findsTheEntryOfAnExactToken() {
        #expect(authenticator.authenticate("alpha-secret")?.name == "a")
        #expect(authenticator.authenticate("beta-secret")?.name == "b")
    }

    @Test func prefixesExtensionsAndCaseChangesDoNotMatch() {
        for guess in ["", "alpha", "alpha-secret2", "alpha-secreT", "Alpha-secret", "beta-secret\u{0}"] {
            #expect(authenticator.authenticate(guess) == nil, "\(guess)")
        }
    }

    @Test func constantTimeEqualityAgreesWithEquality() {
        let samples: [[UInt8]] = [[], [0], [0, 0], [1, 2, 3], [1, 2, 4], [1, 2], [255, 0, 1]]
        for left in samples {
            for right in samples {
                #expect(TokenAuthenticator.constantTimeEqual(left, right) == (left == right), "\(left) \(right)")
            }
        }
    }
}
