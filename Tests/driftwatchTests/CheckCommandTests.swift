import DriftStatistics
import DriftwatchTestSupport
import Foundation
import Testing

/// `driftwatch check` run as a child process on generated files in a temporary directory.
@Suite("driftwatch check")
struct CheckCommandTests {
    let reference = CheckSampleData.generate(rows: 600, seed: 11, shifted: false)
    let sameDistribution = CheckSampleData.generate(rows: 500, seed: 12, shifted: false)
    let shifted = CheckSampleData.generate(rows: 500, seed: 13, shifted: true)

    @Test("no drift: exit 0, no feature drifted, every feature tested by Evidently's auto choice")
    func noDrift() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("ref.csv", reference.csv)
        try scratch.write("cur.csv", sameDistribution.csv)
        let outcome = try scratch.run("check", "--reference", "ref.csv", "--current", "cur.csv", "--format", "json")
        #expect(outcome.status == 0)
        #expect(outcome.standardError == "")
        let report = try CheckReportDocument(outcome.standardOutput)
        #expect(report.schema_version == 1)
        #expect(!report.dataset_drift)
        #expect(report.features.map(\.name) == ["amount", "age", "country", "is_new"])
        #expect(report.features.allSatisfy { $0.tested && !$0.drifted })
        #expect(report.features.map(\.method) == ["ks", "ks", "chi2", "z"])
        #expect(report.number_of_drifted_features == 0)
        #expect(report.drift_share == 0)
    }

    @Test("shifted pair: exit 1, exactly the two shifted features drifted, statistics equal DriftStatistics")
    func shiftedPair() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("ref.csv", reference.csv)
        try scratch.write("cur.csv", shifted.csv)
        let outcome = try scratch.run("check", "--reference", "ref.csv", "--current", "cur.csv", "--format", "json")
        #expect(outcome.status == 1)
        let report = try CheckReportDocument(outcome.standardOutput)
        #expect(report.dataset_drift)
        #expect(report.features.filter(\.drifted).map(\.name) == ["amount", "country"])
        #expect(report.drift_share == 0.5)

        let amount = try report.feature("amount")
        let ks = try kolmogorovSmirnovTest(reference: reference.amount, current: shifted.amount)
        #expect(amount.statistic == ks.statistic)
        #expect(amount.p_value == ks.pValue)
        #expect(amount.threshold == 0.05)
        #expect(amount.threshold_direction == "p_value_at_or_below")

        let age = try report.feature("age")
        let ageKS = try kolmogorovSmirnovTest(reference: reference.presentAges, current: shifted.presentAges)
        #expect(age.statistic == ageKS.statistic)
        #expect(age.p_value == ageKS.pValue)
        #expect(age.reference.missing == reference.age.count { $0 == nil })
        #expect(age.reference.missing_ratio == Double(age.reference.missing) / 600)
        #expect(age.current.missing == 20)

        let country = try report.feature("country")
        let chi2 = try univariateDrift(reference: .categorical(reference.country), current: .categorical(shifted.country))
        #expect(chi2.result.method == .chi2)
        #expect(country.statistic == chi2.result.statistic)
        #expect(country.p_value == chi2.result.pValue)

        let isNew = try report.feature("is_new")
        let z = try univariateDrift(
            reference: .categorical(reference.isNew.map { "\($0)" }), current: .categorical(shifted.isNew.map { "\($0)" }))
        #expect(isNew.method == "z")
        #expect(isNew.statistic == z.result.statistic)
        #expect(isNew.p_value == z.result.pValue)
    }

    @Test("the table names every feature, its method and verdict, and the dataset verdict")
    func table() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("ref.csv", reference.csv)
        try scratch.write("cur.csv", shifted.csv)
        let outcome = try scratch.run("check", "--reference", "ref.csv", "--current", "cur.csv")
        #expect(outcome.status == 1)
        let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines[0] == "reference: ref.csv (600 rows)")
        #expect(lines[1] == "current:   cur.csv (500 rows)")
        #expect(lines[2] == "dataset drift: YES, 2 of 4 tested features drifted (share 0.5 ≥ 0.5)")
        #expect(lines[3].hasPrefix("feature  type"))
        let rows = Dictionary(uniqueKeysWithValues: lines.dropFirst(4).map { line in
            (String(line.prefix { $0 != " " }), line.split(separator: " ", omittingEmptySubsequences: true).map(String.init))
        })
        #expect(rows["amount"]?[2] == "ks")
        // Columns split on spaces: the threshold `p ≤ 0.05` takes three.
        #expect(rows["amount"]?[5...7].joined(separator: " ") == "p ≤ 0.05")
        #expect(rows["amount"]?[8] == "DRIFT")
        #expect(rows["age"]?[8] == "ok")
        #expect(rows["age"]?[10] == "4.0%")
        #expect(rows["country"]?[2] == "chi2")
        #expect(rows["country"]?[5...7].joined(separator: " ") == "p < 0.05")
        #expect(rows["country"]?[8] == "DRIFT")
        #expect(rows["is_new"]?[1] == "boolean")
    }

    @Test("--method psi and --threshold: psi on every feature, the override moves the verdicts")
    func psiAndThreshold() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("ref.csv", reference.csv)
        try scratch.write("cur.csv", shifted.csv)
        let byDefault = try CheckReportDocument(
            scratch.run("check", "--reference", "ref.csv", "--current", "cur.csv", "--method", "psi", "--format", "json")
                .standardOutput)
        #expect(byDefault.options.method == "psi")
        #expect(byDefault.features.allSatisfy { $0.method == "psi" && $0.p_value == nil && $0.automatic == false })
        let psi = try univariateDrift(reference: .numeric(reference.amount), current: .numeric(shifted.amount), method: .psi)
        let amount = try byDefault.feature("amount")
        #expect(amount.statistic == psi.result.statistic)
        #expect(amount.threshold == 0.1)
        #expect(amount.threshold_direction == "statistic_at_or_above")
        #expect(amount.drifted)

        let huge = amount.statistic.map { $0 * 2 } ?? 0
        let outcome = try scratch.run(
            "check", "--reference", "ref.csv", "--current", "cur.csv", "--method", "psi", "--threshold", "\(huge)",
            "--format", "json")
        #expect(outcome.status == 0)
        let raised = try CheckReportDocument(outcome.standardOutput)
        #expect(raised.options.threshold == huge)
        #expect(raised.features.allSatisfy { !$0.drifted && $0.threshold == huge })
        #expect(try raised.feature("amount").statistic == psi.result.statistic)

        let strict = try CheckReportDocument(
            scratch.run("check", "--reference", "ref.csv", "--current", "cur.csv", "--threshold", "1e-6", "--format", "json")
                .standardOutput)
        #expect(strict.features.filter(\.drifted).map(\.name) == ["amount", "country"])
        #expect(strict.features.allSatisfy { $0.threshold == 1e-6 })
        #expect(try strict.feature("amount").p_value.map { $0 < 1e-6 } == true)
        #expect(try strict.feature("amount").threshold_direction == "p_value_at_or_below")
    }

    @Test("--drift-share decides the dataset verdict and the exit status")
    func driftShare() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("ref.csv", reference.csv)
        try scratch.write("cur.csv", shifted.csv)
        #expect(try scratch.run("check", "--reference", "ref.csv", "--current", "cur.csv", "--drift-share", "0.6").status == 0)
        #expect(try scratch.run("check", "--reference", "ref.csv", "--current", "cur.csv", "--drift-share", "0.25").status == 1)
    }

    @Test("html: one self-contained page with an inline SVG histogram per feature and no external reference")
    func html() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("ref.csv", reference.csv)
        try scratch.write("cur.csv", shifted.csv)
        let outcome = try scratch.run(
            "check", "--reference", "ref.csv", "--current", "cur.csv", "--format", "html", "--output", "report.html")
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput == "")
        let page = try scratch.read("report.html")
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.components(separatedBy: "<svg").count - 1 == 4)
        #expect(!page.lowercased().contains("http"))
        #expect(!page.lowercased().contains("<script"))
        #expect(!page.lowercased().contains("<link"))
        #expect(page.contains("dataset drift: YES, 2 of 4 tested features drifted"))
    }

    @Test("NDJSON: prediction events and flat records give the numbers of the same data in CSV")
    func ndjson() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("ref.csv", reference.csv)
        try scratch.write("cur.csv", shifted.csv)
        try scratch.write("ref.ndjson", reference.predictionEvents)
        try scratch.write("cur.jsonl", shifted.flatRecords)
        let fromCSV = try CheckReportDocument(
            scratch.run("check", "--reference", "ref.csv", "--current", "cur.csv", "--format", "json").standardOutput)
        let outcome = try scratch.run("check", "--reference", "ref.ndjson", "--current", "cur.jsonl", "--format", "json")
        #expect(outcome.status == 1)
        let fromNDJSON = try CheckReportDocument(outcome.standardOutput)
        #expect(fromNDJSON.reference.layout == "prediction-events")
        #expect(fromNDJSON.current.layout == "records")
        #expect(fromNDJSON.features.map(\.name) == fromCSV.features.map(\.name))
        #expect(fromNDJSON.features.map(\.type) == fromCSV.features.map(\.type))
        #expect(fromNDJSON.features.map(\.statistic) == fromCSV.features.map(\.statistic))
        #expect(fromNDJSON.features.map(\.p_value) == fromCSV.features.map(\.p_value))
        #expect(try fromNDJSON.feature("age").current.missing == 20)
    }

    @Test("bad rows are rejected with their lines, reported, and the check goes on with the valid rows")
    func rejectedRows() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("ref.csv", reference.csv)
        try scratch.write("cur.csv", shifted.csv + "r900,abc,40,DE,true,0.5\nr901,1,2\n")
        try scratch.write("cur.ndjson", shifted.flatRecords + "{\"amount\":\"abc\",\"country\":\"DE\"}\n{oops\n[1]\n")
        let outcome = try scratch.run("check", "--reference", "ref.csv", "--current", "cur.csv", "--format", "json")
        #expect(outcome.status == 1)
        #expect(outcome.standardError == """
            driftwatch: cur.csv: 2 rows rejected, the check uses the 500 valid rows: \
            line 502: feature 'amount': expected number, got 'abc'; \
            line 503: expected 6 fields as in the header, got 3: no value for column 'country'

            """)
        let report = try CheckReportDocument(outcome.standardOutput)
        #expect(report.current.rows == 500)
        #expect(report.current.rejected_rows == 2)
        #expect(report.current.rejected.map(\.line) == [502, 503])
        #expect(try report.feature("amount").type == "numeric")

        let fromNDJSON = try scratch.run("check", "--reference", "ref.csv", "--current", "cur.ndjson")
        #expect(fromNDJSON.status == 1)
        #expect(fromNDJSON.standardError == """
            driftwatch: cur.ndjson: 3 rows rejected, the check uses the 500 valid rows: \
            line 501: feature 'amount': expected number, got string; \
            line 502: malformed JSON: unexpected 'o', expected a string key (column 2); \
            line 503: expected a JSON object, got array

            """)
        #expect(fromNDJSON.standardOutput.contains("rejected rows of cur.ndjson (3):\n  line 501: "))
    }

    @Test("a feature that cannot be tested is reported, not fatal")
    func untestableFeatures() throws {
        let scratch = try ScratchDirectory()
        var referenceText = "amount,constant,kind,gone\n"
        var currentText = "amount,constant,kind,extra\n"
        for row in 0..<200 {
            referenceText += "\(reference.amount[row]),7,\(row),x\n"
            currentText += "\(shifted.amount[row]),7,k\(row),y\n"
        }
        try scratch.write("ref.csv", referenceText)
        try scratch.write("cur.csv", currentText)
        let outcome = try scratch.run("check", "--reference", "ref.csv", "--current", "cur.csv", "--format", "json")
        #expect(outcome.status == 1)
        let report = try CheckReportDocument(outcome.standardOutput)
        #expect(try report.feature("amount").drifted)
        #expect(try report.feature("kind").reason == "numeric in the reference file but categorical in the current file")
        #expect(try report.feature("gone").reason == "no such feature in the current file")
        #expect(report.current_only_features == ["extra"])
        let constant = try report.feature("constant")
        #expect(!constant.tested)
        #expect(constant.reason?.hasPrefix("z ") == true)
        #expect(report.number_of_tested_features == 1)
    }

    @Test("input errors exit 2 with the file, line and field")
    func inputErrors() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("ref.csv", reference.csv)
        try scratch.write("empty.csv", "")
        try scratch.write("empty.ndjson", "\n\n")
        try scratch.write("open.csv", "amount,country\n1,DE\n2,\"FR\n3,US\n")
        try scratch.write("duplicate.csv", "amount,amount\n1,2\n")
        try scratch.write("ids.csv", "id,timestamp,prediction\n1,2,3\n")
        try scratch.write("allbad.csv", "amount,age\n1\n2\n")
        try scratch.write("notes.txt", "amount\n1\n")
        try scratch.write("garbage.ndjson", "not json\n")
        let cases: [(String, String)] = [
            ("missing.csv", "driftwatch: missing.csv: cannot read: No such file or directory"),
            ("empty.csv", "driftwatch: empty.csv: line 1: no header row (the body is empty)"),
            ("empty.ndjson", "driftwatch: empty.ndjson: line 1: no records (the file is empty)"),
            ("open.csv", "driftwatch: open.csv: line 3: column 'country': quoted field is never closed"),
            ("duplicate.csv", "driftwatch: duplicate.csv: line 1: column 2 of the header repeats the name 'amount' of column 1"),
            ("ids.csv", "driftwatch: ids.csv: line 1: no feature columns (only id, timestamp or prediction)"),
            ("allbad.csv", "driftwatch: allbad.csv: every row was rejected; line 2: expected 2 fields as in the header, got 1: no value for column 'age'"),
            ("notes.txt", "driftwatch: notes.txt: unknown file type (expected a .csv, .tsv, .ndjson or .jsonl file)"),
            ("garbage.ndjson", "driftwatch: garbage.ndjson: line 1: malformed JSON: unexpected 'n', expected a value (column 1)"),
            (".", "driftwatch: .: unknown file type (expected a .csv, .tsv, .ndjson or .jsonl file)"),
        ]
        for (file, message) in cases {
            let asCurrent = try scratch.run("check", "--reference", "ref.csv", "--current", file)
            #expect(asCurrent.status == 2, "\(file)")
            #expect(asCurrent.standardError == message + "\n", "\(file)")
            #expect(asCurrent.standardOutput == "", "\(file)")
            let asReference = try scratch.run("check", "--reference", file, "--current", "ref.csv")
            #expect(asReference.status == 2, "\(file)")
            #expect(asReference.standardError == message + "\n", "\(file)")
        }
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("dir.csv"), withIntermediateDirectories: false)
        let directory = try scratch.run("check", "--reference", "dir.csv", "--current", "ref.csv")
        #expect(directory.status == 2)
        #expect(directory.standardError == "driftwatch: dir.csv: cannot read: Is a directory\n")
        let unwritable = try scratch.run("check", "--reference", "ref.csv", "--current", "ref.csv", "--output", "no/such/dir/r.txt")
        #expect(unwritable.status == 2)
        #expect(unwritable.standardError == "driftwatch: no/such/dir/r.txt: cannot write: No such file or directory\n")
    }

    @Test("usage errors exit 2 with a driftwatch: message; help exits 0 and lists check")
    func usageErrors() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("ref.csv", reference.csv)
        let cases: [([String], String)] = [
            (["check", "--reference", "ref.csv"], "driftwatch: Missing expected argument '--current <current>'"),
            (["check", "--reference", "ref.csv", "--current", "ref.csv", "--method", "mmd"],
             "driftwatch: --method: unknown univariate method 'mmd' (one of auto, ks, chi2, z, fisher, psi, js, kl, hellinger, tv, wasserstein, wasserstein_normed, anderson, cvm, mannwhitney, ttest, energy)"),
            (["check", "--reference", "ref.csv", "--current", "ref.csv", "--drift-share", "0"],
             "driftwatch: --drift-share: must be in (0, 1], got 0.0"),
            (["check", "--reference", "ref.csv", "--current", "ref.csv", "--threshold=-1"],
             "driftwatch: --threshold: must be a finite number ≥ 0, got -1.0"),
            (["check", "--reference", "ref.csv", "--current", "ref.csv", "--format", "pdf"],
             "driftwatch: The value 'pdf' is invalid for '--format <format>'. Please provide one of 'table', 'json' or 'html'."),
            (["frobnicate"], "driftwatch: Unexpected argument 'frobnicate'"),
        ]
        for (arguments, message) in cases {
            let outcome = try DriftwatchProcess.run(arguments, in: scratch.url)
            #expect(outcome.status == 2, "\(arguments)")
            #expect(outcome.standardError == message + "\n(see 'driftwatch check --help')\n", "\(arguments)")
        }
        let help = try scratch.run("--help")
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("check"))
        #expect(try scratch.run("check", "--help").status == 0)
    }
}
