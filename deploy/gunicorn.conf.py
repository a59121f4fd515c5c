"""gunicorn configuration for jixiao behind a reverse proxy (deploy/nginx.conf).

    gunicorn -c deploy/gunicorn.conf.py

Every value can be changed from the environment (the systemd unit reads deploy/jixiao.env):

    JIXIAO_WEB_BIND         where to listen (default 127.0.0.1:8000; nginx proxies to it)
    JIXIAO_WEB_WORKERS      worker processes (default 2 × CPUs + 1, at most 12)
    JIXIAO_WEB_TIMEOUT      seconds a request may take before its worker is restarted (120)
    JIXIAO_WEB_ACCESS_LOG   access log file, "-" for standard output (journald) — the default
    JIXIAO_WEB_ERROR_LOG    error log file, "-" for standard error (journald) — the default
    JIXIAO_WEB_FORWARDED    addresses of the proxies trusted for X-Forwarded-* (127.0.0.1)

Uploads reach gunicorn whole: nginx buffers the request body first, so a slow link never holds
a worker; imports, exports and reports run as background tasks, so no request needs minutes.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

wsgi_app = "jixiao.web.wsgi:application"

bind = [os.environ.get("JIXIAO_WEB_BIND", "127.0.0.1:8000")]
workers = int(os.environ.get("JIXIAO_WEB_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 12)))
worker_class = "sync"

# a request that takes longer is ended (its worker restarted), and says so in the error log
timeout = int(os.environ.get("JIXIAO_WEB_TIMEOUT", "120"))
graceful_timeout = 30  # on restart or upgrade, requests in progress get this long to finish
keepalive = 5  # behind nginx, which keeps its own connections to the browsers

# a worker is replaced after this many requests (spread so they do not all restart at once):
# memory a long-lived process gathers is given back
max_requests = 1000
max_requests_jitter = 100

# logs: to journald through standard output/error unless files are named
accesslog = os.environ.get("JIXIAO_WEB_ACCESS_LOG", "-")
errorlog = os.environ.get("JIXIAO_WEB_ERROR_LOG", "-")
loglevel = "info"
capture_output = True  # what the application prints goes to the error log as well
# the browser's address as nginx saw it, the time taken in microseconds
access_log_format = (
    '%({x-forwarded-for}i)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)sus'
)

# X-Forwarded-Proto (https) and X-Forwarded-For are believed from these addresses only
forwarded_allow_ips = os.environ.get("JIXIAO_WEB_FORWARDED", "127.0.0.1,::1")

# the workers' heartbeat files in memory, not on a disk that may stall
if Path("/dev/shm").is_dir():
    worker_tmp_dir = "/dev/shm"

proc_name = "jixiao-web"

# gunicornc (status, worker count, reload) through a socket in the service's runtime folder
# (systemd's RuntimeDirectory=); elsewhere none, so two servers on one machine never share one
if runtime := os.environ.get("RUNTIME_DIRECTORY"):
    control_socket = str(Path(runtime.split(":")[0]) / "gunicorn.ctl")
else:
    control_socket_disable = True
