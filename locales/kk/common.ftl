error-internal = Кешіріңіз, біз жақта бірдеңе дұрыс болмады. Бір минуттан кейін қайта көріңіз.
error-stale-button = Бұл батырма ескірген. Мәзірді қайта ашыңыз: /help
fallback-unknown-command = Мен мұндай команданы білмеймін. Міне, не істей аламын: /help
fallback-text = Түсінбедім. Әкімге сұрақ қою үшін /meetings ашып, «Сұрақ қою» батырмасын басыңыз. Барлық командалар: /help
fallback-unsupported = Мен мәтіндік хабарламалар мен батырмаларды түсінемін. Барлық командалар: /help
cancel-button = ✖️ Болдырмау
back-button = ⬅️ Артқа
cancelled = Болдырылмады. Ештеңе өзгерген жоқ.
# Each language by its own name: the same in every locale, so anyone finds theirs.
language-name-kk = Қазақша
language-name-ru = Русский
language-name-en = English
access-denied = Бұл әрекетке құқығыңыз жоқ: ол басқа әкімдікке тиесілі. Әрекет тіркелді.
