# ruff: noqa: E501, E101 - the posts are written as WordPress stores them: long lines, tabs
"""The fidelity corpus: post bodies in the shapes WordPress really writes.

BLOCK_POSTS follow the serialized form of the core blocks (the block library's fixtures,
test/integration/fixtures/blocks/*.serialized.html in WordPress/gutenberg: delimiters with
their JSON attributes, classes, inner blocks, blank lines between top-level blocks), with our
own text. CLASSIC_POSTS are what the classic editor stores: paragraphs as bare text between
blank lines, tags written by hand, tables with a newline between every cell, <!--more-->,
<!--nextpage--> and shortcodes. `shared_posts()` adds every post of ../shared/fixtures/wxr/.
"""

from __future__ import annotations

from pathlib import Path

from reeltui.formats import FormatError
from reeltui.formats.wxr.reader import read_wxr

PARAGRAPHS = """<!-- wp:paragraph -->
<p>Villeneuve's sequel is <strong>towering</strong>, and it&#8217;s <em>loud</em> in the best way.</p>
<!-- /wp:paragraph -->

<!-- wp:paragraph {"align":"center"} -->
<p class="has-text-align-center">A centred line about the score&nbsp;&mdash; Zimmer again.</p>
<!-- /wp:paragraph -->

<!-- wp:paragraph {"dropCap":true,"className":"intro-note","fontSize":"large"} -->
<p class="has-drop-cap intro-note has-large-font-size">Sand, spice and a very long runtime.</p>
<!-- /wp:paragraph -->

<!-- wp:paragraph -->
<p>See <a href="https://example.com/dune" target="_blank" rel="noreferrer noopener">the trailer</a> or read <a href="https://example.com/book">the book</a>.<br>A second line after a break.</p>
<!-- /wp:paragraph -->
"""

HEADINGS = """<!-- wp:heading -->
<h2 class="wp-block-heading">The verdict</h2>
<!-- /wp:heading -->

<!-- wp:heading {"level":3} -->
<h3 class="wp-block-heading">What works</h3>
<!-- /wp:heading -->

<!-- wp:heading {"level":4,"anchor":"cast"} -->
<h4 class="wp-block-heading" id="cast">The <em>cast</em></h4>
<!-- /wp:heading -->

<!-- wp:paragraph -->
<p>Timothée Chalamet and Zendaya lead an enormous ensemble.</p>
<!-- /wp:paragraph -->
"""

LISTS = """<!-- wp:list -->
<ul class="wp-block-list"><!-- wp:list-item -->
<li>Sound design &amp; score</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>The <em>sandworm</em> ride</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>Austin Butler as Feyd-Rautha</li>
<!-- /wp:list-item --></ul>
<!-- /wp:list -->

<!-- wp:list {"ordered":true,"start":3} -->
<ol start="3" class="wp-block-list"><!-- wp:list-item -->
<li>Third place: Arrival</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>Fourth place: Sicario</li>
<!-- /wp:list-item --></ol>
<!-- /wp:list -->

<!-- wp:list -->
<ul><li>An older list, before list items were blocks</li><li>With <strong>two</strong> items</li></ul>
<!-- /wp:list -->
"""

QUOTES = """<!-- wp:quote {"className":"is-style-large"} -->
<blockquote class="wp-block-quote is-style-large"><!-- wp:paragraph -->
<p>A critic is more than an editor of other people's dreams.</p>
<!-- /wp:paragraph --><cite>A film blogger, 2024</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>Fear is the mind-killer.</p>
<!-- /wp:paragraph -->

<!-- wp:paragraph -->
<p>I will face my fear.</p>
<!-- /wp:paragraph --></blockquote>
<!-- /wp:quote -->

<!-- wp:quote {"align":"left","className":"is-style-default"} -->
<blockquote class="wp-block-quote has-text-align-left is-style-default"><p>An older quote, its text not yet in blocks.</p><cite>Someone, <a href="https://example.com/">somewhere</a></cite></blockquote>
<!-- /wp:quote -->

<!-- wp:pullquote {"backgroundColor":"pale-pink","textColor":"vivid-red"} -->
<figure class="wp-block-pullquote has-vivid-red-color has-pale-pink-background-color has-text-color has-background"><blockquote><p>The spice must flow.</p><cite>Baron Harkonnen</cite></blockquote></figure>
<!-- /wp:pullquote -->
"""

MEDIA = """<!-- wp:image {"id":42,"sizeSlug":"large","linkDestination":"none"} -->
<figure class="wp-block-image size-large"><img src="https://example.com/wp-content/uploads/2024/03/dune-1024x576.jpg" alt="Paul on a sandworm" class="wp-image-42"/></figure>
<!-- /wp:image -->

<!-- wp:image {"id":43,"sizeSlug":"full","linkDestination":"media"} -->
<figure class="wp-block-image size-full"><a href="https://example.com/wp-content/uploads/2024/03/arrakis.jpg"><img src="https://example.com/wp-content/uploads/2024/03/arrakis.jpg" alt="Arrakis at dawn" class="wp-image-43"/></a><figcaption class="wp-element-caption">Arrakis, as shot by Greig Fraser</figcaption></figure>
<!-- /wp:image -->

<!-- wp:embed {"url":"https://www.youtube.com/watch?v=Way9Dexny3w","type":"video","providerNameSlug":"youtube","responsive":true,"className":"wp-embed-aspect-16-9 wp-has-aspect-ratio"} -->
<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube wp-embed-aspect-16-9 wp-has-aspect-ratio"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=Way9Dexny3w
</div><figcaption class="wp-element-caption">The final trailer</figcaption></figure>
<!-- /wp:embed -->

<!-- wp:spacer {"height":"40px"} -->
<div style="height:40px" aria-hidden="true" class="wp-block-spacer"></div>
<!-- /wp:spacer -->
"""

TABLES_AND_CODE = """<!-- wp:table -->
<figure class="wp-block-table"><table class="has-fixed-layout"><thead><tr><th>Film</th><th>Year</th><th>Reels</th></tr></thead><tbody><tr><td>Dune</td><td>2021</td><td>4</td></tr><tr><td>Dune: Part Two</td><td>2024</td><td>4.5</td></tr></tbody></table></figure>
<!-- /wp:table -->

<!-- wp:table {"hasFixedLayout":false,"className":"is-style-stripes"} -->
<figure class="wp-block-table is-style-stripes"><table><tbody><tr><td colspan="2">Box office</td></tr><tr><td>Opening weekend</td><td>$82.5M</td></tr></tbody></table><figcaption class="wp-element-caption">Source: the studio</figcaption></figure>
<!-- /wp:table -->

<!-- wp:code -->
<pre class="wp-block-code"><code>ffmpeg -i dune.mkv -ss 01:02:03 -frames:v 1 still.png &amp;&amp; echo done</code></pre>
<!-- /wp:code -->

<!-- wp:preformatted -->
<pre class="wp-block-preformatted">Walk without rhythm
and you won't attract the worm.</pre>
<!-- /wp:preformatted -->

<!-- wp:verse -->
<pre class="wp-block-verse">Dune, dune,
under the <em>two</em> moons.</pre>
<!-- /wp:verse -->

<!-- wp:separator -->
<hr class="wp-block-separator has-alpha-channel-opacity"/>
<!-- /wp:separator -->

<!-- wp:separator {"className":"is-style-dots"} -->
<hr class="wp-block-separator has-alpha-channel-opacity is-style-dots"/>
<!-- /wp:separator -->
"""

MARKERS_AND_MORE = """<!-- wp:paragraph -->
<p>The teaser paragraph before the fold.</p>
<!-- /wp:paragraph -->

<!-- wp:more {"customText":"Read the whole review"} -->
<!--more Read the whole review-->
<!-- /wp:more -->

<!-- wp:paragraph -->
<p>After the fold, the spoilers.</p>
<!-- /wp:paragraph -->

<!-- wp:nextpage -->
<!--nextpage-->
<!-- /wp:nextpage -->

<!-- wp:shortcode -->
[gallery ids="12,13,14" columns="3"]
<!-- /wp:shortcode -->

<!-- wp:html -->
<div class="rating-box"><span class="reels">4.5</span> out of 5 reels</div>
<!-- /wp:html -->

<!-- wp:group {"layout":{"type":"constrained"}} -->
<div class="wp-block-group"><!-- wp:heading {"level":3} -->
<h3 class="wp-block-heading">Where to watch</h3>
<!-- /wp:heading -->

<!-- wp:paragraph -->
<p>In cinemas, then on streaming.</p>
<!-- /wp:paragraph --></div>
<!-- /wp:group -->

<!-- wp:buttons -->
<div class="wp-block-buttons"><!-- wp:button -->
<div class="wp-block-button"><a class="wp-block-button__link wp-element-button" href="https://example.com/tickets">Tickets</a></div>
<!-- /wp:button --></div>
<!-- /wp:buttons -->

<!-- wp:latest-posts {"postsToShow":3} /-->
"""

CLASSIC_TAGS = """Every classic post starts as plain text. A line break
inside a paragraph is kept as a line break.

<h2>Headings, tables and lists</h2>
<table>
<thead>
<tr>
<th>Employee</th>
<th>Salary</th>
<th></th>
</tr>
</thead>
<tbody>
<tr>
<td><a href="http://example.org/">John Doe</a></td>
<td>$1</td>
<td>Because that's all Steve Jobs needed for a salary.</td>
</tr>
<tr>
<td><a href="http://example.org/">Jane Doe</a></td>
<td>$100K</td>
<td>For all the blogging she does.</td>
</tr>
</tbody>
</table>
<h3>Definition List</h3>
<dl>
 	<dt>Definition List Title</dt>
 	<dd>This is a definition list division.</dd>
 	<dt>Director</dt>
 	<dd>The person who sees the whole film before anyone else.</dd>
</dl>
<h3>Ordered List, reversed</h3>
<ol reversed>
 	<li>Third favourite</li>
 	<li>Second favourite</li>
 	<li>Favourite</li>
</ol>
<h3>Unordered List (Nested)</h3>
<ul>
 	<li>List item one
<ul>
 	<li>List item one
<ul>
 	<li>List item one</li>
 	<li>List item two</li>
</ul>
</li>
 	<li>List item two</li>
</ul>
</li>
 	<li>List item two</li>
</ul>

<!--more-->

<h2>Inline elements</h2>
<strong>Address Tag</strong>

<address>1 Infinite Loop
Cupertino, CA 95014
United States</address><strong>Anchor Tag (aka. Link)</strong>

This is an example of a <a title="Example" href="https://example.com/">link</a>.

<strong>Abbreviation Tag</strong>

The abbreviation <abbr title="Seriously">srsly</abbr> stands for "seriously".

<strong>Big Tag</strong>

These tests are a <big>big</big> deal, but this tag is no longer supported in HTML5.

<strong>Cite Tag</strong>

"Code is poetry." --<cite>Automattic</cite>

<strong>Delete Tag</strong>

This tag will let you <del cite="deleted it">strike out text</del>, but this tag is recommended supported in HTML5 (use the <code>&lt;s&gt;</code> instead).

<strong>Insert Tag</strong>

This tag should denote <ins cite="inserted it">inserted</ins> text.

<strong>Keyboard Tag</strong>

This scarcely known tag emulates <kbd>keyboard text</kbd>, which is usually styled like the <code>&lt;code&gt;</code> tag.

<strong>Preformatted Tag</strong>

This tag is for preserving whitespace as typed, such as in poetry or ASCII art.
<h2>The Tag</h2>
<pre><cite>The Raven</cite>
Once upon a midnight dreary, while I pondered, weak and weary,
Over many a quaint and curious volume of forgotten lore,

While I nodded, nearly napping, suddenly there came a tapping,
As of some one gently rapping, rapping at my chamber door.</pre>
<strong>Quote Tag</strong>

<q>Developers, developers, developers…</q> –Steve Ballmer

<strong>Strike Tag</strong>

This tag shows <s>strike-through text</s>.

<strong>Small Tag</strong>

This tag shows <small>smaller text</small>.

<strong>Subscript Tag</strong>

Getting our science styling on with H<sub>2</sub>O, which should push the "2" down.

<strong>Superscript Tag</strong>

Still sticking with science and Albert Einstein's E = MC<sup>2</sup>, which should lift the 2 up.

<!--nextpage-->

<strong>Variable Tag</strong>

This allows you to denote <var>variables</var>.
"""

CLASSIC_MEDIA = """[caption id="attachment_42" align="alignnone" width="300"]<img class="size-medium wp-image-42" src="https://example.com/wp-content/uploads/2013/12/her-300x200.jpg" alt="Her" width="300" height="200" /> Joaquin Phoenix in Her[/caption]

It's <em>should</em> be the film of the year: Spike Jonze's best.

[embed]https://www.youtube.com/watch?v=WzV6mXIOVl4[/embed]

<blockquote>A classic quote, text straight inside.</blockquote>

<iframe src="https://player.vimeo.com/video/12345" width="640" height="360" frameborder="0" allowfullscreen></iframe>

Text &amp; entities: caf&eacute;, &#8220;quoted&#8221;, 5&nbsp;stars, and snake_case names.

<p style="text-align: center;">A centred paragraph written with its p tag.</p>

[gallery columns="2" ids="1,2"]

"""
CLASSIC_MEDIA += "Last paragraph, with a trailing space. \n"

EXCERPTS = {
    "plain": "A towering sequel.",
    "markup": "It <em>should</em> be the film of the year &amp; more.",
    "two paragraphs": "First line of the excerpt.\n\nSecond paragraph.",
}

BLOCK_POSTS = {
    "paragraphs": PARAGRAPHS,
    "headings": HEADINGS,
    "lists": LISTS,
    "quotes": QUOTES,
    "media": MEDIA,
    "tables and code": TABLES_AND_CODE,
    "markers and more": MARKERS_AND_MORE,
}
CLASSIC_POSTS = {"classic tags": CLASSIC_TAGS, "classic media": CLASSIC_MEDIA}
CORPUS = {**BLOCK_POSTS, **CLASSIC_POSTS}

SHARED_WXR = (
    "wxr-simple.xml",
    "small-export.xml",
    "valid-wxr-1.0.xml",
    "valid-wxr-1.1.xml",
    "wxr-utf-8-challenges.xml",
    "crazy-cdata.xml",
    "malformed.xml",
    "missing-tags.xml",
)


def shared_posts(folder: Path) -> dict[str, str]:
    """Every post body of the WXR files in `folder` (../shared/fixtures/wxr)."""
    found: dict[str, str] = {}
    for name in SHARED_WXR:
        try:
            posts = read_wxr(folder / name).posts
        except FormatError:
            continue  # malformed.xml: nothing in it can be read
        for parsed in posts:
            found[f"{name}: {parsed.post.title or parsed.post.id}"] = parsed.post.html
    return found
