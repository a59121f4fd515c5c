"""Shared values for the web tests."""

PASSWORD = "jixiao-test-密码-2026"
