extension Duration {
    /// Seconds as a floating-point number, as histograms, rates and audit records take them.
    public var fractionalSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
