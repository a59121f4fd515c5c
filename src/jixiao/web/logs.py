"""Server errors in the log with the request they answered: method, path and user.

Django logs every 500 on the `django.request` logger with the request attached to the record;
`RequestFilter` puts its method, path and user on the record, so the format in settings.LOGGING
can show them. Records without a request get "-".
"""

from __future__ import annotations

import logging


class RequestFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        user = getattr(request, "user", None)
        record.method = getattr(request, "method", None) or "-"
        record.path = getattr(request, "get_full_path", lambda: "-")()
        record.user = user.get_username() if getattr(user, "is_authenticated", False) else "-"
        return True
