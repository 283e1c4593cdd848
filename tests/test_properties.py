"""Property-based: random Markdown never breaks the build, GraphML stays valid, and no mention
ever comes from code or URLs. Plus the whole real corpus (marked slow)."""
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notegraph.build import build
from notegraph.export import read_graphml, write_graphml

from conftest import SHARED

# Names that appear in prose are allowed to be found; names that only appear in code or URLs never.
PROSE_NAMES = ["Lambda", "S3バケット", "EKS", "Kubernetes", "TypeScript", "メルカリ", "Datadog"]
HIDDEN = "Terraform"  # only ever placed inside code blocks, inline code with spaces, URLs or link targets

words = st.sampled_from(["設計", "移行", "の", "を", "に", "は", "text", "and", "🚀", "ｆｕｌｌ", "\u3000", "#", "*", "|",
                         "<b>", "&amp;", "\x0b", "\x01", "é", "\u200b", "[", "]", "(", ")", "`", "~"] + PROSE_NAMES)
line = st.lists(words, min_size=0, max_size=12).map(" ".join)
hidden = st.sampled_from([
    f"```hcl\n{HIDDEN} apply\nresource {HIDDEN} {{}}\n```",
    f"~~~\n{HIDDEN}\n~~~",
    f"\n`{HIDDEN} plan -out x`\n",  # a paragraph of its own: a stray backtick next to it would pair with its own
    f"https://example.com/{HIDDEN}/docs",
    f"[リンク](https://{HIDDEN.lower()}.io/x)",
    f"[docs](note/{HIDDEN}.md)",
    f'<img src="x.png" alt="{HIDDEN}">',
    f"<a href=\"https://example.com/{HIDDEN}\">リンク</a>",
])
block = st.one_of(
    line,
    line.map(lambda s: "## " + s),
    line.map(lambda s: "### " + s),
    line.map(lambda s: "- " + s),
    line.map(lambda s: s + "\n" + "=" * 3),
    line.map(lambda s: f"[[{s.strip() or 'x'}]]"),
    hidden,
)
frontmatter = st.one_of(
    st.just(""),
    st.builds(lambda t, tags: f"---\ntitle: \"{t}\"\ntags: [{', '.join(tags)}]\n---\n",
              st.sampled_from(["Meetup", "メモ", "勉強会 #3", "x"]), st.lists(st.sampled_from(["meetup", "aws", "日記"]), max_size=3)),
    st.just("---\ntitle: [broken\n---\n"),
)
note = st.builds(lambda fm, blocks: fm + "\n".join(blocks), frontmatter, st.lists(block, min_size=1, max_size=15))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes=st.lists(note, min_size=1, max_size=4))
def test_random_markdown_builds_valid_graphml_without_mentions_from_code(nlp, notes):
    igraph = pytest.importorskip("igraph")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "notes"
        root.mkdir()
        for i, text in enumerate(notes):
            (root / f"n{i}.md").write_text(text, encoding="utf-8")
        g = build(root, nlp=nlp).graph
        path = Path(tmp) / "g.graphml"
        write_graphml(g, path)
        back = read_graphml(path)
        ig = igraph.Graph.Read_GraphML(str(path))
        assert back.number_of_nodes() == g.number_of_nodes() == ig.vcount()
        assert back.number_of_edges() == g.number_of_edges() == ig.ecount()
        assert HIDDEN not in {d.get("label") for _, d in g.nodes(data=True)}
        surfaces = [d.get("surface", "") for *_, d in g.edges(data=True)]
        assert not any(HIDDEN.lower() in s.lower() for s in surfaces)


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="../shared/corpus not present")
def test_whole_corpus_builds_with_every_skip_explained(nlp, tmp_path):
    corpus = SHARED / "corpus"
    result = build(corpus, nlp=nlp)
    files = [p for p in corpus.rglob("*") if p.suffix.lower() in (".md", ".markdown") and p.is_file()]
    notes = sum(1 for _, d in result.graph.nodes(data=True) if d["kind"] == "note")
    skipped = result.problems.skipped()
    ignored = {p.path for p in result.problems if p.severity == "ignored"}
    hidden = [f for f in files if any(part.startswith(".") for part in f.relative_to(corpus).parts)]
    assert all(any(f.relative_to(corpus).as_posix().startswith(i) for i in ignored) for f in hidden)
    assert notes + len(skipped) + len(hidden) == len(files)
    assert all(p.reason for p in result.problems)
    path = tmp_path / "corpus.graphml"
    write_graphml(result.graph, path)
    assert read_graphml(path).number_of_edges() == result.graph.number_of_edges()
    print(f"corpus: {len(files)} files, {notes} notes, {len(skipped)} skipped, {len(hidden)} in hidden folders, "
          f"{len(result.problems)} problems")
