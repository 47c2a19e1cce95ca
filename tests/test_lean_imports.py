"""Third-party modules imported through guide.lean_imports behave as if imported plainly."""

import json
import subprocess
import sys

import pytest
from conftest import DEFAULT_PACK, REPO

# Uses every deferred pattern: reportlab's URI splitting (uriWasteReduce) and CJK splitter,
# PyYAML's pure-Python reader on an unprintable character, Markdown's attribute names.
PROBE = r'''
import json, re, sys
compile_before = re.compile
if sys.argv[1] == "lean":
    import guide
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib import textsplit
from reportlab.platypus import Paragraph
import reportlab.platypus.paragraph as paragraph
import markdown, yaml

style = ParagraphStyle("p", fontName="Helvetica", fontSize=10, leading=12, uriWasteReduce=0.3)
text = ("See https://www.example.org/a/really/long/path/that/cannot/fit/on/one/line/at/all"
        "?with=query&and=more for details, or www.example.com/short.")
para = Paragraph(text, style)
para.wrap(120, 1000)
lines = [" ".join(line[1]) if isinstance(line, tuple)
         else "".join(getattr(word, "text", " ") for word in line.words)
         for line in para.blPara.lines]
try:
    yaml.load("key: a\x07b", Loader=yaml.SafeLoader)
    yaml_error = None
except yaml.YAMLError as error:
    yaml_error = str(error)
html = markdown.markdown("# Title {: data-x=1 #anchor }\n\nA & B <c>",
                         extensions=["attr_list"])
import jinja2, jinja2.utils
from reportlab.lib import PyFontify, rl_safe_eval
SOURCE = "{{ 1 + 2.5 }} {{ 'x' ~ name }}\n{% if y %}y{% endif %}"
template = jinja2.Environment().from_string(SOURCE)
others = [template.render(name="n", y=True), jinja2.utils.urlize("see https://a.org or b@c.org"),
          str(yaml.safe_load("d: 2001-12-14t21:59:43.10-05:00")),
          str(yaml.load("d: 2002-12-14", Loader=yaml.SafeLoader)),
          str(PyFontify.fontify("def f(x): return 'y'  # c")),
          str(rl_safe_eval.rl_safe_eval("[1, 2][0] + 3"))]
print(json.dumps({
    "lines": lines,
    "uri": [bool(paragraph.uri_pat.match(u)) for u in ("http://a.org/x", "no uri", "ftp://1.2.3.4")],
    "cjk": textsplit.rx.sub(r"\1|", "\u4e2d\u6587 text"),
    "yaml_error": yaml_error,
    "html": html,
    "others": others,
    "compile_restored": re.compile is compile_before,
    "pyphen_in_paragraph": paragraph.pyphen is not None,
    "pyphen_left_blocked": "pyphen" in sys.modules and sys.modules["pyphen"] is None,
    "deferred": type(paragraph.uri_pat).__name__,
}))
'''


def probe(mode: str) -> dict:
    result = subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout)


def test_deferred_patterns_behave_like_compiled_ones():
    plain, lean = probe("plain"), probe("lean")
    assert lean["deferred"] == "CompiledOnFirstUse" and plain["deferred"] == "Pattern"
    for key in ("lines", "uri", "cjk", "yaml_error", "html", "others"):
        assert lean[key] == plain[key], key
    assert len(lean["lines"]) > 2  # the URI really was split across lines
    assert lean["uri"] == [True, False, True]
    assert "special characters are not allowed" in lean["yaml_error"]
    assert 'id="anchor"' in lean["html"]
    assert lean["compile_restored"]


def test_pyphen_is_kept_from_reportlab_only():
    pytest.importorskip("pyphen")
    lean = probe("lean")
    assert not lean["pyphen_in_paragraph"]
    assert not lean["pyphen_left_blocked"]
    subprocess.run([sys.executable, "-c", "import guide, reportlab.platypus, pyphen"], check=True)


PIL_PROBE = r'''
import io, sys
from pathlib import Path
from guide.pipeline import BuildOptions, build_booklet
build_booklet(Path(sys.argv[1]), None, Path(sys.argv[2]), BuildOptions())
loaded_for_plain_build = type(sys.modules["PIL.Image"]).__name__ == "module"
from PIL import Image
buffer = io.BytesIO()
Image.new("RGB", (3, 2), "red").save(buffer, "PNG")
from reportlab.lib.utils import ImageReader
size = ImageReader(io.BytesIO(buffer.getvalue())).getSize()
print(loaded_for_plain_build, size, type(sys.modules["PIL.Image"]).__name__)
'''


def test_pillow_loads_only_when_a_picture_needs_it(tmp_path):
    """The default booklet has no picture and the default brand no logo."""
    result = subprocess.run([sys.executable, "-c", PIL_PROBE, str(DEFAULT_PACK),
                             str(tmp_path / "a.pdf")],
                            capture_output=True, text=True, check=True, cwd=REPO)
    assert result.stdout.split() == ["False", "(3,", "2)", "module"]
