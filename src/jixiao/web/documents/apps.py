from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "jixiao.web.documents"
    label = "documents"
    verbose_name = "绩效目标申报表与运行监控表"
