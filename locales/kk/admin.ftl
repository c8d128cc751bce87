## Administrators: the /newmeeting wizard and /announce.

admin-ask-host =
    <b>Жаңа кездесу, { $step }-қадам (барлығы { $steps }): кім өткізеді</b>
    Кездесуді қай бірліктің әкімі өткізеді? Облыстың, ауданның, қаланың, ауылдық округтің немесе ауылдың атауын жазыңыз.
    Кез келген қадамда тоқтату: /cancel
admin-ask-host-own =
    <b>Жаңа кездесу, { $step }-қадам (барлығы { $steps }): кім өткізеді</b>
    Кездесуді сіздің қай әкімдігіңіз өткізеді? Батырмамен таңдаңыз.
    Кез келген қадамда тоқтату: /cancel
admin-pick-host = Кездесуді кімнің әкімі өткізетінін таңдаңыз (тізімде тек өз әкімі бар бірліктер):
admin-host-none = Бұл атаумен әкімі бар бірлік табылмады. Жазылуын тексеріңіз немесе атаудың қысқарақ бөлігін жазыңыз.
admin-hit-button = { $name } · { $parent }
admin-picked-host = ✅ Өткізеді: <b>{ $name }</b> әкімі
admin-ask-venue =
    <b>{ $step }-қадам (барлығы { $steps }): қайда өтеді</b>
    Кездесу қай елді мекенде өтеді? Өткізуші бірліктің өзінде ({ $host }) өтсе, батырманы басыңыз, әйтпесе оның аумағындағы елді мекеннің атауын жазыңыз.
    Кез келген қадамда тоқтату: /cancel
admin-venue-host-button = 📍 { $name }
admin-pick-venue = Өтетін жерін таңдаңыз:
admin-inside-none = Өткізуші бірліктің аумағында мұндай атау жоқ. Жазылуын тексеріңіз немесе батырмаларды пайдаланыңыз.
admin-picked-venue = ✅ Өтетін жері: <b>{ $name }</b>
admin-ask-audience =
    <b>{ $step }-қадам (барлығы { $steps }): кімдерге арналған</b>
    Кездесу қай бірліктің тұрғындарына арналған? Оның карточкасын осы бірлікті немесе оның ішіндегі бір бірлікті бақылайтындардың бәрі алады. Батырманы таңдаңыз немесе аумақтағы елді мекеннің атауын жазыңыз: { $host }.
admin-audience-venue-button = 👥 Өтетін жері: { $name }
admin-audience-host-button = 👥 Бүкіл аумақ: { $name }
admin-pick-audience = Кездесу кімдерге арналғанын таңдаңыз:
admin-picked-audience = ✅ Кімдерге арналған: <b>{ $name }</b> тұрғындары
admin-ask-starts =
    <b>{ $step }-қадам (барлығы { $steps }): күні мен уақыты</b>
    Кездесу жергілікті уақытпен қашан басталады? Былай жазыңыз: <code>25.12.2026 15:00</code> немесе <code>2026-12-25 15:00</code>.
admin-bad-datetime = Күнді оқи алмадым. Күні мен уақытын былай жазыңыз: <code>25.12.2026 15:00</code> немесе <code>2026-12-25 15:00</code>.
admin-datetime-past = Бұл уақыт өтіп кетті (қазір { $now }). Алдағы күн мен уақытты көрсетіңіз.
admin-ask-duration =
    <b>{ $step }-қадам (барлығы { $steps }): ұзақтығы</b>
    Кездесу қанша уақытқа жоспарланған? Батырманы басыңыз немесе минут санын жазыңыз (ең азы { $min }, ең көбі { $max }).
admin-duration-button = { $minutes } мин
admin-duration-default-button = ✅ { $minutes } мин
admin-picked-duration = ✅ Ұзақтығы: { $minutes } мин
admin-ask-presentation =
    <b>{ $step }-қадам (барлығы { $steps }): әкімнің баяндамасы</b>
    Әкімнің баяндамасы неше минутқа созылады? Ол жоспарланған уақыттың төрттен бірінен аспауы керек: { $duration } минуттық кездесуде ең көбі <b>{ $max } мин</b>, қалған уақыт — сұрақ-жауапқа ({ $act }, { $clause }-тармақ). Батырманы басыңыз немесе минут санын жазыңыз.
admin-ask-presentation-free =
    <b>{ $step }-қадам (барлығы { $steps }): әкімнің баяндамасы</b>
    Әкімнің баяндамасы неше минутқа созылады? Кездесу ұзақтығынан ({ $duration } мин) аз минут санын жазыңыз.
admin-presentation-button = { $minutes } мин
admin-picked-presentation = ✅ Әкімнің баяндамасы: { $minutes } мин
admin-presentation-too-long = ❌ { $minutes } минуттық баяндама тым ұзақ. { $duration } минуттық кездесуде баяндама <b>ең көбі { $max } мин</b> алады — жоспарланған уақыттың төрттен бірі ({ $act }, { $clause }-тармақ). { $max } минуттан аспайтын уақыт көрсетіңіз.
admin-ask-place =
    <b>{ $step }-қадам (барлығы { $steps }): орны</b>
    Ғимарат пен мекенжайды жазыңыз, мысалы: «Мәдениет үйі, Абай көшесі, 12, мәжіліс залы».
admin-ask-url =
    <b>{ $step }-қадам (барлығы { $steps }): онлайн трансляция</b>
    Кездесу ресми әлеуметтік желі аккаунттарында пікір қалдыру мүмкіндігімен онлайн таратылады ({ act-001 }, 3.2-тармақ). Сілтемені (https://…) жіберіңіз немесе ол әзірге болмаса, «Өткізіп жіберу» батырмасын басыңыз.
admin-url-skip = ⏭ Өткізіп жіберу
admin-picked-no-url = ✅ Трансляция сілтемесі жоқ.
admin-ask-calendar =
    <b>{ $step }-қадам (барлығы { $steps }): кесте бойынша ма, кестеден тыс па</b>
    Кездесу әкімдіктің жылдық кездесулер кестесіне кіре ме, әлде кестеден тыс — халықтың талап етуі бойынша және қажеттілігіне қарай өткізіле ме ({ act-001 }, 3.1-тармақ)?
admin-calendar-in-button = 📅 Жылдық кесте бойынша
admin-calendar-off-button = 🙋 Кестеден тыс, халықтың талап етуі бойынша
admin-summary-title = <b>Сақтамас бұрын кездесуді тексеріңіз</b>
admin-summary-host = 👤 Өткізеді: { $host } әкімі
admin-summary-venue = 🏘 Өтетін жері: { $venue }
admin-summary-audience = 👥 Кімдерге арналған: { $audience } тұрғындары
admin-summary-starts = 🕒 Басталуы: { $when }
admin-summary-duration = ⏱ Ұзақтығы: { $minutes } мин
admin-summary-presentation = 🎤 Әкімнің баяндамасы: { $minutes } мин
admin-summary-place = 📍 Орны: { $place }
admin-summary-url = 📺 Трансляция: { $url }
admin-summary-no-url = 📺 Трансляция: сілтеме жоқ
admin-summary-calendar-in = 📅 Жылдық кесте бойынша
admin-summary-calendar-off = 🙋 Кестеден тыс, халықтың талап етуі бойынша
admin-summary-cutoff = ❓ Сұрақтар қабылданатын соңғы мерзім: { $when }
admin-summary-unknown = (сыныптауышта енді жоқ)
admin-save-button = 💾 Сақтау
admin-saved = ✅ № { $id } кездесу жоба ретінде сақталды. Тұрғындар оны әзірге көрмейді.
admin-due = 📅 Жариялаудың соңғы күні: <b>{ $due }</b> (кездесуден { $days } күн бұрын).
admin-due-source = Негізі: { $act }, { $clause }-тармақ.
admin-due-none = 📅 Таңдалған регламент профилі жариялау мерзімін белгілемейді.
admin-due-passed = ⚠️ Бұл күн өтіп кетті: хабарландыру кешігіп жарияланады, есепте бұл көрсетіледі.
admin-saved-next = Кездесуді қазір жариялаңыз немесе төмендегі батырмалармен жариялауды жоспарлаңыз. Барлық кездесулер: /mymeetings
admin-announce-button = 📣 Қазір жариялау
admin-cancelled = Кездесу құру тоқтатылды. Ештеңе сақталған жоқ.
admin-nothing-to-cancel = Тоқтататын ештеңе жоқ.
admin-restart = Бұрын таңдалған бірлік сыныптауышта енді жоқ. Қайта бастаңыз: /newmeeting
admin-expected-other = Бұл қадамда басқа нәрсе күтілуде.
admin-stale-step = Бұл батырма аяқталған не басқа қадамға жатады. Қайта бастаңыз: /newmeeting

admin-error-unknown-host = Мұндай бірлік сыныптауышта жоқ.
admin-error-host-without-akim = Бұл бірліктің өз әкімі жоқ; облысты, ауданды, қаланы, ауылдық округті, кентті немесе ауылды таңдаңыз.
admin-error-unknown-venue = Мұндай өтетін жер сыныптауышта жоқ.
admin-error-venue-outside-host = Өтетін жер өткізуші бірліктің өзі немесе оның аумағында болуы керек.
admin-error-unknown-audience = Мұндай бірлік сыныптауышта жоқ.
admin-error-audience-outside-host = Кездесу арналған тұрғындар өткізуші бірліктің аумағынан болуы керек.
admin-error-start-in-past = Басталу уақыты өтіп кетті. Алдағы күн мен уақытты көрсетіңіз.
admin-error-bad-duration = Ұзақтығын минутпен, бүтін санмен жазыңыз: ең азы { $min_duration }, ең көбі { $max_duration }.
admin-error-bad-place = Орнының сипаттамасы кемінде { $min_place }, ең көбі { $max_place } таңбадан тұруы керек.
admin-error-bad-broadcast-url = Бұл веб-сілтеме емес. http:// немесе https:// деп басталатын сілтеме жіберіңіз, не «Өткізіп жіберу» батырмасын басыңыз.
admin-error-bad-presentation = Баяндама ұзақтығын минутпен, бүтін санмен жазыңыз: ең азы 1, ең көбі { $max }.
admin-error-presentation-too-long = Баяндама ең көбі { $max } мин алады — { $duration } минуттың төрттен бірі.
admin-error-not-found = Мұндай кездесу жоқ.
admin-error-cancelled = Кездесу болдырылмады.
admin-error-already-past = Кездесу өтіп кетті.

admin-announce-usage = Кездесудің нөмірін көрсетіңіз: <code>/announce 12</code>
admin-announce-not-found = № { $id } кездесу жоқ.
admin-announce-cancelled = № { $id } кездесу болдырылмады, оны жариялауға болмайды.
admin-announce-already-past = № { $id } кездесу басталып кеткен немесе өтіп кеткен, оны жариялауға кеш.
admin-announce-already = № { $id } кездесу { $when } жарияланған. Қайта ештеңе жіберілген жоқ.
admin-announce-queued = { $count ->
        [0] <b>📣 № { $id } кездесу жарияланды.</b> Оның аумағына әзірге ешкім жазылмаған, карточканы жіберетін адам жоқ.
       *[other] <b>📣 № { $id } кездесу жарияланды.</b> Карточкасы { $count } адамға жіберу кезегіне қойылды, ол фонда жіберіледі.
    }
admin-announce-progress = Жіберу барысы: ✉️ жеткізілді — { $sent }, ⏳ кезекте — { $waiting }, 🚫 жетпеді (ботты бұғаттаған) — { $unreachable }, ⚠️ жеткізілмеді — { $failed }, 🔕 хабарландыруларды өшірген — { $skipped }.
admin-timing-on-time = ⏰ Мерзімінде: жариялаудың соңғы күні — { $due }.
admin-timing-late = ⏰ <b>{ $days } КҮНГЕ КЕШІКТІ</b>: жариялаудың соңғы күні { $due } болатын ({ $act }, { $clause }-тармақ).
admin-timing-no-rule = ⏰ Таңдалған регламент профилі жариялау мерзімін белгілемейді.

## /outbox: хабарламалардың жеткізілуі
cmd-outbox = Хабарламалардың жеткізілуі
admin-outbox-title = <b>📬 Хабарламалар</b>
admin-outbox-empty = Әзірге ештеңе жіберілген жоқ.
admin-outbox-status-sent = ✉️ жеткізілді: { $count }
admin-outbox-status-pending = ⏳ кезекте: { $count }
admin-outbox-status-sending = 📤 жіберілуде: { $count }
admin-outbox-status-failed = ⚠️ жеткізілмеді: { $count }
admin-outbox-status-unreachable = 🚫 жетпеді (ботты бұғаттаған): { $count }
admin-outbox-status-skipped = 🔕 әдейі жіберілмеді (өшірілген, кері қайтарылған): { $count }
admin-outbox-status-expired = ⌛ мезгілі өтті (кездесу басталғаннан кейінгі еске салу): { $count }
admin-outbox-behind = Кезекте ең ұзақ күткені { $since } бастап жіберілуі тиіс.
admin-outbox-reasons = Неге жеткізілмеді:
admin-outbox-reason = • { $reason }: { $count }
admin-outbox-requeue-button = 🔁 Жеткізілмегендерді қайта жіберу ({ $count })
admin-outbox-refresh-button = 🔄 Жаңарту
admin-outbox-requeued = { $count } хабарлама қайта кезекке қойылды.
