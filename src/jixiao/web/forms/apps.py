from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "jixiao.web.forms"
    label = "forms"
    verbose_name = "自评表"
