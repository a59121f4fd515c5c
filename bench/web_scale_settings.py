"""Settings for `bench/web_scale.py` only: the site's settings with the bench's URL conf, which
adds a trivial view to measure against. Never used by the product."""

from jixiao.web.settings import *  # noqa: F403

ROOT_URLCONF = "web_scale_urls"
