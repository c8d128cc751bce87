# The photo step: a second text message continues the first.
q-text-appended =
    ✍️ Жазғаныңызға қосылды. Қазіргі мәтін:

    { $text }
q-append-not-used = Бұл хабарлама мәтінге қосылмады; бұрынғы мәтін өзгеріссіз қалды.
