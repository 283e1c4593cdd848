"""Linking rules for ambiguous and common-word names, on the shipped catalog (README, "Linking rules")."""
import pytest

from notegraph.build import build


@pytest.fixture(scope="module")
def find(nlp):
    matcher = nlp.get_pipe("notegraph_entities").matcher
    catalog = nlp.get_pipe("notegraph_entities").catalog

    def labels(text):
        return [catalog[m.entity_id].label for m in matcher.find(text)]

    return labels


@pytest.mark.parametrize("text, label, expected", [
    # Go: the language only with its case and a tech context; never the English verb
    ("Let's go to the docs.", "Go", False),
    ("Go to the page and click.", "Go", False),
    ("Goで書いたCLIツール", "Go", True),
    ("* Go", "Go", True),
    # Rust: corrosion is not the language
    ("the rack has actual rust on the rails", "Rust", False),
    ("アダプターをRustで実装する", "Rust", True),
    # Apache: bare Apache is the HTTP server at most, never Tomcat; "Apache <Project>" is another project
    ("Apache HBase と Cassandra", "Apache HTTP Server", False),
    ("Apacheの設定を見直す", "Apache Tomcat", False),
    ("Apache + Tomcat な構成", "Apache Tomcat", True),
    # common words that are also AWS short names
    ("初期RAMディスクを作成する", "AWS Resource Access Manager", False),
    ("Garmin Connect でデバイスを削除", "Amazon Connect", False),
    ("Batch Ingestion Considerations", "AWS Batch", False),
    ("再起動するとIPが変わるのでElastic IPを使う", "Elastic", False),
    ("the gap between them", "GAP", False),
    # Lambda in a maths sense
    ("lambda calculus and lambda expressions", "AWS Lambda", False),
    # note (the company) vs an Obsidian folder or the English word
    ("see the note below", "note", False),
    # multi-word names need their case only
    ("Step Functions でリトライ", "AWS Step Functions", True),
    ("step functions in maths", "AWS Step Functions", False),
])
def test_ambiguous_names(find, text, label, expected):
    assert (label in find(text)) is expected


def test_one_sense_per_note_confirms_a_guarded_name(nlp, write_notes):
    root = write_notes({
        "with.md": "# AWS Lambda の話\n\nLambdaのバースト上限に注意\n",
        "without.md": "# 数学\n\nLambdaのバースト上限に注意\n",
    })
    g = build(root, nlp=nlp).graph
    lines = {u: d["line"] for u, v, d in g.in_edges("aws:lambda", data=True) if d["relation"] == "mentions"}
    assert lines == {"note:with.md": 1}
    assert g.edges["note:with.md", "aws:lambda", "mentions"]["count"] == 2


@pytest.mark.parametrize("text, labels", [
    ("Lambda関数を書く", ["AWS Lambda"]),
    ("S3バケットを作る", ["Amazon S3"]),
    ("CloudFront Continuous Deployment を試す", ["Amazon CloudFront"]),
    ("マネージドNodeGroupを使う", ["Amazon EKS"]),
    ("EKS on Fargate", ["Amazon EKS", "AWS Fargate"]),
    ("AWS Lambda Web Adapter", ["AWS Lambda Web Adapter"]),
    ("LamdbaEdge と CouldWatch", ["Lambda@Edge", "Amazon CloudWatch"]),
])
def test_features_link_to_their_product(find, text, labels):
    assert find(text) == labels


def test_user_catalog_extension_adds_entities_aliases_and_stopwords(nlp, write_notes, tmp_path):
    root = write_notes({
        "notegraph.yaml": "entities:\n  - {label: 社内ポータル, kind: tool, aliases: [portal-x]}\n"
                          "aliases:\n  AWS Lambda: [らむだ]\nstopwords: [Amazon S3]\n",
        "a.md": "社内ポータルとportal-xとらむだ、Amazon S3\n",
    })
    g = build(root).graph
    labels = {g.nodes[v]["label"] for _, v, k in g.out_edges("note:a.md", keys=True) if k == "mentions"}
    assert labels == {"社内ポータル", "AWS Lambda"}
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities:\n  - {label: X}\n", encoding="utf-8")
    from notegraph.cli import main

    assert main(["build", str(root), "--out", str(tmp_path / "o"), "--catalog", str(bad), "-q"]) == 2


@pytest.mark.parametrize("text, label", [
    ("Terrafromでstateを分ける", "Terraform"),
    ("Promethues のメトリクス", "Prometheus"),
    ("JavaScipt のコード", "JavaScript"),
    ("MongDBに保存", "MongoDB"),
    ("Ubunut 22.04 を入れた", "Ubuntu"),          # the last two letters swapped
    ("Jiar のチケット", "Jira"),                  # a short name: two neighbours swapped
    ("これは Kakfa に流す", "Kafka"),
])
def test_fuzzy_typos_link_and_say_so(nlp, text, label):
    matcher = nlp.get_pipe("notegraph_entities").matcher
    (m,) = matcher.find(text)
    assert nlp.get_pipe("notegraph_entities").catalog[m.entity_id].label.endswith(label) and 0.7 < m.score < 1.0


@pytest.mark.parametrize("text", [
    "the house has a garden",        # lowercase common words are never tried
    "Ruby and Rubyist",               # 'Ruby' is guarded: never a fuzzy target
    "Spring and Sprint",              # common words are never fuzzy targets
    "Visual Recognition を試す",     # a word Sudachi knows is not a typo of Rekognition
    "Macros と Traces",               # plurals of known words
    "Pythons と Tracee",              # a different last letter that is no swap stays another word
    "これは Jura と Hugs の話",        # a short name one letter away, no swap: another word
    "これは Ijra の話",                # the first letter of a short name never moves
    "これは EKSS と ESK の話",         # acronyms are never fuzzy targets
])
def test_fuzzy_never_touches_common_words(nlp, text):
    matcher = nlp.get_pipe("notegraph_entities").matcher
    assert [m for m in matcher.find(text) if m.score < 1.0] == []


def test_fuzzy_mentions_are_marked_on_the_edge(nlp, write_notes):
    g = build(write_notes({"a.md": "# メモ\nTerrafromで管理\n"}), nlp=nlp).graph
    (e,) = [d for u, v, d in g.edges(data=True) if d["relation"] == "mentions"]
    assert e["fuzzy"] == 1 and 0.8 < e["fuzzy_score"] < 1.0 and e["surface"] == "Terrafrom"


@pytest.mark.parametrize("text, expected", [
    ("Google Cluster Engine(Kubernetes)", False),   # a product of Google, not the organisation
    ("Microsoft Teams で会議", False),
    ("Google Japan の発表", True),
    ("Googleが開発した", True),
])
def test_company_name_before_a_product_word(find, text, expected):
    assert any(lab in ("Google", "Microsoft") for lab in find(text)) is expected


@pytest.mark.parametrize("text, label, expected", [
    ("vimで C-[ にバインド", "C", False),          # a key combination
    ("memo/note/blog にまとめた", "note", False),   # a path
    ("Go/Rust の比較をした言語", "Go", True),         # two languages, not a path
    ("初期RAMディスクを作る", "AWS Resource Access Manager", False),
    ("AWS RAMでリソース共有", "AWS Resource Access Manager", True),
])
def test_paths_key_combinations_and_stopwords(find, text, label, expected):
    assert (label in find(text)) is expected


def test_case_sensitive_multiword_names_also_match_without_spaces(find):
    assert find("AutoScalingの設定") == ["Amazon EC2 Auto Scaling"]
