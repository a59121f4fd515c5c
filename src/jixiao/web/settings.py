"""Django settings for the jixiao web application.

Zero set-up by default: an SQLite file under the data folder. Set DATABASE_URL (e.g.
postgres://postgres@127.0.0.1:5432/jixiao) for the real multi-user deployment. Uploaded
originals are kept under the data folder too, outside anything the web server serves.
Production settings (HTTPS, secure cookies, DEBUG off) are in `settings_production`.

Fails closed: DEBUG is off unless JIXIAO_DEBUG=1 asks for it (`make run` does), and with DEBUG
off a start without JIXIAO_SECRET_KEY stops with ImproperlyConfigured. Only a debug start keeps
a generated key in the data folder.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from jixiao.read import MAX_FILE_BYTES

HERE = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("JIXIAO_DATA_DIR", Path.cwd() / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
ORIGINALS_DIR = DATA_DIR / "originals"  # uploaded files, content-addressed; never served
ORIGINALS_DIR.mkdir(mode=0o700, exist_ok=True)  # owner only, like the database file below
DEBUG = os.environ.get("JIXIAO_DEBUG", "0") == "1"


def _secret_key() -> str:
    if key := os.environ.get("JIXIAO_SECRET_KEY"):
        return key
    if not DEBUG:
        raise ImproperlyConfigured(
            "未设置 JIXIAO_SECRET_KEY：正式运行（未设置 JIXIAO_DEBUG=1）必须提供密钥。"
            "可用以下命令生成一个并设为环境变量："
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
            "（本机试用请用 make run，它以调试模式运行）"
        )
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [
    h for h in os.environ.get("JIXIAO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "jixiao.web.orgs",
    "jixiao.web.forms",
    "jixiao.web.exports",
    "jixiao.web.departments",
    "jixiao.web.panels",
    "jixiao.web.final_accounts",
    "jixiao.web.rounds",
    "jixiao.web.inbox",
    "jixiao.web.setup_sheet",
    "jixiao.web.audit",
    "jixiao.web.projects",
    "jixiao.web.rectification",
    "jixiao.web.documents",
    "django_tasks",
    "django_tasks_db",
    "jixiao.web.jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "jixiao.web.upload_limit.UploadLimitMiddleware",  # 413 before an over-size body is read
    "jixiao.web.security.SecurityHeadersMiddleware",  # CSP and no-store on every answer
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "jixiao.web.orgs.middleware.RoleRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "jixiao.web.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [HERE / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jixiao.web.inbox.context.inbox",
            ],
        },
    },
]
WSGI_APPLICATION = "jixiao.web.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'jixiao.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # two writers wait for each other (up to 30 s) instead of failing with "database is locked":
    # every transaction takes the write lock when it begins, and WAL lets readers go on meanwhile
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }
    _database = Path(DATABASES["default"]["NAME"])
    if (
        str(_database) != ":memory:" and not _database.exists()
    ):  # made owner-only before SQLite creates it (its journals follow)
        _database.parent.mkdir(parents=True, exist_ok=True)
        _database.touch(mode=0o600)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# password logins throttled per account and per address (orgs/login.py); behind reverse proxies,
# JIXIAO_TRUSTED_PROXIES says how many, so the client's address is read from X-Forwarded-For
AUTHENTICATION_BACKENDS = ["jixiao.web.orgs.login.ThrottledModelBackend"]
JIXIAO_TRUSTED_PROXIES = int(os.environ.get("JIXIAO_TRUSTED_PROXIES", "0"))
# API tokens expire after this many days (services/tokens.py)
JIXIAO_API_TOKEN_DAYS = int(os.environ.get("JIXIAO_API_TOKEN_DAYS", "90"))
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "forms:list"
LOGOUT_REDIRECT_URL = "login"

# sessions end after two idle hours, and when the browser closes
SESSION_COOKIE_AGE = 2 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# uploads: one file may be as large as the readers accept; many files at once
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 200
# one file of an upload: at most what the readers accept (a smaller limit may be set)
JIXIAO_MAX_UPLOAD_BYTES = min(
    int(os.environ.get("JIXIAO_MAX_UPLOAD_BYTES", MAX_FILE_BYTES)), MAX_FILE_BYTES
)
# a request whose Content-Length is over this is refused (413) before its body is read; a
# file over JIXIAO_MAX_UPLOAD_BYTES inside a smaller request is dropped as it streams in
JIXIAO_MAX_REQUEST_BYTES = int(os.environ.get("JIXIAO_MAX_REQUEST_BYTES", 2 * MAX_FILE_BYTES))
FILE_UPLOAD_HANDLERS = [
    "jixiao.web.upload_limit.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [HERE / "static"]

JIXIAO_POLICY = os.environ.get("JIXIAO_POLICY", "beijing")

# every server error (500) logged with its request, DEBUG on or off: to stderr (which gunicorn
# and systemd keep), and to JIXIAO_LOG_FILE as well when it is set
_LOG_HANDLERS = {
    "stderr": {
        "class": "logging.StreamHandler",
        "formatter": "request",
        "filters": ["request"],
    }
}
if os.environ.get("JIXIAO_LOG_FILE"):
    _LOG_HANDLERS["file"] = {
        "class": "logging.handlers.WatchedFileHandler",  # reopened after logrotate
        "filename": os.environ["JIXIAO_LOG_FILE"],
        "formatter": "request",
        "filters": ["request"],
        "encoding": "utf-8",
    }
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "jixiao.web.logs.RequestFilter"}},
    "formatters": {
        "request": {
            "format": "%(asctime)s %(levelname)s %(name)s %(method)s %(path)s "
            "user=%(user)s: %(message)s"
        }
    },
    "handlers": _LOG_HANDLERS,
    "loggers": {
        "django.request": {"handlers": list(_LOG_HANDLERS), "level": "ERROR", "propagate": False}
    },
}

# mail: notifications are also e-mailed when a mail server is configured (JIXIAO_EMAIL_HOST …)
EMAIL_HOST = os.environ.get("JIXIAO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("JIXIAO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("JIXIAO_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("JIXIAO_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("JIXIAO_EMAIL_TLS", "0") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("JIXIAO_EMAIL_FROM", "jixiao@localhost")
JIXIAO_SEND_EMAIL = "JIXIAO_EMAIL_HOST" in os.environ
# the address people open, for links in e-mails
JIXIAO_SITE_URL = os.environ.get("JIXIAO_SITE_URL", "http://127.0.0.1:8000")

# background work (imports, exports, reports, re-checks) through Django's task API: the database
# queue by default (`make run` starts its worker, `manage.py jobs_worker`), Celery on Redis or
# RabbitMQ in a deployment (JIXIAO_TASKS=celery, see docs/background.md), or at once in the
# request (JIXIAO_TASKS=immediate: no worker; the tests)
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "celery": "jixiao.web.celery.CeleryBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
JIXIAO_TASKS = os.environ.get("JIXIAO_TASKS", "database")
if JIXIAO_TASKS not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"JIXIAO_TASKS 应为 {'、'.join(TASK_BACKENDS)} 之一，收到的是 {JIXIAO_TASKS!r}"
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[JIXIAO_TASKS]}}
