import Storage
import Testing

@Suite struct StoreErrorTests {
    @Test func describesEachFailureForAnOperator() {
        #expect(StoreError.unavailable(path: "var/driftwatch.sqlite", reason: "disk I/O error").description
            == "cannot open the store at var/driftwatch.sqlite: disk I/O error")
        #expect(StoreError.notFound("model 'fraud'").description == "model 'fraud' does not exist")
        #expect(StoreError.corrupt("window 7 of model 'fraud'").description == "stored data is damaged: window 7 of model 'fraud'")
    }
}
