# The two commands of the README: `make run` (the main job) and `make test`.
# Each sets up (or refreshes) the local virtual environment .venv when pyproject.toml changes.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
WORKERS ?=

.PHONY: help setup run clean-data tables briefs test test-fast lab bench bench-scale bench-inputs same-outputs demo-over-time clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 not found: install it or run make PYTHON=/path/to/python3.11"; exit 1; }
	@echo "setting up $(VENV) with $(PYTHON) (once per change of pyproject.toml)"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@# The gazetteer package is installed for its data file only, without its (GPLv3) dependencies.
	@$(PY) -m pip install --quiet --disable-pip-version-check --no-deps \
		"$$($(PY) -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["optional-dependencies"]["gazetteer"][0])')"
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

setup: $(STAMP)  ## create or refresh .venv

run: $(STAMP)  ## the main job: cleaning -> analysis -> briefs, on data/raw/
	@$(PY) -m helpers.cli run $(if $(WORKERS),--workers $(WORKERS))

tables: $(STAMP)  ## clean any folder of raw files into tables only: make tables RAW=folder OUT=folder
	@test -n "$(RAW)" -a -n "$(OUT)" || { echo "usage: make tables RAW=<folder of raw files> OUT=<folder for the tables>"; exit 2; }
	@$(PY) -m helpers.cli clean "$(RAW)" --out "$(OUT)"

briefs: $(STAMP)  ## render only the briefs (needs data/clean from make run)
	@$(PY) -m helpers.cli briefs $(if $(WORKERS),--workers $(WORKERS))

test: $(STAMP)  ## the test suite, including an end-to-end run on the shipped reports
	@$(PY) -m pytest -q

test-fast: $(STAMP)  ## unit tests only (skips the end-to-end notebook runs)
	@$(PY) -m pytest -q -m "not slow"

lab: $(STAMP)  ## open the notebooks in JupyterLab
	@$(VENV)/bin/jupyter lab notebooks/

bench: $(STAMP)  ## benchmarks: reading (PDF pages/s, OCR s/page, damaged MB/s), extraction MB/s, brief batch timings
	@$(PY) scripts/bench_ingest.py
	@$(PY) scripts/bench_extract.py
	@$(PY) scripts/bench_briefs.py

bench-scale: $(STAMP)  ## the main job on a made-up corpus of N reports in a scratch root: make bench-scale N=1000 [BRIEFS=300: a sample of briefs]
	@$(PY) scripts/bench_scale.py $(or $(N),1000) $(if $(WORKERS),--workers $(WORKERS)) $(if $(BRIEFS),--briefs $(BRIEFS))

bench-inputs: $(STAMP)  ## time and peak memory of building the brief inputs for made-up clean tables: make bench-inputs [N="1000 3000"]
	@$(PY) scripts/bench_brief_inputs.py $(N)

demo-over-time: $(STAMP)  ## the main job on a made-up corpus of places over several years, in a scratch folder: make demo-over-time [DIR=folder]
	@$(PY) scripts/over_time_corpus.py $(DIR) $(if $(WORKERS),--workers $(WORKERS))

same-outputs: $(STAMP)  ## after a refactor: are the outputs of BASE and of the working tree identical? make same-outputs BASE=ref [RAW=folder]
	@$(PY) scripts/same_outputs.py $(if $(BASE),--base $(BASE)) $(if $(RAW),--raw "$(RAW)")

clean:  ## remove everything derived (data/clean outputs, outputs/); raw data is never touched
	rm -rf outputs/* data/clean/*.csv data/clean/*.parquet data/clean/.work-*
