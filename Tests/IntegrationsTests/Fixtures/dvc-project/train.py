"""The train stage of the fixture pipeline (standard library only, instant): writes
model/model.json with the stage's parameters and the alert that triggered the run, as the
command adapter passes it in DRIFTWATCH_MODEL and DRIFTWATCH_DRIFT_SHARE."""
import json
import os

with open("params.yaml") as file:
    params = json.loads("".join(line for line in file if not line.lstrip().startswith("#")))

os.makedirs("model", exist_ok=True)
with open(os.path.join("model", "model.json"), "w") as file:
    json.dump({
        "params": params["train"],
        "model": os.environ.get("DRIFTWATCH_MODEL"),
        "drift_share": os.environ.get("DRIFTWATCH_DRIFT_SHARE"),
    }, file, indent=2, sort_keys=True)
print("trained", os.environ.get("DRIFTWATCH_MODEL"))
