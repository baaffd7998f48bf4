"""The content rules and the stored representation of published content.

Every output (the API, the PDF, the reader's server-side look-ups, previews) reads
what a reader may see, the URL and kind of a page and how rich text is cleaned from
here, and published content from the representations stored here.
"""
