import AnomalyDetection
import DriftStatistics
import DriftwatchTestSupport
import Foundation
import Testing

@Suite struct AnomalyScoreCommandTests {
    /// 400 rows five minutes apart from 2014-07-01 (NAB's timestamp form), noise with a spike at
    /// row 300 and a missing value at row 150.
    private static func series() -> (csv: String, values: [Double]) {
        var generator = SplitMix64(seed: 5)
        var values = generator.normals(400, mean: 50, standardDeviation: 2).map { ($0 * 1000).rounded() / 1000 }
        values[300] += 30
        var csv = "timestamp,value\n"
        for (index, value) in values.enumerated() {
            let minutes = index * 5
            let stamp = String(format: "2014-07-01 %02d:%02d:00", minutes / 60 % 24, minutes % 60)
            csv += "\(index >= 288 ? stamp.replacingOccurrences(of: "07-01", with: "07-02") : stamp),\(index == 150 ? "NaN" : "\(value)")\n"
        }
        values[150] = .nan
        return (csv, values)
    }

    @Test func scoresEveryRowAsTheLibraryDoes() throws {
        let scratch = try ScratchDirectory()
        let (csv, values) = Self.series()
        let input = scratch.url.appendingPathComponent("latency.csv")
        try Data(csv.utf8).write(to: input)
        let outcome = try DriftwatchProcess.run(["anomaly", "score", "--detector", "ewma", "--set", "lambda=0.1", input.path], in: scratch.url)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let lines = outcome.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.first == "timestamp,value,anomaly_score" && lines.count == 401)

        var detector = EWMADetector(lambda: 0.1)
        let inputLines = csv.split(separator: "\n").dropFirst()
        for (index, (line, source)) in zip(lines.dropFirst(), inputLines).enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let expected = detector.observe(values[index], at: Double(index) * 300)
            #expect(fields[0...1].joined(separator: ",") == source, "row \(index) echoes its timestamp and value")
            if index == 150 {
                #expect(fields[2].isEmpty, "a missing value gets no score")
            } else {
                #expect(Double(fields[2]) == expected.score, "row \(index)")
            }
        }
        #expect(Double(lines[301].split(separator: ",")[2]).map { $0 >= 0.5 } == true, "the spike is an alarm")
    }

    @Test func theDefaultDetectorAndAnOutputFile() throws {
        let scratch = try ScratchDirectory()
        let input = scratch.url.appendingPathComponent("series.csv")
        try Data(Self.series().csv.utf8).write(to: input)
        let output = scratch.url.appendingPathComponent("scored.csv")
        let outcome = try DriftwatchProcess.run(["anomaly", "score", input.path, "-o", output.path], in: scratch.url)
        #expect(outcome.status == 0 && outcome.standardOutput.isEmpty, "\(outcome.standardError)")
        let written = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
        #expect(written.count == 401)
        var detector = ConformalEnsembleDetector()
        let values = Self.series().values
        let scores = values.enumerated().map { detector.observe($0.element, at: Double($0.offset) * 300).score }
        #expect(written.dropFirst().enumerated().allSatisfy { index, line in
            index == 150 || Double(line.split(separator: ",")[2]) == scores[index]
        })
    }

    @Test func badRowsAreNamedAndSkippedAndTheRestScored() throws {
        let scratch = try ScratchDirectory()
        let input = scratch.url.appendingPathComponent("bad.csv")
        try Data("timestamp,value\n1700000000,1\n2023-11-14T22:14:20Z,2\nyesterday,3\n1700000600,abc\n1700000900,4\n".utf8).write(to: input)
        let outcome = try DriftwatchProcess.run(["anomaly", "score", "--detector", "cusum", input.path], in: scratch.url)
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("\(input.path):4: timestamp: 'yesterday' is neither"), "\(outcome.standardError)")
        #expect(outcome.standardError.contains("\(input.path):5: value: 'abc' is not a number"))
        #expect(outcome.standardError.contains("2 rows skipped, 3 scored"))
        #expect(outcome.standardOutput == "timestamp,value,anomaly_score\n1700000000,1,0.0\n2023-11-14T22:14:20Z,2,0.0\n1700000900,4,0.0\n")
    }

    @Test func unusableOptionsAndFilesExitTwo() throws {
        let scratch = try ScratchDirectory()
        let input = scratch.url.appendingPathComponent("s.csv")
        try Data("time,value\n1,2\n".utf8).write(to: input)
        let unknown = try DriftwatchProcess.run(["anomaly", "score", "--detector", "prophet", input.path], in: scratch.url)
        #expect(unknown.status == 2 && unknown.standardError.contains("--detector: no detector 'prophet'; the detectors are conformal-ensemble,"))
        let parameter = try DriftwatchProcess.run(["anomaly", "score", "--set", "window=9", input.path], in: scratch.url)
        #expect(parameter.status == 2 && parameter.standardError.contains("--set window: conformal-ensemble has no parameter 'window'; it has history, mean_length, quiet_after_alarm"), "\(parameter.standardError)")
        let range = try DriftwatchProcess.run(["anomaly", "score", "--detector", "ewma", "--set", "lambda=2", input.path], in: scratch.url)
        #expect(range.status == 2 && range.standardError.contains("--set lambda: 2.0 is outside (0, 1]"), "\(range.standardError)")
        let columns = try DriftwatchProcess.run(["anomaly", "score", input.path], in: scratch.url)
        #expect(columns.status == 2 && columns.standardError.contains("\(input.path): line 1:") && columns.standardError.contains("timestamp"), "\(columns.standardError)")
        let absent = try DriftwatchProcess.run(["anomaly", "score", scratch.url.appendingPathComponent("none.csv").path], in: scratch.url)
        #expect(absent.status == 2 && absent.standardError.contains("none.csv: cannot read: No such file or directory"))
    }
}
