"""The wider sources of the catalog: simple-icons brands and the official AWS icon names
(catalog/build.py: aws_icon_records, brand_drafts, brand_kind, is_common_name)."""
from __future__ import annotations

import json

import pytest

from notegraph.catalog import build, normalize

CATALOG_PATH = build.DEFAULT_OUT


@pytest.fixture(scope="module")
def by_name() -> dict[str, dict]:
    catalog = json.loads(CATALOG_PATH.read_text(encoding="utf-8"))
    return {normalize(n): e for e in catalog["entities"] for n in [e["label"], *e["aliases"]]}


def owner(by_name, name):
    return by_name.get(normalize(name))


# --- the kind rule: tool unless the brand is an organisation (corporate word, curated list)
@pytest.mark.parametrize("title, kind", [
    ("Bitwarden", "tool"), ("Google Analytics", "tool"), ("Heroic Games Launcher", "tool"), ("Apple News", "tool"),
    ("Japan Airlines", "company"), ("Deutsche Bank", "company"), ("Bambu Lab", "company"),
    ("Yamaha Motor Corporation", "company"), ("Wikimedia Foundation", "company"), ("Riot Games", "company"),
])
def test_brand_kind_rule(title, kind):
    assert build.brand_kind(title, set()) == kind


def test_brand_kind_curated_override():
    assert build.brand_kind("Toyota", {"Toyota"}) == "company"
    assert build.brand_kind("Toyota", set()) == "tool"


# --- the stricter guard rule for names from the wider sources
@pytest.mark.parametrize("name", ["Buffer", "Box", "Line", "Mix", "Apple", "Shell", "Mail", "Twitter", "Home Assistant",
                                  "Charles", "Monica", "Transform", "Panorama", "ab", "X"])
def test_common_names(name):
    assert build.is_common_name(name)


@pytest.mark.parametrize("name", ["Figma", "Bitwarden", "Rocket.Chat", "dev.to", "Apache Solr", "Excalidraw",
                                  "食べログ", "Mastodon"])
def test_distinctive_names(name):
    assert not build.is_common_name(name)


def test_older_rule_is_unchanged_for_existing_names():
    # is_ambiguous (used for every non-strict entity) does not know BRAND_WORDS
    assert not build.is_ambiguous("Python") and build.is_common_name("Python")


def test_icon_names_are_spaced():
    assert build.icon_name("AmazonDataFirehose") == "Amazon Data Firehose"
    assert build.icon_name("AWSCommandLineInterface") == "AWS Command Line Interface"
    assert build.icon_name("AWSDeepLearningAMIs") == "AWS Deep Learning AMIs"
    assert build.icon_name("AmazonApplicationRecoveryController") == "Amazon Application Recovery Controller"
    assert build.icon_name("RedHatOpenShiftServiceonAWS") == "Red Hat OpenShift Service on AWS"


# --- merges: a brand or icon named like an existing entity joins it, no duplicate
@pytest.mark.parametrize("name, entity_id", [
    ("Amazon DynamoDB", "aws:dynamodb"), ("Amazon Data Firehose", "aws:data-firehose"), ("Amazon Kinesis Firehose", "aws:data-firehose"), ("Docker", "tool:docker"),
    ("AWS Lambda", "aws:lambda"), ("AWS IAM Identity Center", None),
])
def test_merged_names(by_name, name, entity_id):
    e = owner(by_name, name)
    if entity_id is None:
        assert e is None or e["kind"] == "aws_service"
    else:
        assert e is not None and e["id"] == entity_id


def test_no_brand_duplicates_an_aws_service(by_name):
    # simple-icons ACM (Association for Computing Machinery), AMP and Proton are other things:
    # the AWS names keep their entity and the brands are left out
    assert owner(by_name, "ACM")["id"] == "aws:certificate-manager"
    assert owner(by_name, "Proton")["kind"] == "aws_service"


def test_new_aws_services_from_icons(by_name):
    e = owner(by_name, "AWS Transform")
    assert e["kind"] == "aws_service" and e["source"].startswith("awsicons:")
    assert "Transform" in e["guarded"]  # a common word: guarded
    assert owner(by_name, "AWS Marketplace Dark") is None  # a dark variant, not a service


def test_new_brands(by_name):
    assert owner(by_name, "Bitwarden")["kind"] == "tool"
    assert owner(by_name, "Japan Airlines")["kind"] == "company"
    assert owner(by_name, "食べログ")["label"] == "Tabelog"
    twitter = owner(by_name, "Twitter")
    assert twitter["kind"] == "tool" and "Twitter" in twitter["guarded"]  # kept (curated), guarded


@pytest.mark.parametrize("name", ["Buffer", "Mix", "Answer", "Local", "ネイバー", "ライン", "JSON", "CSS", "Markdown",
                                  "README"])
def test_common_word_brands_and_concepts_are_left_out(by_name, name):
    assert owner(by_name, name) is None


def test_short_brand_names_are_left_out(by_name):
    assert owner(by_name, "X") is None and owner(by_name, "/e/") is None


def test_a_name_an_entry_drops_does_not_swallow_a_brand(by_name):
    # pygments' Python lexer lists "bazel", which languages.yaml drops from Python: the brand Bazel
    # is its own tool, not merged into Python and lost with the dropped name
    assert owner(by_name, "Bazel")["id"] == "tool:bazel"
    assert "bazel" not in {a.casefold() for a in owner(by_name, "Python")["aliases"]}


# --- brands earlier simple-icons releases listed (catalog/simpleicons.py)
def test_retired_brands_are_those_the_current_list_lost():
    from notegraph.catalog.simpleicons import retired_brands
    releases = {"9.0.0": [{"title": "Internet Explorer", "slug": "internetexplorer"},
                          {"title": "Twitter", "slug": "twitter"}, {"title": "Old Name", "slug": "figma"}],
                "5.0.0": [{"title": "Internet Explorer", "slug": "internetexplorer", "aliases": {"aka": ["IE"]}},
                          {"title": "HipChat"}]}
    current = [{"title": "X", "slug": "x", "aliases": {"aka": ["Twitter"]}}, {"title": "Figma", "slug": "figma"}]
    got = retired_brands(releases, current)
    # the newest release's record wins; a brand the current list names (by slug or alias) is not retired
    assert got == [{"title": "HipChat", "slug": "hipchat"}, {"title": "Internet Explorer", "slug": "internetexplorer"}]


def test_retired_brands_are_read_from_npm_archives(tmp_path):
    import io
    import tarfile
    from notegraph.catalog.simpleicons import archive_brands
    path = tmp_path / "simple-icons-5.0.0.tgz"
    with tarfile.open(path, "w:gz") as tar:
        for name, data in [("package/package.json", {"version": "5.0.0"}),
                           ("package/_data/simple-icons.json", {"icons": [{"title": "HipChat", "slug": "hipchat"}]})]:
            raw = json.dumps(data).encode()
            info = tarfile.TarInfo(name)
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
    assert archive_brands(path) == ("5.0.0", [{"title": "HipChat", "slug": "hipchat"}])


def test_retired_brands_in_the_catalog(by_name):
    assert owner(by_name, "Internet Explorer")["source"].startswith("simpleicons-retired:")
    assert owner(by_name, "Microsoft Excel")["kind"] == "tool"
    assert owner(by_name, "Xamarin")["label"] == "Xamarin"
    # an edition of a known product joins it ("Windows XP" is Windows), not a product of its own
    assert owner(by_name, "Windows XP")["id"] == owner(by_name, "Windows")["id"]
    # a retired brand named by one word Sudachi knows as a common noun is left out ("Anchor", "Automatic",
    # "Sprint"); one it knows as a proper noun is a name ("Skype"); one it does not know is kept but
    # guarded like a common word ("Uploaded", "Highly")
    assert owner(by_name, "Automatic") is None and owner(by_name, "Sprint") is None
    assert owner(by_name, "Skype")["guarded"] == []
    assert "Uploaded" in owner(by_name, "Uploaded")["guarded"]
    # curated exclusions: review slang and the site named "Code Review"
    assert owner(by_name, "LGTM") is None and owner(by_name, "Code Review") is None


def test_edition_pattern():
    assert build.EDITION.match("Windows 10")["base"] == "Windows"
    assert build.EDITION.match("PlayStation 4")["base"] == "PlayStation"
    assert build.EDITION.match("Git LFS") is None and build.EDITION.match("Apple TV") is None
