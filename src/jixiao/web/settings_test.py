"""Settings for the test suite (pyproject's DJANGO_SETTINGS_MODULE): the application's own,
DEBUG off as in production, with a secret key made for this run.

The key goes into the environment, so the processes a test starts (a server, a worker,
`manage.py`) share it. Never use this module to serve: the key changes with every run.
"""

from __future__ import annotations

import os
import secrets

os.environ.setdefault("JIXIAO_SECRET_KEY", "test-" + secrets.token_urlsafe(50))

from jixiao.web.settings import *  # noqa: E402, F403

# background work runs at once, in the request, in most tests; the task tests start real
# workers (the database queue's and Celery's) on the application's own settings
TASKS = {"default": {"BACKEND": TASK_BACKENDS["immediate"]}}  # noqa: F405
