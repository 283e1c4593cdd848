"""Stage 2: sections, the event-note rule, prose masking and links."""
import pytest

from notegraph.notes import Note
from notegraph.structure import is_event_note, prose_of_line, structure_of


def note(body, tags=(), title="T", body_line=1):
    return Note(path="n.md", title=title, body=body, body_line=body_line, tags=list(tags))


EVENT = """\
intro line
## Talk one
text A
### Sub of one
text B
## Talk two
```bash
## not a heading
aws s3 cp x y
```
Setext heading
--------------
text C
# Top level again
after
"""


def test_event_rule_by_tag_and_title():
    assert is_event_note(note("", tags=["meetup"]))
    assert is_event_note(note("", tags=["2022/11/09", "events/勉強会"]))
    assert is_event_note(note("", title="JAWS-UG 東京 #12"))
    assert is_event_note(note("", title="AWS Dev Day 2022"))
    assert not is_event_note(note("", tags=["aws", "memo"], title="Lambda の小技"))


def test_talks_are_level2_headings_with_their_subheadings():
    s = structure_of(note(EVENT, tags=["meetup"], body_line=5))
    assert [t.title for t in s.talks] == ["Talk one", "Talk two", "Setext heading"]
    assert [t.line for t in s.talks] == [6, 10, 15]
    by_title = {sec.title: sec for sec in s.sections}
    assert s.talk_of(by_title["Sub of one"].index).title == "Talk one"
    assert s.talk_of(by_title["Top level again"].index) is None
    texts = {seg.text.strip(): seg for seg in s.segments}
    assert s.talk_of(texts["text B"].section).title == "Talk one"
    assert texts["intro line"].section is None
    assert not any("aws s3" in seg.text or "not a heading" in seg.text for seg in s.segments)


def test_non_event_note_has_no_talks():
    assert structure_of(note(EVENT, tags=["memo"])).talks == []


def test_level1_talks_when_note_has_no_level2():
    s = structure_of(note("# A talk\nx\n# Another talk\ny\n", tags=["conference"]))
    assert [t.title for t in s.talks] == ["A talk", "Another talk"]


def test_prose_masks_code_urls_targets_and_html_but_keeps_link_text():
    line = ('[LamdbaEdge](note/LamdbaEdge.md) と <img src="x.png" alt="Docker"> を https://github.com/aws/s3 '
            '`aws ecs list` `Terraform` [[AWS Lambda|ラムダ]] [[EKS#Fargate]] [[note/Jenkins]]')
    prose = prose_of_line(line)
    assert len(prose) == len(line)
    words = prose.split()
    assert words == ["LamdbaEdge", "と", "を", "Terraform", "ラムダ", "EKS", "Fargate", "Jenkins"]


def test_template_tags_are_not_text():
    assert prose_of_line("{% amazon large_image 4822274217 %} と {{< youtube Kubernetes >}} S3").split() == ["と", "S3"]


def test_links_md_encoded_and_wikilinks():
    body = ("[Lambda](note/AWS%20Lambda.md) [web](https://example.com/x.md) [[Target]] [[Other|shown]] "
            "[[Page#Heading]] `[[not a link]]`\n")
    s = structure_of(note(body))
    got = [(lk.kind, lk.target, lk.text, lk.heading) for lk in s.links]
    assert got == [("wiki", "Target", "Target", ""), ("wiki", "Other", "shown", ""), ("wiki", "Page", "Page", "Heading"),
                   ("md", "note/AWS Lambda.md", "Lambda", "")]


def test_event_by_folder_or_file_name():
    assert is_event_note(Note(path="jawsug_beginner/jawsug_beginner_17.md", title="To Learn AWS is", body=""))
    assert is_event_note(Note(path="meetups/2024-06.md", title="メモ", body=""))
    assert not is_event_note(Note(path="aws/udemy-aws-14days/day1.md", title="Day 1", body=""))


def test_first_heading_is_the_title_only_when_nothing_precedes_it():
    titled = Note(path="a.md", title="Intro", body="# Intro\nx\n# Second\ny\n# Third\nz\n", tags=["meetup"],
                  title_from="heading")
    assert [t.title for t in structure_of(titled).talks] == ["Second", "Third"]
    preamble = Note(path="b.md", title="First", body="slides: x\n\n# First\na\n# Second\nb\n", tags=["meetup"],
                    title_from="heading")
    assert [t.title for t in structure_of(preamble).talks] == ["First", "Second"]


# --- block structure comes from one CommonMark parser (notegraph.markdown, issue 11) ---

NESTED_FENCE = """\
````markdown
```
# not a title
```
````
# Real title
text
"""


def texts(s):
    return [seg.text for seg in s.segments]


def test_longer_fence_holds_a_shorter_one():
    from notegraph.markdown import first_heading

    assert first_heading(NESTED_FENCE) == "Real title"  # the title fallback reads what the structure reads
    s = structure_of(note(NESTED_FENCE))
    assert [(sec.title, sec.line) for sec in s.sections] == [("Real title", 6)]
    assert not any("not a title" in t for t in texts(s))
    assert [seg.line for seg in s.segments] == [6, 7]


def test_fence_indented_in_a_list_item_is_code():
    body = "1. step\n\n    ```sh\n    # comment in code\n    aws s3 ls\n    ```\n\n2. next\n"
    s = structure_of(note(body))
    assert s.sections == []
    assert not any("comment in code" in t or "aws s3" in t for t in texts(s))
    assert [seg.line for seg in s.segments] == [1, 8]


def test_indented_code_block_is_code():
    body = "para\n\n    # x\n    more code\n\nafter\n"
    s = structure_of(note(body, body_line=3))
    assert s.sections == []
    assert [(seg.line, seg.text) for seg in s.segments] == [(3, "para"), (8, "after")]


def test_setext_headings_and_underlines():
    body = "Top\n===\nintro\n\nFirst line\nsecond line\n---\nbody\n"
    s = structure_of(note(body, body_line=10))
    assert [(sec.title, sec.level, sec.line, sec.parent) for sec in s.sections] == [
        ("Top", 1, 10, None), ("First line second line", 2, 14, 0)]
    assert [(seg.line, seg.heading) for seg in s.segments] == [(10, True), (12, False), (14, True), (17, False)]


def test_html_heading_is_a_section_unless_turned_off():
    from notegraph.markdown import blocks_of

    body = 'intro\n\n<div class="box">\n<h3 class="t">Cloud <b>Run</b>\n notes</h3>\n<p>Inside</p>\n</div>\n\nafter\n'
    (h,) = blocks_of(body).headings
    assert (h.line, h.level, h.text, h.source) == (3, 3, "Cloud Run notes", "html")
    assert blocks_of(body).html == [(2, 7)]
    assert structure_of(note(body), html_headings=False).sections == []
    s = structure_of(note(body, body_line=2))
    assert [(sec.title, sec.level, sec.line) for sec in s.sections] == [("Cloud Run notes", 3, 5)]
    assert s.segments[-1].text == "after" and s.segments[-1].section == 0


def test_table_lines_are_recorded_and_stay_prose():
    from notegraph.markdown import blocks_of

    body = "intro\n\n| Service | Use |\n| --- | --- |\n| S3 | storage |\n\nafter\n"
    assert blocks_of(body).tables == [(2, 5)]
    assert "S3" in " ".join(texts(structure_of(note(body))))


def test_list_items_come_from_the_parser_with_their_text_column():
    """List items (their first line, after the marker) for the list timetable and link-list rules; a
    "- " line inside a fence is code, no item."""
    from notegraph.markdown import Item, blocks_of
    body = "intro\n\n- 19:30 Kubernetesの話\n  1. [Slides](https://example.com) 山田\n\n```\n- not an item\n```\n"
    assert blocks_of(body).items == [Item(2, 2, "19:30 Kubernetesの話"), Item(3, 5, "[Slides](https://example.com) 山田")]


def test_html_comments_over_several_lines_are_masked():
    body = "<!--\n# hidden\nsecret\n-->\nshown <!-- a\nb --> too\n"
    s = structure_of(note(body))
    assert s.sections == []
    assert [t.split() for t in texts(s)] == [["shown"], ["too"]]


def test_reference_definitions_are_not_prose_but_footnote_text_is():
    body = "See [docs][d].\n\n[d]: https://example.com/docs\n[^1]: Footnote about Lambda\n"
    assert [t.strip() for t in texts(structure_of(note(body)))] == ["See [docs][d].", "[^1]: Footnote about Lambda"]


def test_mask_spans_blanks_each_span_once_and_keeps_offsets():
    from notegraph.structure import mask_spans, prose_of_line

    assert mask_spans("abcdef", [(4, 6), (0, 2), (1, 3)]) == "   d  "
    assert mask_spans("abc", []) == "abc"
    line = "<b>S3</b> [doc](https://x.example/a) `s3 ls` and `Lambda`"
    prose = prose_of_line(line)
    assert len(prose) == len(line)
    assert prose.split() == ["S3", "doc", "and", "Lambda"]


def test_an_empty_heading_is_not_a_talk():
    """A bare "##" once became a talk with no label (the graph contract needs one)."""
    s = structure_of(note("## Talk one\nx\n##\ny\n## Talk two\nz\n", tags=["meetup"]))
    assert [t.title for t in s.talks] == ["Talk one", "Talk two"]
    texts = {seg.text.strip(): seg for seg in s.segments}
    assert s.talk_of(texts["y"].section) is None


def test_a_fence_swallowed_by_an_html_block_is_still_code():
    """CommonMark lets '<img …>' open an HTML block that runs to the next blank line; the fence after it
    was meant as code (found by the property test). Indented HTML inside such a block stays prose."""
    s = structure_of(note('<img src="x.png" alt="x">\n```hcl\nTerraform apply\n```\n<div>\n    <b>Kubernetes</b>\n</div>\n'))
    texts = " ".join(seg.text for seg in s.segments)
    assert "Terraform" not in texts
    assert "Kubernetes" in texts


def test_a_fence_after_several_tag_lines_is_still_code():
    """Each further tag line would open a block of its own when the block is parsed again (found by
    the property test with two <img> lines); a fence after a closed fence and a tag line too."""
    s = structure_of(note('<img src="x.png" alt="x">\n<img src="y.png" alt="y">\n```hcl\nTerraform apply\n```\n'
                          '<img src="z.png">\n```\nKubernetes apply\n```\nDocker は prose\n'))
    texts = " ".join(seg.text for seg in s.segments)
    assert "Terraform" not in texts and "Kubernetes" not in texts
    assert "Docker" in texts


@pytest.mark.parametrize("raw, prose", [
    ("Ubuntu -&gt;CoreOSへ", "Ubuntu ->   CoreOSへ"),                     # an arrow
    ("&#x6B7B;&#x3093;&#x3060;の話", "死んだ" + " " * 21 + "の話"),       # Japanese as character references
    ("AT&amp;T", "AT&    T"),
    ("&lt;a href=&quot;x&quot;&gt;", "&lt;a href=\"     x\"     &gt;"),  # escaped markup stays escaped
])
def test_character_references_are_decoded_in_place(raw, prose):
    assert prose_of_line(raw) == prose and len(prose) == len(raw)


def test_a_reference_link_label_is_no_inline_link():
    # "[NAME][4]" is a reference link: the brackets after it are text (an affiliation), not a target
    assert "Example株式会社" in prose_of_line("[山田 太郎][4](Example株式会社)")
    assert "Example株式会社" not in prose_of_line("[山田 太郎](Example株式会社)")  # an inline link's target is hidden


def test_a_code_block_inside_a_line_is_no_prose():
    prose = prose_of_line('<p>作成</p>  <pre class="terminal"> % gpart add -t freebsd-boot </pre>  <p>Jenkinsで</p>')
    assert "gpart" not in prose and "Jenkins" in prose and "作成" in prose
    assert "React" not in prose_of_line('<script>React.render(x)</script>を置いた')  # a script's code either


def test_a_pre_block_inside_an_html_block_is_code():
    from notegraph.markdown import blocks_of
    body = "<div>\n<p>Jenkinsの話</p>\n<pre class='terminal'>\n% ls\nAWS Config\n</pre>\n<p>after</p>\n</div>\n"
    code = blocks_of(body).code
    assert {2, 3, 4, 5} <= code and 1 not in code and 6 not in code


def test_web_links_keep_text_host_and_path_and_skip_bad_urls():
    from notegraph.structure import web_links_in
    links = web_links_in('[fzf](https://github.com/junegunn/fzf/) と <a href="http://www.growl.info/">Growl</a> '
                         'と [x](http://[bad) と [ローカル](note/a.md)', 3)
    assert [(l.text, l.host, l.path, l.line) for l in links] == [
        ("fzf", "github.com", ("junegunn", "fzf"), 3), ("Growl", "growl.info", (), 3)]
