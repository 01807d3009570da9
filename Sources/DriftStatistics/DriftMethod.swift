/// The name of a drift test, distance or detector, as it appears in detector YAML (`method:`),
/// in results and in the `method` label of exported metrics.
public enum DriftMethod: String, CaseIterable, Sendable, Codable {
    case ks
    case chi2
    case z
    case fisher
    case psi
    case js
    case kl
    case hellinger
    case totalVariation = "tv"
    case wasserstein
    /// Wasserstein-1 divided by the reference population standard deviation (Evidently's "normed").
    case normedWasserstein = "wasserstein_normed"
    case anderson
    case cvm
    case mannwhitney
    case ttest
    case energy
    case mmd
    case pcaReconstruction = "pca-reconstruction"
    case hotelling
    case mahalanobis
}
