# The photo step: a second text message continues the first.
q-text-appended =
    ✍️ Добавлено к вашему тексту. Теперь он такой:

    { $text }
q-append-not-used = Это сообщение не добавлено к тексту; прежний текст остался как был.
