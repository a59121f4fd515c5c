from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "jixiao.web.jobs"
    label = "jobs"
    verbose_name = "后台任务"

    def ready(self) -> None:
        from jixiao.web.jobs import signals  # noqa: F401  (links a stored original to its job file)
