import Monitoring
import Testing

@Suite struct InputLocationTests {
    @Test func namesWhatIsKnown() {
        #expect(InputLocation(line: 17, field: "features.amount").description == "line 17, field 'features.amount'")
        #expect(InputLocation(line: 3).description == "line 3")
        #expect(InputLocation(field: "timestamp").description == "field 'timestamp'")
        #expect(InputLocation().description == "input")
    }
}
