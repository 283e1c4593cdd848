"""report.html: what generate_report says about the sample notes (sections, numbers, deep links),
escaping of hostile note text, the relation sections on a small hand-built graph, and the charts."""
import re
from collections import Counter
from html import unescape
from urllib.parse import quote

import networkx as nx
import pytest

from notegraph.build import build
from notegraph.problems import Problem
from notegraph.report import charts, facts, generate_report, write_report

from conftest import SAMPLES

SECTIONS = ("overview", "top", "timeline", "events", "relations", "entities", "run")


@pytest.fixture(scope="module")
def samples(nlp):
    return build(SAMPLES, nlp=nlp)


@pytest.fixture(scope="module")
def sample_page(samples):
    return generate_report(samples.graph, problems=samples.problems, catalog_version=samples.catalog_version)


def text_of(page: str, element_id: str) -> str:
    """The visible text of the element with ``id`` (up to its closing tag of the same name)."""
    m = re.search(rf'<(\w+)[^>]*\bid="{re.escape(element_id)}"[^>]*>', page)
    assert m, f"no element #{element_id}"
    tag, depth, i = m.group(1), 1, m.end()
    for t in re.finditer(rf"<(/?){tag}\b[^>]*>", page[i:]):
        depth += -1 if t.group(1) else 1
        if depth == 0:
            inner = page[i:i + t.start()]
            break
    inner = re.sub(r"<svg.*?</svg>", " ", inner, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", inner))).strip()


def card(page: str, label: str) -> str:
    """The number on the overview card labelled ``label``."""
    m = re.search(rf'<div class="v">([^<]+)</div><div class="l">{re.escape(label)}</div>', page)
    assert m, f"no card {label!r}"
    return m.group(1)


def test_every_section_is_present_and_listed_in_the_contents(sample_page):
    for section in SECTIONS:
        assert f'<section id="{section}">' in sample_page
        assert f'href="#{section}"' in sample_page
    assert sample_page.count('<svg') >= 4  # three "top" bar charts and the timeline (+ heat map)
    assert 'Content-Security-Policy' in sample_page and "<script" not in sample_page
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", sample_page) and "<link" not in sample_page


def test_overview_numbers_match_the_graph(samples, sample_page):
    g = samples.graph
    kinds = Counter(d["kind"] for _, d in g.nodes(data=True))
    assert card(sample_page, "notes") == "7" == str(kinds["note"])
    assert card(sample_page, "event notes") == "3"
    assert card(sample_page, "talks") == "10" == str(kinds["talk"])
    for kind, name in (("aws_service", "aws services"), ("tool", "tools"), ("company", "companies")):
        assert card(sample_page, name) == str(kinds[kind])
    assert card(sample_page, "tags") == str(kinds["tag"])
    dates = sorted(str(d["date"])[:10] for _, d in g.nodes(data=True) if d["kind"] == "note" and d.get("date"))
    assert text_of(sample_page, "date-range").startswith(f"{dates[0]} – {dates[-1]}")
    assert dates[0] == "2024-03-23" and dates[-1] == "2024-09-14"


def test_top_entities_are_ranked_by_number_of_notes(samples, sample_page):
    g = samples.graph
    aws = facts.top_entities(g, "aws_service")
    counts = [r["notes"] for r in aws]
    assert counts == sorted(counts, reverse=True) and len(aws) <= 15
    best = max(d["notes"] for _, d in g.nodes(data=True) if d["kind"] == "aws_service")
    assert aws[0]["notes"] == best
    assert "AWS Lambda" in [r["label"] for r in aws[:3]]
    caption = text_of(sample_page, "top-aws_service")
    assert f"{aws[0]['label']} {aws[0]['notes']}" in caption


def test_events_list_their_talks_presenters_and_entities(samples, sample_page):
    events = text_of(sample_page, "events")
    assert "3 event notes" in events
    assert "AWS Containers & Serverless Meetup 2024-06 (ECS/EKS/Lambda)" in events
    assert "メルカリにおけるk8s基盤のEKS移行 presented by メルカリ" in events
    assert "JAWS-UG 勉強会 2024-09 サーバーレス & 生成AI回" in events
    meetup = next(e for e in facts.events(samples.graph) if e["path"] == "2024-06-aws-meetup.md")
    assert [t["title"] for t in meetup["talks"]][0] == "メルカリにおけるk8s基盤のEKS移行"
    assert "Amazon EKS" in [e["label"] for e in meetup["talks"][0]["entities"]]
    # newest first
    dates = [e["date"] for e in facts.events(samples.graph)]
    assert dates == sorted(dates, reverse=True)


def test_entities_link_into_the_interactive_graph(samples, sample_page):
    assert 'href="graph.html#node=aws%3Alambda"' in sample_page
    index = text_of(sample_page, "entities")
    assert "AWS Lambda" in index and "Amazon S3" in index
    lam = next(e for e in facts.entity_index(samples.graph)["aws_service"] if e["id"] == "aws:lambda")
    assert lam["notes"] == samples.graph.nodes["aws:lambda"]["notes"] == len(lam["appears"])
    assert "note/AWS Lambda.md" in [n["path"] for n in lam["appears"]]
    other = generate_report(samples.graph, graph_href="../graph/index.html")
    assert 'href="../graph/index.html#node=aws%3Alambda"' in other
    talk = "talk:2024-06-aws-meetup.md#1"
    assert f'href="graph.html#node={quote(talk, safe="")}"' in sample_page


def test_run_summary_lists_problems_and_catalog_version(samples):
    problems = [Problem("broken.md", "bad YAML <x>", "warning"), Problem("huge.md", "larger than 32 MB", "skipped"),
                {"path": "from-json.md", "reason": "not UTF-8", "severity": "warning"}]
    page = generate_report(samples.graph, problems=problems, catalog_version="cat-1234")
    run = text_of(page, "run")
    assert "cat-1234" in run and "1 skipped · 2 warnings" in run
    assert "broken.md warning bad YAML <x>" in run and "from-json.md" in run
    assert run.index("huge.md") < run.index("broken.md")  # skipped files first
    assert "bad YAML &lt;x&gt;" in page
    assert "No problems" in text_of(generate_report(samples.graph), "run")


def test_hostile_note_text_is_escaped(nlp, write_notes):
    folder = write_notes({
        "evil.md": '---\ntitle: "<script>alert(1)</script>"\ndate: 2024-01-02\ntags: [meetup]\n---\n'
                   "## <img src=x onerror=alert(2)> AWS Lambda の話\n"
                   "Lambda <script>alert(3)</script> と S3 \"'><svg onload=alert(4)>\n",
    })
    g = build(folder, nlp=nlp).graph
    page = generate_report(g, title="<b>report</b>", problems=[Problem("<i>x</i>.md", "<script>alert(5)</script>")])
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt; AWS Lambda の話" in page
    assert "&lt;b&gt;report&lt;/b&gt;" in page and "&lt;i&gt;x&lt;/i&gt;.md" in page
    assert len(re.findall(r"<svg\b", page)) == len(re.findall(r'<svg [^>]*class="chart"', page))


def hand_graph(relations: bool = True) -> nx.MultiDiGraph:
    """Two notes, one event with two talks, four entities; optionally co_occurs and typed relations."""
    g = nx.MultiDiGraph(catalog_version="hand-1")
    g.add_node("note:meetup.md", kind="note", label="Meetup #1", title="Meetup #1", path="meetup.md",
               date="2023-06-20", is_event=True)
    g.add_node("note:diary.md", kind="note", label="日誌", title="日誌", path="diary.md", date="2019-01-05", is_event=False)
    for i, title in ((1, "EKS移行"), (2, "Lambda & <b>")):
        g.add_node(f"talk:meetup.md#{i}", kind="talk", label=title, title=title, note="meetup.md", order=i, line=i * 10)
        g.add_edge(f"talk:meetup.md#{i}", "note:meetup.md", key="part_of", relation="part_of")
    for n, kind, label, notes in (("aws:eks", "aws_service", "Amazon EKS", 2), ("aws:lambda", "aws_service", "AWS Lambda", 2),
                                  ("tool:nomad", "tool", "Nomad $x$", 1), ("company:mercari", "company", "メルカリ", 1)):
        g.add_node(n, kind=kind, label=label, notes=notes, aliases="")
    for src, dst, line in (("talk:meetup.md#1", "aws:eks", 11), ("talk:meetup.md#1", "company:mercari", 10),
                           ("talk:meetup.md#2", "aws:lambda", 21), ("note:diary.md", "aws:eks", 3),
                           ("note:diary.md", "aws:lambda", 4), ("note:diary.md", "tool:nomad", 5)):
        g.add_edge(src, dst, key="mentions", relation="mentions", count=1, line=line, evidence="…",
                   note=g.nodes[src].get("path") or g.nodes[src].get("note"))
    g.add_edge("talk:meetup.md#1", "company:mercari", key="presented_by", relation="presented_by", line=10)
    if relations:
        g.add_edge("aws:eks", "aws:lambda", key="co_occurs", relation="co_occurs", weight=2, pmi=1.5,
                   examples="meetup.md:11: EKS と Lambda|diary.md:3: EKS")
        g.add_edge("aws:lambda", "aws:eks", key="co_occurs", relation="co_occurs", weight=2, pmi=1.5, examples="")
        g.add_edge("aws:eks", "tool:nomad", key="co_occurs", relation="co_occurs", weight=1, pmi=2.25, examples="")
        g.add_edge("tool:nomad", "aws:eks", key="migrated_to", relation="migrated_to",
                   evidence="NomadからEKSへ移行した <script>", note="diary.md", line=9)
        g.add_edge("company:mercari", "aws:eks", key="adopted", relation="adopted", evidence="メルカリはEKSを採用",
                   note="meetup.md", line=12)
    return g


def test_pairs_and_typed_relations_on_a_hand_built_graph():
    page = generate_report(hand_graph())
    rel = text_of(page, "relations")
    pairs = facts.co_occurring_pairs(hand_graph())
    assert len(pairs) == 2 and {pairs[0]["a"]["label"], pairs[0]["b"]["label"]} == {"Amazon EKS", "AWS Lambda"}
    assert pairs[0]["examples"] == ["meetup.md:11: EKS と Lambda", "diary.md:3: EKS"]
    assert "Amazon EKS AWS Lambda 2 1.50" in rel or "AWS Lambda Amazon EKS 2 1.50" in rel
    assert "migrated_to (1)" in rel and "Nomad $x$ Amazon EKS NomadからEKSへ移行した <script> diary.md:9" in rel
    assert "adopted (" in rel and "メルカリ Amazon EKS" in rel and "meetup.md:12" in rel
    assert "None found" not in rel
    assert "&lt;script&gt;" in page and "<script" not in page


def test_relation_sections_say_none_found_when_the_graph_has_none():
    rel = text_of(generate_report(hand_graph(relations=False)), "relations")
    assert rel.count("None found") == 2


def test_timeline_counts_per_year_for_long_ranges_and_per_month_otherwise(samples):
    long = facts.timeline(hand_graph())
    assert long["granularity"] == "year" and long["periods"][0] == "2019" and long["periods"][-1] == "2023"
    assert long["notes"] == [1, 0, 0, 0, 1]
    assert long["mentions"]["aws_service"] == [2, 0, 0, 0, 2] and long["mentions"]["tool"] == [1, 0, 0, 0, 0]
    short = facts.timeline(samples.graph)
    assert short["granularity"] == "month" and short["periods"] == [f"2024-{m:02d}" for m in range(3, 10)]
    assert sum(short["notes"]) == 3 and short["undated"] == 4


def test_empty_graph_renders_every_section(tmp_path):
    path = tmp_path / "out" / "report.html"
    write_report(nx.MultiDiGraph(), path)
    page = path.read_text(encoding="utf-8")
    for section in SECTIONS:
        assert f'<section id="{section}">' in page
    assert "None found" in text_of(page, "events") and "None found" in text_of(page, "timeline")


def test_charts_draw_japanese_with_a_cjk_font_and_no_math_text():
    if not charts.cjk_font():
        pytest.skip("no CJK font installed (Debian: fonts-noto-cjk)")
    svg = charts.bar_chart([("メルカリ $x$", 3), ("クラスメソッド", 1)], colour="#5bb381", prefix="t")
    glyphs = [g for g in re.findall(r'<path id="t-([^"]+)"', svg) if not re.fullmatch(r"m[0-9a-f]{10}", g)]  # not markers
    assert glyphs and all(g.startswith("NotoSansCJK") or g.startswith("DejaVu") for g in glyphs)
    assert not any(g.endswith("-0") for g in glyphs), "a glyph is missing (tofu)"
    assert "メルカリ $x$" in svg  # the label as written: math text is off
    assert "<?xml" not in svg and 'role="img"' in svg


def test_the_index_and_events_stay_bounded_for_a_large_vault():
    import networkx as nx
    g = nx.MultiDiGraph()
    g.add_node("tool:go", kind="tool", label="Go")
    for i in range(facts.MAX_APPEARS + 8):
        g.add_node(f"note:{i}.md", kind="note", label=f"n{i}", title=f"n{i}", path=f"{i}.md", date=f"2024-01-{i + 1:02d}")
        g.add_edge(f"note:{i}.md", "tool:go", key="mentions", relation="mentions")
    (row,) = facts.entity_index(g)["tool"]
    assert len(row["appears"]) == facts.MAX_APPEARS and row["more_appears"] == 8
    assert row["appears"][0]["date"] == "2024-01-20"  # newest first
    assert "… and 8 older notes" in generate_report(g)
