"""Stage 1: reading notes and their frontmatter."""
from notegraph.notes import decode_bytes, read_notes
from notegraph.problems import Problems


def test_frontmatter_fields_and_tag_forms(write_notes):
    root = write_notes({
        "a.md": """
            ---
            title: 勉強会メモ
            date: 2024-06-01
            tags:
              - meetup
              - aws
            aliases: [AWS勉強会]
            ---
            本文
            """,
        "b.md": "---\ntags: [x, y]\n---\n# Heading B\n",
        "c.md": "---\ntags: solo\n---\nno heading here\n",
    })
    notes = {n.path: n for n in read_notes(root)}
    a, b, c = notes["a.md"], notes["b.md"], notes["c.md"]
    assert (a.title, a.date, a.tags, a.aliases) == ("勉強会メモ", "2024-06-01", ["meetup", "aws"], ["AWS勉強会"])
    assert a.body_line == 9 and a.body.startswith("本文")
    assert (b.title, b.title_from, b.tags) == ("Heading B", "heading", ["x", "y"])
    assert (c.title, c.title_from, c.tags) == ("c", "filename", ["solo"])


def test_recursive_names_with_spaces_japanese_and_markdown_suffix(write_notes):
    root = write_notes({"sub dir/日本語 ノート.md": "x", "deep/er/post.markdown": "y", "skip.txt": "z",
                        ".obsidian/config.md": "hidden"})
    assert [n.path for n in read_notes(root)] == ["deep/er/post.markdown", "sub dir/日本語 ノート.md"]


def test_no_frontmatter_note(write_notes):
    root = write_notes({"plain.md": "# Plain title\n\ntext\n"})
    (note,) = read_notes(root)
    assert note.title == "Plain title" and note.metadata == {} and note.body_line == 1


def test_invalid_yaml_warns_with_file_name_and_keeps_body(write_notes):
    root = write_notes({"bad.md": "---\ntitle: \"unclosed\ntags: [a\n---\n# Body heading\nbody text\n"})
    problems = Problems()
    (note,) = read_notes(root, problems)
    assert note.title == "Body heading" and "body text" in note.body
    (p,) = problems.items
    assert p.path == "bad.md" and "invalid frontmatter" in p.reason and p.severity == "warning"


def test_yaml_1_1_booleans_in_aliases_become_text(write_notes):
    root = write_notes({"on.md": "---\naliases: [ON, off]\n---\n"})
    assert read_notes(root)[0].aliases == ["true", "false"]


def test_decode_bom_utf16_shift_jis_and_binary():
    assert decode_bytes("\ufeffタイトル".encode("utf-8"))[0] == "タイトル"
    assert decode_bytes("日本語".encode("utf-16"))[0] == "日本語"
    text, note = decode_bytes("ラムダ関数".encode("cp932"))
    assert text == "ラムダ関数" and "cp932" in note
    assert decode_bytes(b"\x00\x01\x02binary")[0] is None


def test_crlf_line_endings_keep_line_numbers(write_notes):
    root = write_notes({"crlf.md": b"---\r\ntitle: T\r\n---\r\nline one\r\nline two\r\n"})
    note = read_notes(root)[0]
    assert note.body == "line one\nline two\n" and note.body_line == 4


def test_title_fallback_uses_the_markdown_parser(write_notes):
    root = write_notes({
        "nested.md": "````markdown\n```\n# not a title\n```\n````\n# Real title\n",
        "indented.md": "  ```\n# not a title either\n  ```\n\n# Indented fence title\n",
        "codeblock.md": "intro\n\n    # x\n\n# After code\n",
        "setext.md": "Setext title\n============\n\n# Later\n",
        "closing.md": "# C#\n",
        "empty.md": "#\n\nnot a title\n",
    })
    got = {n.path: (n.title, n.title_from) for n in read_notes(root)}
    assert got == {"nested.md": ("Real title", "heading"), "indented.md": ("Indented fence title", "heading"),
                   "codeblock.md": ("After code", "heading"), "setext.md": ("Setext title", "heading"),
                   "closing.md": ("C#", "heading"), "empty.md": ("empty", "filename")}


def test_capitalised_frontmatter_keys_are_read_like_hugo(write_notes):
    """Hugo reads frontmatter keys case-insensitively; blog exports write "Tags:" and "Title:"."""
    root = write_notes({"a.md": '---\nTitle: "Sample Meetup に行ってきた"\nTags: ["tech", "イベント"]\ntags_extra: x\n---\nbody\n',
                        "b.md": "---\ntags: [lower]\nTags: [upper]\n---\nbody\n"})
    a, b = read_notes(root)
    assert a.title == "Sample Meetup に行ってきた" and a.tags == ["tech", "イベント"]
    assert b.tags == ["lower"]  # a lower-case key that exists wins
