import Foundation
import NABScoring
import Testing

@Suite struct NABCorpusTests {
    @Test func theCommittedSplitHasItsSeriesWindowsAndProfiles() {
        let corpus = NABFixture.corpus
        #expect(corpus.series.count == 31)
        #expect(corpus.series.map(\.values.count).reduce(0, +) == 139_187)
        #expect(corpus.series.map(\.windows.count).reduce(0, +) == 53)
        let taxi = corpus.series.first { $0.name == "realKnownCause/nyc_taxi.csv" }
        #expect(taxi?.values.count == 10_320 && taxi?.probation == 750 && taxi?.windows.map(\.count) == [207, 207, 207, 207, 207])
        #expect(taxi?.values.first == 10_844 && taxi?.timestamps.first == "2014-07-01 00:00:00")
        #expect(taxi?.times.first == 1_404_172_800, "2014-07-01T00:00:00Z")
        let speed = corpus.series.first { $0.name == "realTraffic/speed_7578.csv" }
        #expect(speed?.probation == 169 && speed?.windows.map(\.count) == [29, 29, 29, 29])
        #expect(corpus.profiles.map(\.name) == ["standard", "reward_low_FP_rate", "reward_low_FN_rate"])
        #expect(corpus.profiles.map(\.falsePositiveWeight) == [0.11, 0.22, 0.11])
        #expect(corpus.profiles.map(\.falseNegativeWeight) == [1, 1, 2])
    }

    @Test func aMalformedRowIsNamedByFileAndLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nab-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("data/f"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("labels"), withIntermediateDirectories: true)
        try Data(#"{"f/x.csv": []}"#.utf8).write(to: directory.appendingPathComponent("labels/combined_windows.json"))
        try Data("timestamp,value\n2014-07-01 00:00:00,1\n2014-07-01 00:05:00,n/a\n".utf8)
            .write(to: directory.appendingPathComponent("data/f/x.csv"))
        #expect(throws: NABScoringError("f/x.csv:3: expected 'YYYY-MM-DD HH:MM:SS,number', got '2014-07-01 00:05:00,n/a'")) {
            try NABCorpus(directory: directory)
        }
    }
}
