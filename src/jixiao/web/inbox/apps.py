from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "jixiao.web.inbox"
    label = "inbox"
    verbose_name = "待办与通知"
