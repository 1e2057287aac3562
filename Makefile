# vanban: the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB := output/vanban.db
STAMP := $(VENV)/.installed

.PHONY: demo test install ingest serve eval bench corpus clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall when the project's metadata changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/vanban ingest corpus --db $(DB)
	$(BIN)/vanban serve --db $(DB) --host 127.0.0.1 --port 8001 --files corpus

test: install
	$(BIN)/python -m pytest -q

ingest: install
	$(BIN)/vanban ingest corpus --db $(DB)

serve: install
	$(BIN)/vanban serve --db $(DB) --files corpus

# Gold scores and the header benchmark; needs ../shared (the reference material).
eval: install
	@test -d ../shared/gold || { echo "make eval needs ../shared/gold beside the repository"; exit 2; }
	$(BIN)/vanban eval ../shared/gold --meta-dev ../shared/corpus/meta-dev.jsonl

# Throughput and memory on a scaled corpus (about 10 minutes); writes output/bench.json.
bench: install
	$(BIN)/vanban bench

# Renders corpus/*.docx and corpus/*.pdf from their text sources (needs the corpus extra).
corpus: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[corpus]"
	$(BIN)/python corpus/render.py

clean:
	rm -rf $(VENV) output/*.db
