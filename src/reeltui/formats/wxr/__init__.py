"""WordPress eXtended RSS (WXR), the file of Tools > Export and Tools > Import.

    reader.py     a WXR file -> posts and comments (streaming)
    salvage.py    a file that is not well-formed XML, item by item (in linear time)
    to_posts.py   one <item> element -> a post with its threaded comments
    to_comment.py one <wp:comment> element -> a comment
    writer.py     posts and comments -> a WXR 1.2 file WordPress's importer accepts
    channel.py    the head of that file: the channel, its authors and terms
    exact.py      the values reeltui exported exactly, recorded and restored
    mapping.py    what both sides share: namespaces, statuses, dates, XML-safe text and
                  reeltui's hidden `_reeltui` meta
    local_meta.py the outbox and unsent replies in that meta (a round trip keeps them)

Import the module you need (`from reeltui.formats.wxr.reader import read_wxr`): this package
loads nothing by itself, so sync's use of the status map does not load the XML reader.
"""
