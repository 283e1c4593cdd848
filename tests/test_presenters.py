"""Speakers and their companies from talk headings and the lines under them (extract/presenters.py).

Names are invented; the shapes are those seen in several authors' event reports."""
import pytest

from notegraph.catalog import load_catalog
from notegraph.extract.companies import UNVERIFIED_PREFIX
from notegraph.extract.affiliations import looks_like_person, name_shaped, resolve_company
from notegraph.extract.presenters import parse_speaker_text


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.mark.parametrize("text,heading,speakers,companies", [
    ("Serverless at scale | Jane Doe - Example Works", True, ["Jane Doe"], ["Example Works"]),
    ("Serverless on Azure | Chris Roe & Tom Lee - Microsoft", True, ["Chris Roe", "Tom Lee"], ["Microsoft"]),
    ("スポンサーセッション(Exampleさん)", True, [], ["Example"]),
    ("試してみよう、デプロイ！【サンプル技研株式会社】", True, [], ["サンプル技研株式会社"]),
    ("基調講演 - サンプル株式会社　エバンジェリスト山田 章さん 『クラウドの未来』", True, ["山田 章"],
     ["サンプル株式会社 エバンジェリスト"]),
    ("経営とエンジニアリング / 松本 勇気", True, ["松本 勇気"], []),
    ("LT1 @example_user 様 Terraformを管理している話", True, ["@example_user"], []),
    ("平塚様：チューニングの復習", True, ["平塚"], []),
    ("… by AWSJ 山田 花子様", True, ["山田 花子"], ["AWSJ"]),
    ("タイトル\t山田 太郎（株式会社Example）", True, ["山田 太郎"], ["株式会社Example"]),
    ("CI高速化の話 / tanaka_k / Example Japan", True, ["tanaka_k"], ["Example Japan"]),  # a bare handle
    ("CI高速化の話 / tanaka_k", True, ["tanaka_k"], []),                              # never a company
    ("監視の話 / 山田 / 株式会社テスト", True, ["山田"], ["株式会社テスト"]),          # 株式会社: no person
    ("Goの話 / kubernetes / Example", True, [], ["Example"]),                         # a word is no handle
    ("EKSの話 / ExampleCo / name123 @handle", True, ["@handle"], ["ExampleCo"]),       # the company before the handle
    ("LT: CIの話 (ExampleCo 井上)", True, ["井上"], ["ExampleCo"]),                    # company, then a kanji name
    ("監視の話 / Example 8", True, [], ["Example"]),                                   # a number is no part of it
    ("LT: CIの話 (Kubernetes入門)", True, [], []),                                     # brackets holding no person
    ("（Example Cloud/ExampleDB Bruce Stone 氏）", False, ["Bruce Stone"], ["ExampleDB"]),
    ("[鈴木 一郎][6](株式会社サンプルシステム 開発事業部 チーフプログラマ)", False, ["鈴木 一郎"],
     ["株式会社サンプルシステム 開発事業部 チーフプログラマ"]),
    ("+ 登壇者: [Koji Sample](https://github.com/ksample) さん", False, ["Koji Sample"], []),
    ("**さとう ひろし [@hsample](https://twitter.com/hsample) (Sample Fukuoka)**", False, ["@hsample"],
     ["Sample Fukuoka", "さとう ひろし @hsample"]),  # the company after the handle (the second: no company shape)
])
def test_speaker_texts(text, heading, speakers, companies):
    parsed = parse_speaker_text(text, heading)
    assert list(parsed.speakers) == speakers
    assert [c for c, _ in parsed.companies] == companies


def test_a_quoted_title_is_not_a_company():
    parsed = parse_speaker_text("桜庭さん 『Project Jigsawではじめるモジュール』", True)
    assert parsed.speakers == ("桜庭",) and parsed.companies == ()


def test_a_title_before_the_speaker_only_counts_when_known_or_marked(catalog):
    (text, rule), = parse_speaker_text("HomeKitで家電を操作 香川さん", True).companies
    assert resolve_company(text, catalog, set(), propose=rule != "text before the speaker") == (None, False)


@pytest.mark.parametrize("name", ["山田 太郎", "Jane Doe", "@handle123", "JAWS-UG", "Ops-JAWS", "個人", "フリーランス",
                                  "Sales Director", "テーブルの非正規化を行うそうです", "8月26日追記", "LT4 @sion",
                                  "オレ", "massan_77", "某2社"])
def test_never_a_company(catalog, name):
    assert resolve_company(name, catalog, set()) == (None, False)


def test_unknown_affiliation_is_proposed_without_its_marker(catalog):
    entity_id, new = resolve_company("株式会社サンプル技研", catalog, set())
    assert new and entity_id == UNVERIFIED_PREFIX + "サンプル技研"
    assert resolve_company("Example Works", catalog, set()) == (UNVERIFIED_PREFIX + "Example Works", True)


def test_known_company_resolves_to_the_catalog(catalog):
    assert resolve_company("Hatena", catalog, set()) == ("company:hatena", False)
    assert resolve_company("株式会社はてな", catalog, set()) == ("company:hatena", False)


@pytest.mark.parametrize("name", ["AWS", "AWSJ", "AWS Japan", "Amazon Web Services Japan", "アマゾン ウェブ サービス ジャパン",
                                  "アマゾンウェブサービスジャパン株式会社"])
def test_aws_as_an_affiliation_is_the_japanese_company(catalog, name):
    assert resolve_company(name, catalog, set()) == ("company:aws-japan", False)


def test_aws_in_a_talk_heading_is_no_presenter_unless_in_a_company_slot():
    assert parse_speaker_text("AWSでサーバーレス入門", True).companies == ()
    assert [c for c, _ in parse_speaker_text("Growing up Serverless | Keisuke Sample - AWS", True).companies] == ["AWS"]


def test_name_shapes():
    assert name_shaped("Riotz Works", False) and name_shaped("さくら技研", True)
    assert not name_shaped("日下部 with 後輩の方", False)
    assert looks_like_person("伊藤 敬") and looks_like_person("Nick Gottlieb")
    assert not looks_like_person("Riotz Works") and not looks_like_person("SUPINF Inc.")


def test_speakers_table_under_a_talk_heading():
    from notegraph.extract.presenters import table_speakers
    from notegraph.structure import Segment
    header = ["Language", "Speaker", "Session Type"]
    row = table_speakers(Segment(3, "| Japanese | 山田 花子(株式会社サンプル) | Sponsor Session |", 0), header)
    assert row.speakers == ("山田 花子",) and [c for c, _ in row.companies] == ["株式会社サンプル"]
    assert table_speakers(Segment(2, "| --- | --- | --- |", 0), header).speakers == ()
    plain = table_speakers(Segment(3, "| Japanese | 山田 花子 | Sponsor Session |", 0), ["Language", "Level", "Type"])
    assert plain.speakers == () and plain.companies == ()  # no speaker column: nothing taken


def test_a_company_s_own_conference_presents_its_talks(nlp, write_notes):
    from notegraph.build import build
    root = write_notes({"c.md": "---\ntitle: メルカリ Tech Conf 2018に行ってきた\n---\n## LT1: 監視の話\nx\n"
                                "## LT2: CIの話 / 山田 (株式会社サンプル)\ny\n",
                        "d.md": "---\ntitle: メルカリの勉強会に行ってきた\n---\n## LT1: 監視の話\nx\n"})
    g = build(root, nlp=nlp).graph
    by = lambda talk: {g.nodes[v]["label"] for _, v, k in g.out_edges(talk, keys=True) if k == "presented_by"}
    assert by("talk:c.md#1") == {"メルカリ"} and by("talk:c.md#2") == {"サンプル"}
    assert by("talk:d.md#1") == set()  # a study group that merely names a company is not its conference


def test_a_two_word_latin_organisation_beside_its_speaker(catalog):
    parsed = parse_speaker_text("（Example Microsystems 伊藤 敬 氏）", False)
    assert parsed.speakers == ("伊藤 敬",)
    (text, rule), = parsed.companies
    assert resolve_company(text, catalog, set(), separated=True) == (UNVERIFIED_PREFIX + "Example Microsystems", True)
    assert resolve_company("Jane Doe", catalog, set()) == (None, False)  # alone in a slot it reads as a person


def test_a_role_is_no_speaker():
    assert parse_speaker_text("（エスカフラーチェLLC デザイナー）", False).speakers == ()


def test_a_name_with_its_handle_under_the_heading():
    from notegraph.extract.presenters import is_speaker_line
    line = "> **谷本 心** ([@example\\_t](https://twitter.com/example_t))"
    assert is_speaker_line(line) and parse_speaker_text(line, False).speakers == ("谷本 心",)
    assert not is_speaker_line("Daprを実案件で使ってみました (@example_t さんの発表)")


def test_with_the_title_quoted_apart_the_text_before_the_speaker_is_the_organisation():
    (text, rule), = parse_speaker_text("サンプル救援隊(IT SAMPLE)　酒田 祐介さん 『エンジニアにできること』", True).companies
    assert (text, rule) == ("サンプル救援隊", "company before the speaker")
    (_, rule), = parse_speaker_text("HomeKitで家電を操作 香川さん", True).companies  # no quoted title: it may be one
    assert rule == "text before the speaker"


def test_title_words_before_a_marked_company_are_not_its_name(catalog):
    assert resolve_company("Mackerel インフラ基盤 AWS 移行の舞台裏 株式会社はてな", catalog, set()) == ("company:hatena", False)
    assert resolve_company("事例紹介 サンプル技研株式会社", catalog, set()) == (UNVERIFIED_PREFIX + "サンプル技研", True)


def test_a_marked_affiliation_named_like_a_product_is_its_maker(catalog):
    names = {"serverless", "datadog"}
    assert resolve_company("Serverless,inc", catalog, names) == (UNVERIFIED_PREFIX + "Serverless", True)
    assert resolve_company("Serverless", catalog, names) == (None, False)  # unmarked: the product


def test_an_affiliation_keeps_its_written_name_as_an_alias(nlp, write_notes):
    from notegraph.build import build
    root = write_notes({"m.md": "---\ntags: [meetup]\n---\n# Sample Meetup\n## 速くする話\n（Sample OSS,Inc.日本支社 鈴木 一郎 氏）\n"})
    g = build(root, nlp=nlp).graph
    (n, d), = [(n, d) for n, d in g.nodes(data=True) if d.get("kind") == "company"]
    assert d["label"] == "Sample OSS" and "Sample OSS,Inc." in d["aliases"].split("|")
    assert g.has_edge("talk:m.md#1", n, "presented_by")


@pytest.mark.parametrize("after, own", [
    (" Tech Conference 2018に行ってきた", True), (" Tech Conferecne 2018に行ってきた", True),  # a typo of the word
    (" TechCon 2019", True), (" Tech Confidential の脆弱性", False), ("の勉強会", False), (" Technology Radar", False),
])
def test_own_conference_words(after, own):
    from notegraph.extract.presenters import _OWN_CONFERENCE
    assert bool(_OWN_CONFERENCE.match(after)) is own


def test_brackets_after_a_handle_hold_the_company_even_if_it_reads_like_a_name(catalog):
    from notegraph.extract.presenters import is_speaker_line
    line = "**さとう ひろし [@hsample](https://twitter.com/hsample) (Sample Fukuoka)**"
    assert is_speaker_line(line)
    (text, rule), *_ = parse_speaker_text(line, False).companies
    assert rule == "company in brackets with the speaker"
    assert resolve_company(text, catalog, set(), separated=True) == (UNVERIFIED_PREFIX + "Sample Fukuoka", True)
    (_, rule), = parse_speaker_text("山田 太郎 (Taro Yamada)", False).companies  # a reading, not after a handle
    assert rule == "speaker or company in brackets"


@pytest.mark.parametrize("line, presenter", [
    ("最初は株式会社メルカリ(MC)の山田さんによる、監視の話から始まりました。", "メルカリ"),
    ("メルカリの山田様から、CIの話がありました。", "メルカリ"),
    ("メルカリの山田 花子さんの発表です。", "メルカリ"),
    ("メルカリSREの山田様による、監視の話。", "メルカリ"),         # the speaker's team after the company
    ("メルカリの山田さんに質問した。", None),        # asked a question: no word of giving the talk
    ("メルカリのサービスについての話。", None),      # a company, no person
    ("メルカリさんからの参加です。", "メルカリ"),     # the company itself called さん, taking part with the talk
    ("メルカリ 井上さんの発表です。", "メルカリ"),    # the company, a space, the speaker
    ("メルカリ 井上さんに質問した。", None),
    ("メルカリさんによる事例紹介。", "メルカリ"),
    ("メルカリさんのサービスを使っている。", None),  # its service, no word of giving
])
def test_the_speaker_s_company_in_the_first_prose_under_the_heading(nlp, write_notes, line, presenter):
    from notegraph.build import build
    root = write_notes({"m.md": f"---\ntags: [meetup]\n---\n# Sample Meetup\n## セッション1 監視の最新動向\n\n{line}\n"})
    g = build(root, nlp=nlp).graph
    got = {g.nodes[v]["label"] for _, v, k in g.out_edges("talk:m.md#1", keys=True) if k == "presented_by"}
    assert got == ({presenter} if presenter else set())


def test_a_company_s_person_further_down_the_talk_is_no_presenter(nlp, write_notes):
    from notegraph.build import build
    body = "\n\n".join(["監視の話。", "アラートの話。", "ダッシュボードの話。", "メルカリの山田さんによる補足もあった。"])
    root = write_notes({"m.md": f"---\ntags: [meetup]\n---\n# Sample Meetup\n## セッション1 監視の最新動向\n\n{body}\n"})
    g = build(root, nlp=nlp).graph
    assert not [v for _, v, k in g.out_edges("talk:m.md#1", keys=True) if k == "presented_by"]


def test_a_line_that_only_starts_and_ends_with_brackets_is_no_speaker_line():
    from notegraph.extract.presenters import is_speaker_line
    assert is_speaker_line("（株式会社サンプル 山田 太郎）")
    assert not is_speaker_line("(クライアント/スマホ)Unity実装 <--HTTP/json--> (サーバ)golang実装(lib:goji,gorm)")


@pytest.mark.parametrize("title, sponsor", [
    ("Sponsor Session   Example Do", "Example Do"),
    ("スポンサーLT: Example", "Example"),
    ("Sponsor Session Example [今、Exampleで働く魅力](https://example.com/s)", "Example"),
    ("Sponsor Session: Building great APIs", None),      # a title, not a sponsor's name
    ("スポンサーセッション Kubernetesで始めるCI", None),  # (hiragana: a sentence)
    ("Session Example", None),                          # no sponsor word
])
def test_a_sponsor_session_names_its_sponsor(title, sponsor):
    from notegraph.extract.presenters import sponsor_of
    assert sponsor_of(title) == sponsor


def test_a_sponsor_session_heading_is_presented_by_its_sponsor(nlp, write_notes):
    from notegraph.build import build
    root = write_notes({"m.md": "---\ntags: [meetup]\n---\n# Sample Conf\n## Sponsor Session   Exampleware\n\nx\n"
                                "## LT1 監視の話\n\ny\n"})
    g = build(root, nlp=nlp).graph
    got = {g.nodes[v]["label"] for _, v, k in g.out_edges("talk:m.md#1", keys=True) if k == "presented_by"}
    assert got == {"Exampleware"}


def test_a_profile_link_in_brackets_is_the_speaker_s_handle_not_a_company(nlp, write_notes):
    from notegraph.build import build
    root = write_notes({"m.md": "---\ntags: [meetup]\n---\n# Sample Meetup\n## セッション1 監視の話\n\n"
                                "+ 登壇者 : 前川 博志 さん( [Exhandle](https://twitter.com/Exhandle) )\n\n"
                                "## セッション2 ログの話\n\n+ 登壇者 : 山田さん(株式会社Exampleware)\n"})
    g = build(root, nlp=nlp).graph
    got = {(u, g.nodes[v]["label"]) for u, v, k in g.edges(keys=True) if k == "presented_by"}
    assert got == {("talk:m.md#2", "Exampleware")}  # counter-example: a company in brackets stays one
    assert not [n for n, d in g.nodes(data=True) if d.get("label") == "Exhandle"]


def test_a_list_of_the_talks_videos_names_speakers_and_companies(nlp, write_notes):
    """"- [Talk title](video URL) NAME (Company)" beside talk headings gives that talk's speaker and
    company; an item whose link names no talk, or that goes on with a sentence, gives nothing."""
    from notegraph.build import build
    body = ("## EKS運用の裏側\n話。\n## 監視基盤のつくりかた\n話。\n## CI高速化\n話。\n## 動画\n"
            "- [EKS運用の裏側](https://www.youtube.com/watch?v=a) 山田 花子 (株式会社サンプルテック)\n"
            "- [監視基盤のつくりかた](https://www.youtube.com/watch?v=b) の資料はこちら\n"
            "- [別の話](https://www.youtube.com/watch?v=c) 佐藤 太郎 (株式会社テスト商会)\n")
    root = write_notes({"m.md": f"---\ntitle: \"Example Meetup #6 参加レポート\"\ntags: [meetup]\n---\n{body}"})
    g = build(root, nlp=nlp).graph
    by = {t: ({g.nodes[v]["label"] for _, v, k in g.out_edges(t, keys=True) if k == "presented_by"}, g.nodes[t].get("speakers"))
          for t in ("talk:m.md#1", "talk:m.md#2", "talk:m.md#3")}
    assert by["talk:m.md#1"] == ({"サンプルテック"}, "山田 花子")
    assert by["talk:m.md#2"][0] == set() and not by["talk:m.md#2"][1]
    assert by["talk:m.md#3"][0] == set()
