from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "jixiao.web.rounds"
    label = "rounds"
    verbose_name = "自评任务"
