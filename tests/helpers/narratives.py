"""Realistic, different narratives for the 雷同 tests and benchmark.

Each sentence is put together from pools of the stock phrases real reports use (openers, subjects,
actions, objects, details), so different reports share many phrases, as real ones do; each report
also has its own places, projects and figures, as real ones do, so two reports that were not
copied share no passage longer than a phrase.
"""

from __future__ import annotations

import random

PREFACE = (
    "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与"
    "政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函"
    "〔2021〕30号）要求编制。本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。"
)
"""The standard preface, word for word the same in every unit's report."""

_OPENERS = (
    "今年以来，",
    "一是",
    "二是",
    "三是",
    "同时，",
    "此外，",
    "在此基础上，",
    "按照年度工作要点，",
    "围绕中心工作，",
    "结合部门职责，",
    "根据上级部署，",
    "为提升公开质量，",
    "聚焦群众关切，",
    "对照考核指标，",
    "",
    "",
    "",
)
_SUBJECTS = (
    "我单位",
    "单位主要负责同志",
    "政务公开领导小组",
    "办公室",
    "各业务科室",
    "分管领导",
    "信息公开工作专班",
    "党组",
    "各下属单位",
    "法制审核机构",
    "网站管理员",
    "新闻发言人",
)
_ACTIONS = (
    "持续加强",
    "扎实推进",
    "认真落实",
    "进一步规范",
    "全面梳理",
    "严格执行",
    "大力推动",
    "积极探索",
    "不断完善",
    "细化落实",
    "统筹做好",
    "深入开展",
    "稳步推进",
    "切实抓好",
    "健全完善",
    "着力强化",
    "全面提升",
    "有序推进",
    "动态调整",
    "集中清理",
)
_OBJECTS = (
    "财政预决算信息公开",
    "重大行政决策预公开",
    "政策解读工作",
    "依申请公开办理流程",
    "政府信息公开指南",
    "政务新媒体管理",
    "行政规范性文件清理",
    "便民服务事项清单",
    "回应社会关切机制",
    "公共企事业单位信息公开",
    "基层政务公开标准化规范化",
    "政府开放日活动",
    "公开属性源头认定",
    "保密审查机制",
    "主动公开基本目录",
    "政务服务事项办理指南",
    "重点领域信息公开",
    "民生实事项目公开",
    "涉企政策集中发布",
    "历史文件清理",
    "政府网站集约化建设",
    "解读回应联动机制",
    "意见征集反馈",
    "专题栏目建设",
    "教育培训",
    "考核评议",
    "社会评议",
    "督查通报制度",
    "工作台账",
    "信息发布审核流程",
)
_DETAILS = (
    "全年主动公开信息{n}条",
    "组织专题培训{n}次，参训{n}人次",
    "办理群众咨询{n}件",
    "更新公开目录{n}项",
    "确保信息发布及时准确",
    "实现公开内容动态调整",
    "累计发布政策解读{n}篇",
    "回应网民留言{n}条，回复率达到100%",
    "开展自查自纠{n}轮",
    "整改问题{n}个",
    "新增专栏{n}个",
    "编印宣传资料{n}份",
    "召开新闻发布会{n}场",
    "受理申请{n}件，均在法定期限内答复",
    "清理失效文件{n}件",
    "征集意见建议{n}条",
    "形成了较为完善的工作机制",
    "群众满意度明显提升",
    "有效保障了群众的知情权",
    "公开质量和实效不断提高",
    "做到应公开尽公开",
    "为优化营商环境提供了有力支撑",
)
_PLACE_CHARS = "青石柳河东西南北新华安平兴隆丰泰和阳山桥湖塘岭峰林溪田庄坪塔沟港渡湾源泉台城"
_PLACE_KINDS = ("镇", "街道", "社区", "村", "乡", "开发区", "园区")
_PROJECTS = (
    "改造工程",
    "提升行动",
    "专项整治",
    "便民服务中心",
    "示范点",
    "综合体",
    "惠民工程",
    "试点",
)
_LOCAL = (
    "在{p}{q}，",
    "以{p}{q}为重点，",
    "会同{p}开展{q}，",
    "针对{p}{q}中群众反映的问题，",
)


def _place(rng: random.Random) -> str:
    return "".join(rng.choice(_PLACE_CHARS) for _ in range(2)) + rng.choice(_PLACE_KINDS)


def sentence(rng: random.Random, places: list[str], projects: list[str]) -> str:
    """One sentence from the pools, with this report's own places and projects."""
    detail = rng.choice(_DETAILS)
    while "{n}" in detail:
        detail = detail.replace("{n}", str(rng.randint(2, 900)), 1)
    local = ""
    if rng.random() < 0.6:
        local = rng.choice(_LOCAL).format(p=rng.choice(places), q=rng.choice(projects))
    return (
        f"{rng.choice(_OPENERS)}{local}{rng.choice(_SUBJECTS)}{rng.choice(_ACTIONS)}"
        f"{rng.choice(_OBJECTS)}，{detail}。"
    )


def narrative(rng: random.Random, agency: str, length: int = 3000) -> str:
    """A narrative of about ``length`` characters for ``agency``, in paragraphs, naming the
    agency now and then (as reports do)."""
    places = [_place(rng) for _ in range(6)]
    projects = [_place(rng)[:2] + rng.choice(_PROJECTS) for _ in range(4)]
    paragraphs: list[str] = []
    size = 0
    while size < length:
        paragraph = f"{agency}" if rng.random() < 0.3 else ""
        for _ in range(rng.randint(2, 5)):
            paragraph += sentence(rng, places, projects)
        paragraphs.append(paragraph)
        size += len(paragraph)
    return "\n".join(paragraphs)


def agency(index: int) -> str:
    """A unit's name: a district body, different for each index below 2 116."""
    bodies = ("财政局", "教育局", "卫生健康委员会", "住房和城乡建设局", "交通运输局", "民政局")
    first, second = divmod(index, len(_PLACE_CHARS))
    prefix = _PLACE_CHARS[first % len(_PLACE_CHARS)] + _PLACE_CHARS[second]
    return f"某某区{prefix}{bodies[index % len(bodies)]}"
