import Testing

/// The loader every conformance test depends on: numbers must arrive correctly rounded (Linux's
/// Foundation JSON parser is not) and 0/1 must stay numbers.
@Suite struct FixtureLoaderTests {
    @Test func readsNumbersExactly() throws {
        let fixture = try #require(try FixtureFile.load("fixture-selftest").cases.first)
        #expect(try fixture.double("zero") == 0)
        #expect(try fixture.double("one") == 1)
        #expect(try fixture.double("minus_zero").sign == .minus)
        #expect(try fixture.double("tiny") == 1e-300)
        #expect(try fixture.double("inf") == .infinity)
        #expect(try fixture.bool("flag"))
        #expect(try fixture.ints("ints") == [0, 1, -7, 123_456_789_012])
        #expect(try fixture.strings("labels") == ["a1", "2b", "-3"])
        #expect(try fixture.string("name") == "tricky \"quoted\" 1e5 name")
        let values = try fixture.doubles("values")
        let texts = try fixture.strings("values_text")
        #expect(values.count == 400)
        for (value, text) in zip(values, texts) {
            #expect(value == Double(text), "\(text) parsed as \(value)")
        }
    }
}
