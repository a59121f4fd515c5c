"""Production settings: everything in `settings`, with HTTPS and DEBUG off.

DJANGO_SETTINGS_MODULE=jixiao.web.settings_production
"""

import os

from jixiao.web.settings import *  # noqa: F403

DEBUG = False
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# behind the reverse proxy these settings assume (deploy/nginx.conf sets X-Forwarded-For to the
# browser's address): login throttling counts per browser address, not per proxy
JIXIAO_TRUSTED_PROXIES = int(os.environ.get("JIXIAO_TRUSTED_PROXIES", "1"))
