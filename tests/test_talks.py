"""Event-note signals and talk-heading selection (notegraph.talks), each with a counter-example.

Names and titles below are invented; the shapes are those seen in several authors' event reports."""
import pytest

from notegraph.notes import Note
from notegraph.structure import structure_of
from notegraph.talks import event_signals, is_activity, is_event_note, is_housekeeping, is_narrative, is_session_group, talk_signals


def note(body="", title="T", tags=(), path="n.md", metadata=None):
    return Note(path=path, title=title, body=body, body_line=1, tags=list(tags), metadata=metadata or {})


@pytest.mark.parametrize("title", [
    "Example Meetup #3に参加しました", "FooConf Tokyo 2019 に行ってきた", "Bar Hacks Nightに参加する",
    "Example祭りに行ってきた", "Mackerel Day 2017", "Example vol.3 recap", "ExampleKaigi 2020 振り返り",
    "YAPC::Somewhere 2024に参加してきたよ", "【オンライン】 Java 記念イベント【セッション資料まとめ】",
    "JJUG CCC 2019 Fall セッション資料まとめ", "第8回 Example勉強会",
])
def test_event_titles(title):
    assert is_event_note(note(title=title))


@pytest.mark.parametrize("title", [
    "AlacrittyからAppleScriptを実行するときにエラー System Events got an error", "Day.js の使い方",
    "イベント駆動アーキテクチャ入門", "nginx.conf の書き方", "Ubuntu 22.04 LTS を入れる", "Day 1",
    "OSSに参加して得たもの", "Today I learned: Lambda", "2023年の振り返り", "今月のふりかえり", "『WEB+DB PRESS Vol.97』を読んだ",
    "『ある記事』から振り返りが有効なのであろう",  # the practice of looking back, not an event's recap
])
def test_not_event_titles(title):
    assert not is_event_note(note(title=title))


@pytest.mark.parametrize("title, activity", [
    ("第4回チューニンガソン 沖縄サテライトに参加してきました", True), ("KITハッカソン勉強会に参加", True),
    ("Example Hackathon 2019", True), ("JAWS-UG沖縄 もくもく作業メモ", True), ("Example読書会#7", True),
    ("MSPJマイグレーションコンペティション2017winter へ参加してきました", True),
    ("Example Meetup #3に参加しました", False), ("ビジネスパーソンのための勉強会", False),  # パーソン is no -thon
    ("TDD Boot Camp Tokyo に参加", False),  # a boot camp's sessions are lectures
])
def test_activity_events(title, activity):
    assert is_activity(title) is activity


def test_an_activity_report_s_plain_headings_are_not_talks():
    """At a hackathon, a contest or a reading circle the author works: plain headings are what they did;
    a heading with a talk's signals is still a talk."""
    body = "## 私の狙い\nx\n## 結果\ny\n"
    assert structure_of(note(body, title="Exampleハッカソンに参加")).talks == []
    assert len(structure_of(note(body, title="Example Meetup #3に参加")).talks) == 2
    signalled = "## 「審査員講評」山田さん\nx\n## 結果\ny\n## 感想戦\nz\n"
    assert [t.title for t in structure_of(note(signalled, title="Exampleハッカソンに参加")).talks] == ["「審査員講評」山田さん"]


@pytest.mark.parametrize("title, narrative", [
    ("で、どうだったの", True), ("というわけで今年は", True), ("そしてビーチパーティへ", True),  # goes on from before
    ("なんでこんなことしたん？", True), ("達成感は？", True),          # a question naming no product
    ("Java 10でぼくたちの生活は どうかわるの？", False),               # a talk may ask about a product
    ("「JenkinsとDocker、何が良いの？」", False),                      # a signalled title is a talk's
    ("でんでん太鼓の話", False), ("Kubernetes運用の話", False),
    ("HoloLens がすごかった", True), ("Kubernetesを導入してみた", False),  # an impression; a talk's "…してみた"
])
def test_narrative_headings(title, narrative):
    assert is_narrative(title) is narrative


def test_the_author_s_story_headings_are_not_plain_talks():
    """An event report whose headings tell the author's day: questions and sentences going on are not
    talks, and neither are 開始前, 昼休み, 経緯, プレゼン感想 (housekeeping); the talk titles stay."""
    body = ("## なんで来たん？\nx\n## Kubernetes運用の話\ny\n## 昼休み\nz\n## Terraformの設計\nw\n"
            "## で、どうだったの\nv\n## プレゼン感想\nu\n## 当日のスライド\nt\n## 無難な雑感\ns\n")
    talks = [t.title for t in structure_of(note(body, title="Example Meetup #3に参加")).talks]
    assert talks == ["Kubernetes運用の話", "Terraformの設計"]


def test_event_tags_categories_and_paths():
    assert is_event_note(note(tags=["meetup"]))
    assert is_event_note(note(metadata={"categories": ["event-report"]}))
    assert is_event_note(note(path="meetups/2024-06.md"))
    assert not is_event_note(note(tags=["session"], title="Oracle DBのセッションを増やす"))
    assert not is_event_note(note(path="mac/error System Events got an error.md"))


def test_a_generic_tag_alone_gives_no_fallback_talks():
    body = "## 事の始まり\nx\n## しかし動かない\ny\n"
    assert structure_of(note(body, tags=["study-group"])).talks == []
    assert [t.title for t in structure_of(note(body, title="Example勉強会に参加しました")).talks] == [
        "事の始まり", "しかし動かない"]
    assert event_signals(note(tags=["study-group"])) == ["tag:study-group"]


@pytest.mark.parametrize("heading,signal", [
    ("09:50 Opening Keynote", "time slot"), ("How we run it by Taro", "by NAME"),
    ("1コマ目「コンテナ入門」", "quoted title"), ("スポンサーセッション(Exampleさん)", "speaker in brackets"),
    ("経営とエンジニアリング / 山田 太郎", "speaker after separator"), ("Serverless at scale | Jane Doe - Example", "speaker after separator"),
    ("平塚様：チューニングの復習", "honorific"), ("LT1 @example_user 様 Terraformの話", "handle"),
    ("LT3: ESP8266で歩くロボット", "lightning talk"), ("\\[S1\\] Microservices in Go", "session code"),
    ("AC02: スマートスピーカーを作る", "session code"), ("セッション2 クラウドとキャリア", "session number"),
    ("基調講演", "keynote"),
])
def test_talk_signals(heading, signal):
    assert signal in talk_signals(heading)


@pytest.mark.parametrize("heading", ["var記法とは", "仕様の確認", "たくさんの知見", "Kubernetesの設定", "AC: App Client"])
def test_no_talk_signal(heading):
    assert talk_signals(heading) == []


@pytest.mark.parametrize("heading", ["09:50 break", "12:20 Lunch", "はじめに / 諸説明", "Closing Remarks", "懇親会", "感想",
                                     "全体的な感想を先に", "2次会", "お昼：牛タン", "参考", "目次", "まとめ",
                                     "会場へ", "会場入り", "弁当箱回収", "懇親会2nd", "ブース", "お昼ごはん", "解散", "午前中", "イベント"])
def test_housekeeping(heading):
    assert is_housekeeping(heading)


@pytest.mark.parametrize("heading", ["まとめサイトの作り方", "Lunch LT: 社内勉強会の話", "感想戦ツールを作った話", "参考になったKubernetes運用",
                                     "午前中に組んだCI", "解散命令の実装", "イベント駆動アーキテクチャ入門"])
def test_not_housekeeping(heading):
    assert not is_housekeeping(heading)


def test_session_groups():
    assert all(is_session_group(h) for h in ["セッション", "LT大会", "Day2", "Conference(HALL A)", "Lightning Talks", "講演"])
    assert not any(is_session_group(h) for h in ["セッション1 金融クラウド", "LT1: IoT", "Dayjs入門"])
    assert all(is_session_group(h) for h in ["Day1 2012年9月13日", "2日目 (9/14)", "Day 2: 6/1(土)"])
    assert not any(is_session_group(h) for h in ["Day1 の振り返りとKubernetes", "2日目に話したこと"])


def test_day_headings_are_no_talks_of_a_report_without_talk_signals():
    body = "## Day1 2012年9月13日\n基調講演を聞いた\n## Day2 2012年9月14日\n展示を見た\n"
    assert structure_of(note(body, title="AWS Summit Tokyo 2012に参加しました")).talks == []


def titles(body, **kw):
    return [t.title for t in structure_of(note(body, title="Example Meetup #1", **kw)).talks]


def test_repeated_sub_headings_are_never_talks():
    body = ("# 「コンテナ入門」 山田さん\n## 感想\na\n## 質問\nb\n"
            "# 「監視の話」 鈴木さん\n## 感想\nc\n## 質問\nd\n")
    assert titles(body) == ["「コンテナ入門」 山田さん", "「監視の話」 鈴木さん"]


def test_talk_level_is_chosen_by_signals_not_fixed_at_two():
    body = ("## セッション\n### 経営の話 / 山田 太郎\nx\n### ドキュメント文化 / 鈴木 花子\ny\n"
            "## ビール\nz\n## まとめ\nw\n")
    assert titles(body) == ["経営の話 / 山田 太郎", "ドキュメント文化 / 鈴木 花子"]


def test_containers_give_way_to_the_talks_below():
    body = ("## ブレイクアウトセッション\n### AC: App Client\n#### AC02: スピーカーアプリ\nx\n#### AC03: ブラウザ移行\ny\n"
            "### BZ: Business\n### DA: Data\n#### DA06: BIの話\nz\n")
    assert titles(body) == ["AC02: スピーカーアプリ", "AC03: ブラウザ移行", "DA06: BIの話"]


def test_housekeeping_timetable_headings_are_note_sections():
    body = "## 09:50 break\n## 10:00 「コンテナ入門」 山田さん\nx\n## 12:20 Lunch\n## Closing Remarks\n## 懇親会\n"
    s = structure_of(note(body, title="Example Conf 2024"))
    assert [t.title for t in s.talks] == ["10:00 「コンテナ入門」 山田さん"]
    assert s.talk_of(s.sections[3].index) is None  # Closing Remarks ends the talk


def test_signalled_talk_keeps_its_sub_headings():
    body = "## LT1: 監視の話\n### 背景\n### Prometheusの設定 by 山田\nx\n## LT2: CIの話\n"
    s = structure_of(note(body, title="Example LT会"))
    assert [t.title for t in s.talks] == ["LT1: 監視の話", "LT2: CIの話"]
    assert s.talk_of(2).title == "LT1: 監視の話"


def test_html_headings_can_be_talks():
    body = "<h2>LT1: 監視の話</h2>\n<p>x</p>\n\n<h2>LT2: CIの話</h2>\n<p>y</p>\n"
    assert titles(body) == ["LT1: 監視の話", "LT2: CIの話"]


def test_no_talks_outside_event_notes():
    body = "## LT1: 監視の話\nx\n## LT2: CIの話\n"
    assert structure_of(note(body, title="監視メモ")).talks == []


def test_bold_list_items_are_talks_when_a_note_has_no_talk_headings():
    body = ("今回のセッション。\n\n"
            "  * **基調講演**\n"
            "      * **Path to the Future**  \n        （Example Corp 山田 太郎 氏）\n          * メモ\n"
            "      * **オープンソースの行方**  \n        （Sample 伊藤 氏）\n          * メモ\n"
            "  * **エンタープライズトラック**\n"
            "      * **pgpoolの今**  \n          * メモ\n")
    s = structure_of(note(body, title="PostgreSQL Conference 2008に参加する"))
    assert [t.title for t in s.talks] == ["Path to the Future", "オープンソースの行方", "pgpoolの今"]
    speaker_line = next(seg for seg in s.segments if "Example Corp" in seg.text)
    assert s.talk_of(speaker_line.section).title == "Path to the Future"


def test_bold_lines_are_not_talks_where_headings_are_or_outside_events():
    body = "## LT1: 監視の話\n**まとめ**\n\n**Prometheus**\n\n**Grafana**\n"
    assert titles(body) == ["LT1: 監視の話"]
    assert structure_of(note("**Prometheus**\n\nx\n\n**Grafana**\n\ny\n", title="監視メモ")).talks == []


TIMETABLE = """\
|   | Room A | Room B |
| --- | --- | --- |
| 10:00 \\- 10:45 | [コンテナ入門【株式会社サンプル】](https://example.com/a) 山田太郎 [#ex\\_a1](https://t.example/a1) | 監視の話 鈴木花子 [#ex\\_b1](https://t.example/b1) |
| 11:00 \\- 11:45 | アンカンファレンス | Kubernetes運用の一年 by jdoe |
| 12:00 \\- 12:45 | 昼休憩 | アンカンファレンス |
"""


def test_timetable_cells_are_talks_with_their_bylines():
    s = structure_of(note("タイムテーブル形式に変えています。\n\n" + TIMETABLE, title="Example Conf 2019 セッション資料まとめ"))
    assert [(t.title, t.byline) for t in s.talks] == [
        ("コンテナ入門【株式会社サンプル】", "山田太郎"), ("監視の話", "鈴木花子"), ("Kubernetes運用の一年", "jdoe")]
    heads = [seg for seg in s.segments if seg.heading]
    assert [s.talk_of(seg.section).title for seg in heads] == [t.title for t in s.talks]
    assert "監視" not in heads[0].text and "コンテナ" not in heads[1].text  # each cell is its own talk's text


def test_a_session_label_over_several_cells_keeps_the_cell_as_its_title():
    table = ("| | Room A | Room B |\n| --- | --- | --- |\n"
             "| 10:00 | Sponsor Session   Example | Go GC入門   山田 |\n"
             "| 11:00 | Sponsor Session   Sample   [働く魅力](https://example.com/deck) | Lint の話   鈴木 |\n")
    s = structure_of(note(table, title="Example Conf 2019 セッション資料まとめ"))
    assert [t.title for t in s.talks] == ["Sponsor Session Example", "Go GC入門", "Sponsor Session Sample 働く魅力",
                                          "Lint の話"]  # (a link's text, not its markup)


def test_a_table_of_events_by_date_is_no_timetable():
    table = "|No.|日付|タイトル|\n|-:|:--|:--|\n|1|2014/01/10|Example勉強会 第3回|\n|2|2014/01/18|Sample Meetup #1|\n"
    assert structure_of(note(table, title="2014年の勉強会を振り返り")).talks == []


def test_a_timetable_beside_the_talk_headings_names_their_speakers():
    body = ("| 時間 | 内容 |\n| --- | --- |\n| 15:30～16:00 | Java 14新機能を軽くまとめてみた by きしだ |\n"
            "| 16:10～16:40 | IDEの話 by irof |\n\n## Java 14新機能を軽くまとめてみた\nx\n## IDEの話\ny\n## 懇親会\nz\n")
    s = structure_of(note(body, title="Example Java イベント【セッション資料まとめ】"))
    assert [(t.title, t.byline) for t in s.talks] == [("Java 14新機能を軽くまとめてみた", "きしだ"), ("IDEの話", "irof")]


@pytest.mark.parametrize("cell, title, byline", [
    ("[JUnitで闘う](https://example.com/deck) [動画](https://example.com/v) 山田 太郎", "JUnitで闘う",
     "[動画](https://example.com/v) 山田 太郎"),                                   # a linked title
    ("Javaチューニングの進め方   ![icon](i.png) [動画](https://example.com/v)   川口 貴之",
     "Javaチューニングの進め方", "川口 貴之"),                                    # the cell's first line; no recording
    ("保険システムのアーキテクチャ : 技術的チャレンジ   ![icon](i.png) 動画   白井 翔太",
     "保険システムのアーキテクチャ : 技術的チャレンジ", "白井 翔太"),
    ("Lambdaの話 [山田太郎](https://twitter.com/example)", "Lambdaの話", "[山田太郎](https://twitter.com/example)"),
    ("Java 14の新機能 by きしだ", "Java 14の新機能", "きしだ"),
    ("サーバレスの話 山田", "サーバレスの話", "山田"),
    ("【基調講演】 Runtime Efficiency with GraalVM Oleg Šelajev [#tag_e2](https://example.com/h)",
     "【基調講演】 Runtime Efficiency with GraalVM", "Oleg Šelajev"),          # an accented name before a tag link
    ("Use Kotlin scripts【Example株式会社】 Jane Doe（ジェーン）", "Use Kotlin scripts【Example株式会社】",
     "Jane Doe（ジェーン）"),                                                   # a reading after the name
    ("[](https://example.com/deck)Java で作る Actions   ![icon](i.png) [動画](https://example.com/v)   山田",
     "Java で作る Actions", "山田"),                                              # a link that shows nothing
    ("Getting the Most from Modern Java [#tag_b1](https://example.com/h)", "Getting the Most from Modern Java", ""),
    ("Plug-in Architectures with the Java Module System", "Plug-in Architectures with the Java Module System", ""),
    ("Serverless Framework入門 [#tag_a1](https://example.com/h)", "Serverless Framework入門", ""),  # counter-example: no name, the title is kept whole
])
def test_a_timetable_cell_s_title_and_byline(cell, title, byline):
    from notegraph.talks import split_title
    assert split_title(cell) == (title, byline)


def test_few_signalled_headings_beside_a_group_of_talks_are_the_author_s_sections():
    body = ("# 内容\n## 1コマ目「Goで書く」\nx\n## 2コマ目「Goを読む」\nx\n## 3コマ目「Goで遊ぶ」\nx\n"
            "# 所感\n## 登壇者の配分\nx\n## ツールについて\nx\n## gofmtと「ほんとに？」\nx\n")
    s = structure_of(note(body, title="勉強会行ってみた「第1回 Go勉強会」"))
    assert [t.title for t in s.talks] == ["1コマ目「Goで書く」", "2コマ目「Goを読む」", "3コマ目「Goで遊ぶ」"]


def test_without_a_strongly_signalled_group_every_group_keeps_its_talks():
    body = ("# 午前\n## 「監視」の話\nx\n## ログの話\nx\n## 分析の話\nx\n"
            "# 午後\n## 「CI」の話\nx\n## CDの話\nx\n## テストの話\nx\n")
    s = structure_of(note(body, title="Example Meetup #3 に参加しました"))
    assert len(s.talks) == 6


def test_english_titles_lose_a_trailing_name_only_where_the_timetable_names_speakers():
    named = ("| 時間 | A | B |\n| --- | --- | --- |\n| 10:00 | Kubernetes入門 山田太郎 | Gradle Ex Machina Andres Almiray |\n"
             "| 11:00 | Lambdaの話 鈴木一郎 | Java 21の話 佐藤花子 |\n")
    bare = ("| 時間 | A | B |\n| --- | --- | --- |\n| 10:00 | Microsoft Graph API Library | Continuous Go Fuzzing |\n"
            "| 11:00 | Getting the Most from Modern Java | Using Go plugins |\n")
    title = "Go Conference 2019 Autumn に参加しました"
    assert "Gradle Ex Machina" in [t.title for t in structure_of(note(named, title=title)).talks]
    assert {"Continuous Go Fuzzing", "Getting the Most from Modern Java", "Using Go plugins"} <= {
        t.title for t in structure_of(note(bare, title=title)).talks}


def test_a_timetable_written_as_a_list_of_time_slots():
    """An event note with no talk headings whose timetable is a list ("- 19:30 Title / NAME"): each
    time-slot item is a talk, except housekeeping; one timed item, or a note that is no event report,
    gives none."""
    body = ("タイムテーブル\n\n- 19:00 開場\n- 19:30 Kubernetes運用の話 / 山田 太郎\n"
            "- 20:00 Terraformの設計 / 佐藤 花子\n- 20:30 懇親会\n")
    talks = structure_of(note(body, title="Example Meetup #9 参加レポート")).talks
    assert [t.title for t in talks] == ["Kubernetes運用の話 / 山田 太郎", "Terraformの設計 / 佐藤 花子"]
    assert structure_of(note(body, title="作業ログ")).talks == []  # no event report
    one = "- 19:30 Kubernetes運用の話 / 山田 太郎\n- 懇親会\n"
    assert structure_of(note(one, title="Example Meetup #9 参加レポート")).talks == []
