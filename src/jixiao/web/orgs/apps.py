from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "jixiao.web.orgs"
    label = "orgs"
    verbose_name = "机构与人员"

    def ready(self) -> None:
        # the login signals' receivers (failure count, lockout, audit) are connected at start-up,
        # not when the login page's module happens to be imported first
        from jixiao.web.orgs import login  # noqa: F401
