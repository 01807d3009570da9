/// Times a closure as the median of several runs after one warm-up, in seconds.
enum Stopwatch {
    static func median(runs: Int, _ body: () throws -> Void) rethrows -> Double {
        try body()
        var seconds: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<runs {
            let elapsed = try clock.measure { try body() }
            seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        seconds.sort()
        return seconds[seconds.count / 2]
    }
}
