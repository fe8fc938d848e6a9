"""The reader shows HTML kept from the site as what it says, never as tags (SVG snapshots):
a classic table with <thead> and a newline between cells, a definition list, a poem in <pre>
that starts with <cite> and keeps its blank lines; and sub/sup/abbr, a page break."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reeltui.config import Settings
from reeltui.domain.models import Post
from reeltui.formats.sitehtml import from_site
from reeltui.services import Blog
from reeltui.store import Store
from reeltui.ui.app import make_app
from tests.snapshots.test_snapshots import Compare, steps

TABLE = """Box office of the trilogy, as the studio reported it.

<table>
<thead>
<tr>
<th>Film</th>
<th>Opening</th>
<th>Total</th>
</tr>
</thead>
<tbody>
<tr>
<td><a href="http://example.org/dune">Dune</a></td>
<td>$41M</td>
<td>$402M</td>
</tr>
<tr>
<td>Dune: Part Two</td>
<td>$82M</td>
<td>$714M</td>
</tr>
</tbody>
</table>
Figures in US dollars: H<sub>2</sub>O not included, E = MC<sup>2</sup> as ever,
<abbr title="as far as I know">AFAIK</abbr>.

<!--nextpage-->

Page two."""

DEFINITIONS = """Words critics use.
<dl>
  <dt>Mise-en-scène</dt>
  <dd>Everything placed in front of the camera.</dd>
  <dt>Diegetic sound</dt>
  <dd>Sound the characters can hear, too.</dd>
</dl>
<address>FlixChatter
1 Reel Street
Minneapolis</address>
After the address, a paragraph of its own."""

POEM = """A poem the film quotes:
<pre><cite>The Raven</cite>
Once upon a midnight dreary, while I pondered, weak and weary,
Over many a quaint and curious volume of forgotten lore,

While I nodded, nearly napping, suddenly there came a tapping,
As of some one gently rapping, rapping at my chamber door.</pre>
<!--more-->

And the rest of the review."""

POSTS = {"table": TABLE, "definitions": DEFINITIONS, "poem": POEM}


@pytest.fixture
def site_blog(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Blog]:
    name = request.node.callspec.params["name"]
    blog = Blog(Store.open(tmp_path / "store"))
    post = Post(
        id=f"p-{name}",
        slug=name,
        title=f"Kept from the site: {name}",
        author="Ruth",
        date="2024-03-01T10:00:00+00:00",
        status="published",
    )
    blog.save_post(from_site(post, POSTS[name], ""))
    yield blog
    blog.close()


@pytest.fixture(autouse=True)
def _own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REELTUI_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.mark.parametrize("name", sorted(POSTS))
def test_reader_shows_kept_html_readably(snap_compare: Compare, site_blog: Blog, name: str) -> None:
    app = make_app(site_blog, settings=Settings())
    assert snap_compare(app, terminal_size=(120, 48), run_before=steps("enter"))
