import Monitoring
import Testing

@Suite struct BaselineFreezeRequestTests {
    static func decode(_ text: String) throws(BaselineFreezeRequest.DecodingError) -> BaselineFreezeRequest {
        try BaselineFreezeRequest.decode(Array(text.utf8))
    }

    static func message(_ text: String) -> String? {
        do {
            _ = try decode(text)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func timeRangeAndLatestWindowForms() throws {
        #expect(
            try Self.decode(#"{"from":"2026-11-20T00:00:00Z","to":1795219200.5}"#)
                == BaselineFreezeRequest(selection: .timeRange(from: 1_795_132_800, to: 1_795_219_200.5), activate: true))
        #expect(
            try Self.decode(#"{"to":20,"from":10,"activate":false}"#)
                == BaselineFreezeRequest(selection: .timeRange(from: 10, to: 20), activate: false))
        #expect(try Self.decode(#" {"window":"latest"} "#) == BaselineFreezeRequest(selection: .latestWindow))
    }

    @Test func refusalsNameTheKey() {
        #expect(Self.message(#"{"from":20,"to":10}"#) == "from must be before to: the range [from, to) is empty")
        #expect(Self.message(#"{"from":10,"to":10}"#) == "from must be before to: the range [from, to) is empty")
        #expect(Self.message(#"{"from":10}"#) == "to: required with from")
        #expect(Self.message(#"{"to":10}"#) == "from: required with to")
        #expect(Self.message("{}") == #"give "from" and "to" (event times) or "window": "latest""#)
        #expect(Self.message(#"{"from":1,"to":2,"window":"latest"}"#) == #"give either "from" and "to" or "window", not both"#)
        #expect(Self.message(#"{"from":"yesterday","to":2}"#)?.hasPrefix("from: ") == true)
        #expect(Self.message(#"{"from":1,"to":1e300}"#)?.hasPrefix("to: 1e300 is not epoch seconds") == true)
        #expect(Self.message(#"{"from":null,"to":2}"#) == "from: expected RFC 3339 or epoch seconds, got null")
        #expect(Self.message(#"{"window":"previous"}"#)?.hasPrefix("window: the only window form is \"latest\"") == true)
        #expect(Self.message(#"{"from":1,"to":2,"activate":1}"#) == "activate: expected true or false, got number")
        #expect(Self.message(#"{"from":1,"to":2,"form":3}"#)?.hasPrefix("unknown key 'form'") == true)
        #expect(Self.message(#"{"from":1,"from":2,"to":3}"#) == "from: given more than once")
        #expect(Self.message("[1,2]") == "expected a JSON object, got array")
        #expect(Self.message("{")?.hasPrefix("malformed JSON at byte") == true)
    }
}
