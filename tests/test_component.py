"""The spaCy component on the real ja_ginza tokenizer."""
import pytest
import spacy
from spacy.tokens import DocBin

import notegraph.extract  # noqa: F401  (registers the factory)
from notegraph.extract.component import matches_of
from notegraph.extract.matcher import Match


def test_add_pipe_on_ja_ginza_sets_ents_with_kb_ids(nlp):
    catalog = nlp.get_pipe("notegraph_entities").catalog
    doc = nlp("S3バケットとLambda関数をEKS on Fargateで動かす。LamdbaEdgeも使う。")
    expected = [catalog.find(n).id for n in ("Amazon S3", "AWS Lambda", "Amazon EKS", "AWS Fargate", "Lambda@Edge")]
    assert [e.kb_id_ for e in doc.ents] == expected
    assert {e.label_ for e in doc.ents} == {"aws_service"}
    assert [e.text[:2] for e in doc.ents] == ["S3", "La", "EK", "Fa", "La"]
    assert [m.entity_id for m in matches_of(doc)] == expected


def test_factory_works_on_a_users_own_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("notegraph_entities")
    doc = nlp("We moved from EC2 to ECS and wrote it in TypeScript.")
    assert [(e.text, e.label_) for e in doc.ents] == [("EC2", "aws_service"), ("ECS", "aws_service"), ("TypeScript", "tool")]


# -- a good spaCy citizen: serialisable mentions, assigns=, initialize/to_disk/from_disk (issue 11) ------------

TEXTS = [
    "S3バケットとLambda関数をEKS on Fargateで動かす。",
    "Goで書いたツールをTerrafromでデプロイする。",  # a guarded name with a cue, and a fuzzy typo
    "AWS Lambdaの話。Lambdaのバーストに注意。",  # an unconfirmed guarded hit, confirmed by the document
    "何も出てこない文。",
    "We moved from EC2 to ECS and wrote it in TypeScript.",
] * 3


@pytest.fixture(scope="module")
def tok_nlp():
    """ja_ginza's tokenizer + notegraph_entities only (what extraction runs)."""
    from notegraph.extract import load_pipeline

    return load_pipeline(parse=False)


def summary(doc):
    """Ents and mention records (DocBin gives user data back as tuples, Doc.from_bytes as lists)."""
    return ([(e.start_char, e.end_char, e.label_, e.kb_id_) for e in doc.ents], list(doc._.notegraph_mentions))


def test_mentions_are_plain_data_and_convert_back_to_matches(tok_nlp):
    doc = tok_nlp(TEXTS[2])
    assert all(type(r) is dict for r in doc._.notegraph_mentions)
    ms = matches_of(doc)
    assert all(isinstance(m, Match) for m in ms)
    assert [m.surface for m in ms] == ["AWS Lambda", "Lambda"]
    assert all(m.confirmed for m in ms)  # the second by one sense per discourse
    assert matches_of(tok_nlp.make_doc("S3")) == []  # component not run: nothing
    assert matches_of(tok_nlp(TEXTS[1]))[1].score < 1.0  # the fuzzy match keeps its similarity


def test_factory_declares_what_it_assigns(tok_nlp):
    assert set(tok_nlp.get_pipe_meta("notegraph_entities").assigns) == {"doc.ents", "doc._.notegraph_mentions"}


def test_pipe_with_two_processes_gives_the_same_docs(tok_nlp):
    one = [summary(d) for d in tok_nlp.pipe(TEXTS, batch_size=2)]
    two = [summary(d) for d in tok_nlp.pipe(TEXTS, batch_size=2, n_process=2)]
    assert two == one
    assert sum(len(ents) for ents, _ in one) >= 15  # the texts do have entities


def test_docbin_round_trip_keeps_mentions(tok_nlp):
    docs = list(tok_nlp.pipe(TEXTS[:5]))
    data = DocBin(docs=docs, store_user_data=True).to_bytes()
    back = list(DocBin().from_bytes(data).get_docs(tok_nlp.vocab))
    assert [summary(d) for d in back] == [summary(d) for d in docs]
    assert [matches_of(d) for d in back] == [matches_of(d) for d in docs]


def test_saved_pipeline_keeps_its_catalog_without_the_original_files(tmp_path):
    import spacy

    from notegraph.extract import load_pipeline

    user = tmp_path / "user.yaml"
    user.write_text("entities:\n  - {label: Zorblax Portal, kind: tool, aliases: [zorblax]}\n"
                    "aliases:\n  AWS Lambda: [らむだ]\n", encoding="utf-8")
    nlp = load_pipeline(extra_catalogs=[str(user)], parse=False)
    before = nlp.get_pipe("notegraph_entities").catalog
    nlp.to_disk(tmp_path / "pipeline")
    user.unlink()
    assert (tmp_path / "pipeline" / "notegraph_entities" / "catalog.json").is_file()

    loaded = spacy.load(tmp_path / "pipeline")
    comp = loaded.get_pipe("notegraph_entities")
    assert comp.catalog.version == before.version
    assert comp.catalog.entities == before.entities and comp.catalog.stopwords == before.stopwords
    doc = loaded("zorblaxとらむだでS3を触る")
    assert [e.kb_id_ for e in doc.ents] == [before.find("Zorblax Portal").id, "aws:lambda", "aws:s3"]
    comp.initialize()  # nlp.initialize() without settings keeps the restored catalog
    assert comp.catalog.version == before.version

    again = spacy.blank("ja").add_pipe("notegraph_entities").from_bytes(comp.to_bytes())
    assert again.catalog.version == before.version and again.catalog.entities == before.entities


def test_initialize_loads_catalog_settings(tmp_path):
    user = tmp_path / "user.yaml"
    user.write_text("entities:\n  - {label: Zorblax Portal, kind: tool}\n", encoding="utf-8")
    nlp = spacy.blank("en")
    comp = nlp.add_pipe("notegraph_entities")
    assert comp.catalog.find("Zorblax Portal") is None
    nlp.initialize()
    assert comp.catalog.find("Zorblax Portal") is None
    nlp.config["initialize"]["components"]["notegraph_entities"] = {"extra_catalogs": [str(user)]}
    nlp.initialize()
    assert [e.label_ for e in nlp("We use Zorblax Portal daily.").ents] == ["tool"]


def test_catalog_errors_missing_files_on_use_and_bad_files_at_once(tmp_path):
    from notegraph.catalog import CatalogError

    nlp = spacy.blank("en")
    nlp.add_pipe("notegraph_entities", config={"extra_catalogs": [str(tmp_path / "gone.yaml")]})
    with pytest.raises(CatalogError, match="gone.yaml"):  # not at add_pipe: spacy.load may restore it
        nlp("EC2")
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities:\n  - {label: X}\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="bad.yaml"):
        spacy.blank("en").add_pipe("notegraph_entities", config={"extra_catalogs": [str(bad)]})


def test_component_pickles_for_spawned_processes(tok_nlp):
    """``n_process`` under the spawn start method (macOS, Windows) pickles the pipeline."""
    import pickle

    comp = pickle.loads(pickle.dumps(tok_nlp.get_pipe("notegraph_entities")))
    doc = comp(tok_nlp.make_doc(TEXTS[1]))
    assert summary(doc) == summary(tok_nlp(TEXTS[1]))
