"""The ASGI application: the endpoints over the library (:func:`create_app`).

``POST /render``, ``/check``, ``/parse``, ``/fill`` hand the request's bytes to a worker
(:mod:`.jobs`); ``GET /health``, ``/version``, ``/openapi.json`` and ``/schema/gpr-2021.json``
answer on the event loop. Every error is JSON with its code (:mod:`.problems`).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import PurePath
from typing import Any, Final

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .._version import __version__
from ..check import Profile
from ..errors import (
    BadRequestError,
    GprError,
    InternalServiceError,
    NoSuchEndpointError,
    UnknownTemplateError,
    UnsupportedMediaError,
)
from ..schema import SCHEMA, json_schema
from . import jobs
from .guard import RequestGuard
from .openapi import SCHEMA_PATH, openapi
from .pool import WorkerPool
from .problems import JSON, Outcome, error_outcome, json_bytes
from .settings import TEMPLATE_NAME, Settings

__all__ = ["create_app"]

_log = logging.getLogger("gpr_docx.server")

UPLOAD_TYPES: Final = {
    "application/json": ".json",
    "application/toml": ".toml",
    "application/yaml": ".yaml",
    "application/x-yaml": ".yaml",
    "text/yaml": ".yaml",
    jobs.DOCX: ".docx",
    jobs.MEDIA_TYPES["xlsx"]: ".xlsx",
    "application/pdf": ".pdf",
    "text/html": ".html",
    "application/octet-stream": "",
}
"""A request body sent as it is (not a form): its media type says what it is."""
UPLOAD_SUFFIXES: Final = frozenset(s for s in UPLOAD_TYPES.values() if s) | {".yml", ".htm"}
"""The suffixes an uploaded file's name may tell; any other name is judged by its content."""
_MULTIPART: Final = "multipart/form-data"
_SOURCE: Final = "request"
"""How findings and errors name a report sent as the request body."""
_TRUE: Final = frozenset({"", "1", "true", "yes", "on"})
_FALSE: Final = frozenset({"0", "false", "no", "off"})


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _query(request: Request, allowed: tuple[str, ...]) -> dict[str, str]:
    """The query parameters, each at most once and each one the endpoint takes (GPR703)."""
    found: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        if key not in allowed:
            takes = "、".join(allowed) if allowed else "无"
            raise BadRequestError(f"不认识的参数「{key}」；此接口可用：{takes}", place=key)
        if key in found:
            raise BadRequestError(f"参数「{key}」给了不止一次", place=key)
        found[key] = value
    return found


def _flag(query: Mapping[str, str], name: str) -> bool:
    value = query.get(name)
    if value is None:
        return False
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise BadRequestError(f"参数「{name}」应为 true 或 false，实为 {value[:30]!r}", place=name)


def _template(settings: Settings, name: str | None) -> str | None:
    """The operator's template called ``name``; a path, or a name not configured, is GPR704."""
    if name is None:
        return None
    known = "、".join(sorted(settings.templates)) or "（未配置，只有官方模板）"
    if not TEMPLATE_NAME.fullmatch(name):
        raise UnknownTemplateError(
            f"模板只能按名称选择，不能给出路径或文件名：{name[:60]!r}；可用：{known}",
            place="template",
        )
    path = settings.templates.get(name)
    if path is None:
        raise UnknownTemplateError(f"没有名为「{name}」的模板；可用：{known}", place="template")
    return str(path)


def _profile(offered: Mapping[str, Profile], name: str | None) -> Profile | None:
    """The rule profile called ``name`` (built in, or the operator's); a path or another name is GPR703."""
    if name is None:
        return None
    profile = offered.get(name) if TEMPLATE_NAME.fullmatch(name) else None
    if profile is None:
        raise BadRequestError(
            f"没有名为「{name[:60]}」的规则集（只能按名称选择）；可用：{'、'.join(sorted(offered))}",
            place="profile",
        )
    return profile


def _answer(outcome: Outcome) -> Response:
    return Response(
        outcome.body, outcome.status, headers=outcome.headers, media_type=outcome.media_type
    )


def _safe_name(filename: str | None, default: str) -> str:
    """An uploaded file's name as findings name it: its last part, printable, short — never a path."""
    if not filename:
        return default
    name = PurePath(filename.replace("\\", "/")).name
    name = "".join(c for c in name if c.isprintable())[:120]
    return name or default


async def _upload_field(form: Any, field: str) -> Part | None:
    """The bytes, suffix and name of form field ``field`` (a file or a text), or ``None``."""
    values = form.getlist(field)
    if not values:
        return None
    if len(values) > 1:
        raise BadRequestError(f"表单字段「{field}」给了不止一次", place=field)
    value = values[0]
    if isinstance(value, UploadFile):
        name = _safe_name(value.filename, field)
        suffix = PurePath(name).suffix.lower()
        return await value.read(), suffix if suffix in UPLOAD_SUFFIXES else "", name
    return str(value).encode("utf-8"), ".json", field


Part = tuple[bytes, str, str]
"""An input of a request: its bytes, the suffix its name tells (or ``""``) and how findings name it."""


async def _upload(
    request: Request, settings: Settings, fields: tuple[str, ...], optional: tuple[str, ...] = ()
) -> dict[str, Part]:
    """The named parts of a multipart form; a required part missing, or another part, is GPR703."""
    fields = (*fields, *optional)
    async with request.form(
        max_files=len(fields), max_fields=len(fields), max_part_size=settings.max_body
    ) as form:
        unknown = sorted(set(form.keys()) - set(fields))
        if unknown:
            raise BadRequestError(
                f"不认识的表单字段「{unknown[0]}」；可用：{'、'.join(fields)}", place=unknown[0]
            )
        parts: dict[str, Part] = {}
        for field in fields:
            part = await _upload_field(form, field)
            if part is None and field not in optional:
                raise BadRequestError(f"缺少表单字段「{field}」", place=field)
            if part is not None:
                parts[field] = part
        return parts


async def _inputs(
    request: Request, settings: Settings, optional: tuple[str, ...] = ()
) -> dict[str, Part]:
    """The input of /check and /parse: a form's ``file`` (and its ``optional`` parts), or the body
    as its media type says."""
    media = _media_type(request)
    if media == _MULTIPART:
        return await _upload(request, settings, ("file",), optional)
    suffix = UPLOAD_TYPES.get(media)
    if suffix is None:
        raise UnsupportedMediaError(
            f"不支持的内容类型「{media or '未给出'}」；可用：{_MULTIPART}（字段 file）或 "
            f"{'、'.join(UPLOAD_TYPES)}",
            place="Content-Type",
        )
    return {"file": (await request.body(), suffix, _SOURCE)}


def _require_json(request: Request) -> None:
    media = _media_type(request)
    if media != "application/json":
        raise UnsupportedMediaError(
            f"报告数据应以 application/json 发送（gpr/2021 格式），实为「{media or '未给出'}」",
            place="Content-Type",
        )


async def _gpr_error(request: Request, error: Exception) -> Response:
    if not isinstance(error, GprError):  # pragma: no cover - registered for GprError only
        raise error
    return _answer(error_outcome(error))


async def _http_error(request: Request, error: Exception) -> Response:
    if not isinstance(error, HTTPException):  # pragma: no cover - registered for it only
        raise error
    if error.status_code == 404:
        problem: GprError = NoSuchEndpointError(f"没有这个接口：{request.url.path[:100]}")
    elif error.status_code == 405:
        problem = NoSuchEndpointError(f"此接口不接受 {request.method} 请求")
    else:  # a form the multipart parser refused, and the like
        problem = BadRequestError(f"请求格式不对：{error.detail}")
    return _answer(error_outcome(problem, status=error.status_code))


async def _unexpected(request: Request, error: Exception) -> Response:
    reference = uuid.uuid4().hex[:12]
    _log.error("request %s failed", reference, exc_info=error)
    problem = InternalServiceError(f"服务内部出错，请把编号 {reference} 告知管理员查看日志")
    return _answer(error_outcome(problem))


def create_app(settings: Settings | None = None) -> Starlette:
    """The service's ASGI application, with ``settings`` (``None``: the safe defaults of :class:`Settings`).

    The worker pool starts with the application (its lifespan) and stops with it.
    """
    from ..check.profile import available_profiles, load_profile

    settings = Settings() if settings is None else settings
    pool = WorkerPool(settings.workers)
    profiles = {name: load_profile(name) for name in available_profiles()} | dict(settings.profiles)
    document = json_bytes(openapi(sorted(settings.templates), sorted(profiles)))
    schema = json_bytes(json_schema())

    async def render(request: Request) -> Response:
        query = _query(request, ("format", "force", "template", "profile", "fragment"))
        fmt = query.get("format", "docx").lower()
        if fmt not in jobs.FORMATS:
            raise BadRequestError(
                f"不支持的输出格式「{fmt[:20]}」；可用：{'、'.join(jobs.FORMATS)}", place="format"
            )
        template = _template(settings, query.get("template"))
        if template is not None and fmt not in jobs.TEMPLATED:
            raise BadRequestError(
                f"模板只用于生成 Word 文档及其 PDF（format={' 或 '.join(sorted(jobs.TEMPLATED))}）",
                place="template",
            )
        force = _flag(query, "force")
        fragment = _flag(query, "fragment")
        if fragment and fmt != "html":
            raise BadRequestError("fragment 只用于网页（format=html）", place="fragment")
        profile = _profile(profiles, query.get("profile"))
        _require_json(request)
        body = await request.body()
        return _answer(
            await pool.run(
                jobs.render_job,
                body,
                fmt=fmt,
                template=template,
                force=force,
                source=_SOURCE,
                profile=profile,
                timeout=settings.timeout,
                fragment=fragment,
            )
        )

    async def check(request: Request) -> Response:
        profile = _profile(profiles, _query(request, ("profile",)).get("profile"))
        parts = await _inputs(request, settings, ("previous",))
        return _answer(
            await pool.run(jobs.check_job, parts["file"], parts.get("previous"), profile=profile)
        )

    async def parse(request: Request) -> Response:
        _query(request, ())
        data, suffix, source = (await _inputs(request, settings))["file"]
        return _answer(await pool.run(jobs.parse_job, data, suffix=suffix, source=source))

    async def fill(request: Request) -> Response:
        query = _query(request, ("force", "profile"))
        force = _flag(query, "force")
        profile = _profile(profiles, query.get("profile"))
        if _media_type(request) != _MULTIPART:
            raise UnsupportedMediaError(
                f"填表请以 {_MULTIPART} 发送两个字段：form（空白表格 .docx）和 report（gpr/2021 JSON）",
                place="Content-Type",
            )
        parts = await _upload(request, settings, ("form", "report"))
        report, _, _ = parts["report"]
        form, _, _ = parts["form"]
        return _answer(
            await pool.run(
                jobs.fill_job, report, form, force=force, source="report", profile=profile
            )
        )

    async def health(request: Request) -> Response:
        return Response(json_bytes({"status": "ok"}), media_type=JSON)

    async def version(request: Request) -> Response:
        info = {
            "name": "gpr-docx",
            "version": __version__,
            "schema": SCHEMA,
            "formats": list(jobs.FORMATS),
            "templates": sorted(settings.templates),
            "profiles": sorted(profiles),
        }
        return Response(json_bytes(info), media_type=JSON)

    async def openapi_document(request: Request) -> Response:
        return Response(document, media_type=JSON)

    async def schema_document(request: Request) -> Response:
        return Response(schema, media_type="application/schema+json")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            pool.close()

    routes = [
        Route("/render", render, methods=["POST"]),
        Route("/check", check, methods=["POST"]),
        Route("/parse", parse, methods=["POST"]),
        Route("/fill", fill, methods=["POST"]),
        Route("/health", health, methods=["GET"]),
        Route("/version", version, methods=["GET"]),
        Route("/openapi.json", openapi_document, methods=["GET"]),
        Route(SCHEMA_PATH, schema_document, methods=["GET"]),
    ]
    return Starlette(
        routes=routes,
        middleware=[Middleware(RequestGuard, settings=settings)],
        exception_handlers={
            GprError: _gpr_error,
            HTTPException: _http_error,
            Exception: _unexpected,
        },
        lifespan=lifespan,
    )
