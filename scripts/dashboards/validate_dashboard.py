"""Validates a Grafana dashboard JSON file against Grafana's own dashboard model.

The model is the one Grafana Labs generates from Grafana's dashboard schema (the CUE "kinds") in
the grafana-foundation-sdk package, pinned in the Makefile. Checks:

1. Round trip: the file is decoded into the SDK's typed classes (Dashboard, Panel, RowPanel,
   VariableModel, ...) and encoded again; every key of the file must come back with its value, so
   a key Grafana's model does not know (a typo, a field at the wrong level) is reported by path.
2. Types: every decoded field is checked against the class's type annotations (strings, integers,
   enumerations such as a variable's `refresh` 0/1/2, nested objects and lists).
3. Optionally, with --schema PATH, JSON Schema validation (Draft 7, `jsonschema` package) against
   a copy of the SDK's published `dashboard.jsonschema.json`.

Usage: python3 validate_dashboard.py DASHBOARD.json [--schema dashboard.jsonschema.json]
Exit status: 0 valid, 1 invalid (each problem on its own line), 3 a required package is missing.
"""

import argparse
import enum
import json
import sys
import types
import typing

try:
    from grafana_foundation_sdk.cog import plugins
    from grafana_foundation_sdk.cog.encoder import JSONEncoder
    from grafana_foundation_sdk.models.dashboard import Dashboard
except ImportError as error:
    print(f"validate_dashboard: grafana-foundation-sdk is not installed ({error}); see the Makefile", file=sys.stderr)
    sys.exit(3)


def lost_keys(original, decoded, path=""):
    """Keys and values of `original` that the round trip did not keep."""
    problems = []
    if isinstance(original, dict):
        if not isinstance(decoded, dict):
            return [f"{path or '/'}: expected an object in Grafana's model"]
        for key, value in original.items():
            if key not in decoded:
                problems.append(f"{path}/{key}: not a field of Grafana's dashboard model")
            else:
                problems += lost_keys(value, decoded[key], f"{path}/{key}")
    elif isinstance(original, list):
        if not isinstance(decoded, list) or len(decoded) != len(original):
            return [f"{path}: expected a list in Grafana's model"]
        for index, (left, right) in enumerate(zip(original, decoded)):
            problems += lost_keys(left, right, f"{path}/{index}")
    elif original != decoded:
        problems.append(f"{path}: {original!r} came back as {decoded!r}")
    return problems


def type_problems(value, hint, path):
    """Where `value` does not fit the type annotation `hint` of Grafana's model."""
    if hint is typing.Any or hint is object:
        return []
    origin = typing.get_origin(hint)
    arguments = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        branches = [type_problems(value, branch, path) for branch in arguments]
        return [] if any(not problems for problems in branches) else min(branches, key=len)
    if hint is type(None):
        return [] if value is None else [f"{path}: expected null, got {value!r}"]
    if origin is typing.Literal:
        return [] if value in arguments else [f"{path}: expected one of {list(arguments)}, got {value!r}"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{path}: expected a list, got {value!r}"]
        return [problem for index, item in enumerate(value) for problem in type_problems(item, arguments[0], f"{path}/{index}")]
    if origin is dict:
        if not isinstance(value, dict):
            return [f"{path}: expected an object, got {value!r}"]
        return [problem for key, item in value.items() for problem in type_problems(item, arguments[1], f"{path}/{key}")]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        allowed = [member.value for member in hint]
        if isinstance(value, hint) or (not isinstance(value, bool) and value in allowed):
            return []
        return [f"{path}: expected one of {allowed}, got {value!r}"]
    if hint is bool:
        return [] if isinstance(value, bool) else [f"{path}: expected a boolean, got {value!r}"]
    if hint is int:
        return [] if isinstance(value, int) and not isinstance(value, bool) else [f"{path}: expected an integer, got {value!r}"]
    if hint is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return [] if ok else [f"{path}: expected a number, got {value!r}"]
    if hint is str:
        return [] if isinstance(value, str) else [f"{path}: expected a string, got {value!r}"]
    if isinstance(hint, type):
        if not isinstance(value, hint):
            return [f"{path}: expected {hint.__name__}, got {value!r}"]
        return object_problems(value, path)
    return []


def object_problems(instance, path):
    """Type problems of every annotated field of a decoded model object."""
    try:
        hints = typing.get_type_hints(type(instance))
    except (NameError, TypeError):
        return []
    problems = []
    for name, hint in hints.items():
        if hasattr(instance, name):
            problems += type_problems(getattr(instance, name), hint, f"{path}/{name}")
    return problems


def schema_problems(dashboard, schema_path):
    import jsonschema

    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    validator = jsonschema.Draft7Validator(schema)
    return [
        "/" + "/".join(str(part) for part in error.absolute_path) + f": {error.message[:200]} (JSON Schema)"
        for error in sorted(validator.iter_errors(dashboard), key=lambda error: list(error.absolute_path))
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dashboard")
    parser.add_argument("--schema", help="a copy of grafana-foundation-sdk's jsonschema/dashboard.jsonschema.json")
    arguments = parser.parse_args()
    with open(arguments.dashboard, encoding="utf-8") as handle:
        dashboard = json.load(handle)
    plugins.register_default_plugins()
    decoded = Dashboard.from_json(dashboard)
    encoded = json.loads(json.dumps(decoded, cls=JSONEncoder))
    problems = lost_keys(dashboard, encoded) + object_problems(decoded, "")
    if arguments.schema:
        problems += schema_problems(dashboard, arguments.schema)
    for problem in problems:
        print(f"{arguments.dashboard}: {problem}")
    if problems:
        return 1
    print(f"{arguments.dashboard}: valid ({len(dashboard.get('panels', []))} panels)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
