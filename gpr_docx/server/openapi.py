"""The service's OpenAPI 3.1 description, with a real report as the example.

Written out from what the endpoints take and give; the report's own schema is not repeated here:
``components.schemas.Report`` refers to the JSON Schema the service publishes at
:data:`SCHEMA_PATH`, which :func:`gpr_docx.schema.json_schema` derives from the model.
"""

from __future__ import annotations

import json
from typing import Any, Final

from .._version import __version__
from ..schema import SCHEMA

__all__ = ["SCHEMA_PATH", "openapi"]

SCHEMA_PATH: Final = "/schema/gpr-2021.json"
"""Where the service publishes the JSON Schema of the ``gpr/2021`` format."""

_DOCX: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_XLSX: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_BINARY: Final = {"type": "string", "contentMediaType": "application/octet-stream"}
_ERROR_EXAMPLE: Final = {
    "code": "GPR103",
    "message": "不是有效的 JSON：Expecting value（第 1 行第 1 列）",
    "place": "request",
}


def _example_report() -> Any:
    from .. import examples
    from ..data import dumps

    return json.loads(dumps(examples.load("dasheng-2024"), ".json"))


def _error(description: str, example: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "description": description,
        "content": {
            "application/json": {
                "schema": {"$ref": "#/components/schemas/Error"},
                "example": example or _ERROR_EXAMPLE,
            }
        },
    }


_ERRORS: Final = {
    "400": "请求有误（GPR103 JSON 语法、GPR703 参数、GPR704 模板名称）",
    "401": "缺少或令牌不对（GPR706，服务以 --token-file 启动时）",
    "408": "请求在时限内没有传完（GPR705）",
    "413": "请求体超过上限（GPR701），或数据超过大小限制（GPR104）",
    "415": "内容类型不对（GPR702），或文件类型不支持（GPR102）",
    "422": "不是可读的报告，或报告有错误：findings 逐项列出（GPR110、GPR301、GPR5xx）",
    "500": "服务内部出错（GPR719）或模板有误（GPR200）",
    "501": "没有装生成 PDF 所需的 LibreOffice（GPR411）或读取 PDF 所需的组件（GPR520）",
    "504": "处理超时（GPR705），或 PDF 转换超时（GPR412）",
}


def _errors(*statuses: str) -> dict[str, Any]:
    return {status: _error(_ERRORS[status]) for status in statuses}


def _upload_body(description: str, *, previous: bool = False) -> dict[str, Any]:
    fields: dict[str, Any] = {"file": _BINARY}
    if previous:
        fields["previous"] = {
            **_BINARY,
            "description": "上一年度的报告（任何可读的文件），用于跨年度核对",
        }
    return {
        "required": True,
        "description": description,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": fields,
                    "required": ["file"],
                }
            },
            _DOCX: {"schema": _BINARY},
            _XLSX: {"schema": _BINARY},
            "application/pdf": {"schema": _BINARY},
            "text/html": {"schema": {"type": "string"}},
        },
    }


def openapi(templates: list[str], profiles: list[str]) -> dict[str, Any]:
    """The OpenAPI document of a service offering ``templates`` and rule ``profiles`` by name."""
    report = _example_report()
    report_json: dict[str, Any] = {
        "schema": {"$ref": "#/components/schemas/Report"},
        "examples": {"dasheng-2024": {"summary": "重庆市渝北区大盛镇 2024 年报", "value": report}},
    }
    report_body = {"required": True, "content": {"application/json": report_json}}
    findings_response = {
        "description": "检查结果（与 gpr-docx check --format json 相同）",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Findings"}}},
    }
    template_parameter: dict[str, Any] = {
        "name": "template",
        "in": "query",
        "required": False,
        "description": "运营方配置的模板名称（--templates-dir 中的 .docx，不含后缀）；不能是路径",
        "schema": {"type": "string", "enum": templates} if templates else {"type": "string"},
    }
    profile_parameter = {
        "name": "profile",
        "in": "query",
        "required": False,
        "description": "按名称选用的规则集（内置的，或运营方 --profiles-dir 中的 .toml）；不能是路径",
        "schema": {"type": "string", "enum": profiles},
    }
    force_parameter = {
        "name": "force",
        "in": "query",
        "required": False,
        "description": "报告有错误时也照样生成",
        "schema": {"type": "boolean", "default": False},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "gpr-docx",
            "version": __version__,
            "summary": "政府信息公开工作年度报告：生成、检查、读回、填表",
            "description": (
                f"报告数据为 {SCHEMA} 格式的 JSON（见 {SCHEMA_PATH}）。出错时返回 JSON："
                '{"code": "GPRnnn", "message": "…", "place": "…"}，报告有错误时另有 findings。'
            ),
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "paths": {
            "/render": {
                "post": {
                    "summary": "生成报告：gpr/2021 JSON → Word（或网页、PDF、填报工作簿）",
                    "parameters": [
                        {
                            "name": "format",
                            "in": "query",
                            "required": False,
                            "schema": {
                                "type": "string",
                                "enum": ["docx", "xlsx"],
                                "default": "docx",
                            },
                        },
                        force_parameter,
                        template_parameter,
                        profile_parameter,
                        {
                            "name": "fragment",
                            "in": "query",
                            "required": False,
                            "description": "网页只给出报告正文（<article>），供粘贴到门户网站的内容系统",
                            "schema": {"type": "boolean", "default": False},
                        },
                    ],
                    "requestBody": report_body,
                    "responses": {
                        "200": {
                            "description": "生成的文件；X-GPR-Errors / X-GPR-Warnings 给出检查结果的条数",
                            "content": {
                                _DOCX: {"schema": _BINARY},
                                "text/html": {"schema": {"type": "string"}},
                                "application/pdf": {"schema": _BINARY},
                                _XLSX: {"schema": _BINARY},
                            },
                        },
                        **_errors("400", "401", "413", "415", "422", "500", "501", "504"),
                    },
                }
            },
            "/check": {
                "post": {
                    "summary": "检查报告：JSON 数据，或上传的 .docx / 网页 / PDF / .xlsx / 数据文件",
                    "parameters": [profile_parameter],
                    "requestBody": {
                        **_upload_body("报告数据（application/json）或报告文件", previous=True),
                        "content": {
                            "application/json": report_json,
                            **_upload_body("", previous=True)["content"],
                        },
                    },
                    "responses": {
                        "200": findings_response,
                        **_errors("400", "401", "413", "415", "422", "504"),
                    },
                }
            },
            "/parse": {
                "post": {
                    "summary": "读回已发布的报告（.docx、网页、PDF）或填报工作簿（.xlsx）",
                    "requestBody": _upload_body("报告文件"),
                    "responses": {
                        "200": {
                            "description": "读出的报告数据与读取说明",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Parsed"}
                                }
                            },
                        },
                        **_errors("400", "401", "413", "415", "422", "504"),
                    },
                }
            },
            "/fill": {
                "post": {
                    "summary": "填表：把报告填入他人制作的空白官方表格",
                    "parameters": [force_parameter, profile_parameter],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "multipart/form-data": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "form": _BINARY,
                                        "report": {"$ref": "#/components/schemas/Report"},
                                    },
                                    "required": ["form", "report"],
                                },
                                "encoding": {"report": {"contentType": "application/json"}},
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "填好的表格",
                            "content": {_DOCX: {"schema": _BINARY}},
                        },
                        **_errors("400", "401", "413", "415", "422", "504"),
                    },
                }
            },
            "/health": {
                "get": {
                    "summary": "服务是否在运行（不需要令牌）",
                    "security": [],
                    "responses": {
                        "200": {
                            "description": "在运行",
                            "content": {"application/json": {"example": {"status": "ok"}}},
                        }
                    },
                }
            },
            "/version": {
                "get": {
                    "summary": "版本、数据格式、可用的输出格式和模板",
                    "responses": {
                        "200": {"description": "版本信息", "content": {"application/json": {}}}
                    },
                }
            },
            SCHEMA_PATH: {
                "get": {
                    "summary": f"{SCHEMA} 数据格式的 JSON Schema（由数据模型生成）",
                    "responses": {
                        "200": {
                            "description": "JSON Schema (draft 2020-12)",
                            "content": {"application/schema+json": {}},
                        }
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Report": {"$ref": SCHEMA_PATH},
                "Error": {
                    "type": "object",
                    "properties": {
                        "code": {"type": "string", "pattern": "^GPR[0-9]{3}$"},
                        "message": {"type": "string"},
                        "place": {"type": "string"},
                        "findings": {"$ref": "#/components/schemas/Findings"},
                    },
                    "required": ["code", "message", "place"],
                },
                "Findings": {
                    "type": "array",
                    "description": "docs/check-json.md",
                    "items": {
                        "type": "object",
                        "properties": {
                            "rule": {"type": "string"},
                            "severity": {"enum": ["error", "warning", "info"]},
                            "location": {"type": "string"},
                            "place": {"type": "object"},
                            "message": {"type": "string"},
                            "expected": {"type": ["integer", "string", "null"]},
                            "actual": {"type": ["integer", "string", "null"]},
                            "numbers": {"type": "array"},
                            "source": {"type": "string"},
                        },
                        "required": ["rule", "severity", "location", "message"],
                    },
                },
                "Parsed": {
                    "type": "object",
                    "properties": {
                        "source": {"type": "string"},
                        "edition": {"enum": ["2021", "2019", None]},
                        "report": {"$ref": "#/components/schemas/Report"},
                        "notes": {"type": "array", "items": {"type": "object"}},
                        "findings": {"$ref": "#/components/schemas/Findings"},
                    },
                    "required": ["source", "edition", "report", "notes", "findings"],
                },
            },
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{}, {"bearer": []}],
    }
