# notegraph: `make demo` builds the graph of the bundled sample notes; `make test` runs the tests.
PYTHON ?= python3.11
VENV   ?= .venv
PY     := $(VENV)/bin/python
SAMPLES ?= data/sample-notes
OUT    ?= out

.PHONY: setup demo test test-slow bench clean

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (Python 3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed

demo: setup
	$(VENV)/bin/notegraph build $(SAMPLES) --out $(OUT) --report
	@echo "open $(OUT)/graph.html and $(OUT)/report.html in a browser; GraphML: $(OUT)/graph.graphml"

test: setup
	$(PY) -m pytest -q --doctest-modules tests src/notegraph

test-slow: setup
	$(PY) -m pytest -q -m slow

clean:
	rm -rf $(OUT) .pytest_cache test-artifacts
