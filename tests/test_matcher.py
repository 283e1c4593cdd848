"""The catalog matcher's rules: normalisation, boundaries, longest match, aliases, guarded names."""
import pytest

from notegraph.extract.matcher import CatalogMatcher

from conftest import make_catalog


@pytest.fixture(scope="module")
def matcher():
    cat = make_catalog(
        {"id": "aws:lambda", "kind": "aws_service", "label": "AWS Lambda", "aliases": ["Lambda"]},
        {"id": "aws:lwa", "kind": "aws_service", "label": "AWS Lambda Web Adapter", "aliases": ["Lambda Web Adapter"]},
        {"id": "aws:edge", "kind": "aws_service", "label": "Lambda@Edge", "aliases": ["LamdbaEdge"]},
        {"id": "aws:s3", "kind": "aws_service", "label": "Amazon S3", "aliases": ["S3"]},
        {"id": "aws:sfn", "kind": "aws_service", "label": "AWS Step Functions", "aliases": ["Step Functions"]},
        {"id": "aws:cdk", "kind": "aws_service", "label": "AWS CDK", "aliases": ["CDK"]},
        {"id": "tool:java", "kind": "tool", "label": "Java"},
        {"id": "tool:javascript", "kind": "tool", "label": "JavaScript"},
        {"id": "tool:go", "kind": "tool", "label": "Go", "aliases": ["Golang"], "guarded": ["Go"]},
        {"id": "tool:php", "kind": "tool", "label": "PHP"},
        {"id": "company:amazon", "kind": "company", "label": "Amazon"},
        {"id": "company:jiji", "kind": "company", "label": "時事通信社", "aliases": ["時事通信"]},
        stopwords=["Amazon Web Services"],
    )
    return CatalogMatcher(cat)


def found(matcher, text):
    return [(m.surface, m.entity_id) for m in matcher.find(text)]


def test_glued_to_japanese(matcher):
    assert found(matcher, "S3バケットとLambda関数") == [("S3", "aws:s3"), ("Lambda", "aws:lambda")]


def test_nfkc_width_and_case(matcher):
    assert found(matcher, "ＬＡＭＢＤＡを使う ｓ３") == [("ＬＡＭＢＤＡ", "aws:lambda"), ("ｓ３", "aws:s3")]


def test_longest_match_wins(matcher):
    assert found(matcher, "AWS Lambda Web Adapterを試す") == [("AWS Lambda Web Adapter", "aws:lwa")]


def test_misspelling_alias(matcher):
    assert found(matcher, "Origin Request時に実行する LamdbaEdge") == [("LamdbaEdge", "aws:edge")]


def test_no_space_variant_of_multiword_name(matcher):
    assert found(matcher, "StepFunctionsで") == [("StepFunctions", "aws:sfn")]


def test_ascii_boundaries(matcher):
    assert found(matcher, "JavaScriptとJava") == [("JavaScript", "tool:javascript"), ("Java", "tool:java")]
    assert found(matcher, "cdk-ecs-deploymentかCDK") == [("CDK", "aws:cdk")]
    assert found(matcher, "AS3 Lambdas") == []


def test_stopword_hides_shorter_name(matcher):
    assert found(matcher, "Amazon Web Services と Amazon の例") == [("Amazon", "company:amazon")]


def test_japanese_company_names(matcher):
    assert found(matcher, "時事通信社") == [("時事通信社", "company:jiji")]


@pytest.mark.parametrize("text, expected", [
    ("* Go", True),                           # a list item that is only the name
    ("バックエンドはGo、フロントはPHP", True),   # other entity on the line, Japanese neighbours
    ("Goで書いたCLI", True),                   # Japanese right after it
    ("written in Go 1.22", True),             # cue: version
    ("Go to the docs and read them.", False),  # English verb
    ("let's go there", False),                # wrong case
    ("Golang is fun", True),                  # unguarded alias
    ("OS: Go 10 (64bit)", True),              # a release number right after it
    ("Go 3回目の挑戦", False),                 # a count, not a release
])
def test_guarded_names_need_tech_context(matcher, text, expected):
    assert any(eid == "tool:go" for _, eid in found(matcher, text)) is expected


def test_a_company_before_an_event_word_is_the_company():
    from notegraph.extract.matcher import names_a_product
    text = "Cookpad TechConf 2018に行ってきた"
    assert not names_a_product(text, 0, 7)
    assert names_a_product("Microsoft Teams で会議", 0, 9)  # counter-example: a product of the company


@pytest.mark.parametrize("text, expected", [
    ("告知はTwitterで行った", True),            # a Japanese clause uses the name as a noun
    ("Twitterの通知が来た", True),
    ("Follow us on Twitter today", False),     # English sentence: the guard holds
    ("Twitter処理のバッチ", False),             # a compound, not a particle
    ("主な情報源はtwitterで検索", True),        # lower case, used as a noun in a Japanese clause
    ("I follow twitter daily", False),         # lower case in English: a word
    ("twitter処理のバッチ", False),             # lower case in a compound
    ("Twitter の通知が来た", True),             # a space before the particle, as many blogs write
    ("Twitter  の通知", False),                 # more than one space: not the same clause
])
def test_a_guarded_name_used_as_a_noun_in_japanese(text, expected):
    from notegraph.extract.matcher import CatalogMatcher
    m = CatalogMatcher(make_catalog({"id": "tool:twitter", "kind": "tool", "label": "Twitter", "guarded": ["Twitter"]}),
                       fuzzy=False)
    assert any(h.entity_id == "tool:twitter" and h.confirmed for h in m.find(text)) is expected


def test_a_title_case_name_with_a_function_word_needs_only_its_case():
    from notegraph.extract.matcher import TITLE_PHRASE
    assert TITLE_PHRASE.fullmatch("Ruby on Rails") and TITLE_PHRASE.fullmatch("Step Functions")
    assert not TITLE_PHRASE.fullmatch("Rails") and not TITLE_PHRASE.fullmatch("ruby on rails")


def test_an_aws_name_in_a_japanese_clause_still_needs_context():
    from notegraph.extract.matcher import CatalogMatcher
    m = CatalogMatcher(make_catalog({"id": "aws:lambda", "kind": "aws_service", "label": "AWS Lambda",
                                     "aliases": ["Lambda"], "guarded": ["Lambda"]}), fuzzy=False)
    assert not any(h.confirmed for h in m.find("JavaのLambdaの書き方"))  # a lambda expression


@pytest.fixture(scope="module")
def packages():
    cat = make_catalog(
        {"id": "tool:rsync", "kind": "tool", "label": "rsync", "prose_only": True},
        {"id": "tool:hostname", "kind": "tool", "label": "hostname", "prose_only": True},
        {"id": "tool:clamav", "kind": "tool", "label": "clamav", "prose_only": True},
        {"id": "tool:uuid", "kind": "tool", "label": "uuid", "prose_only": True},
        {"id": "tool:ccache", "kind": "tool", "label": "ccache", "prose_only": True},
        {"id": "tool:terraform", "kind": "tool", "label": "Terraform"},
    )
    return CatalogMatcher(cat)


@pytest.mark.parametrize("text, expected", [
    ("デプロイにrsyncを使っている", [("rsync", "tool:rsync")]),
    ("初回は  rsync  で同期する", [("rsync", "tool:rsync")]),  # a code span's ticks are blanked to spaces
    ("- rsync", [("rsync", "tool:rsync")]),  # alone in a list item
    ("run rsync with Terraform", [("Terraform", "tool:terraform")]),  # English text: not even with context
    ("hostname = example.local", []),  # a config key
    ("Rsyncで同期", [("Rsync", "tool:rsync")]),  # capitalised as a proper name (five letters or more)
    ("ClamAVを導入する", [("ClamAV", "tool:clamav")]),  # the project's own mixed case
    ("UUIDを指定する", []),  # capitals: the concept's acronym
    ("* ccache : キャッシング", [("ccache", "tool:ccache")]),  # the term a list item defines
    # a blog export's link, blanked: '<a class="keyword" href="…">rsync</a>で同期' reads "rsyncで同期"
    ("初回は" + " " * 40 + "rsync" + " " * 4 + "で同期する", [("rsync", "tool:rsync")]),
    ("Then run" + " " * 40 + "rsync" + " " * 4 + " again.", []),  # the blanks skipped, English text
])
def test_package_names_count_only_in_japanese_prose(packages, text, expected):
    assert found(packages, text) == expected


def test_a_command_counts_only_as_typed(packages):
    """A command of a Debian package (source ``debian-cmd``) is matched in lower case only: "Indexer",
    "Timeout" are words; "iostatコマンド" is the command."""
    m = CatalogMatcher(make_catalog(
        {"id": "tool:iostat", "kind": "tool", "label": "iostat", "prose_only": True, "source": "debian-cmd:iostat"},
        {"id": "tool:indexer", "kind": "tool", "label": "indexer", "prose_only": True, "source": "debian-cmd:indexer"},
        {"id": "tool:keepalived", "kind": "tool", "label": "keepalived", "prose_only": True, "source": "debian:keepalived"}))
    assert found(m, "iostatコマンドで見る") == [("iostat", "tool:iostat")]
    assert found(m, "Indexerが構成したインデックス") == [] and found(m, "Iostatで見る") == []
    assert found(m, "Keepalivedを入れた") == [("Keepalived", "tool:keepalived")]  # a package keeps its rule


def test_package_names_do_not_block_proposals(packages):
    assert "rsync" not in packages.names and "terraform" in packages.names


@pytest.mark.parametrize("text, expected", [
    ("Java8で動かす", [("Java", "tool:java")]),                    # a release glued to the name
    ("Java10のvar記法", [("Java", "tool:java")]),
    ("Java8〜16", [("Java", "tool:java")]),
    ("Java123を使う", []),                                         # not a release: three digits
    ("@java8 さん", []),                                           # a handle
    ("JavaScript2()を呼ぶ", []),                                   # a function
    ("Go1で書く", []),                                             # a guarded name's glued number is no release
])
def test_a_release_number_glued_to_a_name(matcher, text, expected):
    assert found(matcher, text) == expected


def test_a_guarded_name_after_a_name_with_inner_capitals_is_part_of_it():
    cat = make_catalog({"id": "aws:connect", "kind": "aws_service", "label": "Amazon Connect", "aliases": ["Connect"],
                        "guarded": ["Connect"]},
                       {"id": "tool:mysql", "kind": "tool", "label": "MySQL"})
    m = CatalogMatcher(cat)
    assert [x.surface for x in m.find("MySQL Connect 2013に参加した")] == ["MySQL"]  # Oracle's event, not AWS
    assert [x.surface for x in m.find("Amazon Connect 2024の新機能")] == ["Amazon Connect"]
    assert [x.surface for x in m.find("Connect 2 を使う MySQL")] == ["Connect", "MySQL"]  # a release: the name


@pytest.fixture(scope="module")
def letters():
    return CatalogMatcher(make_catalog(
        {"id": "tool:c", "kind": "tool", "label": "C", "aliases": ["C言語"], "guarded": ["C"]},
        {"id": "tool:r", "kind": "tool", "label": "R", "guarded": ["R"]},
        {"id": "tool:cpp", "kind": "tool", "label": "C++"},
        {"id": "tool:python", "kind": "tool", "label": "Python"},
        {"id": "tool:sqlite", "kind": "tool", "label": "SQLite"}))


@pytest.mark.parametrize("text, expected", [
    ("Cで書くと速い", ["C"]),
    ("CやC++などの言語", ["C", "C++"]),
    ("Excel、Python、Rのnotebook", ["Python", "R"]),
    ("SQLite は C ライブラリであり", ["SQLite", "C"]),
    ("通常の手続き型言語(Cとか)に比べて", ["C"]),
    ("LANG=C で Python を実行", ["Python"]),              # a locale
    ("Copyright (C) 2020 Python Software Foundation", ["Python"]),
    ("R&D部門で Python を書く", ["Python"]),              # research and development
    ("A,B,Cすべて Python で書く", ["Python"]),            # a list of letters, not a language
    ("C、C++、Pythonで書く", ["C", "C++", "Python"]),
    ("Cドライブに Python を入れる", ["Python"]),           # a drive
    ("C:\\\\Program Files に Python", ["Python"]),
])
def test_one_letter_languages_only_where_the_line_speaks_of_code(letters, text, expected):
    assert [m.surface for m in letters.find(text)] == expected


def test_a_name_of_five_capitals_is_a_word_written_any_case_but_a_short_acronym_is_not():
    m = CatalogMatcher(make_catalog({"id": "tool:nginx", "kind": "tool", "label": "NGINX"},
                                    {"id": "aws:waf", "kind": "aws_service", "label": "AWS WAF", "aliases": ["WAF"]}))
    assert [x.entity_id for x in m.find("Nginxとnginxの設定")] == ["tool:nginx", "tool:nginx"]
    assert [x.entity_id for x in m.find("WAFを有効にした")] == ["aws:waf"]
    assert m.find("wafを焼いた") == []  # counter-example: a short acronym is only its capitals


def test_a_package_name_capitalised_as_a_proper_name_counts_in_japanese_prose():
    m = CatalogMatcher(make_catalog({"id": "tool:keepalived", "kind": "tool", "label": "keepalived", "prose_only": True},
                                    {"id": "tool:eric", "kind": "tool", "label": "eric", "prose_only": True}))
    assert [x.entity_id for x in m.find("MySQL + Keepalived で冗長化")] == ["tool:keepalived"]
    assert m.find("KEEPALIVEDを使う") == []  # counter-examples: capitals are an acronym's,
    assert m.find("Ericが話した") == []       # and a short capitalised word may be a first name


def test_a_guarded_name_in_a_title_cased_english_title_waits_for_the_note(matcher):
    """"Profiling Go Application": in title case every word is capitalised, so "Go" is not part of a longer
    name -- an unconfirmed hit the note confirms or not; two capitalised words ("Go Fuzz") or a catalog
    name next to it ("PHP Go Bridge") still read as one longer name."""
    hits = {m.surface: m.confirmed for m in matcher.find("Profiling Go Application", unconfirmed=True)}
    assert hits == {"Go": False}
    assert not matcher.find("Profiling Go Application")  # never confirmed by itself
    assert not matcher.find("Go Fuzz", unconfirmed=True)
    assert not [m for m in matcher.find("Using PHP Go Bridge", unconfirmed=True) if m.surface == "Go"]
