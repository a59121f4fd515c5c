# jixiao — 两条命令：make run（运行）与 make test（测试）。
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install lint lock bench clean system

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# the Debian packages beside Python (LibreOffice, CJK fonts; Chromium for the tests), when missing
system:
	@deploy/system-packages

# front-end packages (pinned in package-lock.json), copied into static; skipped without npm
# (ECharts for the charts, Swagger UI for /api/docs; their install scripts are not run)
VENDOR  := src/jixiao/web/static/vendor
ECHARTS := $(VENDOR)/echarts.min.js
SWAGGER := $(VENDOR)/swagger-ui/swagger-ui.css $(VENDOR)/swagger-ui/swagger-ui-bundle.js
ASSETS  := $(ECHARTS) $(SWAGGER)
$(ASSETS) &: package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund --ignore-scripts --silent && mkdir -p $(VENDOR)/swagger-ui && \
	  cp node_modules/echarts/dist/echarts.min.js $(ECHARTS) && \
	  cp $(addprefix node_modules/swagger-ui-dist/,$(notdir $(SWAGGER))) $(VENDOR)/swagger-ui/; \
	else echo "npm 不可用：总览页只显示表格，不显示图表；接口说明页（/api/docs）只显示安装方法"; fi

# the web application on 127.0.0.1:8000 (SQLite under var/ unless DATABASE_URL is set) and its
# background worker (uploads, exports, reports run as tasks on the database queue), in debug
# mode: the settings fail closed (DEBUG off, a secret key required) unless JIXIAO_DEBUG=1
run: export JIXIAO_DEBUG ?= 1
run: system $(STAMP) $(ASSETS)
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py bootstrap
	@# the background worker (database queue) beside the server; it stops with the server
	$(BIN)/python manage.py jobs_worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver 127.0.0.1:8000

# a server's installation and upgrade (deploy/README.md): the venv from the lock and the assets
install: $(STAMP) $(ASSETS)

test: $(STAMP) $(ASSETS)
	@deploy/system-packages test
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -n auto

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

# 重新生成锁文件（需要网络）
lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --override requirements.overrides --universal --python-version 3.11 -o requirements.lock

bench: $(STAMP)
	$(BIN)/python bench/read.py
	$(BIN)/python bench/review.py
	$(BIN)/python bench/ocr.py

clean:
	rm -rf $(VENV) .pytest_cache build dist var
