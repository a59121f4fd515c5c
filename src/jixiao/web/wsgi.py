"""WSGI entry point: `gunicorn jixiao.web.wsgi` or any WSGI server.

A WSGI server is a deployment: without DJANGO_SETTINGS_MODULE it runs the production settings
(HTTPS, secure cookies, HSTS; no start without JIXIAO_SECRET_KEY), never the development ones.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings_production")
application = get_wsgi_application()
