# Quick start: `make run` (set up, check the sample, open the app), `make test`.
.PHONY: setup run test lint bench screenshot ci-wheel locks

setup:
	@scripts/setup.sh

run: setup
	@scripts/run-sample.sh

test: setup
	.venv/bin/ruff check src tests bench scripts
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest

ci-wheel: setup
	scripts/ci-wheel.sh

locks:
	scripts/lock-engines.py

lint:
	.venv/bin/ruff check src tests bench scripts

bench: setup
	.venv/bin/python bench/check_overhead.py
	.venv/bin/python bench/export_speed.py
	.venv/bin/python bench/structure_speed.py
