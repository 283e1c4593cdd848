"""The generated catalog (catalog/data/catalog.json) and its generator (catalog/build.py)."""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from notegraph.catalog import ENTITY_KINDS, build, normalize

CATALOG_PATH = build.DEFAULT_OUT


@pytest.fixture(scope="module")
def catalog() -> dict:
    """The committed catalog.json."""
    return json.loads(CATALOG_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def by_name(catalog) -> dict[str, dict]:
    """Entities by normalised label or alias."""
    return {normalize(n): e for e in catalog["entities"] for n in [e["label"], *e["aliases"]]}


def entity(by_name, name: str) -> dict:
    """The entity that owns ``name`` (fails the test if none does)."""
    assert normalize(name) in by_name, f"{name!r} is in no entity"
    return by_name[normalize(name)]


def test_header_and_provenance(catalog):
    assert catalog["format"] == 1
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", catalog["generated"])
    sources = {p["source"]: p for p in catalog["provenance"]}
    assert set(sources) == {"botocore", "cncf-landscape.yml", "pygments", "curated", "simple-icons.json",
                            "aws-icons-names.txt", "debian-programs.txt", "debian-commands.txt",
                            "simple-icons-retired.json"}
    assert sources["simple-icons.json"]["version"] and sources["aws-icons-names.txt"]["version"]
    assert re.fullmatch(r"[\d.]+\.\.[\d.]+", sources["simple-icons-retired.json"]["releases"])
    assert sources["botocore"]["version"] and sources["pygments"]["version"]
    assert sources["cncf-landscape.yml"]["commit"] and sources["cncf-landscape.yml"]["date"]
    assert "aws.yaml" in sources["curated"]["files"]
    assert {"AWS", "Amazon Web Services", "クラウド"} <= set(catalog["stopwords"])


def test_entities_are_well_formed(catalog):
    entities = catalog["entities"]
    assert 1000 <= len(entities) < 40000
    ids = [e["id"] for e in entities]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    prefix = {"aws_service": "aws", "tool": "tool", "company": "company"}
    for e in entities:
        assert e["kind"] in ENTITY_KINDS
        assert re.fullmatch(rf"{prefix[e['kind']]}:[a-z0-9]+(-[a-z0-9]+)*", e["id"]), e["id"]
        keys = [normalize(n) for n in [e["label"], *e["aliases"]]]
        assert len(keys) == len(set(keys)), f"{e['id']}: duplicate or label-equal alias"
        assert set(e["guarded"]) <= {e["label"], *e["aliases"]}, e["id"]
    kinds = {k: sum(e["kind"] == k for e in entities) for k in ENTITY_KINDS}
    assert kinds["aws_service"] >= 200 and kinds["tool"] >= 1000 and kinds["company"] >= 300


def test_no_name_belongs_to_two_entities(catalog):
    owners = defaultdict(set)
    for e in catalog["entities"]:
        for name in [e["label"], *e["aliases"]]:
            owners[normalize(name)].add(e["id"])
    shared = {name: ids for name, ids in owners.items() if len(ids) > 1}
    assert not shared
    stop = {normalize(s) for s in catalog["stopwords"]}
    assert not stop & set(owners), "a stop-word is also an entity name"


@pytest.mark.parametrize("name, kind, label, aliases", [
    ("EKS", "aws_service", "Amazon EKS", ["Elastic Kubernetes Service"]),
    ("Fargate", "aws_service", "AWS Fargate", []),
    ("Lambda関数", "aws_service", "AWS Lambda", ["Lambda", "Lamdba"]),
    ("LamdbaEdge", "aws_service", "Lambda@Edge", ["Lambda Edge"]),
    ("ALB", "aws_service", "Elastic Load Balancing", ["ELB", "NLB", "Application Load Balancer"]),
    ("AWS Cloud Development Kit", "aws_service", "AWS CDK", ["CDK"]),
    ("Aurora Serverless", "aws_service", "Amazon Aurora", ["Aurora"]),
    ("Auto Scaling Group", "aws_service", "Amazon EC2 Auto Scaling", ["ASG"]),
    ("StepFunctions", "aws_service", "AWS Step Functions", ["Step Functions"]),
    ("CouldWatch", "aws_service", "Amazon CloudWatch", ["CloudWatch Logs"]),
    ("Amazon EC2 Container Service", "aws_service", "Amazon ECS", ["ECS"]),
    ("bedrock-runtime", None, None, []),
    ("Amazon Bedrock Runtime", "aws_service", "Amazon Bedrock", ["Bedrock"]),
    ("Golang", "tool", "Go", ["Go言語"]),
    ("ArgoCD", "tool", "Argo CD", []),
    ("k8s", "tool", "Kubernetes", ["クバネティス"]),
    ("Chalice", "tool", "Chalice", []),
    ("httpd", "tool", "Apache HTTP Server", ["Apache"]),
    ("Tomcat", "tool", "Apache Tomcat", []),
    ("protobuf", "tool", "Protocol Buffers", []),
    ("Datadog", "tool", "Datadog", []),
    ("NewsPicks", "company", "NewsPicks", []),
    ("Jiji Press", "company", "時事通信社", ["時事通信"]),
    ("DMM.com", "company", "DMM", []),
    ("アマゾン", "company", "Amazon", []),
    ("Yahoo", "company", "ヤフー", ["Yahoo! JAPAN", "Yahoo!"]),  # in Japanese notes, Yahoo! JAPAN
    ("米Yahoo", "company", "Yahoo Inc.", []),                     # the US company, when so marked
])
def test_key_entities(by_name, name, kind, label, aliases):
    if kind is None:  # an API code, not a name people write
        assert normalize(name) not in by_name
        return
    e = entity(by_name, name)
    assert (e["kind"], e["label"]) == (kind, label)
    for alias in aliases:
        assert entity(by_name, alias)["id"] == e["id"]


def test_ids_follow_the_slug_rule(by_name):
    assert entity(by_name, "Lambda")["id"] == "aws:lambda"
    assert entity(by_name, "時事通信社")["id"] == "company:jiji-press"
    assert entity(by_name, "C++")["id"] == "tool:cpp"


@pytest.mark.parametrize("name", ["Go", "Rust", "Swift", "R", "C", "Lambda", "Glue", "Athena", "Batch",
                                  "Backup", "Config", "Support", "WAF", "note", "Apache", "Elastic",
                                  "Spring", "Chef", "Puppet", "Helm", "Envoy"])
def test_ambiguous_names_are_guarded(by_name, name):
    assert name in entity(by_name, name)["guarded"]


@pytest.mark.parametrize("name", ["S3", "EKS", "Kubernetes", "Terraform", "Istio", "DynamoDB"])
def test_unambiguous_names_are_not_guarded(by_name, name):
    assert name not in entity(by_name, name)["guarded"]


def test_guard_rule():
    assert build.is_ambiguous("Go") and build.is_ambiguous("R") and build.is_ambiguous("Step Functions")
    assert build.is_ambiguous("ラスト")
    assert not build.is_ambiguous("S3") and not build.is_ambiguous("Kubernetes")
    assert not build.is_ambiguous("AWS Batch") and not build.is_ambiguous("Lambda関数")


def test_companion_apis_join_their_product():
    services = {"bedrock", "bedrock-agent", "bedrock-agent-runtime", "elb", "elbv2", "kinesis", "lambda"}
    assert build.botocore_parent("bedrock-agent-runtime", services) == "bedrock-agent"
    assert build.botocore_product("bedrock-agent-runtime", services, set()) == "bedrock"
    assert build.botocore_parent("elbv2", services) == "elb"
    assert build.botocore_parent("lambda", services) == "lambda"


def test_name_forms():
    assert "CloudFront" in build.name_forms("Amazon CloudFront", "aws_service")
    forms = build.name_forms("Amazon DynamoDB Accelerator (DAX)", "aws_service")
    assert {"Amazon DynamoDB Accelerator", "DAX", "DynamoDB Accelerator"} <= set(forms)
    assert "Code Deploy" in build.name_forms("CodeDeploy", "aws_service", spacing=True)
    assert "ArgoCD" in build.name_forms("Argo CD", "tool", spacing=True)
    assert "Q" not in build.name_forms("Amazon Q", "aws_service")


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory, catalog) -> Path:
    """The catalog generated afresh (same date as the committed one) into a temporary file."""
    pytest.importorskip("botocore")
    pytest.importorskip("pygments")
    from conftest import SHARED

    sources = SHARED / "catalog-sources"
    cncf, icons, aws_icons = (sources / name for name in ("cncf-landscape.yml", "simple-icons.json", "aws-icons-names.txt"))
    for path in (cncf, icons, aws_icons):
        if not path.exists():
            pytest.skip(f"{path} is not here")
    out = tmp_path_factory.mktemp("catalog") / "catalog.json"
    assert build.main(["--out", str(out), "--date", catalog["generated"], "--cncf", str(cncf), "--icons", str(icons),
                       "--aws-icons", str(aws_icons)]) == 0
    return out


def test_regenerating_gives_the_committed_file(rebuilt, catalog):
    fresh = json.loads(rebuilt.read_text(encoding="utf-8"))
    if fresh["provenance"] != catalog["provenance"]:
        pytest.skip(f"sources changed since the catalog was built ({fresh['provenance']}): "
                    "run python -m notegraph.catalog.build and commit catalog.json")
    assert rebuilt.read_bytes() == CATALOG_PATH.read_bytes()


def test_generator_is_deterministic(rebuilt, catalog, tmp_path):
    again = tmp_path / "again.json"
    from conftest import SHARED

    sources = SHARED / "catalog-sources"
    build.write_catalog(build.build_catalog(sources / "cncf-landscape.yml", date=catalog["generated"],
                                            icons_path=sources / "simple-icons.json",
                                            aws_icons_path=sources / "aws-icons-names.txt")[0], again)
    assert again.read_bytes() == rebuilt.read_bytes()


@pytest.mark.parametrize("name, forms", [
    ("Systems Manager", ["System Manager"]),
    ("AWS Secrets Manager", ["AWS Secret Manager"]),
    ("Step Functions", ["Step Function"]),
    ("Kubernetes Engine", []),            # no English singular ("Kubernete")
    ("Controllers for Kubernetes", []),   # a phrase with a function word
    ("Glass", []),                        # one word, and "ss"
])
def test_plural_words_of_multi_word_names_have_a_singular_form(name, forms):
    from notegraph.catalog.build import number_forms
    assert number_forms(name) == forms


def test_aws_short_names_that_debian_ships_as_programs_are_dropped():
    """"NetworkManager" is the Linux daemon in notes, not AWS Network Manager; a name that says AWS,
    one a curated entry wrote, and a name no program has stay."""
    draft = build.Draft("aws:network-manager", "aws_service", "AWS Network Manager", "botocore:x", 1)
    for name, priority in [("AWS Network Manager", 1), ("Network Manager", 1.5), ("NetworkManager", 1),
                           ("Cloud WAN", 1.5)]:
        draft.add(name, priority)
    curated = build.Draft("aws:x", "aws_service", "AWS X", "curated:aws.yaml", 0)
    curated.add("PCS", 0)
    tool = build.Draft("tool:y", "tool", "NetworkManager", "debian:network-manager", 7)
    tool.add("NetworkManager", 7)
    build.drop_program_names([draft, curated, tool], {build.name_key("network-manager"), "pcs"})
    assert [n for n, _ in draft.names] == ["AWS Network Manager", "Cloud WAN"]
    assert [n for n, _ in curated.names] == ["PCS"] and [n for n, _ in tool.names] == ["NetworkManager"]


def test_no_aws_short_name_is_a_debian_program(by_name):
    assert normalize("NetworkManager") not in by_name and normalize("PCS") not in by_name
    assert entity(by_name, "AWS Network Manager")["id"] == "aws:network-manager"


def test_an_aws_acronym_that_japanese_uses_as_a_common_noun_is_guarded():
    # Sudachi's dictionary knows "SNS" (social media) as a common noun: Amazon SNS's short name needs context
    assert build.common_acronym("SNS")
    assert not build.common_acronym("EC2") and not build.common_acronym("SQS")  # no such word
    assert not build.common_acronym("Lambda")  # not an acronym: the word rules decide
    sns = next(e for e in json.loads(build.DEFAULT_OUT.read_text(encoding="utf-8"))["entities"] if e["id"] == "aws:sns")
    assert "SNS" in sns["guarded"]
