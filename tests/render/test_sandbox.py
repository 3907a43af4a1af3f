"""The sandbox custom templates run in: no other files, bounded sizes and time, errors named by tag.

A custom template is a user's .docx with tags, so every attack here is a template made the way a
user makes one: the official template with one more paragraph holding the tags. The attacks that
would take gigabytes without the limits run in a child process with a 1 GB address-space limit
and a timeout, so that a regression fails the test instead of the machine.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest
from docx.oxml.ns import qn
from typer.testing import CliRunner

from gpr_docx import Report, data, examples, parse
from gpr_docx.cli import app
from gpr_docx.errors import InvalidValueError, TemplateError
from gpr_docx.render.compiled import MAX_TAG_TEXT, MAX_TAGS, CompiledTemplate
from gpr_docx.render.sandbox import RenderFailure, RenderLimits, environment, limited
from gpr_docx.render.template import load_template, render, render_docxtpl
from tests.helpers import ROOT
from tests.helpers.docx_signature import W, document_xml


def _template_with(*paragraphs: str) -> bytes:
    """The official template with one more body paragraph per text: a user's copy with tags."""
    document = docx.Document(io.BytesIO(load_template().data))
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_with(*paragraphs: str) -> bytes:
    """A small document of these paragraphs, for :class:`CompiledTemplate` (no name check)."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _refusal(template: bytes, report: Report | None = None) -> TemplateError:
    with pytest.raises(TemplateError) as info:
        render(report or examples.load("example-district-2024"), template)
    return info.value


_TAGS = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def _text(paragraph: Any) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t"))


def _plain_chinese(message: str) -> None:
    """A message for people: no Python exception names, types or tracebacks."""
    for internal in ("Error", "Traceback", "object", "NoneType", "'str'", "__"):
        assert internal not in message, message


# -- attacks that would exhaust memory or time: in a child process, bounded --------------------

_DOUBLINGS = "".join(f"{{% set s{i + 1} = s{i} ~ s{i} %}}" for i in range(30))
ATTACKS: dict[str, tuple[str, str]] = {
    # name: (the paragraph's tags, what the refusal says)
    "string times a billion": ("{{ 'a' * 10**9 }}", "运算 * 的结果过大"),
    "list times 1e8": ("{{ [agency]*99999999 }}", "运算 * 的结果过大"),
    "huge power": ("{{ 7 ** (10**9) }}", "过大的整数"),
    "set a huge value": ("{% set x = agency * 10**9 %}{{ x }}", "运算 * 的结果过大"),
    "doubling by ~": (f"{{% set s0 = agency %}}{_DOUBLINGS}{{{{ s30 }}}}", "~ 拼接的结果过大"),
    "nested literals": (
        "{% set a = [agency * 5000] %}{% set b = [a, a, a, a, a, a, a, a, a, a] %}"
        "{% set c = [b, b, b, b, b, b, b, b, b, b] %}{{ c }}",
        "列表、字典或切片过大",
    ),
    "center": ("{{ agency|center(10**9) }}", "过滤器 center 的结果过大"),
    "indent": ("{{ agency|indent(10**9) }}", "过滤器 indent 的结果过大"),
    "wordwrap": (
        "{% for line in problems %}{{ line|wordwrap(1, wrapstring='x' * 100000) }}{% endfor %}",
        "过滤器 wordwrap 的结果过大",
    ),
    "printf width": ("{{ '%999999999s'|format(agency) }}", "过滤器 format 的结果过大"),
    "printf star": ("{{ '%*s' % (999999999, agency) }}", "运算 % 的结果过大"),
    "str.format width": ("{{ '{:>999999999}'.format(agency) }}", "format() 的结果过大"),
    "ljust": (
        "{% for line in problems %}{{ line.ljust(10**9) }}{% endfor %}",
        "ljust() 的结果过大",
    ),
    "replace": (
        "{% for line in problems %}{{ line|replace('', 'x' * 100000) }}{% endfor %}",
        "过滤器 replace 的结果过大",
    ),
    "join": ("{{ ([agency] * 50000)|join('x' * 1000) }}", "过滤器 join 的结果过大"),
    "batch": ("{{ problems|batch(10**9, agency)|list }}", "过滤器 batch 的结果过大"),
    "slice": ("{{ problems|slice(10**9)|list }}", "过滤器 slice 的结果过大"),
    "many references": (
        "{{ ([0] * 100000)|map('default', agency * 50000, true)|list }}",
        "生成的内容过多",  # each reference is charged as the map makes it
    ),
    "sum of lists": ("{{ ([[agency]] * 50000)|sum(start=[])|length }}", "sum 要复制的内容过多"),
    "tojson indent": ("{{ problems|tojson(indent=10**6) }}", "过滤器 tojson 的结果过大"),
    "striptags": ("{{ ('<a>' * 300000)|striptags }}", "striptags 要去除的标记过多"),
    "nested loops": (
        "{% set xs = [agency] * 1000 %}{% for a in xs %}{% for b in xs %}{% for c in xs %}"
        "{% endfor %}{% endfor %}{% endfor %}",
        "循环次数或宏调用过多",
    ),
    "repeated output": (
        "{% set big = agency * 50000 %}{% set xs = [agency] * 20000 %}"
        "{% for a in xs %}{{ big }}{% endfor %}",
        "生成的内容过多",
    ),
    "repeated data": (
        "{% set xs = [agency] * 20000 %}{% for a in xs %}{{ other_matters }}{% endfor %}",
        "生成的内容过多",
    ),
    "repeated output in a block": (
        "{% set big = agency * 50000 %}{% set xs = [agency] * 20000 %}"
        "{% set out %}{% for a in xs %}{{ big }}{% endfor %}{% endset %}{{ out|length }}",
        "生成的内容过多",
    ),
}

_CHILD = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
import attrs
from gpr_docx import examples
from gpr_docx.errors import GprError
from gpr_docx.render.template import render
# the largest text a report may hold, all of it characters that escaping makes longer
report = attrs.evolve(examples.load("example-district-2024"), other_matters='"<&' * 16_000)
for name, path in json.loads(sys.argv[1]).items():
    start = time.monotonic()
    try:
        render(report, path)
        result = {"code": None, "message": "rendered"}
    except GprError as error:
        result = {"code": error.code, "message": error.message, "place": error.place}
    result["seconds"] = time.monotonic() - start
    print(json.dumps({name: result}, ensure_ascii=False), flush=True)
"""


@pytest.fixture(scope="module")
def attack_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Each attack template rendered in one child process limited to 1 GB and three minutes."""
    folder = tmp_path_factory.mktemp("attacks")
    paths = {}
    for index, (name, (tags, _expected)) in enumerate(ATTACKS.items()):
        path = folder / f"attack-{index}.docx"
        path.write_bytes(_template_with(tags))
        paths[name] = str(path)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(paths)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    results: dict[str, dict[str, Any]] = {}
    for line in done.stdout.splitlines():
        results.update(json.loads(line))
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:], sorted(results))
    return results


@pytest.mark.parametrize("name", list(ATTACKS))
def test_an_attack_template_is_refused_quickly(
    name: str, attack_results: dict[str, dict[str, Any]]
) -> None:
    result = attack_results[name]
    assert result["code"] == "GPR200", result
    assert ATTACKS[name][1] in result["message"], result
    assert result["message"].startswith("模板标签 "), result  # it names the tags
    assert result["seconds"] < 5, result  # stopped by a size or step limit, not the clock
    _plain_chinese(result["message"])


def test_a_refusal_names_the_template_part_and_tag(tmp_path: Path) -> None:
    path = tmp_path / "evil.docx"
    path.write_bytes(_template_with("合计：{{ 'a' * 10**9 }}"))
    error = _refusal(path.read_bytes())
    assert error.place.endswith(":word/document.xml")
    assert "{{ 'a' * 10**9 }}" in error.message
    with pytest.raises(TemplateError) as info:
        render(examples.load("dasheng-2024"), path)
    assert info.value.place == f"{path}:word/document.xml"


# -- tags that read other files, and errors in expressions --------------------------------------


@pytest.mark.parametrize(
    ("tag", "kind"),
    [
        ("{% include 'header.docx' %}", "{% include %}"),
        ("{% import 'macros.docx' as m %}", "{% import %}"),
        ("{% from 'macros.docx' import m %}", "{% from … import %}"),
        ("{% extends 'base.docx' %}", "{% extends %}"),
    ],
)
def test_tags_that_read_other_files_are_refused_when_compiling(tag: str, kind: str) -> None:
    template = _template_with(tag)
    with pytest.raises(TemplateError) as info:
        load_template(template)
    assert kind in info.value.message
    assert tag in info.value.message
    assert info.value.place == "<模板>:word/document.xml"


@pytest.mark.parametrize(
    "tag",
    [
        "{{ agency|safe }}",
        "{% autoescape false %}{{ agency }}{% endautoescape %}",
        "{% filter safe %}{{ agency }}{% endfilter %}",
    ],
)
def test_values_cannot_be_unescaped(tag: str) -> None:
    """No value becomes markup: a user's ``<w:p>`` is text, whatever the template says."""
    with pytest.raises(TemplateError, match="不能关闭转义") as info:
        load_template(_template_with(tag))
    assert all(part in info.value.message for part in _TAGS.findall(tag))


def test_the_safe_filter_cannot_be_reached_by_name() -> None:
    with pytest.raises(RenderFailure, match="不能关闭转义"):
        environment().from_string("{{ xs|map('safe')|join }}").render(xs=["<w:p/>"])
    escaped = environment().from_string("{% autoescape true %}{{ x }}{% endautoescape %}")
    assert escaped.render(x="<w:p/>") == "&lt;w:p/&gt;"


@pytest.mark.parametrize(
    ("tags", "reason"),
    [
        ("{{ 1/0 }}", "除数为零"),
        ("{{ agency // 0 }}", "值的类型不适合"),
        ("{{ agency + 1 }}", "值的类型不适合"),
        ("{{ 2.0 ** 10000 }}", "数值超出可以计算的范围"),
        ("{% for line in problems %}{{ line.nope }}{% endfor %}", "数据中没有 nope 这一项"),
        ("{% for line in problems %}{{ line.__class__ }}{% endfor %}", "Python 内部"),
        ("{% for line in problems %}{{ line.index('不会出现的文字') }}{% endfor %}", "值无效"),
        ("{% for line in problems %}{{ line[100000] }}{% endfor %}", "数据中没有 100000 这一项"),
    ],
)
def test_an_error_in_an_expression_is_gpr200_naming_the_tag(tags: str, reason: str) -> None:
    error = _refusal(_template_with(f"注：{tags}"))
    named, _, said = error.message.partition(" 出错：")
    assert reason in said
    assert named.startswith("模板标签 ")
    assert all(tag in named for tag in _TAGS.findall(tags))
    _plain_chinese(said)


def test_an_undefined_name_at_render_time() -> None:
    compiled = CompiledTemplate.compile(_docx_with("{{ title }}", "{{ nope }}"))
    with pytest.raises(TemplateError, match="名称 nope 没有定义") as info:
        compiled.render({"title": "标题"})
    assert "{{ nope }}" in info.value.message
    assert info.value.place == "word/document.xml"


@pytest.mark.parametrize(
    ("tags", "says"),
    [
        ("{{ 1" + "0" * 5000 + " }}", "无法处理的值"),
        ("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}", "嵌套过深"),
        ("{{ " + "(" * 150 + "1" + ")" * 150 + " }}", "嵌套过深"),
        ("{% for line in %}", "语法错误"),
    ],
)
def test_a_tag_that_cannot_be_compiled_is_not_called_a_broken_docx(tags: str, says: str) -> None:
    """Issue 9, item 18: such tags used to be 「不是有效的 Word（.docx）文件」 or a traceback."""
    with pytest.raises(TemplateError) as info:
        load_template(_template_with(tags))
    assert says in info.value.message
    assert "不是有效的 Word" not in info.value.message
    _plain_chinese(info.value.message)


@pytest.mark.parametrize(
    ("tags", "says"),
    [
        ("{% for line in problems %}", "{% for %} 还没有结束（缺少 {% endfor %}）"),
        (
            "{% if agency %}{% endfor %}",
            "{% endfor %} 与前面的 {% if %} 不配对（应为 {% endif %}）",
        ),
        ("{{ agency|nofilter }}", "没有名为 nofilter 的过滤器"),
        ("{% frobnicate %}", "不认识的标签 {% frobnicate %}"),
        ("{{ agency ) }}", "标签中有不该出现的 )"),
        ("{{ }}", "标签中缺少表达式"),
    ],
)
def test_syntax_errors_are_said_in_chinese(tags: str, says: str) -> None:
    with pytest.raises(TemplateError) as info:
        load_template(_template_with(tags))
    assert info.value.message.startswith("模板标签语法错误（")
    assert says in info.value.message
    assert not re.search(r"[A-Za-z]+ [A-Za-z]+", _TAGS.sub("", info.value.message))  # no English


def test_a_package_python_docx_cannot_use_is_still_named_so() -> None:
    source = zipfile.ZipFile(io.BytesIO(load_template().data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for member in source.infolist():
            payload = source.read(member.filename)
            if member.filename == "word/_rels/document.xml.rels":
                payload = payload.replace(b'Target="styles.xml"', b'Target="missing.xml"')
            target.writestr(member, payload)
    with pytest.raises(TemplateError, match="不是有效的 Word") as info:
        load_template(buffer.getvalue())
    _plain_chinese(info.value.message)


def test_plain_docxtpl_runs_in_the_same_sandbox(district: Report) -> None:
    template = _template_with("{{ 1/0 }}")
    with pytest.raises(TemplateError, match="除数为零"):
        render_docxtpl(district, template)


# -- the limits themselves ----------------------------------------------------------------------


def _nested_loops() -> CompiledTemplate:
    return CompiledTemplate.compile(
        _docx_with("{% for a in rows %}{% for b in rows %}{% endfor %}{% endfor %}")
    )


def test_a_render_stops_at_its_time_limit() -> None:
    compiled = _nested_loops()
    rows = list(range(5000))  # 25 million iterations: tens of seconds without a limit
    start = time.monotonic()
    with pytest.raises(TemplateError, match=re.escape("渲染超过 0.2 秒")) as info:
        compiled.render({"rows": rows}, limits=RenderLimits(seconds=0.2, steps=10**12))
    assert time.monotonic() - start < 3
    assert "{% for a in rows %}" in info.value.message


def test_a_render_stops_at_its_step_limit() -> None:
    compiled = _nested_loops()
    with pytest.raises(TemplateError, match="循环次数或宏调用过多"):
        compiled.render({"rows": list(range(100))}, limits=RenderLimits(steps=5000))
    compiled.render({"rows": list(range(50))}, limits=RenderLimits(steps=5000))


@pytest.mark.parametrize(
    ("source", "says"),
    [
        ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "递归层数过多"),
        (
            "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
            "{{ f(40) }}",
            "循环次数或宏调用过多",
        ),
        ("{{ lipsum(10**6) }}", "lipsum() 的结果过大"),
        ("{{ range(10**9)|list }}", "range() 最多生成 100,000 个数"),
        ("{{ '%s'|format('x' * 10**7) }}", "运算 * 的结果过大"),
        ("{{ 'ab'.translate({97: 'x' * 10**6}) }}", "translate() 的结果过大"),
        ("{{ (1).to_bytes(10**9, 'big') }}", "to_bytes() 的结果过大"),
        ("{% set xs = [s] %}{{ xs.extend(xs) }}", "extend() 的结果过大"),
        ("{% set xs = [s] %}{{ xs.append(s) }}", "append() 的结果过大"),
        (
            "{% set ns = namespace() %}{% set ns.a = s %}{% set ns.b = s %}{{ ns }}",
            "要输出的值过大",
        ),
        ("{% macro m() %}{{ varargs }}{% endmacro %}{{ m(s, s) }}", "要输出的值过大"),
        ("{{ 'x'.encode().translate(none) }}", "模板不能调用 translate()"),
    ],
)
def test_macros_globals_and_methods_are_bounded(source: str, says: str) -> None:
    with pytest.raises(RenderFailure, match=re.escape(says)), limited(RenderLimits(steps=20_000)):
        environment().from_string(source).render(s="y" * 600_000)


@pytest.mark.parametrize(
    "statement",
    [
        "{% set _ = a == b %}",  # Jinja compares by itself: the clock is read after each
        "{% set _ = a is eq b %}",
        "{% set _ = b in a %}",
    ],
)
def test_comparisons_outside_loops_read_the_clock(statement: str) -> None:
    template = environment().from_string(
        "{% set a = range(100000)|list %}{% set b = range(100000)|list %}" + statement * 400
    )
    start = time.monotonic()
    with pytest.raises(RenderFailure, match="渲染超过"), limited(RenderLimits(seconds=0.3)):
        template.render()
    assert time.monotonic() - start < 3


def test_slices_are_charged() -> None:
    """A slice is a copy: many of them add up, though no operator made them."""
    source = "{% set a = range(100000)|list %}" + "".join(
        f"{{% set a{i} = a[:] %}}" for i in range(200)
    )
    with pytest.raises(RenderFailure, match="生成的内容过多"):
        environment().from_string(source).render()


def test_blocks_count_as_steps() -> None:
    source = (
        "{% set ns = namespace(d=0) %}{% block b %}{% if ns.d < 40 %}{% set ns.d = ns.d + 1 %}"
        "{{ self.b() }}{{ self.b() }}{% set ns.d = ns.d - 1 %}{% endif %}{% endblock %}"
    )
    with (
        pytest.raises(RenderFailure, match="循环次数或宏调用过多"),
        limited(RenderLimits(steps=5000)),
    ):
        environment().from_string(source).render()


@pytest.mark.parametrize(
    ("paragraphs", "says"),
    [
        (["{{ agency }}"] * (MAX_TAGS + 1), "标签过多"),
        (["{{ agency ~ '" + "长" * MAX_TAG_TEXT + "' }}"], "标签的总长度过长"),
    ],
)
def test_a_template_with_too_many_tags_is_refused_before_compiling(
    paragraphs: list[str], says: str
) -> None:
    start = time.monotonic()
    with pytest.raises(TemplateError, match=says):
        load_template(_template_with(*paragraphs))
    assert time.monotonic() - start < 10


def _with_attribute(value: str) -> bytes:
    document = docx.Document(io.BytesIO(_template_with("注")))
    document.paragraphs[-1]._p.set(qn("w:rsidR"), value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "make",
    [
        lambda: _template_with("".join(f"{{{{ {i} " for i in range(300_000))),
        lambda: _template_with(*(f"{{{{ agency ~ '{i}'" for i in range(4000)), "}}"),
        lambda: _template_with("{{ '{{' }}"),
        lambda: _template_with("{# 注释 {% if x %} #}"),
        lambda: _with_attribute("{{ agency"),
    ],
    ids=[
        "300 000 unclosed",
        "closed only at the end",
        "inside quotes",
        "inside a comment",
        "attribute",
    ],
)
def test_tags_that_never_end_are_refused_before_docxtpl_reads_them(make: Any) -> None:
    """docxtpl's preprocessing searches for the end of each tag to the end of the part: with
    thousands of tags that never end it runs for hours. They are refused first, in one pass."""
    template = make()
    start = time.monotonic()
    with pytest.raises(TemplateError, match="没有结束"):
        load_template(template)
    assert time.monotonic() - start < 10


def test_a_tag_word_split_into_runs_still_compiles(district: Report) -> None:
    """Word often splits ``{{`` and ``}}`` into runs; docxtpl joins them, and so may we."""
    document = docx.Document(io.BytesIO(load_template().data))
    paragraph = document.add_paragraph()
    for text in ("落款：{", "{ agen", "cy }", "}"):
        paragraph.add_run(text)
    buffer = io.BytesIO()
    document.save(buffer)
    body = document_xml(render(district, buffer.getvalue()))
    assert f"落款：{district.agency}" in [_text(p) for p in body.iter(f"{W}p")]


def test_what_a_template_may_do_still_works() -> None:
    source = (
        "{{ range(3)|list }} {{ lipsum(1, false)|length > 10 }} {{ cycler('a', 'b').next() }} "
        "{{ joiner(',')() }}{{ dict(a=1) }} {% set ns = namespace(n=0) %}{% for x in xs %}"
        "{% set ns.n = ns.n + loop.index %}{% endfor %}{{ ns.n }} {{ '%s=%d'|format('a', 2) }} "
        "{{ '{}-{}'.format(xs|first, xs|last) }} {{ xs|join('、') }} {{ 'ab' ~ 1 }} "
        "{{ ' x '|trim|upper|center(5) }} {{ xs|map('upper')|list }} {{ xs|batch(2)|list }} "
        "{{ [1, 2] + [3] }} {{ 2 ** 10 }} {{ 'ab' * 2 }} {{ xs|tojson }}"
    )
    output = environment().from_string(source).render(xs=["a", "b", "c"])
    assert output == (
        "[0, 1, 2] True a {&#39;a&#39;: 1} 6 a=2 a-c a、b、c ab1   X   "
        "[&#39;A&#39;, &#39;B&#39;, &#39;C&#39;] [[&#39;a&#39;, &#39;b&#39;], [&#39;c&#39;]] "
        '[1, 2, 3] 1024 abab ["a", "b", "c"]'
    )


def test_the_budget_is_per_render() -> None:
    """The output allowance is for one document: many renders in a row never add up."""
    compiled = CompiledTemplate.compile(_docx_with("{% for row in rows %}{{ row }}{% endfor %}"))
    context = {"rows": ["行" * 100] * 100}  # 10 000 characters of data
    for _ in range(5):
        compiled.render(context, limits=RenderLimits(output=15_000))
    with pytest.raises(TemplateError, match="生成的内容过多"):
        compiled.render(context, limits=RenderLimits(output=5_000))


def test_renders_in_threads_keep_their_own_budgets(district: Report) -> None:
    import concurrent.futures

    evil = _template_with(
        "{% set xs = [agency] * 1000 %}{% for a in xs %}{% for b in xs %}{% endfor %}{% endfor %}"
    )
    expected = render(district)

    def one(index: int) -> bytes | str:
        try:
            return render(district, evil if index % 2 else None)
        except TemplateError as error:
            return error.message

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(one, range(8)))
    assert results[0::2] == [expected] * 4
    assert all("循环次数" in str(r) for r in results[1::2])


# -- user text is printed exactly as typed ------------------------------------------------------


def test_brace_escapes_in_user_text_round_trip(district: Report) -> None:
    """Issue 9, item 13: docxtpl's ``{_{`` escapes are for template text, not for a user's text."""
    typed = "{_{ x }_} {_% if y %_} }_} %_} {{ agency }} {% if x %}"
    report = attrs.evolve(
        district, title=f"标题 {typed}", problems=f"一是{typed}", other_matters=f"第一段\n{typed}"
    )
    read = parse(render(report)).report
    assert read.problems == report.problems
    assert read.other_matters == report.other_matters
    body = document_xml(render(report))
    titles = [_text(p) for p in body.iter(f"{W}p") if "标题" in _text(p)]
    assert titles == [report.title]


def test_listing_characters_in_user_text(district: Report) -> None:
    """docxtpl's ``resolve_listing`` turns a tab into a Word tab and a line break into a Word line
    break, which is what was typed; the characters it turns into a new paragraph or page (BEL,
    form feed) are not allowed in a report's text, and a text's lines are paragraphs already."""
    report = attrs.evolve(
        district, agency="示例市\n人民政府", other_matters="第一段\t制表后\n第二段"
    )
    body = document_xml(render(report))
    paragraphs = list(body.iter(f"{W}p"))
    texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in paragraphs]
    first = texts.index("第一段制表后")
    assert texts[first + 1] == "第二段"
    assert len(paragraphs[first].findall(f".//{W}tab")) == 1
    signature = next(p for p in paragraphs if "示例市" in _text(p))
    assert signature.find(f".//{W}br") is not None
    for character in ("\a", "\f"):
        with pytest.raises(InvalidValueError):
            attrs.evolve(district, other_matters=f"甲{character}乙")


# -- the command line ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tags", ["{{ 'a' * 10**9 }}", "{{ 1/0 }}", "{% include 'x.docx' %}", "{{ [agency]*99999999 }}"]
)
def test_the_cli_exits_2_with_gpr200_and_no_traceback(
    tags: str, runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "x.toml"
    data.dump(examples.load("example-district-2024"), source)
    evil = tmp_path / "evil.docx"
    evil.write_bytes(_template_with(tags))
    out = tmp_path / "out.docx"
    result = runner.invoke(app, ["render", str(source), "--template", str(evil), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "GPR200" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()
