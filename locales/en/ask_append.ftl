# The photo step: a second text message continues the first.
q-text-appended =
    ✍️ Added to your text. It now reads:

    { $text }
q-append-not-used = This message was not added to the text; the earlier text stays as it was.
