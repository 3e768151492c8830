# The two commands a newcomer needs: `make run` and `make test`.
# Both create or refresh .venv from pyproject.toml; nothing else is done by hand.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test bench screenshots lint clean translations

# The compiled catalogues the app loads, built from the .ts sources (never committed: they would
# conflict on every merge).
QM := $(patsubst %.ts,%.qm,$(wildcard resources/translations/community_moderator_*.ts))

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

%.qm: %.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

run: $(STAMP) $(QM)
	$(PY) main.py

test: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

screenshots: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(PY) main.py screenshots --out docs/screenshots

lint: $(STAMP)
	$(VENV)/bin/ruff check moderator ui tests benchmarks main.py
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) build *.egg-info
