"""Evidently's DataDriftPreset on the columns ingest-bench wrote: the peer of driftwatch's window close.

Reads the manifest (directory, rows, column names), loads the reference and current columns
(raw little-endian files: float64 for numeric features and the score, uint8 category codes and
booleans), runs `Report([DataDriftPreset()])` on them three times and prints one JSON object:
the median seconds of `report.run`, the library version and the drifted columns.
"""
import json
import statistics
import sys
import time

import numpy as np
import pandas as pd
import evidently
from evidently import DataDefinition, Dataset, Report
from evidently.presets import DataDriftPreset


def frame(manifest, side):
    directory = manifest["directory"]
    columns = {}
    for name in manifest["numeric"]:
        columns[name] = np.fromfile(f"{directory}/{side}-{name}.bin", dtype="<f8")
    for spec in manifest["categorical"]:
        codes = np.fromfile(f"{directory}/{side}-{spec['name']}.bin", dtype=np.uint8)
        columns[spec["name"]] = pd.Categorical.from_codes(codes, categories=spec["categories"]).astype(str)
    for name in manifest["boolean"]:
        columns[name] = np.fromfile(f"{directory}/{side}-{name}.bin", dtype=np.uint8).astype(bool)
    columns["prediction"] = np.fromfile(f"{directory}/{side}-prediction.bin", dtype="<f8")
    return pd.DataFrame(columns)


def main():
    with open(sys.argv[1]) as handle:
        manifest = json.load(handle)
    definition = DataDefinition(
        numerical_columns=manifest["numeric"] + ["prediction"],
        categorical_columns=[spec["name"] for spec in manifest["categorical"]] + manifest["boolean"],
    )
    reference = Dataset.from_pandas(frame(manifest, "reference"), data_definition=definition)
    current = Dataset.from_pandas(frame(manifest, "current"), data_definition=definition)
    runs = int(manifest.get("runs", 1))
    times = []
    snapshot = None
    for _ in range(runs):
        began = time.perf_counter()
        snapshot = Report([DataDriftPreset()]).run(current_data=current, reference_data=reference)
        times.append(time.perf_counter() - began)
    print(json.dumps({
        "seconds": statistics.median(times),
        "runs": runs,
        "library": f"Evidently {evidently.__version__}",
        "drifted": drifted_columns(snapshot.dict()),
    }))


def drifted_columns(report):
    """The columns whose ValueDrift passed its threshold: a score at or above it for the distances
    (Wasserstein, Jensen-Shannon, ...), a p-value below it for the tests."""
    drifted = []
    for metric in report.get("metrics", []):
        config = metric.get("config", {})
        if not str(config.get("type", "")).endswith("ValueDrift"):
            continue
        value, threshold = metric.get("value"), config.get("threshold")
        if not isinstance(value, (int, float)) or threshold is None:
            continue
        is_test = "p_value" in str(config.get("method", "")).lower().replace("-", "_")
        if (value < threshold) if is_test else (value >= threshold):
            drifted.append(config.get("column"))
    return drifted


if __name__ == "__main__":
    main()
