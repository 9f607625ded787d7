# Two commands do everything: `make html` builds the site, `make test` runs every test.
# Both create .venv and install the pinned dependencies (constraints.txt) on first use.

PYTHON ?= python3
VENV ?= .venv
BUILDDIR ?= _build
SPHINXOPTS ?= -n -W --keep-going
EDITION ?= learner
COURSE ?=
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SPHINX := $(BIN)/sphinx-build -c . -j auto
# Reproducible output: a fixed date unless the caller sets one.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1577836800)
export PYTHONHASHSEED := 0

.PHONY: help venv sysdeps sysdeps-test test-pythons html serve test lint pdf pdf-trainer epub dist scorm bench course clean

help:
	@echo "make html         build the site into $(BUILDDIR)/html"
	@echo "make test         run every test (installs what the tests need)"
	@echo "make serve        rebuild and reload in the browser on save"
	@echo "make pdf          learner handbook (EDITION=trainer for the trainer edition; or make pdf-trainer)"
	@echo "make epub         EPUB 3 edition"
	@echo "make dist         versioned offline zip: site, both PDFs, EPUB"
	@echo "make course COURSE=quizzes/courses/X.yaml   a tailored course"
	@echo "make scorm        SCORM 1.2 package for an LMS (COURSE=... for a tailored course)"
	@echo "make bench        benchmarks (check speed, build speed, page weight)"
	@echo "make test-pythons the site and its search on Python 3.12 and 3.13 too"
	@echo "make lint         ruff"
	@echo "make clean        remove build outputs"

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[site,test]'
	@touch $@

venv: $(STAMP)

sysdeps:
	@bash .ci/system-deps html

html: $(STAMP) sysdeps
	$(SPHINX) -b html $(SPHINXOPTS) docs $(BUILDDIR)/html
	@echo
	@echo "The site is ready: file://$(abspath $(BUILDDIR))/html/index.html"

serve: $(STAMP) sysdeps
	$(BIN)/sphinx-autobuild -c . docs $(BUILDDIR)/serve --watch src --watch quizzes --watch conf.py

NODE_STAMP := tests/js/node_modules/.installed
sysdeps-test:
	@bash .ci/system-deps test pdf

$(NODE_STAMP): tests/js/package.json tests/js/package-lock.json | sysdeps-test
	cd tests/js && npm ci --no-audit --no-fund --silent
	@touch $@

test: sysdeps-test $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check src tests conf.py
	$(BIN)/quizgen check --strict
	$(BIN)/python -m pytest --durations=25 $(PYTEST_ARGS)

test-pythons: sysdeps-test
	bash .ci/other-pythons

lint: $(STAMP)
	$(BIN)/ruff check src tests conf.py
	$(BIN)/ruff format --check src tests conf.py

# Printed editions, EPUB, offline bundle, build benchmark.
TAGS_trainer := -t trainer
DISTDIR ?= dist
pdf: $(STAMP)
	@bash .ci/system-deps pdf
	$(SPHINX) -b latex $(TAGS_$(EDITION)) $(SPHINXOPTS) docs $(BUILDDIR)/latex-$(EDITION)
	$(MAKE) -C $(BUILDDIR)/latex-$(EDITION) all-pdf LATEXMKOPTS="-silent -halt-on-error" LATEXOPTS="-interaction=nonstopmode"
	@mkdir -p $(BUILDDIR)/pdf && cp $(BUILDDIR)/latex-$(EDITION)/handbook-$(EDITION).pdf $(BUILDDIR)/pdf/
	@echo "The handbook is ready: $(BUILDDIR)/pdf/handbook-$(EDITION).pdf"

pdf-trainer:
	$(MAKE) pdf EDITION=trainer

epub: $(STAMP) sysdeps
	$(SPHINX) -b epub $(SPHINXOPTS) -d $(BUILDDIR)/doctrees-epub docs $(BUILDDIR)/epub
	@echo "The EPUB is ready: $(BUILDDIR)/epub/course.epub"

dist: html
	$(MAKE) pdf EDITION=learner
	$(MAKE) pdf EDITION=trainer
	$(MAKE) epub
	$(BIN)/python -m quizgen.bundle --build $(BUILDDIR) --out $(DISTDIR)

bench: $(STAMP)
	@bash .ci/system-deps pdf
	$(BIN)/python tests/bench/bench_build.py
	@if test -f tests/bench/bench_check.py; then $(BIN)/python tests/bench/bench_check.py; fi
	$(BIN)/python tests/bench/bench_flood.py
	$(BIN)/python tests/bench/bench_page.py
	$(BIN)/python tests/bench/bench_course.py

# A tailored course: site, handbooks, offline bundle and exam paper in $(BUILDDIR)/courses/<manifest name>/
# (OUT=DIR to choose).
course: $(STAMP)
	@test -n "$(COURSE)" || { echo "usage: make course COURSE=quizzes/courses/<manifest>.yaml [OUT=DIR]" >&2; exit 2; }
	@bash .ci/system-deps html pdf
	$(BIN)/quizgen course build $(COURSE) -o $(or $(OUT),$(BUILDDIR)/courses/$(basename $(notdir $(COURSE))))

# A SCORM 1.2 package for learning platforms: the whole course into $(DISTDIR), or COURSE's (site only) into
# $(BUILDDIR)/scorm/<manifest name>/, so a full `make course` output is never replaced (OUT=DIR to choose).
# The package holds the learner edition (quizgen_scorm=1: learner pages only, with the SCORM adapter).
scorm: $(STAMP)
ifeq ($(COURSE),)
	@bash .ci/system-deps html
	$(SPHINX) -b html $(SPHINXOPTS) -D quizgen_scorm=1 docs $(BUILDDIR)/scorm-html
	$(BIN)/python -m quizgen.scorm --site $(BUILDDIR)/scorm-html --out $(DISTDIR)
else
	@bash .ci/system-deps html
	$(BIN)/quizgen course build $(COURSE) --only site --scorm -o $(or $(OUT),$(BUILDDIR)/scorm/$(basename $(notdir $(COURSE))))
endif

clean:
	rm -rf $(BUILDDIR) dist
