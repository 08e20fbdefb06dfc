#!/usr/bin/env python3
"""Writes the golden pages (pages/NAME.html + NAME.json): small hand-written
pages, one per title, author, date, site, body-shape and encoding pattern the
extractor handles. Run from anywhere; rewrites pages/."""
import json, os
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'pages'))
BODY = """
<p>Enterprise wikis rarely fail because of the software. They fail because nobody owns the pages, nobody prunes them, and nobody is thanked for writing them down in the first place.</p>
<p>In the teams we visited, the wikis that stayed alive had an editor, a rhythm, and a habit of linking every meeting note to a page that someone was responsible for keeping current.</p>
<p>Activity streams changed the picture, but not in the way vendors promised: they made work visible, yet they also buried the slow, careful pages under a flood of status updates.</p>
<p>The lesson is old and simple. Tools follow habits, and habits follow the people who are rewarded for them, so start with the people and the tools will sort themselves out.</p>
"""
FIRST = "Enterprise wikis rarely fail because of the software."
LAST = "start with the people and the tools will sort themselves out."

def page(name, head='', body_top='', body_bottom='', url='https://www.example.org/2021/03/15/wikis', expect=None, article=True, raw=None, content_type=None, lang='en'):
    if raw is None:
        html = f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
{head}
</head><body>
<nav class="menu"><a href="/">Home</a> <a href="/about">About</a> <a href="/topics">Topics</a></nav>
<div class="sidebar"><h3>Popular</h3><ul><li><a href="/a">Another story about intranets</a></li><li><a href="/b">Ten tips for team blogs</a></li></ul></div>
<article>
{body_top}
{BODY}
{body_bottom}
</article>
<footer class="site-footer">Copyright Example Media. All rights reserved. Imprint and privacy.</footer>
</body></html>
"""
        data = html.encode('utf-8')
    else:
        data = raw
    open(name + '.html', 'wb').write(data)
    e = {'url': url}
    if content_type: e['content_type'] = content_type
    e.update(expect or {})
    e.setdefault('text_contains', [FIRST, LAST])
    e.setdefault('text_excludes', ['Another story about intranets', 'All rights reserved'])
    json.dump(e, open(name + '.json', 'w'), ensure_ascii=False, indent=2)
    open(name + '.json', 'a').write('\n')

T = 'Why enterprise wikis die'
# ---- titles
page('title-og', head=f'<title>Wikis | Example Media</title><meta property="og:title" content="{T}">',
     expect={'title': T, 'sources': {'title': 'og:title'}})
page('title-twitter', head=f'<meta name="twitter:title" content="{T}">',
     expect={'title': T, 'sources': {'title': 'twitter:title'}})
page('title-jsonld-headline', head='<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"%s"}</script>' % T,
     expect={'title': T, 'sources': {'title': 'json-ld'}})
page('title-h1-agrees', head=f'<title>{T} | Example Media</title>', body_top=f'<h1>{T}</h1>',
     expect={'title': T, 'sources': {'title': 'h1'}})
page('title-h1-kicker', head=f'<title>{T} | Example Media</title>', body_top=f'<h1><span>Collaboration:</span> {T}</h1><h1>Second heading that is not it</h1>',
     expect={'title': T})
# a kicker in the headline: dropped when classed so, or when a declared title is the rest
page('title-kicker-classed', head=f'<meta property="og:title" content="Collaboration - {T}">',
     body_top=f'<h1 itemprop="headline"><span class="teaser__kicker">Collaboration</span><span class="visually-hidden"> - </span><span class="h1">{T}</span></h1>',
     expect={'title': T})
page('title-kicker-declared', head=f'<title>{T}</title>',
     body_top=f'<h1><style>.x{{color:grey}}</style><span class="css-x1">Press release of the ministry of work<span class="css-x2">:</span></span>{T}</h1>',
     expect={'title': T, 'sources': {'title': 'h1'}})
page('title-kicker-styled-word-kept', head='<meta property="og:title" content="Why enterprise wikis die">',
     body_top='<h1><b>Why</b> enterprise wikis die</h1>', expect={'title': 'Why enterprise wikis die'})
page('title-kicker-unclassed-kept', head=f'<meta property="og:title" content="Collaboration: {T}">',
     body_top=f'<h1><span>Collaboration:</span> {T}</h1>', expect={'title': f'Collaboration: {T}'})
page('title-h1-longer-than-declared', head=f'<meta property="og:title" content="{T}">',
     body_top=f'<h1>{T} in the Tennessee plant</h1>', expect={'title': f'{T} in the Tennessee plant', 'sources': {'title': 'h1'}})
page('title-h1-badge-dropped', head=f'<meta property="og:title" content="{T}">',
     body_top=f'<h1>{T} <span class="label abo">Subscribers</span></h1>', expect={'title': T})
page('title-h1-site-suffix-dropped', head=f'<meta property="og:title" content="{T}"><meta property="og:site_name" content="Example Media">',
     body_top=f'<h1 class="visuallyhidden">{T} | Example Media</h1>', expect={'title': T})
page('title-suffix-pipe', head=f'<title>{T} | Example Media</title><meta property="og:site_name" content="Example Media">',
     expect={'title': T, 'site': 'Example Media', 'sources': {'title': 'title', 'site': 'og:site_name'}})
page('title-suffix-dash', head=f'<title>{T} - Example Media</title><meta property="og:site_name" content="Example Media">',
     expect={'title': T, 'sources': {'title': 'title'}})
page('title-suffix-emdash', head=f'<title>{T} — Example Media</title><meta property="og:site_name" content="Example Media">',
     expect={'title': T})
page('title-prefix-site', head=f'<title>Example Media | {T}</title><meta property="og:site_name" content="Example Media">',
     expect={'title': T})
page('title-suffix-host', head=f'<title>{T} - Example.org</title>', expect={'title': T})
page('title-dash-kept', head='<title>Wikis – what we learned from ten teams and their editors</title>',
     expect={'title': 'Wikis – what we learned from ten teams and their editors'})
# "Site: Title" against the site's declared name ...
page('title-site-colon-prefix', head=f'<title>Example Media: {T}</title><meta property="og:site_name" content="Example Media">',
     expect={'title': T, 'sources': {'title': 'title'}})
# ... while a colon that the site does not stand before stays
page('title-colon-kept', head='<title>Wikis: a post-mortem of ten teams</title><meta property="og:site_name" content="Example Media">',
     expect={'title': 'Wikis: a post-mortem of ten teams'})
# a theme's h1 that links home is the site's name, not the headline ...
page('title-logo-heading-ignored', head=f'<title>{T} | Northwind Notes</title>',
     body_top='<h1 id="site-title"><a href="https://www.example.org/">Northwind Notes</a></h1>',
     expect={'title': T, 'sources': {'title': 'title'}})
# ... but a headline that links to the page itself is the headline
page('title-permalink-heading-kept', head='<title>Wikis | Example Media</title>',
     body_top=f'<h1 class="entry-title"><a href="https://www.example.org/2021/03/15/wikis">{T}</a></h1>',
     expect={'title': T, 'sources': {'title': 'h1'}})
# ---- authors
def ld(obj): return '<script type="application/ld+json">%s</script>' % json.dumps(obj)
page('author-jsonld-string', head=ld({"@context":"https://schema.org","@type":"Article","headline":T,"author":"Jane Doe"}),
     expect={'author': 'Jane Doe', 'sources': {'author': 'json-ld'}})
page('author-jsonld-person', head=ld({"@context":"https://schema.org","@type":"BlogPosting","headline":T,"author":{"@type":"Person","name":"Jane Doe","url":"https://www.example.org/jane"}}),
     expect={'author': 'Jane Doe', 'sources': {'author': 'json-ld'}})
page('author-jsonld-array', head=ld({"@context":"https://schema.org","@type":"NewsArticle","headline":T,"author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"Max Mustermann"}]}),
     expect={'author': 'Jane Doe, Max Mustermann'})
page('author-jsonld-graph', head=ld({"@context":"https://schema.org","@graph":[{"@type":"WebSite","@id":"https://www.example.org/#site","name":"Example Media"},{"@type":"Person","@id":"https://www.example.org/#jane","name":"Jane Doe"},{"@type":"Article","headline":T,"author":{"@id":"https://www.example.org/#jane"},"datePublished":"2021-03-15T08:00:00+01:00","publisher":{"@id":"https://www.example.org/#site"}}]}),
     expect={'author': 'Jane Doe', 'date': '2021-03-15', 'site': 'Example Media', 'sources': {'author': 'json-ld', 'date': 'json-ld', 'site': 'json-ld'}},
     url='https://www.example.org/wikis')
page('author-meta', head='<meta name="author" content="Jane Doe">', expect={'author': 'Jane Doe', 'sources': {'author': 'meta:author'}})
page('author-article-author-url', head='<meta property="article:author" content="https://www.facebook.com/janedoe"><meta name="dc.creator" content="Jane Doe">',
     expect={'author': 'Jane Doe', 'sources': {'author': 'meta:dc.creator'}})
page('author-parsely', head='<meta name="parsely-author" content="Jane Doe">', expect={'author': 'Jane Doe', 'sources': {'author': 'meta:parsely-author'}})
page('author-rel', body_top='<p class="x">Written up by our team, <a rel="author" href="/people/jane">Jane Doe</a></p>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'rel-author'}})
page('author-itemprop', body_top='<div itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Jane Doe</span></div>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'itemprop'}})
page('author-byline-class', body_top='<div class="byline">By Jane Doe | March 15, 2021</div>',
     expect={'author': 'Jane Doe', 'date': '2021-03-15', 'sources': {'author': 'byline'}}, url='https://www.example.org/wikis')
page('author-by-text', body_top='<p>By <a href="/people/jane">Jane Doe</a></p>', expect={'author': 'Jane Doe', 'sources': {'author': 'by-text'}})
page('author-posted-by', body_top='<p>Posted by Jane Doe on March 15, 2021</p>', expect={'author': 'Jane Doe'})
page('author-von', body_top='<p>Von Max Mustermann, 19.10.2019</p>', expect={'author': 'Max Mustermann', 'date': '2019-10-19'}, url='https://www.example.de/wikis', lang='de')
page('author-par', body_top='<p>Par Marie Dupont</p>', expect={'author': 'Marie Dupont'}, lang='fr')
page('author-cleaned', head='<meta name="author" content="By Jane Doe @janedoe">', expect={'author': 'Jane Doe'})
page('author-role-cleaned', body_top='<div class="author-name">Von Max Mustermann, Redakteur</div>', expect={'author': 'Max Mustermann'}, lang='de')
page('author-site-rejected', head='<meta property="og:site_name" content="Example Media"><meta name="author" content="Example Media">',
     body_top='<span class="byline">By Jane Doe</span>', expect={'author': 'Jane Doe', 'site': 'Example Media'})
page('author-url-rejected', head='<meta name="author" content="https://www.example.org/about">', expect={'author': None})
page('author-too-long', head='<meta name="author" content="The editorial board of this publication together with all of our many contributors and friends around the world">', expect={'author': None})
# references left in values: JSON-LD is script text, some metas are escaped twice
page('author-entities-decoded', head=ld({"@context":"https://schema.org","@type":"NewsArticle","headline":"Caf&eacute; wikis &#8211; a field report","author":{"@type":"Person","name":"Fran&ccedil;ois M&#252;ller"}}),
     expect={'title': 'Café wikis – a field report', 'author': 'François Müller', 'sources': {'author': 'json-ld'}})
page('author-meta-escaped-twice', head='<meta name="author" content="J&amp;ouml;rg Sch&amp;#xFC;tz">', expect={'author': 'Jörg Schütz'}, lang='de')
# ... and an ampersand that starts none stays
page('author-ampersand-kept', head=ld({"@context":"https://schema.org","@type":"NewsArticle","headline":T,"author":"Jane Doe & Max Mustermann"}),
     expect={'author': 'Jane Doe & Max Mustermann'})
# JSON-LD in the shapes sites write it: a trailing comma, two objects in a
# row, the author on the page rather than the article, a name with a language
def ld_raw(text): return '<script type="application/ld+json">%s</script>' % text
page('author-jsonld-trailing-comma', head=ld_raw('{"@context":"https://schema.org","@type":"NewsArticle","headline":"Wikis, [sic],} and more","author":{"@type":"Person","name":"Jane Doe",},}'),
     expect={'author': 'Jane Doe', 'title': 'Wikis, [sic],} and more', 'sources': {'author': 'json-ld', 'title': 'json-ld'}})
page('author-jsonld-in-a-row', head=ld_raw('{"@context":"https://schema.org","@type":"WebSite","name":"Example Media"}\n{"@context":"https://schema.org","@type":"BlogPosting","headline":"%s","author":{"@type":"Person","name":"Jane Doe"}}' % T),
     expect={'author': 'Jane Doe', 'sources': {'author': 'json-ld'}})
page('author-jsonld-on-page', head=ld({"@context":"https://schema.org","@graph":[{"@type":"Article","headline":T},{"@type":"WebPage","name":T,"author":{"@type":"Person","name":"Jane Doe"}}]}),
     expect={'author': 'Jane Doe', 'sources': {'author': 'json-ld'}})
page('author-jsonld-article-beats-page', head=ld({"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":T,"author":{"@type":"Person","name":"Max Mustermann"}},{"@type":"Article","headline":T,"author":{"@type":"Person","name":"Jane Doe"}}]}),
     expect={'author': 'Jane Doe', 'sources': {'author': 'json-ld'}})
page('author-jsonld-name-value', head=ld({"@context":"https://schema.org","@type":"Article","headline":T,"author":{"@type":"Person","name":{"@value":"Jane Doe","@language":"en"}}}),
     expect={'author': 'Jane Doe', 'sources': {'author': 'json-ld'}})
# a link to the writer's page names the writer ...
page('author-link', body_top='<h1>%s</h1><p class="meta">3. März 2021 · <a href="https://www.example.de/author/jane-doe/">Jane Doe</a> · 4 Kommentare</p>' % T,
     expect={'author': 'Jane Doe', 'sources': {'author': 'author-link'}}, url='https://www.example.de/wikis', lang='de')
# ... a link to the list of writers or to a writer's older posts does not
page('author-link-listing-ignored', body_top='<p class="menu"><a href="/autoren/">Unsere Autoren</a> <a href="/author/jane-doe/page/2/">Ältere Beiträge</a> <a href="/author/jane-doe/">Alle Beiträge ansehen</a></p>',
     expect={'author': None}, url='https://www.example.de/wikis', lang='de')
# metas named for the author in other ways, a label in other languages ...
page('author-meta-other-key', head='<meta property="article:author_name" content="Jane Doe">', expect={'author': 'Jane Doe', 'sources': {'author': 'meta:article:author_name'}})
page('author-twitter-label-spanish', head='<meta name="twitter:label1" content="Escrito por"><meta name="twitter:data1" content="María López">',
     expect={'author': 'María López', 'sources': {'author': 'meta:twitter:data1'}}, url='https://www.example.es/wikis', lang='es')
# ... but not a reading time nor a Twitter account
page('author-twitter-label-other', head='<meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="4 Minutes"><meta name="twitter:creator" content="@janedoe">',
     expect={'author': None})
# microdata's name deeper in the author item, a French byline class
page('author-itemprop-deep-name', body_top='<div itemprop="author" itemscope itemtype="https://schema.org/Person"><div class="card"><p class="who"><span itemprop="name">Jane Doe</span></p></div><p>Writes about intranets.</p></div>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'itemprop'}})
page('author-auteur-class', body_top='<p class="article-auteur">Jean Dupont</p>', expect={'author': 'Jean Dupont', 'sources': {'author': 'byline'}}, url='https://www.example.fr/wikis', lang='fr')
# the words that lead a byline, in several languages, are no part of the name
page('author-lead-italian', body_top='<div class="byline">di Mario Rossi</div>', expect={'author': 'Mario Rossi', 'sources': {'author': 'byline'}}, url='https://www.example.it/wikis', lang='it')
page('author-lead-italian-verb', body_top='<div class="byline">Scritto da Mario Rossi</div>', expect={'author': 'Mario Rossi'}, url='https://www.example.it/wikis', lang='it')
page('author-lead-conversation', body_top='<div class="byline">In conversation with Jane Doe</div>', expect={'author': 'Jane Doe'})
page('author-lead-from', body_top='<div class="byline">From Jane Doe</div>', expect={'author': 'Jane Doe'})
page('author-lead-text-and-photos', body_top='<div class="byline">Text und Fotos: Max Mustermann</div>', expect={'author': 'Max Mustermann'}, url='https://www.example.de/wikis', lang='de')
page('author-lead-gender-label', body_top='<div class="byline">Autor:in: Kim Muster</div>', expect={'author': 'Kim Muster'}, url='https://www.example.de/wikis', lang='de')
page('author-lead-published-by', head='<meta name="author" content="Published by: Jane Doe">', expect={'author': 'Jane Doe'})
# a particle written with a capital is part of the name ...
page('author-capital-particle-kept', body_top='<div class="byline">Par Anne Le Guen, le 3 mars 2021</div>', expect={'author': 'Anne Le Guen'}, url='https://www.example.fr/wikis', lang='fr')
page('author-capital-particle-meta', head='<meta name="author" content="Mohamed El Amrani">', expect={'author': 'Mohamed El Amrani'})
# ... the same word in lower case follows it
page('author-particle-cut', body_top='<div class="byline">Par Anne Martin le 3 mars 2021</div>', expect={'author': 'Anne Martin'}, url='https://www.example.fr/wikis', lang='fr')
# a lead that fills its cell, the name in the next one ...
page('author-lead-cell', body_top='<div class="meta-line"><span>Written by</span></div><div class="who"><a href="/people/jane">Jane Doe</a></div>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'by-text'}})
# ... but not a paragraph of running text after it
page('author-lead-cell-paragraph-ignored', body_top='<div class="meta-line"><span>Von</span></div><p>Berlin aus ging es weiter nach Hamburg und dann nach Kiel, wo wir blieben.</p>',
     expect={'author': None}, url='https://www.example.de/wikis', lang='de')
# a picture's credit is no byline, whatever its class says
page('author-picture-credit-ignored', body_top='<figure><img src="/a.jpg" alt=""><figcaption><span class="media-license-info">&copy; </span><span class="media-license-author">Max Mustermann</span></figcaption></figure><p class="author">&copy; Erika Musterfrau/Example Images</p>',
     expect={'author': None}, url='https://www.example.de/wikis', lang='de')
# ... but a name that starts like one keeps it
page('author-name-like-lead-kept', head='<meta name="author" content="Da Silva">', expect={'author': 'Da Silva'}, url='https://www.example.com.br/wikis', lang='pt')
# ... a picture credit names no writer, a lead with no name after it neither
page('author-photo-credit-rejected', body_top='<div class="byline">Fotos: Max Mustermann</div>', expect={'author': None}, url='https://www.example.de/wikis', lang='de')
page('author-posted-in-rejected', body_top='<div class="byline">Posted in Enterprise</div>', expect={'author': None})
page('author-filed-under-rejected', body_top='<div class="byline">Filed under Enterprise</div>', expect={'author': None})
# ... unless a "by" follows the section
page('author-posted-in-by', body_top='<div class="byline">Posted in Enterprise by Jane Doe</div>', expect={'author': 'Jane Doe'})
# the byline's verb after the name, in other languages
page('author-verb-after-name', body_top='<p class="byline">Av Anna Svensson, publicerad 3 mars 2021</p>', expect={'author': 'Anna Svensson'}, url='https://www.example.se/wikis', lang='sv')
# a lead after a separator on the line ...
page('author-lead-after-separator', body_top='<p class="meta">Heute, 10:00 Uhr · Von <a href="/p/jd">Jane Doe</a></p>', expect={'author': 'Jane Doe', 'sources': {'author': 'by-text'}}, url='https://www.example.de/wikis', lang='de')
# ... but not running words after one
page('author-lead-after-separator-text', body_top='<p class="weather">Wetter | von morgens bis abends sonnig</p>', expect={'author': None}, url='https://www.example.de/wikis', lang='de')
# a date between the lead and the name
page('author-posted-on-date-by', body_top='<div class="entry-meta">Posted on March 3, 2021 by Jane Doe</div>', expect={'author': 'Jane Doe', 'sources': {'author': 'by-text'}})
page('author-publie-le-par', body_top='<p class="meta">Publié le 3 mars 2021 par Jean Dupont</p>', expect={'author': 'Jean Dupont'}, url='https://www.example.fr/wikis', lang='fr')
page('author-posted-on-date-only', body_top='<div class="entry-meta">Posted on March 3, 2021</div>', expect={'author': None})
# the page's section in the byline is no writer ...
page('author-section-rejected', head='<meta property="article:section" content="Wirtschaft">',
     body_top='<div class="byline">Wirtschaft</div><p class="cats"><a rel="category tag" href="/politik/">Politik</a></p><div class="author">Politik</div>',
     expect={'author': None}, url='https://www.example.de/wikis', lang='de')
# ... but a tag may name the writer
page('author-tag-name-kept', body_top='<div class="byline">Jane Doe</div><p class="tags"><a rel="tag" href="/tag/jane-doe/">Jane Doe</a></p>',
     expect={'author': 'Jane Doe'})
# the desk gives way to a person the page names
page('author-desk-gives-way', head=ld({"@context":"https://schema.org","@type":"NewsArticle","headline":T,"author":{"@type":"Organization","name":"Redaktion"}}),
     body_top='<p class="byline">Von Jane Doe</p>', expect={'author': 'Jane Doe', 'sources': {'author': 'byline'}}, url='https://www.example.de/wikis', lang='de')
# ... but the desk alone is what the page gives
page('author-desk-alone-kept', body_top='<div class="byline">Redaktion</div>', expect={'author': 'Redaktion'}, url='https://www.example.de/wikis', lang='de')
# e-mail addresses, dates and placeholders are no names
page('author-email-rejected', head='<meta name="author" content="redaktion@example.de">', expect={'author': None}, url='https://www.example.de/wikis', lang='de')
page('author-email-after-name', head='<meta name="author" content="Jane Doe, jane.doe@example.org">', expect={'author': 'Jane Doe'})
page('author-date-rejected', body_top='<div class="byline">Mittwoch, 12. März 2021</div>', expect={'author': None}, url='https://www.example.de/wikis', lang='de')
page('author-date-english-rejected', body_top='<div class="byline">March 12, 2021</div>', expect={'author': None}, url='https://www.example.com/wikis')
page('author-unknown-rejected', head=ld({"@context":"https://schema.org","@type":"NewsArticle","headline":T,"author":{"@type":"Person","name":"Unknown"}}), expect={'author': None})
# a blogger whose pen name is the blog's: the byline names the site ...
page('author-pen-name-is-site', head='<meta property="og:site_name" content="Gartenfee">',
     body_top='<h4 class="vcard author">von <span class="fn">gartenfee</span></h4>',
     expect={'author': 'gartenfee', 'site': 'Gartenfee'}, url='https://gartenfee.example/2012/08/22/ferien', lang='de')
# ... and so does the structured data, even as the host's name
page('author-jsonld-pen-name-is-host', head=ld({"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":T,"author":{"@id":"https://gartenfee.example/#/person/1"}},{"@type":["Person"],"@id":"https://gartenfee.example/#/person/1","name":"gartenfee"}]}),
     expect={'author': 'gartenfee', 'sources': {'author': 'json-ld'}}, url='https://gartenfee.example/2012/08/22/ferien')
# ---- dates
page('date-jsonld', head=ld({"@context":"https://schema.org","@type":"NewsArticle","headline":T,"datePublished":"2021-03-15T23:30:00-05:00","dateModified":"2021-04-01"}),
     expect={'date': '2021-03-15', 'sources': {'date': 'json-ld'}}, url='https://www.example.org/wikis')
page('date-article-published', head='<meta property="article:published_time" content="2021-03-15T10:00:00+00:00"><meta property="article:modified_time" content="2022-01-01T10:00:00+00:00">',
     expect={'date': '2021-03-15', 'sources': {'date': 'meta:article:published_time'}}, url='https://www.example.org/wikis')
page('date-time-element', body_top='<p class="meta"><time datetime="2021-03-15T09:00:00+01:00">15 March</time></p>',
     expect={'date': '2021-03-15', 'sources': {'date': 'time'}}, url='https://www.example.org/wikis')
page('date-meta-dc', head='<meta name="DC.date" content="2021-03-15">', expect={'date': '2021-03-15', 'sources': {'date': 'meta:dc.date'}}, url='https://www.example.org/wikis')
page('date-visible-german-numeric', body_top='<h1>Warum Wikis sterben</h1><div class="datum">19.10.2019</div>', expect={'date': '2019-10-19', 'sources': {'date': 'visible'}}, url='https://www.example.de/wikis', lang='de')
page('date-visible-german-month', body_top='<h1>Warum Wikis sterben</h1><p>Veröffentlicht am 19. Oktober 2019</p>', expect={'date': '2019-10-19', 'sources': {'date': 'visible'}}, url='https://www.example.de/wikis', lang='de')
page('date-visible-french', body_top='<h1>Pourquoi les wikis meurent</h1><p>Publié le 19 octobre 2019</p>', expect={'date': '2019-10-19'}, url='https://www.example.fr/wikis', lang='fr')
page('date-visible-english', body_top='<h1>Why wikis die</h1><p class="posted">October 19, 2019</p>', expect={'date': '2019-10-19'}, url='https://www.example.com/wikis')
page('date-url', expect={'date': '2021-03-15', 'sources': {'date': 'url'}})
page('date-none', expect={'date': None}, url='https://www.example.org/wikis')
# ---- site
page('site-application-name', head='<meta name="application-name" content="Example Media">', expect={'site': 'Example Media', 'sources': {'site': 'application-name'}})
# ---- body shapes
BRTEXT = BODY.replace('<p>', '').replace('</p>', '<br><br>')
page('body-br-runs', raw=f"""<html><head><title>{T}</title></head><body><div class="nav"><a href="/">Home</a> | <a href="/x">Another story about intranets</a></div>
<div id="main">{BRTEXT}</div><div class="footer">All rights reserved.</div></body></html>""".encode(),
     expect={'text_paragraphs_min': 4})
page('body-table-layout', raw=f"""<html><head><title>{T}</title></head><body><table width="100%"><tr><td width="150" class="nav"><a href="/">Home</a><br><a href="/x">Another story about intranets</a><br><a href="/y">Links</a></td>
<td><font face="Arial">{BODY}</font></td></tr><tr><td colspan="2">All rights reserved.</td></tr></table></body></html>""".encode())
page('body-unclosed-p', raw=("<html><head><title>%s</title></head><body><div class='menu'><a href='/'>Another story about intranets</a></div><div class='content'>%s</div><p class='footer'>All rights reserved." % (T, BODY.replace('</p>', ''))).encode())
page('body-boilerplate', body_top='<div class="share-buttons"><a href="#">Share on Twitter</a> <a href="#">Share on LinkedIn</a></div>',
     body_bottom='''<p>Read more: <a href="/c">Another story about intranets</a></p>
<div class="newsletter-box"><h3>Get our newsletter</h3><p>Sign up for the weekly letter about collaboration at work.</p><form><input type="email"></form></div>
<div class="author-bio"><p>Jane Doe writes about the social intranet and knowledge management.</p></div>
<h3>Related articles</h3><ul><li><a href="/d">Wikis are dead, long live wikis</a></li><li><a href="/e">How to run a team blog</a></li></ul>
<div id="comments"><h3>3 comments</h3><p>Great post, thanks for writing this, I loved every word of it and shared it.</p></div>''',
     expect={'text_excludes': ['Share on Twitter', 'Sign up for the weekly letter', 'Jane Doe writes about', 'Wikis are dead, long live wikis', 'Great post, thanks', 'All rights reserved', 'Another story about intranets']})
page('body-lists-quotes', body_bottom='<h2>What worked</h2><ul><li>An editor for every space</li><li>A weekly pruning hour</li></ul><blockquote><p>Nobody reads a page nobody owns.</p></blockquote>',
     expect={'text_contains': [FIRST, 'What worked', 'An editor for every space', 'Nobody reads a page nobody owns.']})
# ---- encodings
latin = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'><title>Übersicht für Wikis</title></head><body><div>%s<p>Grüße aus Köln, schöne Grüße und äöü.</p></div></body></html>" % BODY).encode('latin-1')
page('encoding-latin1-meta', raw=latin, expect={'title': 'Übersicht für Wikis', 'text_contains': [FIRST, 'Grüße aus Köln, schöne Grüße und äöü.']})
undeclared = ("<html><head><title>Caf\u00e9 wikis\u2019 notes \u2013 and more of them</title></head><body><div>%s<p>Ein sch\u00f6ner Tag im Caf\u00e9.</p></div></body></html>" % BODY).encode('cp1252')
page('encoding-undeclared-1252', raw=undeclared, expect={'title': 'Café wikis’ notes – and more of them', 'text_contains': ['Ein schöner Tag im Café.']})
hdr = ("<html><head><title>Stra\u00dfe</title></head><body><div>%s<p>Die Stra\u00dfe ist gro\u00df.</p></div></body></html>" % BODY).encode('latin-1')
page('encoding-http-header', raw=hdr, content_type='text/html; charset=ISO-8859-1', expect={'title': 'Straße', 'text_contains': ['Die Straße ist groß.']})
bom16 = b'\xff\xfe' + ("<html><head><title>Wiki \u00e9t\u00e9</title></head><body><div>%s</div></body></html>" % BODY).encode('utf-16-le')
page('encoding-utf16-bom', raw=bom16, expect={'title': 'Wiki été'})
script_first = ("<html><head><script charset=\"utf-8\" src=\"/toolbar.js\"></script><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><title>Gr\u00fc\u00dfe</title></head><body><div>%s<p>Sch\u00f6ne Gr\u00fc\u00dfe.</p></div></body></html>" % BODY).encode('latin-1')
page('encoding-meta-after-script', raw=script_first, expect={'title': 'Grüße', 'text_contains': ['Schöne Grüße.']})
page('author-submitted-by', body_top='<div class="submitted">Submitted by <span class="username">jdoe42</span> on 24 July 2017</div>',
     expect={'author': 'jdoe42', 'date': '2017-07-24', 'sources': {'author': 'by-text'}}, url='https://www.example.org/node/12')
page('author-von-running-text', body_top='<p>Die Idee kam <a href="/x">von</a> der Stadtverwaltung selbst.</p><p>von der Stadtverwaltung und den Vereinen gemeinsam getragen</p>',
     expect={'author': None}, url='https://www.example.de/wikis', lang='de')
# microdata of a reader's review or of a cited work is not the page's
page('author-itemprop-comment-ignored', body_top='<div class="meta"><a class="author-link" href="/people/jane">Jane Doe</a></div>',
     body_bottom='<section class="comments"><article class="comment" itemscope itemtype="http://schema.org/Review"><div class="comment-author" itemprop="author" itemscope itemtype="http://schema.org/Person"><span itemprop="name">reader42</span></div><p>Great.</p></article></section>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'byline'}})
page('author-citation-ignored', head='<meta name="dc.creator" content="Jane Doe">',
     body_bottom='<ol class="references"><li itemprop="citation" itemscope itemtype="http://schema.org/ScholarlyArticle"><meta itemprop="author" content="NH. Shear, SP. Spielberg"><span>Shear NH, Spielberg SP. A study. 1988.</span></li></ol>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'meta:dc.creator'}})
page('author-pipe-by', body_top='<div class="entry-meta"><span class="screen-reader-text">| By </span> <span>Jane Doe</span> | <time>March 15, 2021</time></div>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'by-text'}})
page('author-auteur-initials-site', head='<meta name="author" content="Example Media">',
     body_bottom='<div class="longText"><p>Auteur : Jeanne Dupont </p><p>Edition : M. Martin</p></div>',
     expect={'author': 'Jeanne Dupont', 'sources': {'author': 'by-text'}}, url='https://www.em.example/fr/wikis/a-123', lang='fr')
page('author-label-element', body_top='<ul class="meta"><li><span class="sr-only">Autor</span> <a href="/members/jane.12/" class="username">Jane Doe</a></li><li>15.03.2021</li></ul>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'by-text'}}, url='https://www.example.de/wikis', lang='de')
page('author-pipe-lead-cleaned', body_top='<small class="post-meta"><span class="author-link">| <b>Autor:</b> <a href="/author/jdoe/">jdoe</a></span></small>',
     expect={'author': 'jdoe', 'sources': {'author': 'byline'}}, url='https://www.example.de/wikis', lang='de')
page('author-copyright-footer', body_bottom='<footer class="entry-footer"><p class="copyrights-text">(c) Jane Doe \u2022 Weitere Rechte siehe Impressum</p></footer>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'copyright'}}, url='https://www.example.de/wikis', lang='de')
# a blog theme's <meta name="author"> names the owner; the visible line the writer
page('author-visible-beats-meta', head='<meta name="author" content="Max Mustermann">',
     body_top='<p class="date">Erstellt von <a href="/author/jane/">Jane Doe</a> am Dienstag 6. Mai 2014</p>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'by-text'}}, url='https://www.example.de/wikis', lang='de')
page('author-signoff', body_bottom='<p><b><i>Jane Doe</i></b></p>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'signoff'}}, url='https://www.example.de/wikis', lang='de')
page('author-signoff-heading-ignored', body_bottom='<p><strong>Die Ergebnisse</strong></p><p><b>Mehr Wissen</b></p>',
     expect={'author': None}, url='https://www.example.de/wikis', lang='de')
# one author meta per writer: all of them
page('author-meta-repeated', head='<meta name="citation_author" content="Jane Doe"><meta name="citation_author" content="Max Mustermann"><meta name="citation_author" content="Jane Doe">',
     expect={'author': 'Jane Doe, Max Mustermann', 'sources': {'author': 'meta:citation_author'}})
page('author-copyright-picture-ignored', body_bottom='<footer class="entry-footer"><figure><figcaption><p class="image-copyright">\u00a9 Jane Doe/Example Images</p></figcaption></figure><p class="copyright">\u00a9 2021 Example Media GmbH</p></footer>',
     expect={'author': None}, url='https://www.example.de/wikis', lang='de')
# readers' comments name readers, not the writer
page('author-comments-ignored', body_bottom='<div id="comments" class="comments-area"><ol class="commentlist"><li class="comment even depth-1"><div class="comment-body"><div class="comment-meta"><span class="author">Max Mustermann</span></div><p>Posted by Erika Musterfrau</p><p>Great read, thanks.</p></div></li></ol></div>',
     expect={'author': None})
# a first name or an account name completed from where the page writes it in full
page('author-first-name-bio', head=ld({"@context":"https://schema.org","@type":"BlogPosting","headline":T,"author":{"@type":"Person","name":"Jane"}}),
     body_bottom='<div class="author-details"><div class="author-name">Jane</div><div class="author-bio">\n  Jane Doe - engineer, gardener and occasional writer on intranets since 2004.</div></div>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'json-ld'}})
page('author-first-name-site', head='<meta property="og:site_name" content="Jane Doe">', body_top='<p class="meta">By Jane</p>',
     expect={'author': 'Jane Doe'})
page('author-handle-completed', head='<meta name="author" content="jane.doe">', body_bottom='<p>Enterprise social networks will be the subject of next week\'s part. (Jane M. Doe)</p>',
     expect={'author': 'Jane M. Doe', 'sources': {'author': 'meta:author'}})
page('author-first-name-running-text', head=ld({"@context":"https://schema.org","@type":"BlogPosting","headline":T,"author":{"@type":"Person","name":"Jane"}}),
     body_bottom='<p>As Jane Goodall said about her chimpanzees, patience pays.</p>',
     expect={'author': 'Jane'})
# a byline element that holds only the lead; the name in the next one
page('author-lead-only-byline', body_top='<div class="byline">Article by</div><div class="byline-name">Jane Doe</div>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'byline'}})
# a forum's quotation names the quoted poster, not the writer
page('author-quote-attribution-ignored', body_bottom='<blockquote><div class="bbcode-author">Zitat von Max Mustermann</div>Das sehe ich anders.</blockquote>',
     expect={'author': None}, url='https://www.example.de/wikis', lang='de')
# the theme's credit line is no byline
page('author-theme-credit-ignored', body_bottom='<div class="site-info"><span class="designed-by"><a href="https://themes.example.com/">Example Theme</a> by <a href="https://themes.example.com/">Max Mustermann</a></span></div>',
     expect={'author': None})
# a labelled credit for someone else after the name
page('author-labelled-credit-cut', body_top='<p class="meta">Autor: Jane Doe; Illustrator: Max Mustermann</p>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'by-text'}}, url='https://www.example.de/wikis', lang='de')
# a plural label with a colon introduces names; a menu link "Authors" does not
page('author-plural-label', body_top='<ul class="menu"><li><a href="/authors">Authors</a> <a href="/latest">Latest posts</a></li></ul><p><span>Autoren:</span> <a href="/jane">Jane Doe</a></p>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'by-text'}}, url='https://www.example.de/wikis', lang='de')
# a CMS's placeholder and the host without its subdomain are no authors
page('author-placeholder-rejected', head='<meta name="author" content="publisher">', expect={'author': None})
page('author-registrable-host-rejected', head=ld({"@context":"https://schema.org","@type":"NewsArticle","headline":T,"author":{"@type":"Organization","name":"example.org"}}),
     url='https://news.example.org/2021/03/15/wikis', expect={'author': None})
# a name written as a name beats the account name a CMS prints
page('author-name-beats-account', body_top='<p class="submitted">Gespeichert von <span class="username">jdoe</span> am 7. Juli 2019</p><p>Blog Beitrag von Jane Doe</p>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'by-text'}}, url='https://www.example.de/wikis', lang='de')
# a label that fills its cell, the name in the next cell
page('author-label-cell', body_top='<dl class="post-meta"><dt>Auteur</dt><dd><a href="/staff/jane-doe/">Jane Doe</a></dd><dt>Date</dt><dd>15 mars 2021</dd></dl>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'by-text'}}, url='https://www.example.fr/wikis', lang='fr')
# an author given only as a reference into the graph is the publishing
# account; the visible labelled byline names the writer
page('author-visible-beats-graph-account', head=ld({"@context":"https://schema.org","@graph":[{"@type":"Person","@id":"https://www.example.org/#/schema/person/1","name":"Max Mustermann"},{"@type":"Article","headline":T,"author":{"@id":"https://www.example.org/#/schema/person/1"}}]}),
     body_top='<dl class="post-meta"><dt>Author</dt><dd><a href="/staff/jane-doe/">Jane Doe</a></dd></dl>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'by-text'}})
# ... but the graph's named author stands against a mere "By" in running text
page('author-graph-account-kept', head=ld({"@context":"https://schema.org","@graph":[{"@type":"Person","@id":"https://www.example.org/#/schema/person/1","name":"Max Mustermann"},{"@type":"Article","headline":T,"author":{"@id":"https://www.example.org/#/schema/person/1"}}]}),
     body_top='<p>By Jane Doe</p>',
     expect={'author': 'Max Mustermann', 'sources': {'author': 'json-ld'}})
# a teaser link to another page carries that page's byline
page('author-teaser-link-ignored', body_bottom='<ul class="linkbox"><li><a href="/forum/123"><p>Does anyone still use a wiki?</p><span>von Max Mustermann um 21:02</span></a></li></ul>',
     expect={'author': None}, url='https://www.example.de/wikis', lang='de')
# a byline box whose text runs on past the name into the role
page('author-byline-role-runs-on', body_bottom='<div class="post-author"><div class="author-card">Jane Doe Senior Software Engineer</div><div class="author-name">Jane Doe</div><div class="author-role">Senior Software Engineer</div></div>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'byline'}})
# the publisher's data keeps the first writer; the visible byline all of them
page('author-jsonld-coauthors', head=ld({"@context":"https://schema.org","@type":"NewsArticle","headline":T,"author":{"@type":"Person","name":"Jane Doe"}}),
     body_top='<div class="author">J. Doe / M. A. Mustermann</div>',
     expect={'author': 'J. Doe / M. A. Mustermann', 'sources': {'author': 'byline'}})
# ... but not an agency after the slash
page('author-jsonld-agency-kept', head=ld({"@context":"https://schema.org","@type":"NewsArticle","headline":T,"author":{"@type":"Person","name":"Jane Doe"}}),
     body_top='<div class="author">Jane Doe / dpa</div>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'json-ld'}})
# an author box (a bio, an author teaser) heads with the writer's name
page('author-box-name', body_bottom='<div class="teaser-box author short"><div class="icon"></div><div class="text"><div class="title-small">Jane Doe</div><p>Writes about intranets and the people who keep them alive since 2004.</p><a href="/authors/jane-doe">All articles</a></div></div>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'author-box'}})
page('author-box-heading-only', body_bottom='<div class="about-author-box"><h3 class="box-title">About The Author</h3><p>Writes about intranets.</p></div>',
     expect={'author': None})
# an opinion piece's genre class is no comment section
page('author-opinion-genre-kept', body_top='<div class="content content--type-comment kommentar"><p class="byline">Von Jane Doe</p></div>',
     expect={'author': 'Jane Doe'}, url='https://www.example.de/wikis', lang='de')
# ---- what a page shows must read as a name (each rule with a guard)
# words of the page's own in a byline's place are no name ...
page('author-words-not-name', body_top='<div class="post-author"><a href="mailto:desk@example.org" class="author-email-link">Send us an e-mail</a></div>',
     expect={'author': None})
# ... but a name written in lower case is, and after a label an account may be any phrase
page('author-lower-case-name-kept', body_top='<div class="byline">jane doe</div>', expect={'author': 'jane doe', 'sources': {'author': 'byline'}})
page('author-labelled-account-kept', body_top='<p><span>Autor:</span> <a href="/members/gone-fishing.12/">Gone fishing</a></p>',
     expect={'author': 'Gone fishing', 'sources': {'author': 'by-text'}}, url='https://www.example.de/wikis', lang='de')
# a colon is no part of a name
page('author-colon-not-name', body_top='<div class="byline">Newsstand : July 2021</div>', expect={'author': None})
# a role after a comma goes, a second name stays
page('author-role-after-comma', head=ld({"@context":"https://schema.org","@type":"NewsArticle","headline":T,"author":{"@type":"Person","name":"JANE DOE, AP Technology Writer"}}),
     expect={'author': 'JANE DOE', 'sources': {'author': 'json-ld'}})
page('author-second-name-kept', body_top='<div class="byline">Jane Doe, Max Mustermann</div>', expect={'author': 'Jane Doe, Max Mustermann'})
# "von" glued to the name by markup; an account that starts with the letters stays
page('author-glued-lead', body_top='<div class="byline"><span>von</span>Jane Doe <span>31.10.2023</span></div>'.replace('<span>von</span>', 'von'),
     expect={'author': 'Jane Doe', 'sources': {'author': 'byline'}}, url='https://www.example.de/wikis', lang='de')
page('author-glued-lead-account-kept', body_top='<div class="byline">bystander</div>', expect={'author': 'bystander'})
# the same name twice (one for wide screens, one for narrow), once
page('author-doubled-name', body_top='<div class="author"><span class="wide">Jane Doe</span><span class="narrow">Jane Doe</span></div>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'byline'}})
page('author-doubled-name-guard', body_top='<div class="author">Jane Doe-Doe</div>', expect={'author': 'Jane Doe-Doe'})
# the word of a relative date before its number
page('author-relative-date-cut', body_top='<p class="byline">Von Jane Doe vor 2 Stunden</p>',
     expect={'author': 'Jane Doe'}, url='https://www.example.de/wikis', lang='de')
page('author-relative-date-lower-case-kept', body_top='<p class="byline">jane doe 2 hours ago</p>', expect={'author': 'jane doe'})
# picture and writing labels in Cyrillic
page('author-picture-label-cyrillic', body_top='<span itemprop="author">Фото: Иван Петров</span>', expect={'author': None}, lang='ru')
page('author-writing-label-cyrillic', body_top='<span itemprop="author">Текст: Иван Петров</span>',
     expect={'author': 'Иван Петров', 'sources': {'author': 'itemprop'}}, lang='ru')
# a lead verb with nothing after it, and one before the name
page('author-lead-verb-alone', body_top='<span class="meta-prep meta-prep-author">Publiziert am</span> <a href="/2021/03/15/wikis">15. März 2021</a>',
     expect={'author': None}, url='https://www.example.de/wikis', lang='de')
page('author-lead-recueillis', head=ld({"@context":"https://schema.org","@type":"NewsArticle","headline":T,"author":{"@type":"Person","name":"Propos recueillis par Jane Doe"}}),
     expect={'author': 'Jane Doe', 'sources': {'author': 'json-ld'}}, url='https://www.example.fr/wikis', lang='fr')
# a label or an account left as the name
page('author-no-author-rejected', head='<meta name="author" content="No Author">', expect={'author': None})
page('author-admin-account-rejected', body_top='<p>Posted by <a rel="author" href="/?author=1">siteadmin</a></p>', expect={'author': None})
page('author-admin-letters-kept', head='<meta name="author" content="Jane Adminson">', expect={'author': 'Jane Adminson'})
page('author-obfuscated-address-rejected', head='<meta name="author" content="jane[at]example.net">', expect={'author': None})
# a theme's credit a few inline steps before the "by"
page('author-credit-line-ignored', body_bottom='<div class="site-credit">Theme: <a href="https://themes.example.com/">Graphy</a> by Example Themes</div>',
     expect={'author': None})
# a link saying "Author" is a tab, not a label
page('author-tab-label-ignored', body_bottom='<ul class="tabs"><li><a href="#about">Author</a></li><li><a href="#posts">Recent Posts</a></li></ul>',
     expect={'author': None})
# a bold line before a list introduces it, it signs nothing off
page('author-signoff-before-list-ignored', body_bottom='<p><b>Further Reading</b></p><ul><li><a href="/x">Ten tips for team blogs</a></li></ul>',
     expect={'author': None})
# a number starting a teaser is no date before a byline; a date is
page('author-number-before-by-ignored', body_bottom='<h3>20 photos taken by Max Mustermann</h3>', expect={'author': None})
page('author-date-then-von', body_top='<p class="meta">06.11.2023 13:30 von Jane Doe</p>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'by-text'}}, url='https://www.example.de/wikis', lang='de')
# a teaser's headline that starts with "by" links to the story; a byline's link to the writer
page('author-teaser-headline-by-ignored', body_bottom='<h2><a href="/2021/02/night">By Night And Day In Berlin</a></h2>', expect={'author': None})
page('author-link-with-lead-kept', body_top='<p class="meta"><a href="/author/jane-doe/">By Jane Doe</a></p>', expect={'author': 'Jane Doe'})
# a quotation's attribution names whom the page quotes; a byline outside it the writer
page('author-quote-cite-ignored', body_bottom='<blockquote><p>Wikis die of neglect.</p><cite class="author-cite">Max Mustermann, editor, 2019</cite></blockquote>',
     expect={'author': None})
page('author-byline-after-quote-kept', body_top='<blockquote><p>Wikis die of neglect.</p></blockquote><div class="author">Jane Doe</div>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'byline'}})
# a headline (h1-h3) that starts with "Von" is no byline; an h4 byline is
page('author-headline-von-ignored', body_bottom='<h3 class="thumb-title">Von Wölfen, Bären und Luchsen in Bayern</h3>',
     expect={'author': None}, url='https://www.example.de/wikis', lang='de')
page('author-h4-byline-kept', body_top='<h4>Von Jane Doe</h4>', expect={'author': 'Jane Doe', 'sources': {'author': 'by-text'}},
     url='https://www.example.de/wikis', lang='de')
# "All posts by" leads the link to the writer's page
page('author-link-all-posts-by', body_bottom='<p><a href="https://www.example.de/author/jane/">Alles von Jane Doe</a></p>',
     expect={'author': 'Jane Doe'}, url='https://www.example.de/wikis', lang='de')
# lead words joined up to a "by": "Ein Artikel von"; a sentence that starts alike is none
page('author-lead-phrase', body_top='<div class="metaInfo">Ein Artikel von <strong>Jane Doe</strong> | 27.01.2022 - 12:45</div>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'by-text'}}, url='https://www.example.de/wikis', lang='de')
page('author-lead-phrase-sentence-ignored', body_bottom='<p><em>Eine Reihe von Gründen</em></p>',
     expect={'author': None}, url='https://www.example.de/wikis', lang='de')
# an author label heading a short paragraph that holds the name; not a long one
page('author-label-heading-paragraph', body_top='<section class="news-meta"><h4 class="news-meta-title">Autor</h4><p class="news-meta-text"><a href="/profil/jane-doe">Jane Doe</a><b>, </b></p></section>',
     expect={'author': 'Jane Doe', 'sources': {'author': 'by-text'}}, url='https://www.example.de/wikis', lang='de')
page('author-label-heading-long-paragraph-ignored', body_top='<section class="news-meta"><h4>Autor</h4><p>Über den Verfasser dieses Blogs gibt es nicht viel zu sagen, außer dass er gern schreibt.</p></section>',
     expect={'author': None}, url='https://www.example.de/wikis', lang='de')
# "For Example Online" after the name goes also with a capital (a particle stays: author-capital-particle-kept)
page('author-for-site-cut', head=ld({"@context":"https://schema.org","@type":"NewsArticle","headline":T,"author":{"@type":"Person","name":"Jane Doe For Example Online"}}),
     expect={'author': 'Jane Doe', 'sources': {'author': 'json-ld'}})
# a copyright footer names a person, not a company or a host (guard: author-copyright-footer)
page('author-copyright-company-ignored', body_bottom='<div class="copyright">© 2021 Northwind Enterprises</div>', expect={'author': None})
page('author-copyright-host-ignored', body_bottom='<div class="copyright">© 2021 Northwind.am » Wiki</div>', expect={'author': None})
# ---- titles: the strongest declared title first, the logo's name as the site's
page('title-declared-beats-section-heading', head=f'<title>News - Example Media</title><meta property="og:title" content="{T}">',
     body_top=f'<h1 class="pagetitle hidden">News</h1><h1>{T}</h1>', expect={'title': T, 'sources': {'title': 'h1'}})
page('title-tag-agrees-without-og', head=f'<title>{T} | Example Media</title><meta property="og:title" content="Wikis: a report">',
     body_top=f'<h1>{T}</h1>', expect={'title': T, 'sources': {'title': 'h1'}})
page('title-logo-site-suffix', head=f'<title>{T} - Wiki Notes - Northwind</title>',
     body_top='<h1 id="logo"><a href="/"><span>Wiki Notes - Northwind</span></a></h1>', expect={'title': T, 'sources': {'title': 'title'}})
page('title-logo-words-kept', head='<title>Why enterprise wikis die at Northwind</title>',
     body_top='<h1 id="logo"><a href="/">Northwind</a></h1>', expect={'title': 'Why enterprise wikis die at Northwind'})
# ---- publication dates (article_date.c): each rule with a page where it
# decides and a guard where it must not
NODATE = 'https://www.example.org/wikis'
H1 = f'<h1>{T}</h1>'
def ldpub(**kw): return ld(dict({"@context": "https://schema.org", "@type": "NewsArticle", "headline": T}, **kw))
# a whole date in the URL path is the publisher's own day (a UTC timestamp
# of the same post fell on the day before)
page('date-url-beats-utc-meta', head='<meta property="article:published_time" content="2018-12-31T23:11:59+00:00">',
     url='https://www.example.org/2019/01/01/new-year', expect={'date': '2019-01-01', 'sources': {'date': 'url'}})
page('date-url-compact', url='https://www.example.org/news/20200428/wikis', expect={'date': '2020-04-28', 'sources': {'date': 'url'}})
# guard: an archive's 14-digit timestamp and a year/month folder are no whole date
page('date-url-timestamp-ignored', head='<meta property="article:published_time" content="2012-02-14T10:00:00+01:00">',
     url='https://archive.example.org/web/20120216182711/http://www.example.org/2012/02/wikis',
     expect={'date': '2012-02-14', 'sources': {'date': 'meta:article:published_time'}})
# a UTC timestamp and the same moment in the publisher's zone: the local day
page('date-utc-same-moment-local', head=ldpub(datePublished="2023-11-09T02:11:03+00:00"),
     body_top=H1 + '<p class="meta"><time datetime="2023-11-08T21:11:03-05:00">November 8, 2023</time></p>',
     url=NODATE, expect={'date': '2023-11-08', 'sources': {'date': 'json-ld'}})
# guard: another moment on the page leaves the UTC day alone
page('date-utc-other-moment-kept', head=ldpub(datePublished="2023-11-09T02:11:03+00:00"),
     body_bottom='<ul class="related"><li><time datetime="2023-11-08T21:40:00-05:00">November 8, 2023</time> Another story about intranets</li></ul>',
     url=NODATE, expect={'date': '2023-11-09', 'sources': {'date': 'json-ld'}})
# readers' comments are dated after the post; their dates lose ...
COMMENTS = ('<ol class="comment-list"><li class="comment"><article class="comment-body"><footer class="comment-meta">'
            '<b class="fn">Max</b> <time datetime="2019-08-24T03:36:11+02:00">24. August 2019 um 03:36</time>'
            '</footer><p>Danke für den Beitrag!</p></article></li></ol>')
page('date-comment-ignored', body_top='<h1>Warum Wikis sterben</h1>', body_bottom='<p>Veröffentlicht am 16.08.2019</p>' + COMMENTS,
     url='https://www.example.de/wikis', lang='de', expect={'date': '2019-08-16', 'sources': {'date': 'visible'}})
# ... but are better than nothing on a page that shows no other
page('date-comment-only', body_top='<h1>Warum Wikis sterben</h1>', body_bottom=COMMENTS,
     url='https://www.example.de/wikis', lang='de', expect={'date': '2019-08-24', 'sources': {'date': 'time:aside'}})
# the label before a date says publication or update
page('date-label-published-beats-updated', body_top=H1 + '<p>Updated March 20, 2021 · Published March 15, 2021</p>',
     url=NODATE, expect={'date': '2021-03-15', 'sources': {'date': 'visible'}})
page('date-label-updated-only', body_top=H1 + '<p>Updated March 20, 2021</p>',
     url=NODATE, expect={'date': '2021-03-20', 'sources': {'date': 'visible:modified'}})
# nothing is published after the page's last change: the date in the text
# is an event's
EVENT = '<h1>Stammtisch</h1><p>Der nächste Stammtisch findet am Mi. 5. Februar 2020 statt.</p>'
page('date-event-after-last-change', body_top=EVENT,
     body_bottom='<div id="footer-info-lastmod">Diese Seite wurde zuletzt am 29. Januar 2020 um 13:22 Uhr geändert.</div>',
     url='https://www.example.de/wikis', lang='de', expect={'date': '2020-01-29', 'sources': {'date': 'visible:modified'}})
page('date-event-unbounded', body_top=EVENT, url='https://www.example.de/wikis', lang='de',
     expect={'date': '2020-02-05', 'sources': {'date': 'visible'}})
# the date line just above the title, not a toolbar's date far above it
TOOLBAR = ('<div class="toolbar"><p>Archived copy of 16 Feb 2012</p><ul>'
           + ''.join(f'<li><a href="/t/{i}">Topic number {i} of the archive, with its own long name</a></li>' for i in range(12))
           + '</ul></div>')
page('date-above-title', body_top=TOOLBAR + '<div class="box-header"><span>14. Februar 2012</span></div><span class="category">Politik</span><h1>Warum Wikis sterben</h1>',
     url='https://www.example.de/wikis', lang='de', expect={'date': '2012-02-14', 'sources': {'date': 'visible'}})
# guard: a date after the title comes before one above it
page('date-below-title-first', body_top='<p>3. März 2010</p><h1>Warum Wikis sterben</h1><p>14. Februar 2012</p>',
     url='https://www.example.de/wikis', lang='de', expect={'date': '2012-02-14', 'sources': {'date': 'visible'}})
# a date element's parts in separate spans
page('date-split-spans', body_top=H1 + '<div class="date"><span class="month">Apr</span> <span class="day">04</span><span class="year">2013</span></div>',
     url=NODATE, expect={'date': '2013-04-04', 'sources': {'date': 'visible'}})
# guard: a count and a year in a date-classed element are no date
page('date-split-spans-no-date', body_top=H1 + '<div class="post-meta"><span class="views">12</span><span class="year">2013</span></div>',
     url=NODATE, expect={'date': None})
# thin and no-break spaces inside a date
page('date-thin-space', body_top='<h1>Warum Wikis sterben</h1><div class="publish-date">Von Jane Doe 4.&thinsp;2.&thinsp;2022.</div>',
     url='https://www.example.de/wikis', lang='de', expect={'date': '2022-02-04', 'sources': {'date': 'visible'}})
# guard: a non-breaking hyphen is no space
page('date-nonbreaking-hyphen-no-date', body_top='<h1>Warum Wikis sterben</h1><div class="publish-date">Von Jane Doe 4.&#8209;2.&#8209;2022.</div>',
     url='https://www.example.de/wikis', lang='de', expect={'date': None})
# JSON-LD that jansson cannot read still names its date
page('date-jsonld-unreadable', head='<script type="application/ld+json">{"@type": "NewsArticle", "headline": "x", "datePublished": "2020-10-26T18:10:00+01:00"} }</script>',
     url=NODATE, expect={'date': '2020-10-26', 'sources': {'date': 'json-ld'}})
# guard: a script that is not JSON-LD does not
page('date-script-not-jsonld', head='<script>var page = {"datePublished": "2011-05-01"};</script>', url=NODATE, expect={'date': None})
# <time pubdate> in page order: the article's, then a sidebar's
page('date-time-pubdate-first', body_top=H1 + '<p><time pubdate datetime="2019-06-09T17:00:00Z">9 June 2019</time></p>',
     body_bottom='<aside><h3>More</h3><time pubdate datetime="2019-06-12T06:01:42Z">12 June 2019</time> Another story about intranets</aside>',
     url=NODATE, expect={'date': '2019-06-09', 'sources': {'date': 'time'}})
# guard: an update's <time> is not the publication's
page('date-time-updated-skipped', body_top=H1 + '<p><time class="updated" datetime="2019-06-12">12 June 2019</time> <time datetime="2019-06-09">9 June 2019</time></p>',
     url=NODATE, expect={'date': '2019-06-09', 'sources': {'date': 'time'}})
# day first in d-m-yyyy unless the middle number cannot be a month
page('date-dash-day-first', body_top=H1 + '<p><time datetime="01-11-2023 10:29">1.11.2023</time></p>',
     url=NODATE, expect={'date': '2023-11-01', 'sources': {'date': 'time'}})
page('date-dash-month-first', body_top=H1 + '<p><time datetime="11-30-2023">Nov 30</time></p>',
     url=NODATE, expect={'date': '2023-11-30', 'sources': {'date': 'time'}})
# a date to come is no publication date; nor one before the web was young
page('date-future-ignored', head=ldpub(datePublished="2098-05-01") + '<meta property="article:published_time" content="2021-03-15T10:00:00+00:00">',
     url=NODATE, expect={'date': '2021-03-15', 'sources': {'date': 'meta:article:published_time'}})
page('date-before-1995-ignored', body_top='<h1>Warum Wikis sterben</h1><p>1. Januar 1990</p>',
     url='https://www.example.de/wikis', lang='de', expect={'date': None})
# an archive of many dated links above the article does not crowd out its date
ARCHIVE = '<ul class="archive">' + ''.join(f'<li><a href="/a/{i}">Post {i}</a> {1 + i % 28}. März 2020</li>' for i in range(120)) + '</ul>'
page('date-many-dates-above', body_top=ARCHIVE + '<h1>Warum Wikis sterben</h1><p>18. März 2021</p>',
     url='https://www.example.de/wikis', lang='de', expect={'date': '2021-03-18', 'sources': {'date': 'visible'}})
# Chinese, Japanese and Korean dates: year 年 month 月 day 日
page('date-cjk', body_top='<h1>ウィキはなぜ死ぬのか</h1><p class="news-date">2020年2月15日 10時30分</p>',
     url=NODATE, lang='ja', expect={'date': '2020-02-15', 'sources': {'date': 'visible'}})
# guard: a year and month alone are no day
page('date-cjk-month-only', body_top='<h1>위키는 왜 죽는가</h1><p>2020년 2월 기사</p>',
     url=NODATE, lang='ko', expect={'date': None})
