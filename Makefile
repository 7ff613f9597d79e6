# Two commands do everything on a fresh machine: `make demo` and `make test`.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# mypy reads the package as installed (graph/ is luocdo.graph …): a tree of links under build/ lays it out so.
MYPY = rm -rf build/mypy && mkdir -p build/mypy/luocdo \
	&& for f in luocdo/*; do ln -s ../../../$$f build/mypy/luocdo/; done \
	&& for d in graph loaders queries api viz; do ln -s ../../../$$d build/mypy/luocdo/$$d; done \
	&& $(BIN)/mypy -p luocdo.core -p luocdo.loaders -p luocdo.graph -p luocdo.pipeline -p luocdo.queries -p luocdo.api -p luocdo.viz
CORPUS ?= examples/corpus
DB ?= luocdo.db
PORT ?= 8000

.PHONY: install system-deps neo4j-server neo4j demo test test-neo4j lint bench bench-full clean messages

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip setuptools wheel

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

# OCR (Tesseract with Vietnamese) and the browser for the viewer tests come
# from Debian; installed only when missing and only where apt can run.
system-deps:
	@missing=""; \
	command -v tesseract >/dev/null || missing="$$missing tesseract-ocr tesseract-ocr-vie"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing:$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
	      || echo "warning: could not install$$missing; the tests that need them will skip (and fail under CI)"; \
	  else echo "warning: missing$$missing (apt-get install$$missing); the tests that need them will skip (and fail under CI)"; fi; \
	fi

lint: install
	$(BIN)/ruff check .
	$(MYPY)

# The Neo4j Community 5.26 server of the tests (tests/neo4j_server): built once
# with Maven from Maven Central into tests/neo4j_server/.m2 and target/.
# The test session starts it on a free loopback port and stops it at its end;
# NEO4J_URI=bolt://… runs the Neo4j tests against another server instead
# (its database is emptied).
neo4j-server: install
	$(BIN)/python -m tests.neo4j_server.server build

# A server to point luocdo at by hand: NEO4J_URI=bolt://127.0.0.1:$(NEO4J_PORT).
NEO4J_PORT ?= 7687
NEO4J_DATA ?= /tmp/luocdo-neo4j
neo4j: neo4j-server
	$(BIN)/python -m tests.neo4j_server.server run --port $(NEO4J_PORT) --data $(NEO4J_DATA)

test: install system-deps neo4j-server
	$(BIN)/ruff check .
	$(MYPY)
	$(BIN)/pytest -q

test-neo4j: install neo4j-server
	$(BIN)/pytest -q -m neo4j

# Ingest the corpus, print the gaps of its provincial directive, write the
# viewer page, then serve API + viewer on http://127.0.0.1:$(PORT) until Ctrl-C.
demo: install
	$(BIN)/luocdo demo $(CORPUS) --db $(DB) --port $(PORT) --html luocdo-viewer.html

# Re-extract the interface's messages (Python, and the viewer's T()) and merge
# them into the catalogues; then translate the new entries in luocdo/locale/vi.
messages: install
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k T -k TF --no-location --sort-output -o luocdo/locale/luocdo.pot .
	$(BIN)/pybabel update -i luocdo/locale/luocdo.pot -d luocdo/locale -D luocdo --width 100 --no-fuzzy-matching --ignore-obsolete

# Benchmarks (bench/RESULTS.md): corpora and stores are kept in $(BENCH_WORK) and reused.
BENCH_WORK ?= /tmp/luocdo-bench
bench: install
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/ingest.py --sizes 10000 --work $(BENCH_WORK)
	$(BIN)/python bench/queries.py --sizes 10000 --work $(BENCH_WORK)
	$(BIN)/python bench/api.py --duration 5

# National scale: 1M documents need about 4 GB of corpus and 10 GB of store on disk, and about an hour.
bench-full: install
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/ingest.py --sizes 10000 100000 1000000 --work $(BENCH_WORK)
	$(BIN)/python bench/checkpoint.py --plain --work $(BENCH_WORK)
	$(BIN)/python bench/queries.py --sizes 100000 1000000 --work $(BENCH_WORK)
	$(BIN)/python bench/api.py --store $(BENCH_WORK)/store-100000.db

clean:
	rm -rf $(VENV) $(DB) *.egg-info .pytest_cache
