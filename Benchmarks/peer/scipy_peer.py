"""The peer side of driftwatch's statistics benchmark.

Reads the manifest written by `driftstats-bench`, runs SciPy / numpy / scikit-learn on exactly the
same float64 files, and prints {case: {seconds, statistic, library}} as JSON. Each case is timed
like the Swift side: one warm-up call, then the median wall time of `runs` calls.
"""
import json
import os
import statistics
import sys
import time

import numpy as np
import scipy
from scipy import stats


def load(directory, name, columns=None):
    values = np.fromfile(os.path.join(directory, name), dtype="<f8")
    return values.reshape(-1, columns) if columns else values


def psi(reference, current, bins=10, epsilon=1e-4):
    """driftwatch's PSI convention: reference-quantile edges, left-closed bins, epsilon floor."""
    edges = np.quantile(reference, np.arange(1, bins) / bins)
    edges = edges[np.r_[True, np.diff(edges) > 0]]
    ref_counts = np.bincount(np.searchsorted(edges, reference, side="right"), minlength=len(edges) + 1)
    cur_counts = np.bincount(np.searchsorted(edges, current, side="right"), minlength=len(edges) + 1)
    p = ref_counts / ref_counts.sum()
    q = cur_counts / cur_counts.sum()
    p = np.where(p == 0, epsilon, p)
    q = np.where(q == 0, epsilon, q)
    return float(np.sum((q - p) * np.log(q / p)))


def mmd(reference, current, permutations, seed=0):
    """alibi-detect's MMDDrift definition (RBF kernel, median-heuristic bandwidth from the
    reference, unbiased MMD², permutation p-value), in numpy with the kernel matrix and all
    permutations evaluated through BLAS, as driftwatch does."""
    n, m = len(reference), len(current)
    pooled = np.vstack([reference, current])
    norms = np.einsum("ij,ij->i", pooled, pooled)
    squared = np.maximum(norms[:, None] + norms[None, :] - 2.0 * pooled @ pooled.T, 0.0)
    ref_pairs = squared[:n, :n][np.triu_indices(n, 1)]
    pairs = len(ref_pairs)
    sigma2 = 0.5 * np.partition(ref_pairs, (pairs - 1) // 2)[(pairs - 1) // 2]
    kernel = np.exp(-squared / (2.0 * sigma2))
    np.fill_diagonal(kernel, 0.0)
    rng = np.random.default_rng(seed)
    indicators = np.zeros((n + m, permutations + 1))
    indicators[:n, 0] = 1.0
    for column in range(1, permutations + 1):
        indicators[rng.permutation(n + m)[:n], column] = 1.0
    row_sums = kernel.sum(axis=1)
    total = row_sums.sum()
    within_x = np.einsum("ij,ij->j", indicators, kernel @ indicators)
    x_to_all = indicators.T @ row_sums
    within_y = total - 2.0 * x_to_all + within_x
    cross = x_to_all - within_x
    scores = within_x / (n * (n - 1)) + within_y / (m * (m - 1)) - 2.0 * cross / (n * m)
    return float(scores[0]), float(np.mean(scores[0] <= scores[1:]))


def pca_reconstruction(reference, current, chunks=10):
    """NannyML's DataReconstructionDriftCalculator on numeric features: StandardScaler, PCA
    keeping 65 % of the variance, mean Euclidean reconstruction error; thresholds from
    reference chunks."""
    from sklearn.decomposition import PCA
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(reference)
    pca = PCA(n_components=0.65, random_state=16).fit(scaler.transform(reference))

    def error(rows):
        scaled = scaler.transform(rows)
        reconstructed = pca.inverse_transform(pca.transform(scaled))
        return float(np.mean(np.linalg.norm(scaled - reconstructed, axis=1)))

    chunk_errors = [error(chunk) for chunk in np.array_split(reference, chunks)]
    _ = np.mean(chunk_errors) + 3 * np.std(chunk_errors)
    return error(current)


def run_case(case, directory):
    method = case["method"]
    columns = case.get("columns")
    reference = load(directory, case["reference"], columns)
    current = load(directory, case["current"], columns)
    library = f"SciPy {scipy.__version__}"
    if method == "ks":
        call = lambda: stats.ks_2samp(reference, current).statistic
    elif method == "wasserstein":
        call = lambda: stats.wasserstein_distance(reference, current)
    elif method == "anderson":
        call = lambda: stats.anderson_ksamp([reference, current], variant="midrank").statistic
    elif method == "cvm":
        call = lambda: stats.cramervonmises_2samp(reference, current).statistic
    elif method == "mannwhitney":
        call = lambda: stats.mannwhitneyu(reference, current).statistic
    elif method == "psi":
        library = f"numpy {np.__version__}"
        call = lambda: psi(reference, current)
    elif method == "mmd":
        library = f"numpy {np.__version__}"
        call = lambda: mmd(reference, current, case["permutations"])[0]
    elif method == "pca":
        import sklearn
        library = f"scikit-learn {sklearn.__version__}"
        call = lambda: pca_reconstruction(reference, current)
    else:
        raise SystemExit(f"unknown method {method}")
    statistic = call()
    timings = []
    for _ in range(case.get("runs", 3)):
        start = time.perf_counter()
        call()
        timings.append(time.perf_counter() - start)
    return {"seconds": statistics.median(timings), "statistic": float(statistic), "library": library}


def main():
    with open(sys.argv[1]) as handle:
        manifest = json.load(handle)
    results = {}
    for case in manifest["cases"]:
        results[case["name"]] = run_case(case, manifest["directory"])
        print(f"  peer {case['name']}: {results[case['name']]['seconds'] * 1000:.1f} ms", file=sys.stderr)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
