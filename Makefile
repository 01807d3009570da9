# driftwatch — the two commands a new user runs are `make demo` and `make test`.
# Every target installs what it needs, idempotently and without prompting.

SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)
export DEBIAN_FRONTEND := noninteractive

# Debian packages needed to build and test.
APT_BUILD := libblas-dev liblapack-dev libsqlite3-dev
# OpenBLAS stands in for the reference BLAS/LAPACK at run time (Debian alternatives) for speed.
APT_FAST_BLAS := libopenblas0-pthread
# Real parsers the exposition tests feed driftwatch's /metrics output to: promtool (Debian's
# prometheus package, also the rule tests' peer) and prometheus_client's strict OpenMetrics parser;
# a real Alertmanager the notification test sends alerts to; Grafana's dashboard model
# (grafana-foundation-sdk, generated from Grafana's schema) that the dashboard test validates with.
APT_TEST := prometheus prometheus-alertmanager python3-venv
PY_TEST := prometheus_client==0.26.0 'grafana-foundation-sdk==1769699379!11.6.0'
PY_TEST_MODULES := prometheus_client, grafana_foundation_sdk
# Python peers the benchmark runs beside driftwatch, and the fixture generators use.
PY_PEERS := scipy==1.17.1 numpy==2.4.6 statsmodels==0.15.0 scikit-learn==1.9.1 mpmath==1.3.0

# The real systems the action adapters are tested against: MLflow's tracking server, moto's AWS
# emulator (SageMaker, with SigV4 checking on) and DVC. They pin their own dependencies, so they
# get a virtualenv under .build; the tests find it through DRIFTWATCH_ACTIONS_VENV.
PY_ACTIONS := 'mlflow[auth]==3.17.2' dvc==3.67.1 'moto[server]==5.2.1'
ACTIONS_VENV := .build/actions-venv

SWIFT_TEST_FLAGS ?=

# Suites whose numbers come from BLAS/LAPACK: `make test` runs them a second time on the
# reference BLAS (the whole suite runs on OpenBLAS first), since results must agree under both.
BLAS_SUITES := Matrix|Cholesky|SymmetricEigen|SingularValue|MaximumMeanDiscrepancy|PCAReconstruction|Mahalanobis|Hotelling
MULTIARCH := $(shell gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
REFERENCE_BLAS := /usr/lib/$(MULTIARCH)/blas:/usr/lib/$(MULTIARCH)/lapack

.PHONY: all build demo test test-tools deps deps-fast-blas bench bench-ingest bench-anomaly fixtures clean

all: build

# Installs the missing Debian packages given in PKGS; runs `apt-get update` once, only when
# something is missing.
define apt_install
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && $$SUDO env RUNLEVEL=1 apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef
# RUNLEVEL=1 keeps invoke-rc.d from starting a package's service on install (prometheus would
# listen on every interface); `test-tools` also stops them where a service manager started them anyway.

deps:
	$(call apt_install,$(APT_BUILD))

deps-fast-blas: deps
	$(call apt_install,$(APT_FAST_BLAS))

build: deps
	swift build

# Release build, then `driftwatch demo`: a server on 127.0.0.1:8742 over ./var/demo.sqlite, the
# example model, its baseline and a drifting stream replayed over HTTP; serves until Ctrl-C.
demo: deps-fast-blas
	swift build -c release --product driftwatch
	.build/release/driftwatch demo $(DEMO_FLAGS)

test-tools: deps
	$(call apt_install,$(APT_TEST))
	@for service in prometheus prometheus-alertmanager; do \
	  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet $$service 2>/dev/null; then \
	    systemctl disable --now $$service >/dev/null 2>&1 || true; fi; done
	@python3 -c "import $(PY_TEST_MODULES)" 2>/dev/null || python3 -m pip install -q $(PY_TEST)
	@[ -x $(ACTIONS_VENV)/bin/python ] || python3 -m venv $(ACTIONS_VENV)
	@$(ACTIONS_VENV)/bin/python -c "import mlflow, flask_wtf, dvc, moto, boto3" 2>/dev/null || \
	  { echo "installing mlflow, dvc and moto into $(ACTIONS_VENV) (about two minutes)"; $(ACTIONS_VENV)/bin/pip install -q $(PY_ACTIONS); }

test: export DRIFTWATCH_ACTIONS_VENV := $(abspath $(ACTIONS_VENV))
test: deps-fast-blas test-tools
	swift test $(SWIFT_TEST_FLAGS)
	@echo "== BLAS/LAPACK-backed suites again, on the reference BLAS"
	LD_LIBRARY_PATH=$(REFERENCE_BLAS) swift test --skip-build --filter '$(BLAS_SUITES)'

# Release benchmark beside SciPy/numpy on the same data; prints a table (README "Performance").
bench: deps-fast-blas
	@python3 -c "import scipy, numpy, sklearn" 2>/dev/null || python3 -m pip install -q $(PY_PEERS)
	swift run -c release driftstats-bench

# Release ingest benchmark: `driftwatch serve` as a child process loaded over loopback by
# `ingest-bench`, server memory with many open windows, and the window close beside Evidently's
# DataDriftPreset (README "Performance"). Evidently 0.7 does not import under pandas 3, so it gets
# its own virtualenv under .build. BENCH_INGEST_FLAGS passes flags (e.g. --only ingest --seconds 3).
PY_EVIDENTLY := evidently==0.7.23 pandas==2.3.3
EVIDENTLY_VENV := .build/evidently-venv
bench-ingest: deps-fast-blas
	@[ -x $(EVIDENTLY_VENV)/bin/python ] || python3 -m venv $(EVIDENTLY_VENV)
	@$(EVIDENTLY_VENV)/bin/python -c "import evidently" 2>/dev/null || $(EVIDENTLY_VENV)/bin/pip install -q $(PY_EVIDENTLY)
	swift build -c release --product driftwatch
	swift build -c release --product ingest-bench
	.build/release/ingest-bench --python $(EVIDENTLY_VENV)/bin/python $(BENCH_INGEST_FLAGS)

# Release anomaly benchmark: every metric detector on the NAB development split (Benchmarks/nab)
# scored by driftwatch's NAB scorer beside NAB's published detectors, then points per second per
# detector (README "Metric anomaly detection"). BENCH_ANOMALY_FLAGS passes flags (e.g. --nab-only).
bench-anomaly:
	swift build -c release --product anomaly-bench
	.build/release/anomaly-bench $(BENCH_ANOMALY_FLAGS)

# Regenerates the committed conformance fixtures from the peers (not needed to run the tests).
fixtures:
	python3 -m pip install -q $(PY_PEERS)
	@for g in scripts/fixtures/gen_*.py; do echo "== $$g"; python3 $$g || exit 1; done

clean:
	rm -rf .build
