# Đôn đốc: the two commands of the README, each doing its own set-up on a fresh machine.
#   make run    create .venv, install the app, start it on http://localhost:8501 (sample data on first start)
#   make test   create .venv, install the app and the test tools, check the code and its layers, and run every
#               test: the independent ones on every core, then the `serial` ones (servers, browsers, timed kills)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint sample clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.app-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.app-installed $@

run: $(VENV)/.app-installed
	$(BIN)/python -m streamlit run app.py

test: $(VENV)/.dev-installed
	$(BIN)/python -m ruff check .
	PYTHONPATH=. $(BIN)/lint-imports
	$(BIN)/python -m pytest -n auto --dist loadgroup -m "not serial" --durations=15
	$(BIN)/python -m pytest -m serial --durations=15

lint: $(VENV)/.dev-installed
	$(BIN)/python -m ruff check .
	PYTHONPATH=. $(BIN)/lint-imports

sample: $(VENV)/.app-installed
	$(BIN)/python data/sample/make_sample.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
