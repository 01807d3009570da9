import Foundation
import Integrations
import Testing

@Suite struct SigV4SignerTests {
    /// The cases of AWS's SigV4 test suite under `Fixtures/aws-sig-v4` (its README.md says where
    /// they come from and which were left out).
    static let vectorCases = [
        "get-header-key-duplicate", "get-header-value-multiline", "get-header-value-order", "get-header-value-trim",
        "get-relative", "get-relative-relative", "get-slash", "get-slash-dot-slash", "get-slash-pointless-dot",
        "get-slashes", "get-space", "get-special-character", "get-unreserved", "get-utf8", "get-vanilla",
        "get-vanilla-empty-query-key", "get-vanilla-query", "get-vanilla-query-order-encoded",
        "get-vanilla-query-order-key", "get-vanilla-query-order-key-case", "get-vanilla-query-order-value",
        "get-vanilla-query-unreserved", "get-vanilla-utf8-query", "get-vanilla-with-session-token",
        "post-header-key-case", "post-header-key-sort", "post-header-value-case", "post-sts-header-after",
        "post-sts-header-before", "post-vanilla", "post-vanilla-empty-query-value", "post-vanilla-query",
        "post-x-www-form-urlencoded", "post-x-www-form-urlencoded-parameters",
    ]

    /// The suite's key pair, region, service and time (20150830T123600Z).
    static let suiteCredentials = SigV4Signer.Credentials(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let suiteDate = Date(timeIntervalSince1970: 1_440_938_160)

    /// get-vanilla-with-session-token's .req leaves its token out (its .creq shows it, and
    /// aws-c-auth's copy of the case names it); post-sts-header-before's .req carries its token in
    /// the `X-Amz-Security-Token` header.
    static let sessionTokensNotInRequest = [
        "get-vanilla-with-session-token": "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267"
    ]

    @Test(arguments: vectorCases)
    func awsTestSuiteCase(_ name: String) throws {
        let request = try SuiteRequest(parsing: Self.fixture(name, "req"))
        let token =
            request.headers.last { $0.0.lowercased() == "x-amz-security-token" }?.1
            ?? Self.sessionTokensNotInRequest[name]
        var credentials = Self.suiteCredentials
        credentials.sessionToken = token
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "service")

        let signed = signer.sign(
            method: request.method, path: request.path, query: request.query, headers: request.headers,
            body: request.body, date: Self.suiteDate)

        #expect(signed.canonicalRequest == String(decoding: try Self.fixture(name, "creq"), as: UTF8.self))
        #expect(signed.stringToSign == String(decoding: try Self.fixture(name, "sts"), as: UTF8.self))
        let authorization = String(decoding: try Self.fixture(name, "authz"), as: UTF8.self)
        #expect(signed.authorization == authorization)
        #expect(signed.headers.filter { $0.0 == "Authorization" }.map(\.1) == [authorization])
        #expect(signed.headers.filter { $0.0 == "X-Amz-Date" }.map(\.1) == ["20150830T123600Z"])
        #expect(signed.headers.filter { $0.0 == "X-Amz-Security-Token" }.map(\.1) == (token.map { [$0] } ?? []))
    }

    /// A case added to the fixtures but not to `vectorCases` would never run.
    @Test func everyCommittedCaseIsListed() throws {
        let directory = try #require(
            Bundle.module.url(forResource: "aws-sig-v4", withExtension: nil, subdirectory: "Fixtures"))
        let entries = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        let cases = entries.filter { entry in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(
                atPath: directory.appendingPathComponent(entry).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
        #expect(cases.sorted() == Self.vectorCases.sorted())
    }

    /// The request driftwatch sends to SageMaker: every header it passes is signed, the signer's
    /// own `x-amz-date` sorted among them, and the body is covered byte for byte.
    @Test func driftwatchShapedRequest() {
        let signer = SigV4Signer(
            credentials: Self.suiteCredentials, region: "us-east-1", service: "sagemaker")
        let headers = [
            ("content-type", "application/x-amz-json-1.1"), ("host", "127.0.0.1:5000"),
            ("x-amz-target", "SageMaker.UpdateModelPackage"),
        ]
        let body = Array(#"{"ModelPackageArn":"arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud/1"}"#.utf8)
        let signed = signer.sign(method: "POST", path: "/", headers: headers, body: body, date: Self.suiteDate)

        #expect(signed.signedHeaders == "content-type;host;x-amz-date;x-amz-target")
        #expect(signed.authorization.contains(" SignedHeaders=content-type;host;x-amz-date;x-amz-target, "))
        #expect(
            signed.authorization.hasPrefix(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sagemaker/aws4_request, "))
        #expect(signed.canonicalRequest.contains("\nhost:127.0.0.1:5000\n"))
        #expect(signed.headers.map(\.0) == ["content-type", "host", "x-amz-target", "X-Amz-Date", "Authorization"])
        // botocore's SigV4Auth, given the same request, time and credentials, signs it alike.
        #expect(signed.signature == "291b312c2735d3dcca1d43606638cdd81e51cf4b4965b1831bf6f8048b6f6019")

        for index in [0, body.count / 2, body.count - 1] {
            var changed = body
            changed[index] ^= 0x01
            let resigned = signer.sign(method: "POST", path: "/", headers: headers, body: changed, date: Self.suiteDate)
            #expect(resigned.signature != signed.signature, "byte \(index)")
        }
        let later = signer.sign(method: "POST", path: "/", headers: headers, body: body, date: Self.suiteDate + 1)
        #expect(later.signature != signed.signature)

        var temporary = Self.suiteCredentials
        temporary.sessionToken = "tok"
        let withToken = SigV4Signer(credentials: temporary, region: "us-east-1", service: "sagemaker")
            .sign(method: "POST", path: "/", headers: headers, body: body, date: Self.suiteDate)
        #expect(withToken.signedHeaders == "content-type;host;x-amz-date;x-amz-security-token;x-amz-target")
        #expect(withToken.signature == "3337deb0cd968615ce680307348281f520ce8c64467171a89612192ce7da94f5")
    }

    /// Temporary credentials: the token is sent and signed, and a token the caller also passed is
    /// replaced rather than sent twice.
    @Test func sessionTokenIsSentAndSigned() {
        var credentials = Self.suiteCredentials
        credentials.sessionToken = "token-1"
        let signer = SigV4Signer(credentials: credentials, region: "eu-west-1", service: "sagemaker")
        let signed = signer.sign(
            method: "POST", path: "/",
            headers: [("Host", "api.sagemaker.eu-west-1.amazonaws.com"), ("X-Amz-Security-Token", "stale")],
            body: [], date: Self.suiteDate)
        #expect(signed.signedHeaders == "host;x-amz-date;x-amz-security-token")
        #expect(signed.headers.filter { $0.0.lowercased() == "x-amz-security-token" }.map(\.1) == ["token-1"])
        #expect(signed.canonicalRequest.contains("\nx-amz-security-token:token-1\n"))
    }

    /// X-Amz-Date and the credential scope's day are UTC and zero-padded.
    @Test(arguments: [
        (1_709_251_199.0, "20240229T235959Z", "20240229"), (946_782_245.0, "20000102T030405Z", "20000102"),
    ])
    func dateIsUTCAndZeroPadded(seconds: Double, amzDate: String, day: String) {
        let signer = SigV4Signer(credentials: Self.suiteCredentials, region: "us-east-1", service: "service")
        let signed = signer.sign(
            method: "GET", path: "/", headers: [("Host", "h")], body: [], date: Date(timeIntervalSince1970: seconds))
        #expect(signed.headers.filter { $0.0 == "X-Amz-Date" }.map(\.1) == [amzDate])
        #expect(signed.stringToSign.hasPrefix("AWS4-HMAC-SHA256\n\(amzDate)\n\(day)/us-east-1/service/aws4_request\n"))
    }

    /// Outside S3, AWS encodes each path segment once more than it travels, so an escape already
    /// on the wire is signed with its `%` encoded; dot segments are still resolved.
    @Test func anEncodedPathIsEncodedOnceMore() {
        let signer = SigV4Signer(credentials: Self.suiteCredentials, region: "us-east-1", service: "lambda")
        let signed = signer.sign(
            method: "GET", path: "/2015-03-31/functions/my%3Afunction/./versions/../aliases/", headers: [("Host", "h")],
            body: [], date: Self.suiteDate)
        #expect(signed.canonicalRequest.hasPrefix("GET\n/2015-03-31/functions/my%253Afunction/aliases/\n\n"))
    }

    /// Query parameters are decoded before they are encoded, so `+` is a plus sign, not a space.
    @Test func queryPlusIsALiteralPlus() {
        let signer = SigV4Signer(credentials: Self.suiteCredentials, region: "us-east-1", service: "service")
        let signed = signer.sign(
            method: "GET", path: "/", query: "b=x+y&a=%7e&a", headers: [("Host", "h")], body: [], date: Self.suiteDate)
        #expect(signed.canonicalRequest.hasPrefix("GET\n/\na=&a=~&b=x%2By\n"))
    }

    static func fixture(_ name: String, _ ext: String) throws -> [UInt8] {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures/aws-sig-v4/\(name)"),
            "Fixtures/aws-sig-v4/\(name)/\(name).\(ext) is missing")
        return Array(try Data(contentsOf: url))
    }
}

/// A request in the test suite's `.req` form: the request line (whose target may hold raw spaces
/// and UTF-8), `Name:value` header lines of which an indented line continues the one before, then
/// after an empty line the body.
private struct SuiteRequest {
    var method: String
    var path: String
    var query: String
    var headers: [(String, String)]
    var body: [UInt8]

    init(parsing bytes: [UInt8]) throws {
        let newline = UInt8(ascii: "\n")
        var head = bytes[...]
        body = []
        if let blank = bytes.indices.dropLast().first(where: { bytes[$0] == newline && bytes[$0 + 1] == newline }) {
            head = bytes[..<blank]
            body = Array(bytes[(blank + 2)...])
        }
        var lines = String(decoding: head, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }

        let requestLine = try #require(lines.first)
        let methodEnd = try #require(requestLine.firstIndex(of: " "))
        let versionStart = try #require(requestLine.lastIndex(of: " "))
        method = String(requestLine[..<methodEnd])
        let target = requestLine[requestLine.index(after: methodEnd)..<versionStart]
        let queryStart = target.firstIndex(of: "?")
        path = String(target[..<(queryStart ?? target.endIndex)])
        query = queryStart.map { String(target[target.index(after: $0)...]) } ?? ""

        headers = []
        for line in lines.dropFirst() {
            if line.first == " " || line.first == "\t" {
                try #require(!headers.isEmpty, "continuation line before any header")
                headers[headers.count - 1].1 += " " + line
            } else {
                let colon = try #require(line.firstIndex(of: ":"), "header line without a colon: \(line)")
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
    }
}
