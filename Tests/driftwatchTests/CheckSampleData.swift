import DriftStatistics

/// Seeded reference/current data sets with four features: `amount` and `age` (numeric, `age`
/// with every 25th value missing), `country` (categorical) and `is_new` (boolean). A shifted
/// current moves `amount` by one standard deviation and changes the mix of `country`.
struct CheckSampleData {
    var amount: [Double]
    /// nil where the cell is missing.
    var age: [Double?]
    var country: [String]
    var isNew: [Bool]

    static func generate(rows: Int, seed: UInt64, shifted: Bool) -> CheckSampleData {
        var random = SplitMix64(seed: seed)
        let amount = random.normals(rows, mean: shifted ? 120 : 100, standardDeviation: 20)
        let ages = random.normals(rows, mean: 40, standardDeviation: 10)
        let age: [Double?] = ages.enumerated().map { index, value in index % 25 == 7 ? nil : value }
        let mix = shifted ? [0.2, 0.2, 0.5, 0.1] : [0.4, 0.3, 0.2, 0.1]
        let names = ["DE", "FR", "US", "IT"]
        var country: [String] = []
        var isNew: [Bool] = []
        for _ in 0..<rows {
            var u = random.nextOpenUnit()
            var chosen = names.count - 1
            for (index, share) in mix.enumerated() {
                if u < share {
                    chosen = index
                    break
                }
                u -= share
            }
            country.append(names[chosen])
            isNew.append(random.nextOpenUnit() < 0.3)
        }
        return CheckSampleData(amount: amount, age: age, country: country, isNew: isNew)
    }

    var presentAges: [Double] { age.compactMap { $0 } }

    /// CSV with an `id` and a `prediction` column, which are not features; numbers are written
    /// in Swift's shortest round-trip form, so the file holds exactly these doubles.
    var csv: String {
        var text = "id,amount,age,country,is_new,prediction\n"
        for row in amount.indices {
            text += "r\(row),\(amount[row]),\(age[row].map { "\($0)" } ?? ""),\(country[row]),\(isNew[row]),0.5\n"
        }
        return text
    }

    /// Prediction events (design.md's layout), one per line.
    var predictionEvents: String {
        var text = ""
        for row in amount.indices {
            text += "{\"id\":\"r\(row)\",\"timestamp\":\"2026-11-21T10:00:00Z\",\"features\":{\"amount\":\(amount[row]),"
            text += "\"age\":\(age[row].map { "\($0)" } ?? "null"),\"country\":\"\(country[row])\",\"is_new\":\(isNew[row])},"
            text += "\"prediction\":0.5}\n"
        }
        return text
    }

    /// Flat records, one per line; `age` is left out where it is missing.
    var flatRecords: String {
        var text = ""
        for row in amount.indices {
            text += "{\"amount\":\(amount[row]),"
            if let age = age[row] { text += "\"age\":\(age)," }
            text += "\"country\":\"\(country[row])\",\"is_new\":\(isNew[row])}\n"
        }
        return text
    }
}
