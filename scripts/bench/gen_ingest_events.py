"""Writes a model schema and an NDJSON file of prediction events for measuring `driftwatch ingest`.

Usage: python3 gen_ingest_events.py OUT_DIR [--events 200000] [--features 25] [--seed 7]
Writes OUT_DIR/model.json (20 numeric and 5 categorical features for --features 25, a score
prediction, hourly windows) and OUT_DIR/events.ndjson (one event a second from 2026-01-01T00:00Z).
"""

import argparse
import json
import os
import random


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--features", type=int, default=25)
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    os.makedirs(arguments.out, exist_ok=True)
    categorical = max(1, arguments.features // 5)
    numeric = arguments.features - categorical
    features = [{"name": f"x{index}", "type": "numeric"} for index in range(numeric)]
    features += [{"name": f"c{index}", "type": "categorical"} for index in range(categorical)]
    with open(os.path.join(arguments.out, "model.json"), "w", encoding="utf-8") as handle:
        json.dump({"features": features, "prediction": {"type": "score"}, "window": "1h"}, handle)
    generator = random.Random(arguments.seed)
    categories = ["DE", "FR", "US", "GB", "IT", "ES", "NL", "PL"]
    start = 1_767_225_600
    with open(os.path.join(arguments.out, "events.ndjson"), "w", encoding="utf-8") as handle:
        for index in range(arguments.events):
            values = {f"x{column}": round(generator.gauss(column, 1 + column / 10), 4) for column in range(numeric)}
            values.update({f"c{column}": generator.choice(categories) for column in range(categorical)})
            event = {"id": f"ev-{index}", "timestamp": start + index, "features": values, "prediction": round(generator.random(), 4)}
            handle.write(json.dumps(event, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
