"""Bad scans and images get a Chinese ReadError naming why: never a crash, never a hang."""

from __future__ import annotations

import io
import time

import numpy as np
import pytest
from PIL import Image
from scan_images import png

from jixiao.read import ReadError, read_bytes


def reason(data: bytes, name: str) -> str:
    with pytest.raises(ReadError) as info:
        read_bytes(data, name)
    return info.value.args[0] if info.value.args else str(info.value)


def test_a_truncated_png_is_reported_as_undecodable() -> None:
    data = png(np.full((400, 300), 255, np.uint8))
    assert "图片无法解码" in reason(data[: len(data) // 2], "扫描.png")


def test_a_file_named_jpg_that_is_no_image_is_reported() -> None:
    message = reason("项目名称 测试".encode(), "照片.jpg")
    assert ".jpg" in message and "不是该格式" in message


def test_an_empty_page_is_reported_as_having_no_text() -> None:
    message = reason(png(np.full((1200, 900), 255, np.uint8)), "空白.png")
    assert "没有识别出任何文字" in message


def test_a_tiny_image_is_reported() -> None:
    assert "图片太小" in reason(png(np.zeros((10, 10), np.uint8)), "小.png")


def test_a_huge_image_is_refused_before_it_is_decoded() -> None:
    buf = io.BytesIO()
    Image.new("1", (10_000, 8_000), 1).save(buf, format="PNG")  # 80 megapixels, a few kB
    started = time.monotonic()
    message = reason(buf.getvalue(), "超大.png")
    assert "图片过大" in message and "百万像素" in message
    assert time.monotonic() - started < 10
