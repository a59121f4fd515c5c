"""决算说明: the JSON API endpoints (mounted on the main API)."""

from ninja import Router

router = Router(tags=["决算说明"])
