import DriftStatistics
import DriftwatchTestSupport
import Foundation
import Integrations
import Testing

@Suite struct WebhookSignatureTests {
    /// RFC 4231's HMAC-SHA-256 test cases 1, 2, 3, 4, 6 and 7 (case 5 truncates the output).
    @Test(arguments: [
        ([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        ([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        (Array(1...25), [UInt8](repeating: 0xcd, count: 50), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        ([UInt8](repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        ([UInt8](repeating: 0xaa, count: 131),
         Array("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".utf8),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ])
    func rfc4231Vectors(key: [UInt8], data: [UInt8], expected: String) {
        #expect(WebhookSignature.value(body: data, secret: key) == "sha256=" + expected)
        #expect(WebhookSignature.isValid("sha256=" + expected, body: data, secret: key))
    }

    @Test func aChangedBodySecretOrValueDoesNotVerify() {
        let body = Array(#"{"alerts":[{"status":"firing"}]}"#.utf8)
        let secret = Array("s3cret".utf8)
        let value = WebhookSignature.value(body: body, secret: secret)
        #expect(WebhookSignature.isValid(value, body: body, secret: secret))
        #expect(!WebhookSignature.isValid(value, body: body + [0x20], secret: secret))
        #expect(!WebhookSignature.isValid(value, body: body, secret: Array("s3creT".utf8)))
        #expect(!WebhookSignature.isValid(String(value.dropLast()) + "0", body: body, secret: secret) || value.hasSuffix("0"))
        #expect(!WebhookSignature.isValid("sha1=" + value.dropFirst(7), body: body, secret: secret))
        #expect(!WebhookSignature.isValid("sha256=zz", body: body, secret: secret))
    }

    /// Python's `hmac` (the receiver side in many shops) computes the same header for random
    /// bodies and secrets.
    @Test func pythonsHMACAgrees() throws {
        let python = try #require(ExternalTool.locate("python3"), "python3 is missing: `make test` installs it")
        var generator = SplitMix64(seed: 4231)
        var lines: [String] = []
        var expected: [String] = []
        for index in 0..<50 {
            let body = (0..<(Int(generator.next() % 300))).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let secret = (0..<(1 + index % 70)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            lines.append(Data(secret).base64EncodedString() + " " + Data(body).base64EncodedString())
            expected.append(WebhookSignature.value(body: body, secret: secret))
        }
        let input = try ExternalTool.temporaryFile(lines.joined(separator: "\n") + "\n", suffix: ".txt")
        defer { try? FileManager.default.removeItem(at: input) }
        let script = """
            import base64, hashlib, hmac, sys
            for line in open(sys.argv[1]):
                secret, body = (base64.b64decode(part) for part in line.split(" "))
                print("sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest())
            """
        let run = try ExternalTool.run(python, ["-c", script, input.path])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.split(separator: "\n").map(String.init) == expected)
    }
}
