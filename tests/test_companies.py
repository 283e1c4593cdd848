"""Companies missing from the catalog, proposed from corporate markers (with GiNZA's NER on those sentences)."""
import pytest

from conftest import make_catalog

from notegraph.build import build
from notegraph.catalog import normalize
from notegraph.extract.companies import CompanyCandidate, companies_in


@pytest.fixture(scope="module")
def propose(nlp):
    from notegraph.extract import load_parser

    parser = load_parser()
    matcher = nlp.get_pipe("notegraph_entities").matcher
    names = matcher.names  # what the pipeline passes: every catalog name except prose-only package names

    def run(text):
        taken = [(m.start, m.end) for m in matcher.find(text, unconfirmed=True)]
        return [name for _, _, name in companies_in(CompanyCandidate(text, 1, None, taken), parser(text), names)]

    return run


@pytest.mark.parametrize("text, expected", [
    ("先日の毎日新聞社さんの事例", ["毎日新聞社"]),
    ("EKSのCoreDNSを安定させる - Stanby Tech Blog", ["Stanby"]),
    ("株式会社マスダックの技術情報", ["マスダック"]),
    ("ドローンワークス株式会社", ["ドローンワークス"]),
    ("シリコングラフィックス社により開発された", ["シリコングラフィックス"]),
    ("Speaker: Jane Doe (Acme Corp)", ["Acme"]),
    ("監視構成している事例 株式会社Sample.comラボ 太田様", ["Sample.comラボ"]),  # not "事例": the marker is the next name's
    ("Zyxcorp社の製品のライセンス変更", ["Zyxcorp"]),  # "corp" inside a word is no corporate suffix
    ("FOLIO様でのTerraformの運用", ["FOLIO"]),           # capitals with 様: a customer, a company
    ("NRI 様ではデータをEMRで処理した", ["NRI"]),
])
def test_marked_names_are_proposed(propose, text, expected):
    assert propose(text) == expected


@pytest.mark.parametrize("text", [
    "富士通さんの子会社さんとか",         # generic nouns ending in 会社
    "2015 新卒入社",                      # 入社 is not a company
    "弊社ではEKSを使う",                   # 弊社 = our company
    "JAPAN Tech Blog",                    # a generic word before a blog marker
    "クラスメソッド株式会社のブログ",       # already in the catalog: the catalog entity wins
    "Datadog Inc. の発表",                 # a product in the catalog never becomes a company
    "Nakayama 様の発表だった",             # a capitalised surname with 様 is a person
    "スポンサー様のおかげで開催できた",      # a katakana word with 様: a role, not a company
    "JAWS-UG様の活動",                     # a user group is no company
])
def test_generic_words_and_catalog_names_are_not_proposed(propose, text):
    assert propose(text) == []


def test_proposed_company_is_an_unverified_node_and_can_present_a_talk(nlp, write_notes):
    root = write_notes({"m.md": "---\ntags: [meetup]\n---\n## 株式会社ナイルのEKS移行\nEKSに移行した\n"})
    g = build(root, nlp=nlp).graph
    (n, d), = [(n, d) for n, d in g.nodes(data=True) if d.get("verified") is False]
    assert (d["kind"], d["label"]) == ("company", "ナイル")
    assert g.has_edge("talk:m.md#1", n, "presented_by") and g.has_edge("talk:m.md#1", n, "mentions")


def test_proposals_are_reviewed_in_notegraph_yaml(nlp, write_notes):
    """A proposed company is listed as unverified; notegraph.yaml confirms one (a catalog entity from
    then on) and rejects another (never proposed again)."""
    from notegraph.query import entities
    from notegraph.report.facts import overview

    text = "---\ntags: [meetup]\n---\n## 株式会社ナイルの発表\nx\n## 株式会社サンプル技研の発表\ny\n"
    root = write_notes({"m.md": text})
    g = build(root, nlp=nlp).graph
    unverified = set(entities(g, "company").query("not verified")["label"])
    assert unverified == {"ナイル", "サンプル技研"}
    assert {r["label"] for r in overview(g)["proposed"]} == unverified
    (root / "notegraph.yaml").write_text("confirm: [ナイル]\nreject: [サンプル技研]\n", encoding="utf-8")
    g = build(root).graph  # the user's catalog needs the pipeline built with it
    table = entities(g, "company")
    assert table.query("label == 'ナイル'")["verified"].tolist() == [True]
    assert "サンプル技研" not in set(table["label"])
    (nile,) = table.query("label == 'ナイル'")["id"]
    assert g.has_edge("talk:m.md#1", nile, "presented_by")


@pytest.mark.parametrize("text, kind, maker", [
    ("Datadog社の中の人が登壇した", "company", "company?:Datadog"),  # no catalog company: proposed
    ("GitHubさんのオフィスで開催", "company", "company:github-inc"),  # the catalog's "GitHub, Inc."
    ("Facebook社が発表した", "company", "company:meta"),  # Meta's former name "Facebook, Inc."
    ("Datadogで監視している", "tool", None),
    ("Facebookでシェアした", "tool", None),  # the product, not the company
    ("社内でGitHubを使う", "tool", None),   # 社内 is no corporate cue, and comes before the name anyway
])
def test_a_product_name_used_for_its_maker(nlp, write_notes, text, kind, maker):
    root = write_notes({"m.md": text + "\n"})
    g = build(root, nlp=nlp).graph
    kinds = {g.nodes[v]["kind"] for _, v, k in g.out_edges("note:m.md", keys=True) if k == "mentions"}
    assert kind in kinds
    made = [(u, v) for u, v, k in g.edges(keys=True) if k == "made_by"]
    if maker is None:
        assert not made
    else:
        (u, v), = made
        assert g.nodes[u]["kind"] == "tool" and v == maker and g.nodes[v]["kind"] == "company"


@pytest.mark.parametrize("text, proposed", [
    ("limactl というコマンドが提供されています", "limactl"),
    ("kbdmapコマンドを実行すると設定画面が起動する", "kbdmap"),     # a command named as one
    ("DockerfileのRUNコマンドで入れる", None),                   # an instruction's keyword, not a program
    ("OpsCareというサービスはクラウドを構築する", "OpsCare"),          # a service, named as one
    ("GROWIという「MongoDBをバックエンドにするアプリ」", "GROWI"),      # with a quoted description first
    ("Herokuで`GROWI` という「Node.jsのアプリ」を運用", "GROWI"),        # in inline code: the ticks are blanks
    ("`ProxyCommand` を使ったやり方", None),    # but inline code that is only used is an identifier, a key
    ("tpccというデータベースが作成されており", None),                  # a database instance, not software
    ("html-react-parser ライブラリの parse 関数を使う", "html-react-parser"),
    ("Kakfa Producer のライブラリを使用する", None),      # one word of a longer name
    ("API というツールは無い", None),                      # a short acronym is a concept
    ("settings.json というファイル", None),                # no software cue, and a file
    ("[fzf-tab](https://github.com/Aloxaf/fzf-tab) を入れた", "fzf-tab"),             # a linked GitHub repository
    ("[GitHub - ex/zapgo: fast logging](https://github.com/ex/zapgo)", "zapgo"),
    ("[サンプル](https://github.com/ex/zapgo)", None),       # the link text does not name it
    ("[app-sample](https://github.com/ex/app-sample) を参照", None),  # a sample holds no product
    ("[spoon](https://github.com/ex/spoon)", None),          # a word Sudachi knows
    ("Bitcasaを導入してみた", "Bitcasa"),                    # a product-shaped name the text says is used
    ("DreamWeaverなどのツールを使わせてあげましょう", "DreamWeaver"),  # an example of software
    ("virtualenvやvenvなどの仮想環境ツール", "venv"),           # each name of the list of examples
    ("Quuxlyなどの会社が出展していた", None),                   # an example of something else
    ("git-lfsを入れた", "git-lfs"),
    ("XtraFinder 1.2 が出ていた", "XtraFinder"),             # CamelCase with a version
    ("Fetched 1.2 kB", None),                                # a capitalised word before a number is no product
    ("BigDecimalクラスを使って計算した", None),              # a class the line speaks of as code
    ("Spoonを使って食べた", None),                           # a word Sudachi knows
    ("AppSampleを導入した", None),                           # a sample
    ("通知は[Growl](http://growl.info/)で受ける", "Growl"),   # a name linked to its own domain: a homepage
    ('<a href="http://www.clamxav.com/">ClamXav</a> を入れた', "ClamXav"),
    ("[SnapCI](https://snap-ci.com/) は興味が湧いた", "SnapCI"),  # the domain's hyphen is not in the name
    ("[SnapCI](https://snap-cd.com/) は興味が湧いた", None),   # another domain
    ("[java-ja](http://java-ja.example.org/)方面から来た", None),  # a locale suffix: a community's site
    ("[RubyKaigi](https://rubykaigi.org/2024/)に行った", None),  # an event's site is named the same way
    ("[Unixen](https://ja.wikipedia.org/wiki/Unixen)の歴史", None),  # a path segment names any word
])
def test_unknown_tools_named_as_software(nlp, write_notes, text, proposed):
    root = write_notes({"m.md": text + "\n"})
    g = build(root, nlp=nlp).graph
    tools = {d["label"] for _, d in g.nodes(data=True) if d.get("kind") == "tool" and d.get("verified") is False}
    assert tools == ({proposed} if proposed else set())
    for _, d in g.nodes(data=True):
        if d.get("kind") == "tool" and d.get("verified") is False:
            assert d["source"] == "proposed"


@pytest.mark.parametrize("text, proposed", [
    ("JavaとGraalVMとPicocliで作ろう", {"Picocli"}),                       # listed with two catalog products
    ("今だと、Druid, ClickHouse, Rockset, Fireboltなど。", {"Rockset", "Firebolt"}),  # three or more, one known
    ("DockerとFoobarzの比較", set()),                    # two names, one known: a comparison, maybe no product
    ("Docker, Kubernetes, DDD", set()),                  # an acronym is a concept
    ("Docker、Kubernetes、Python、Love", set()),           # an English word
    ("DockerとKubernetesを使ってFoobarzを作った", set()),  # not joined to the list by list glue
    ("JavaとpicocliとGraalVMで作ろう", {"picocli"}),       # lower case, with two catalog products
    ("Java、picocliで作ろう", set()),                     # lower case needs two known neighbours
    ("JavaとGraalVMとserverの話", set()),                 # a word Sudachi knows
])
def test_unknown_names_listed_with_products(nlp, write_notes, text, proposed):
    """Membership of a list of catalog products is the software cue (the catalog's own hits stay)."""
    root = write_notes({"m.md": text + "\n"})
    g = build(root, nlp=nlp).graph
    assert {d["label"] for _, d in g.nodes(data=True) if d.get("kind") == "tool" and d.get("verified") is False} == proposed


@pytest.mark.parametrize("text, proposed, also", [
    ("Google App Engine で動かした", "Google App Engine", set()),  # Google heads many catalog names
    ("Microsoft Planner で管理した", "Microsoft Planner", set()),
    ("Azure Machine Learning を試した", "Azure Machine Learning", set()),  # Azure's own hit is not a mention
    ("Windows Server 2019 と Google App Engine Go", "Google App Engine", set()),  # cut at a version, a catalog name
    ("Oracle Java 8 を入れた", None, {"tool:java"}),  # vendor + a catalog product: the product
    ("Google Japan の人と Microsoft Tech Summit で", None, set()),  # an organisation, an event
    ("Google Developer Expert の方", None, set()),  # a programme
    ("Spring Update 2019 の資料", None, set()),  # a talk, not a product
    ("Amazon Snowmobile が来た", None, set()),  # the Amazon family is AWS services, not tools
    ("Azure Datab… [スライド](https://example.com)", None, set()),  # a name cut short
    ("google app engine", None, set()),  # the family name's own case only
    ("「Google App Engine/Goを触ってみた」", "Google App Engine", set()),  # whole words: never "Google App"
    ("Google App Engine/api を叩く", None, set()),  # a path
    ("Spring Batch でジョブを書いた", "Spring Batch", set()),  # a word only AWS Batch bears is the product's own
])
def test_a_product_of_a_known_family_is_proposed(nlp, write_notes, text, proposed, also):
    root = write_notes({"m.md": text + "\n"})
    g = build(root, nlp=nlp).graph
    mentioned = {v for _, v, k in g.out_edges("note:m.md", keys=True) if k == "mentions"}
    tools = {v for v in mentioned if v.startswith("tool?:")}
    assert tools == ({f"tool?:{proposed}"} if proposed else set())
    assert also <= mentioned
    if proposed and proposed.startswith("Azure"):
        assert "tool:microsoft-azure" not in mentioned


@pytest.mark.parametrize("text, expected", [
    ("Mackerel インフラ基盤 AWS 移行の舞台裏 株式会社サンプル", "株式会社サンプル"),  # title words before a prefix marker
    ("事例紹介 サンプル技研株式会社", "サンプル技研株式会社"),                    # and before a suffix one's word
    ("株式会社サンプル", "株式会社サンプル"),
    ("Example Japan, Inc.", "Example Japan, Inc."),                            # Latin markers: left as written
    ("太田氏(株式会社Sample Infrastructure)", "株式会社Sample Infrastructure"),   # a Latin name runs on
    ("● トーマツ サンプル株式会社", "トーマツ サンプル株式会社"),                  # and a katakana one for a word
])
def test_the_marked_word_is_the_company(text, expected):
    from notegraph.extract.companies import marked_part
    assert marked_part(text) == expected


@pytest.mark.parametrize("text, hit", [
    ("株式会社サンプル 太田様", True),
    ("株式会社サンプルラボ 太田様", False),             # a longer marked name: another company (a subsidiary)
    ("株式会社      サンプル     ラボ 太田様", False),   # the same, with inline tags blanked around the link text
    ("サンプルラボの太田様", True),                      # no marker: the name may take a suffix
    ("【日本サンプル株式会社】", False),                  # a longer name before a suffix marker: the subsidiary
    ("サンプル株式会社の太田様", True),
])
def test_a_company_inside_a_longer_marked_name_is_not_matched(text, hit):
    from notegraph.extract.matcher import CatalogMatcher
    m = CatalogMatcher(make_catalog({"id": "company:sample", "kind": "company", "label": "サンプル"}), fuzzy=False)
    assert any(h.entity_id == "company:sample" for h in m.find(text)) is hit


def test_an_ner_company_keeps_only_its_marked_word(propose):
    got = propose("基調講演 - 日本サンプル株式会社 エバンジェリスト井上 章さん")
    assert all(" " not in name and "エバンジェリスト" not in name for name in got)


def test_a_bracketed_marker_is_dropped_whole():
    from notegraph.extract.companies import clean_name
    assert clean_name("(株)Sample Infrastructure") == "Sample Infrastructure"
    assert clean_name("（株）サンプル") == "サンプル" and clean_name("毎日新聞社") == "毎日新聞社"


@pytest.mark.parametrize("text, found", [
    ("チャットワーク藤原さんがチームに入った", ["チャットワーク"]),   # an organisation glued to a surname
    ("日本サンプル伊東さんによるプレゼン", ["日本サンプル"]),
    ("ZYXWARE 田中さんのプレゼン", ["ZYXWARE"]),
    ("ゲスト佐藤さんの話", []),          # a word Sudachi knows as a common noun
    ("エンジニア山田さん", []),          # a role
    ("サーバー担当さん", []),            # no surname before the honorific
    ("エヴァ堀内さん", []),              # a three-letter nickname is no organisation
])
def test_an_organisation_glued_to_a_person_s_name(text, found):
    from notegraph.extract.companies import glued_affiliations
    assert [text[a:b] for a, b in glued_affiliations(text)] == found


def test_a_company_after_nihon_is_its_japanese_company(nlp, write_notes):
    """"日本オラクル", "日本IBM": the Japanese company, an organisation of its own (proposed); "東日本NTT"
    is a region before the company, and "Oracleのデータベース" stays the catalog's Oracle."""
    root = write_notes({"m.md": "日本オラクル青山センターで開催。【日本IBM株式会社】の発表。東日本NTTの話。Oracleのデータベース。\n"})
    g = build(root, nlp=nlp).graph
    firms = {d["label"]: d["verified"] for _, d in g.nodes(data=True) if d.get("kind") == "company"}
    assert firms == {"日本オラクル": False, "日本IBM": False, "NTT": True, "Oracle": True}


def test_a_proposed_company_named_in_a_talk_title_presents_it(nlp, write_notes):
    """The title "LT4 FOLIOのterraform運用tips" names a company the note proposes elsewhere ("FOLIO様での"):
    the talk's presenter; a title that does not write the name as a whole word ("FOLIOSの話") is not."""
    root = write_notes({"m.md": "---\ntitle: Example Meetup #2 参加レポート\ntags: [勉強会]\n---\n"
                                "## LT4 @someone 様 FOLIOのterraform運用tips\n\nFOLIO様でのTerraform運用のお話だった。\n\n"
                                "## LT5 FOLIOSの話\n\nほか。\n"})
    g = build(root, nlp=nlp).graph
    presented = {(g.nodes[u]["title"], g.nodes[v]["label"]) for u, v, k in g.edges(keys=True) if k == "presented_by"}
    assert presented == {("LT4 @someone 様 FOLIOのterraform運用tips", "FOLIO")}


def test_a_company_name_followed_by_a_corporate_katakana_name_is_a_group_company(nlp, write_notes):
    """"KDDIウェブコミュニケーションズ" (even with a blanked tag between the parts) is a company of its own;
    "KDDIのサービス" is KDDI, and a katakana word that is no corporate name ("KDDIウェブ") leaves KDDI."""
    root = write_notes({"m.md": '会場は<a href="x">KDDI</a>ウェブコミュニケーションズ様。KDDIのサービス。KDDIウェブの話。\n'})
    g = build(root, nlp=nlp).graph
    firms = {d["label"] for _, d in g.nodes(data=True) if d.get("kind") == "company"}
    assert firms == {"KDDIウェブコミュニケーションズ", "KDDI"}
