"""Link resolution by path, stem, title and alias."""
from notegraph.links import LinkResolver
from notegraph.notes import Note
from notegraph.structure import Link


def test_resolves_path_stem_title_alias_and_reports_missing():
    notes = [Note("note/AWS Lambda.md", "AWS Lambda", "", aliases=["ラムダ"]),
             Note("daily/日誌.md", "プロジェクト日誌", ""), Note("KubeCon recap.md", "KubeCon 2024 recap", "")]
    r = LinkResolver(notes)

    def res(target, frm="daily/日誌.md"):
        return r.resolve(Link(target, "", 1, "md"), frm)

    assert res("note/AWS Lambda.md") == "note/AWS Lambda.md"        # from the folder root
    assert res("../note/AWS Lambda.md") == "note/AWS Lambda.md"     # relative to the linking note
    assert res("AWS Lambda") == "note/AWS Lambda.md"                # stem
    assert res("note/AWS Lambda") == "note/AWS Lambda.md"           # folder-qualified wikilink
    assert res("プロジェクト日誌") == "daily/日誌.md"                 # title
    assert res("ラムダ") == "note/AWS Lambda.md"                     # alias
    assert res("kubecon recap") == "KubeCon recap.md"               # case-insensitive
    assert res("存在しないノート") is None
