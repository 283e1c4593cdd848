"""The spaCy component on the real ja_ginza tokenizer."""
import spacy

import notegraph.extract  # noqa: F401  (registers the factory)


def test_add_pipe_on_ja_ginza_sets_ents_with_kb_ids(nlp):
    doc = nlp("S3バケットとLambda関数をEKS on Fargateで動かす。LamdbaEdgeも使う。")
    got = [(e.text, e.label_, e.kb_id_) for e in doc.ents]
    kinds = {e.label_ for e in doc.ents}
    assert kinds == {"aws_service"}
    assert [t for t, _, _ in got] == ["S3", "Lambda", "EKS", "Fargate", "LamdbaEdge"]
    assert got[-1][2] == nlp.get_pipe("notegraph_entities").catalog.find("Lambda@Edge").id
    assert [m.surface for m in doc._.notegraph_mentions] == ["S3", "Lambda", "EKS", "Fargate", "LamdbaEdge"]


def test_factory_works_on_a_users_own_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("notegraph_entities")
    doc = nlp("We moved from EC2 to ECS and wrote it in TypeScript.")
    assert [(e.text, e.label_) for e in doc.ents] == [("EC2", "aws_service"), ("ECS", "aws_service"), ("TypeScript", "tool")]
