## /settings: which notifications a citizen gets, and quiet hours.

settings-title =
    ⚙️ <b>Хабарламаларды баптау</b>
    Қандай хабарламалар алатыныңызды таңдаңыз: батырманы басу оны қосады немесе өшіреді.
settings-state-on = ✅ { $label }
settings-state-off = 🔕 { $label }: өшірулі
settings-quiet-on = 🌙 Тыныш сағаттар: <b>{ $range }</b> (Алматы уақыты). Бұл уақытта тек шұғыл хабарламалар келеді.
settings-quiet-off = 🌙 Тыныш сағаттар орнатылмаған: хабарламалар тәулік бойы келеді.
settings-urgent-note = <i>Кездесу болдырылмаса немесе басқа уақытқа ауыстырылса, бұл туралы хабарлама әрқашан келеді, түнде де.</i>

settings-switch-announcements = Жаңа кездесулер
settings-switch-reminders = Кездесу алдында еске салу
settings-switch-broadcasts = Трансляция басталғаны
settings-switch-plans = Іс-қимыл жоспарлары
settings-switch-progress = Жоспардың орындалу барысы
settings-switch-questions = Сұрақтарымның жай-күйі
settings-switch-ratings = Кездесуді бағалау

settings-button-on = ✅ { $label }
settings-button-off = 🔕 { $label }
settings-quiet-button = 🌙 Тыныш сағаттар
settings-turned-on = Қосылды: { $label }
settings-turned-off = Өшірілді: { $label }
settings-unchanged = Қазірдің өзінде солай.

settings-quiet-range = { $start }–{ $end }
settings-quiet-title =
    🌙 <b>Тыныш сағаттар</b>
    Бұл сағаттарда бот тек шұғыл хабарламаларды жібереді (кездесу болдырылмаса немесе ауыстырылса), қалғандары тыныш сағаттар біткенде келеді. Уақыт Алматы бойынша.
settings-quiet-now-on = Қазір: <b>{ $range }</b>
settings-quiet-now-off = Қазір: орнатылмаған.
settings-quiet-preset-button = { $range }
settings-quiet-type-button = ✍️ Өзім жазамын
settings-quiet-off-button = 🔔 Тыныш сағаттарсыз
settings-quiet-prompt =
    Тыныш сағаттардың басы мен соңын жазыңыз, мысалы: <b>22-7</b> немесе <b>23:00-07:00</b>.
    Тек толық сағаттар, Алматы уақыты бойынша.
settings-quiet-error-format = Түсінбедім. Екі сағатты сызықша арқылы жазыңыз, мысалы: 22-7 немесе 23:00-07:00.
settings-quiet-error-minutes = Тек толық сағаттарды сақтай аламын: 22:30 емес, 22 немесе 23. Қайта жазыңыз, мысалы: 22-7.
settings-quiet-error-range = Сағат 0-ден 23-ке дейін, минуттар 00 болуы керек. Қайта жазыңыз, мысалы: 22-7.
settings-quiet-error-empty = Басы мен соңы бірдей болмауы керек. Қайта жазыңыз, мысалы: 22-7.
settings-quiet-expect-text = Тыныш сағаттарды мәтінмен жазыңыз, мысалы: 22-7. Болдырмау: /cancel
settings-quiet-saved = 🌙 Тыныш сағаттар сақталды: { $range }.
settings-quiet-removed = 🔔 Тыныш сағаттар алынып тасталды: хабарламалар тәулік бойы келеді.
settings-quiet-cancelled = Болдырылмады, тыныш сағаттар өзгерген жоқ.
settings-quiet-stale = Бұл батырма ескірген. Баптауларды қайта ашыңыз: /settings
