"""``gpr-docx serve``: the library as a local HTTP service (needs ``gpr-docx[server]``)."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from .base import app, err_console, fail, reporting
from .language import ChineseCommand


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command(cls=ChineseCommand)
def serve(
    *,
    host: Annotated[
        str, typer.Option("--host", help="监听地址（默认只监听本机 127.0.0.1）")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="端口")] = 8765,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="处理请求的工作进程数（默认：CPU 核数，至多 4）"),
    ] = None,
    token_file: Annotated[
        Path | None,
        typer.Option("--token-file", help="访问令牌文件：请求须带 Authorization: Bearer 令牌"),
    ] = None,
    max_body: Annotated[str, typer.Option("--max-body", help="请求体大小上限（如 20MB）")] = "20MB",
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="每个请求的时限（秒）")
    ] = 60.0,
    header_timeout: Annotated[
        float, typer.Option("--header-timeout", min=0.1, help="客户端发完请求头的时限（秒）")
    ] = 10.0,
    profiles_dir: Annotated[
        Path | None,
        typer.Option("--profiles-dir", help="可按名称选用的规则集所在文件夹（其中的 .toml）"),
    ] = None,
    templates_dir: Annotated[
        Path | None,
        typer.Option("--templates-dir", help="可按名称选用的模板所在文件夹（其中的 .docx）"),
    ] = None,
) -> None:
    """启动本机 HTTP 服务，供办公系统调用：生成、检查、读回、填表（见 docs/integration.md）。"""
    try:
        from ..server import Settings, run
        from ..server.settings import parse_size, profiles_in, read_token, templates_in
    except ModuleNotFoundError as missing:
        from ..errors import UsageError

        fail(
            UsageError(
                f"HTTP 服务需要可选组件：pip install 'gpr-docx[server]'（缺少 {missing.name}）"
            )
        )
    with reporting():
        settings = Settings(
            max_body=parse_size(max_body),
            timeout=timeout,
            header_timeout=header_timeout,
            token=None if token_file is None else read_token(token_file),
            templates={} if templates_dir is None else templates_in(templates_dir),
            profiles={} if profiles_dir is None else profiles_in(profiles_dir),
            **({} if workers is None else {"workers": workers}),
        )
    if not _is_loopback(host) and settings.token is None:
        err_console.print(
            f"注意：服务监听 {host}，本机以外也可访问，但没有设置访问令牌（--token-file）",
            markup=False,
        )
    run(settings, host=host, port=port)
