"""The spaCy component on the real ja_ginza tokenizer."""
import spacy

import notegraph.extract  # noqa: F401  (registers the factory)


def test_add_pipe_on_ja_ginza_sets_ents_with_kb_ids(nlp):
    catalog = nlp.get_pipe("notegraph_entities").catalog
    doc = nlp("S3バケットとLambda関数をEKS on Fargateで動かす。LamdbaEdgeも使う。")
    expected = [catalog.find(n).id for n in ("Amazon S3", "AWS Lambda", "Amazon EKS", "AWS Fargate", "Lambda@Edge")]
    assert [e.kb_id_ for e in doc.ents] == expected
    assert {e.label_ for e in doc.ents} == {"aws_service"}
    assert [e.text[:2] for e in doc.ents] == ["S3", "La", "EK", "Fa", "La"]
    assert [m.entity_id for m in doc._.notegraph_mentions] == expected


def test_factory_works_on_a_users_own_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("notegraph_entities")
    doc = nlp("We moved from EC2 to ECS and wrote it in TypeScript.")
    assert [(e.text, e.label_) for e in doc.ents] == [("EC2", "aws_service"), ("ECS", "aws_service"), ("TypeScript", "tool")]
