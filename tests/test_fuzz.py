"""Property tests: whatever an author types, the tool either builds (exit 0) or says what is wrong
(exit 2, an `error:` line) - never exit 1, never a traceback, never an unhandled exception.

Examples per test: FUZZ_EXAMPLES (default 40). Builds run in-process through the CLI.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml
from badinput_helpers import NEXT, describe, make_pack, run_cli
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Characters Markdown, reportlab markup, Jinja and YAML care about, plus a little Unicode the
# bundled fonts cover and some they do not (those must give a clear font error, not a crash).
SPECIAL = list("<>&[]*`|#-_!(){}:~\\\"'./=+^%$@;,?") + ["\n", "\n\n", " ", "    ", "\t"]
UNICODE = list("éüñøßçÅ—–…“”‘’•→✓©°½€") + ["中", "😀", "\u200b", "\u00a0", "\x0b",
                                            "\x00"]
FRAGMENTS = [
    "## ", "### ", "#### ", "# ", "- ", "1. ", "- [ ] ", "- [x] ", "> ", "    ", "```", "`",
    "**", "*", "~~", "_", "---", "***", "| a | b |", "|---|:-:|", "| --: |", "[link](", "](#",
    "](https://example.org)", "](next.md)", "](javascript:alert(1))", "![img](", "images/x.png)",
    "[^1]", "[^1]: note", "Term\n: Definition", "!!! note \"T\"", "!!! tip", "!!! bogus",
    "::: pagebreak", "::: table x", "::: notes", "::: chart", "::: ", "<script>", "</script>",
    "<font color=red>", "</font>", "<para>", "<b>", "</i>", "<br/>", "<a href='x'>", "&amp;",
    "&lt;", "&#0;", "&#xD800;", "&bogus;", "&", "{{ guide.title }}", "{{ nope }}", "{{", "}}",
    "{% if true %}", "{% endif %}", "{#", "#}", "{ width=60% }", "<!-- c -->", "\\", "  \n",
    "\u2028", "\r\n", "\r",
]


def chars(alphabet: list[str], min_size: int = 0, max_size: int = 12) -> st.SearchStrategy[str]:
    """Strings drawn from `alphabet`, whose items may be longer than one character."""
    return st.lists(st.sampled_from(alphabet), min_size=min_size, max_size=max_size).map("".join)


text_piece = st.one_of(
    st.sampled_from(FRAGMENTS),
    chars(SPECIAL + list("abc XYZ019"), 1, 12),
    chars(UNICODE + list("ab "), 1, 4),
    st.text(min_size=1, max_size=8),  # anything at all
)
markdown_body = st.lists(text_piece, max_size=40).map("".join)


def _clean(text: str) -> str:
    """Files are written as UTF-8: lone surrogates cannot be, so they stand for themselves."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _assert_exit_0_or_2(result, what: str) -> None:  # type: ignore[no-untyped-def]
    text = f"{what}\n{describe(result)}"
    assert "Traceback" not in result.output, text
    assert "internal error" not in result.stderr, text
    assert result.exception is None or isinstance(result.exception, SystemExit), text
    assert result.exit_code in (0, 2), text
    if result.exit_code == 2:
        assert any(line.startswith("error: ") for line in result.stderr.splitlines()), text


def _build_with(intro: str) -> None:
    with tempfile.TemporaryDirectory(prefix="fuzz-") as folder:
        root = Path(folder)
        pack = make_pack(root / "pack", {"intro.md": intro, "next.md": NEXT})
        out = root / "out" / "booklet.pdf"
        out.parent.mkdir()
        result = run_cli("build", pack, "-o", out)
        _assert_exit_0_or_2(result, f"chapter:\n{intro!r}")
        problem = result.stderr.split(": ", 2)[-1][:30] if result.exit_code else ""
        event(f"exit {result.exit_code} {problem}")  # see --hypothesis-show-statistics
        if result.exit_code == 0:
            assert out.read_bytes().startswith(b"%PDF")
        else:
            assert not out.exists()
        assert [p.name for p in out.parent.iterdir()] == ([out.name] if out.exists() else [])


@FUZZ
@given(body=markdown_body)
@example(body="<script>x</script>\n\n| a |\n|---|\n| <font color=red> & |\n")
@example(body="[^1]\n\n[^1]: " + "x" * 400 + "\n\n" + "y" * 400)
@example(body="- [ ] " * 50)
@example(body="```\n" + "<para>&amp;" * 30 + "\n```\n")
@example(body="|" * 200 + "\n" + "|-" * 100 + "|\n")
def test_random_markdown_body_builds_or_errors(body: str) -> None:
    _build_with(f"---\ntitle: Fuzzed\nkind: chapter\n---\n\n{_clean(body)}\n")


# -- front matter ------------------------------------------------------------------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["chapter", "stage", "appendix", "college", "", " ", "---", "{{ nope }}",
                     "{{ guide.title }}", "<b>x</b> & y", "null", "~", "yes", "0x1F"]),
    st.text(max_size=30).map(_clean),
)
yaml_values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.text(max_size=8).map(_clean), inner, max_size=3)),
    max_leaves=6,
)
optional = st.one_of(st.just(None), yaml_values)  # None here: leave the key out


def mostly(value: object, times: int = 2) -> st.SearchStrategy:
    """`value` in `times` draws out of `times + 1`, so the other fields get exercised too;
    else anything."""
    return st.integers(0, times).flatmap(lambda i: optional if i == 0 else st.just(value))


@FUZZ
@given(title=mostly("A title"), kind=mostly("chapter", 3), stage=mostly(None, 3),
       summary=mostly(None, 1),
       extra=st.integers(0, 8).flatmap(
           lambda i: yaml_values.map(lambda v: {"titel": v}) if i == 0 else st.just({})))
@example(title=None, kind="chapter", stage=None, summary=None, extra={"title": None})
@example(title="T", kind="stage", stage=["a"], summary=None, extra={})
@example(title=float("nan"), kind="chapter", stage=None, summary={"a": [1, None]}, extra={})
@example(title=10**12, kind="appendix", stage=None, summary=True, extra={})
def test_random_front_matter_values_build_or_error(title: object, kind: object, stage: object,
                                                   summary: object, extra: dict) -> None:
    fields = {"title": title, "kind": kind, "stage": stage, "summary": summary}
    data = {k: v for k, v in fields.items() if v is not None} | extra
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False) if data else ""
    _build_with(f"---\n{front}---\n\nBody text.\n")


@FUZZ
@given(lines=st.lists(st.one_of(
    st.text(max_size=40).map(_clean),
    st.builds(lambda k, v: f"{k}: {v}", st.sampled_from(["title", "kind", "stage", "summary", "x"]),
              chars(SPECIAL + list("éü—“”中abcdef019 ") * 2 + UNICODE, 0, 20)),
), max_size=6))
@example(lines=["title: [unclosed", "kind: chapter"])
@example(lines=["title: a: b", "kind: chapter"])
@example(lines=["title: &a x", "kind: *a"])
@example(lines=["title: !!python/object/apply:os.system ['true']", "kind: chapter"])
@example(lines=["\ttitle: x", "kind: chapter"])
def test_random_front_matter_text_builds_or_errors(lines: list[str]) -> None:
    """Raw text between the --- lines, which need not even be YAML."""
    body = "\n".join(line.replace("---", "- --") for line in lines)
    _build_with(f"---\n{body}\n---\n\nBody text.\n")


# -- brand files -------------------------------------------------------------------------------

hex_colours = st.from_regex(r"#[0-9a-fA-F]{6}", fullmatch=True)
colours = st.integers(0, 5).flatmap(lambda i: hex_colours if i < 4 else st.one_of(
    st.sampled_from(["#fff", "red", "pine", "#12345", "#gggggg", "", "primary"]), yaml_values))


@FUZZ
@given(full=mostly("Fuzz School"), short=mostly("Fuzz"), home=mostly("https://example.org/"),
       primary=colours, secondary=colours, foreground=mostly("#222222", 3),
       background=mostly("#ffffff", 3), palette=st.dictionaries(st.sampled_from(
           ["pine", "gold", "primary", ""]), colours, max_size=2),
       office=st.one_of(st.none(), st.fixed_dictionaries({}, optional={
           "name": yaml_values, "email": yaml_values, "phone": yaml_values,
           "address": yaml_values, "hours": yaml_values})),
       qr=mostly(None, 2), logo=mostly(None, 4))
@example(full="A: b # c", short="{{ x }}", home="javascript:alert(1)", primary="#fff3b0",
         secondary="#fff3b0", foreground="#ffffff", background="#ffffff", palette={},
         office={"name": ["x"], "address": "one line"}, qr="", logo=None)
def test_random_brand_files_build_or_error(full: object, short: object, home: object,
                                           primary: object, secondary: object,
                                           foreground: object, background: object,
                                           palette: dict, office: object, qr: object,
                                           logo: object) -> None:
    colour_roles = {"primary": primary, "secondary": secondary, "foreground": foreground,
                    "background": background}
    brand: dict = {"meta": {"name": {"full": full, "short": short}, "link": {"home": home}},
                   "color": {k: v for k, v in colour_roles.items() if v is not None}}
    if palette:
        brand["color"]["palette"] = palette
    career: dict = {}
    if office is not None:
        career["office"] = office
    if qr is not None:
        career["qr-url"] = qr
    if career:
        brand["defaults"] = {"career-guide": career}
    if logo is not None:
        brand["logo"] = logo
    with tempfile.TemporaryDirectory(prefix="fuzz-brand-") as folder:
        root = Path(folder)
        pack = make_pack(root / "pack", {"intro.md": "---\ntitle: Intro\nkind: chapter\n---\n\nT.\n",
                                         "next.md": NEXT})
        brand_file = root / "brand.yml"
        brand_file.write_text(yaml.safe_dump(brand, allow_unicode=True), "utf-8")
        out = root / "booklet.pdf"
        result = run_cli("build", pack, "--brand", brand_file, "-o", out)
        _assert_exit_0_or_2(result, f"brand:\n{brand!r}")
        problem = result.stderr.split(": ", 2)[-1][:40] if result.exit_code else ""
        event(f"exit {result.exit_code} {problem}")


# -- timeline.yml -------------------------------------------------------------------------------

valid_years = st.one_of(st.integers(1, 8), st.tuples(st.integers(1, 5), st.integers(1, 4)).map(
    lambda p: f"{p[0]}-{p[0] + p[1]}"), st.sampled_from([0.5, 1.5, 2.5]))
years = st.integers(0, 6).flatmap(lambda i: valid_years if i else st.one_of(
    st.sampled_from([0, -1, "4-3", "x", "", "1-1", "open"]), yaml_values))
labels = st.integers(0, 3).flatmap(lambda i: st.sampled_from(
    ["College", "Medical school", "A very long stage label that will have to wrap or shrink",
     "PM&R", "中文", "X"]) if i else st.text(max_size=40).map(_clean))


@st.composite
def timelines(draw):  # type: ignore[no-untyped-def]
    count = draw(st.integers(1, 7))
    ids = ["college"] + [f"stage{n}" for n in range(1, count)]
    stages = [{"id": i, "label": draw(labels), "years": draw(years)} for i in ids]
    if draw(st.booleans()):
        stages[-1]["years"] = "open"
    milestones = [{"label": draw(labels), "stage": draw(st.sampled_from(ids)),
                   "at": draw(st.one_of(st.floats(0, 6, allow_nan=False), st.integers(0, 9)))}
                  for _ in range(draw(st.integers(0, 8)))]
    routes = [{"id": f"r{n}", "label": draw(labels), "stage": draw(st.sampled_from(ids)),
               "years": draw(valid_years)} for n in range(draw(st.integers(0, 4)))]
    timeline = {"unit": draw(st.sampled_from(["years after high school", "", "years"])),
                "stages": stages}
    if milestones:
        timeline["milestones"] = milestones
    if routes:
        timeline["routes"] = routes
    return timeline


@FUZZ
@given(timeline=timelines(), page_size=st.sampled_from(["half-letter", "a5", "letter", "a4"]),
       start_year=st.one_of(st.none(), st.integers(1990, 2100)))
@example(timeline={"unit": "years after high school", "stages": [  # a stage of three weeks
    {"id": "college", "label": "", "years": 1}, {"id": "stage1", "label": "", "years": 1},
    {"id": "stage2", "label": "", "years": 0.0625}, {"id": "stage3", "label": "", "years": 1},
    {"id": "stage4", "label": "", "years": "open"}]}, page_size="half-letter", start_year=None)
def test_random_timelines_build_or_error(timeline: dict, page_size: str,
                                         start_year: int | None) -> None:
    """Path, strip and calendar diagrams for odd timelines at every page size."""
    with tempfile.TemporaryDirectory(prefix="fuzz-timeline-") as folder:
        root = Path(folder)
        pack = make_pack(root / "pack", {
            "intro.md": "---\ntitle: Intro\nkind: chapter\n---\n\n::: timeline path\n\n"
                        "{{ timeline.total_years }}\n\n::: timeline years\n",
            "stage.md": "---\ntitle: A stage\nkind: stage\nstage: college\n---\n\nText.\n"})
        (pack / "timeline.yml").write_text(yaml.safe_dump(timeline, allow_unicode=True), "utf-8")
        extra = ["--start-year", str(start_year)] if start_year else []
        result = run_cli("build", pack, "-o", root / "booklet.pdf", "--page-size", page_size,
                         *extra)
        _assert_exit_0_or_2(result, f"timeline:\n{timeline!r}")
        problem = result.stderr.split(": ", 2)[-1][:40] if result.exit_code else ""
        event(f"exit {result.exit_code} {problem}")


# -- data tables -------------------------------------------------------------------------------

NUMBER_TYPES = ["integer", "decimal", "percent", "currency", "year"]
odd_cells = st.one_of(st.sampled_from(["", "x", "1,000", "1e5", "nan", "inf", "-", "12%%", '"q"',
                                       "1O", "0"]), st.text(max_size=12).map(_clean))


def typed_cell(kind: str) -> st.SearchStrategy[str]:
    """Mostly a value of the column's type, sometimes anything."""
    good = {"integer": st.integers(-10**9, 10**9).map(str),
            "decimal": st.floats(-1e6, 1e6, allow_nan=False).map(lambda f: f"{f:.2f}"),
            "percent": st.integers(0, 100).map(lambda n: f"{n}%"),
            "currency": st.integers(0, 10**7).map(str),
            "year": st.integers(1900, 2100).map(str)}.get(kind, st.text(max_size=12).map(_clean))
    return st.integers(0, 9).flatmap(lambda i: good if i else odd_cells)


@st.composite
def data_tables(draw):  # type: ignore[no-untyped-def]
    kinds = [draw(st.integers(0, 5).flatmap(lambda i: st.sampled_from(NUMBER_TYPES) if i
                                            else st.sampled_from(["text", "id", "bogus"])))
             for _ in range(2)]
    count = draw(st.integers(0, 7))
    ids = draw(st.integers(0, 9).flatmap(lambda i: st.just([f"r{n}" for n in range(count)]) if i
                                         else st.lists(st.sampled_from(["a", "a", "B b", ""]),
                                                       min_size=count, max_size=count)))
    rows = [(ids[n], draw(typed_cell(kinds[0])), draw(typed_cell(kinds[1]))) for n in range(count)]
    return kinds, rows


@FUZZ
@given(table=data_tables(), expr=st.sampled_from(["x / y", "x * y", "(x + y) / 2", "x - ",
                                                  "z + 1", "x / 0", "y", "x - y * 2"]),
       total=st.booleans(), chart=st.booleans(),
       quote=st.sampled_from(["{{ stats.t.r0.x }}", "{{ stats.t.total.d }}",
                              "{{ percent_change(stats.t.r0.x, stats.t.r1.x) }}",
                              "{{ ratio(stats.t.r0.x, stats.t.r1.y, 2) }}", ""]))
def test_random_data_tables_build_or_error(table: tuple, expr: str, total: bool, chart: bool,
                                           quote: str) -> None:
    """Odd cells, column types and expressions: a table, a chart and quoted numbers, or an
    error naming the file, row and column (divisions by zero included)."""
    (kind_x, kind_y), rows = table
    meta = {"title": "T", "source": {"name": "S", "year": 2024}, "key": "id",
            "columns": {"id": {"type": "id"}, "x": {"label": "X", "type": kind_x},
                        "y": {"label": "Y", "type": kind_y}},
            "derived": {"d": {"label": "D", "expr": expr, "type": "decimal", "decimals": 1}}}
    if total:
        meta["total"] = {"label": "All", "sum": ["x", "y"]}
    if chart:
        meta["chart"] = {"value": "d", "label": "id"}
    csv = "id,x,y\n" + "".join(f"{i},{_csv(x)},{_csv(y)}\n" for i, x, y in rows)
    with tempfile.TemporaryDirectory(prefix="fuzz-data-") as folder:
        root = Path(folder)
        body = f"{quote}\n\n::: table t\n" + ("\n::: chart t\n" if chart else "")
        pack = make_pack(root / "pack", {"intro.md": f"---\ntitle: I\nkind: chapter\n---\n\n{body}"})
        (pack / "data").mkdir()
        (pack / "data" / "t.csv").write_text(csv, "utf-8")
        (pack / "data" / "t.yml").write_text(yaml.safe_dump(meta), "utf-8")
        result = run_cli("build", pack, "-o", root / "booklet.pdf")
        _assert_exit_0_or_2(result, f"csv:\n{csv}\nmeta: {meta!r}\nquote: {quote}")
        problem = result.stderr.split(": ", 2)[-1][:40] if result.exit_code else ""
        event(f"exit {result.exit_code} {problem}")


def _csv(value: str) -> str:
    """One CSV cell, quoted when it needs to be."""
    if any(c in value for c in ',"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


# -- guide.yml ---------------------------------------------------------------------------------

chapter_entries = st.one_of(st.sampled_from(["intro.md", "next.md", "intro.md", "../x.md",
                                             "/etc/passwd", "missing.md", "intro", "", "NEXT.MD",
                                             "sub/intro.md"]), yaml_values)


@FUZZ
@given(title=mostly("A guide"), subtitle=mostly(None, 1), edition=mostly(2026, 1),
       language=mostly("en-US", 2), keywords=mostly(None, 1), colophon=mostly(None, 1),
       chapters=st.integers(0, 4).flatmap(lambda i: st.just(["intro.md", "next.md"]) if i
                                         else st.lists(chapter_entries, max_size=4)))
def test_random_guide_files_build_or_error(title: object, subtitle: object, edition: object,
                                           language: object, keywords: object,
                                           colophon: object, chapters: object) -> None:
    data = {"title": title, "subtitle": subtitle, "edition": edition, "language": language,
            "keywords": keywords, "colophon": colophon, "chapters": chapters}
    with tempfile.TemporaryDirectory(prefix="fuzz-guide-") as folder:
        root = Path(folder)
        pack = make_pack(root / "pack")
        (pack / "guide.yml").write_text(yaml.safe_dump(
            {k: v for k, v in data.items() if v is not None}, allow_unicode=True), "utf-8")
        result = run_cli("build", pack, "-o", root / "booklet.pdf")
        _assert_exit_0_or_2(result, f"guide.yml: {data!r}")
        problem = result.stderr.split(": ", 2)[-1][:40] if result.exit_code else ""
        event(f"exit {result.exit_code} {problem}")


def _shape(element) -> tuple:  # type: ignore[no-untyped-def]
    return (element.tag, sorted(element.attrib.items(), key=repr), element.text, element.tail,
            [_shape(child) for child in element])


def _tree_with(inline_stage: str, text: str) -> tuple:
    """The parsed tree, as nested tuples, with the quick or with Python-Markdown's own inline
    stage."""
    from markdown.treeprocessors import InlineProcessor

    from guide.text.markdown_parse import new_markdown, parse_markdown

    md = new_markdown()
    if inline_stage == "original":
        md.treeprocessors.register(InlineProcessor(md), "inline", 20)
    return _shape(parse_markdown(text, md))


@settings(FUZZ, max_examples=EXAMPLES * 10)
@given(markdown_body)
@example("a*b*c _d_ [x](y) ![i](j) `c` \\* <https://a.b> ~~s~~ [^1] and [^1]\n\n[^1]: note")
@example("line  \nbreak, a_b_c, **bold** *it*_x_, ![a][b] [c][] [d]\n\n[b]: u\n[d]: v")
@example("`a` `` b ` c `` \\\\` \\[ \\] [link *em* `code`](http://u) <http://x.y/z>")
def test_quick_inline_stage_builds_the_same_tree(body: str) -> None:
    assert _tree_with("quick", body) == _tree_with("original", body)


# -- templates ---------------------------------------------------------------------------------

JINJA = ["{{ ", " }}", "{% ", " %}", "{% for i in range(", ") %}", "{% endfor %}", "{% if ",
         "{% endif %}", "ratio(", "percent_change(", ", ", "10**", "1e308", "* 10", "'a' * ",
         "'x'", "9", "100000", "-1", "(", ")", "[", "]", "loop(", " recursive", "guide.title",
         "stats.counts.a.count", "timeline.total_years", "{% macro f(n) %}", "{% endmacro %}",
         "f(1)", "namespace(s='ab')", " ~ ", "|center(", "|replace('a', ", "|join", "|length",
         "{% set s = ", "{% include 'x' %}", "{% extends 'x' %}", "''.__class__", "nan", "inf",
         " ** ", " // ", " % ", "True", "none"]
template_body = st.lists(st.one_of(st.sampled_from(JINJA), st.sampled_from(FRAGMENTS[:20]),
                                   chars(SPECIAL, 1, 3)), max_size=30).map("".join)


@FUZZ
@given(body=template_body)
@example(body="{{ 'a' * 10**9 }}")
@example(body="{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
@example(body="{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}")
@example(body="{{ ratio(1e308*10, 1) }} {{ percent_change(0, 1) }}")
def test_random_templates_build_or_error(body: str) -> None:
    _build_with(f"---\ntitle: Fuzzed\nkind: chapter\n---\n\n{_clean(body)}\n")


# -- data files ----------------------------------------------------------------------------------

CELLS = ["1", "0", "-3", "1,000", "$1,200", "79%", "1e308", "1e308%", "nan", "inf", "-inf",
         "9007199254740993", "99999999999999999999", "", "-", "–", "1.5", "two", "2024",
         "x\"y", "a,b", "é", "\x00"]
COLUMN_TYPES = ["id", "text", "integer", "decimal", "percent", "currency", "year", "bogus"]


@FUZZ
@given(header=st.lists(st.sampled_from(["id", "name", "count", "Count", "id", "x y", ""]),
                       min_size=1, max_size=4),
       rows=st.lists(st.lists(st.one_of(st.sampled_from(CELLS), st.text(max_size=6).map(_clean)),
                              min_size=0, max_size=4), max_size=5),
       types=st.lists(st.sampled_from(COLUMN_TYPES), min_size=3, max_size=3),
       decimals=st.one_of(st.none(), yaml_values),
       expr=st.one_of(st.none(), chars(["count", "id", "+", "*", "/", "-", "(", ")", "1e308",
                                        "9", " ", "__import__", "**"], 1, 12)),
       key=st.sampled_from([None, "id", "name", "nope"]))
@example(header=["id", "name", "count"], rows=[["a", "A", "nan"]],
         types=["id", "text", "decimal"], decimals=True, expr="count * 1e308", key="id")
def test_random_data_files_build_or_error(header: list[str], rows: list[list[str]],
                                          types: list[str], decimals: object,
                                          expr: str | None, key: str | None) -> None:
    import csv
    import io

    text = io.StringIO()
    csv.writer(text).writerows([header, *rows])
    columns: dict = {"id": {"type": types[0]}, "name": {"type": types[1], "label": "Name"},
                     "count": {"type": types[2], "label": "Count"}}
    if decimals is not None:
        columns["count"]["decimals"] = decimals
    meta: dict = {"title": "Counts", "source": {"name": "Fuzz", "year": 2024},
                  "columns": columns}
    if key is not None:
        meta["key"] = key
    if expr is not None:
        meta["derived"] = {"calc": {"label": "Calc", "expr": expr, "type": "decimal"}}
    with tempfile.TemporaryDirectory(prefix="fuzz-data-") as folder:
        root = Path(folder)
        pack = make_pack(root / "pack", {"intro.md": "---\ntitle: Intro\nkind: chapter\n---\n\n"
                                         "::: table counts\n", "next.md": NEXT})
        (pack / "data").mkdir()
        (pack / "data" / "counts.csv").write_text(_clean(text.getvalue()), "utf-8")
        (pack / "data" / "counts.yml").write_text(yaml.safe_dump(meta, allow_unicode=True),
                                                  "utf-8")
        result = run_cli("build", pack, "-o", root / "booklet.pdf")
        _assert_exit_0_or_2(result, f"csv:\n{text.getvalue()!r}\nmeta: {meta!r}")


# -- brand templates --------------------------------------------------------------------------

@FUZZ
@given(body=template_body)
@example(body="{{ ''.__class__.__mro__ }}")
@example(body="{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
def test_random_brand_templates_build_or_error(body: str) -> None:
    with tempfile.TemporaryDirectory(prefix="fuzz-template-") as folder:
        root = Path(folder)
        pack = make_pack(root / "pack", {"intro.md": "---\ntitle: Intro\nkind: chapter\n---\n\nT.\n",
                                         "next.md": NEXT})
        (root / "brand" / "mine").mkdir(parents=True)
        (root / "brand" / "mine" / "back-cover.yml.j2").write_text(_clean(body) + "\n",
                                                                   "utf-8")
        brand_file = root / "brand" / "brand.yml"
        brand_file.write_text("meta:\n  name: {full: Fuzz College, short: Fuzz}\n"
                              "defaults:\n  career-guide:\n    templates: mine/\n", "utf-8")
        result = run_cli("build", pack, "--brand", brand_file, "-o", root / "booklet.pdf")
        _assert_exit_0_or_2(result, f"template:\n{body!r}")
