import Monitoring
import Testing

@Suite struct RFC3339TimestampTests {
    @Test func matchesPythonBitForBit() throws {
        #expect(rfc3339ValidCases.count > 200)
        for (text, bits) in rfc3339ValidCases {
            let seconds = try RFC3339Timestamp.epochSeconds(text)
            #expect(seconds.bitPattern == bits, "\(text): got \(seconds), expected \(Double(bitPattern: bits))")
        }
    }

    @Test func refusesInvalidDatesAndSyntax() {
        for text in rfc3339InvalidCases {
            #expect(throws: TimestampError.self, "\(text)") { try RFC3339Timestamp.epochSeconds(text) }
        }
    }

    @Test func namesTheReason() {
        #expect(throws: TimestampError(text: "2026-02-30T10:00:00Z", reason: "day 30 out of range for month 2 of 2026")) {
            try RFC3339Timestamp.epochSeconds("2026-02-30T10:00:00Z")
        }
        #expect(throws: TimestampError(text: "2026-11-21T25:00:00Z", reason: "hour 25 out of range")) {
            try RFC3339Timestamp.epochSeconds("2026-11-21T25:00:00Z")
        }
    }

    @Test func offsetsNameTheSameInstant() throws {
        let utc = try RFC3339Timestamp.epochSeconds("2026-11-21T10:00:00.123Z")
        #expect(try RFC3339Timestamp.epochSeconds("2026-11-21T12:00:00.123+02:00") == utc)
        #expect(try RFC3339Timestamp.epochSeconds("2026-11-21T04:30:00.123-05:30") == utc)
        #expect(utc == 1_795_255_200.123)
    }

    @Test func longFractionsBeforeTheEpochRoundCorrectly() throws {
        #expect(try RFC3339Timestamp.epochSeconds("1969-12-31T23:59:59.75Z") == -0.25)
        #expect(try RFC3339Timestamp.epochSeconds("1969-12-31T23:59:59.9999999999Z") == -1e-10)
        #expect(try RFC3339Timestamp.epochSeconds("1969-12-31T23:58:20.0000000001Z") == Double("-99.9999999999"))
    }
}
