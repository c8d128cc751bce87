## Administrators: the /newmeeting wizard and /announce.

admin-ask-host =
    <b>Новая встреча, шаг { $step } из { $steps }: кто проводит</b>
    Аким какой единицы проводит встречу? Напишите название области, района, города, сельского округа или села.
    Прервать на любом шаге: /cancel
admin-ask-host-own =
    <b>Новая встреча, шаг { $step } из { $steps }: кто проводит</b>
    Какой из ваших акиматов проводит встречу? Выберите кнопкой.
    Прервать на любом шаге: /cancel
admin-pick-host = Выберите, чей аким проводит встречу (в списке только единицы, у которых есть свой аким):
admin-host-none = Единиц с акимом с таким названием не нашлось. Проверьте написание или введите часть названия покороче.
admin-hit-button = { $name } · { $parent }
admin-picked-host = ✅ Проводит: аким ({ $name })
admin-ask-venue =
    <b>Шаг { $step } из { $steps }: где проходит</b>
    В каком населённом пункте проходит встреча? Нажмите кнопку, если встреча проходит в самой проводящей единице ({ $host }), или напишите название населённого пункта на её территории.
    Прервать на любом шаге: /cancel
admin-venue-host-button = 📍 { $name }
admin-pick-venue = Выберите место проведения:
admin-inside-none = На территории проводящей единицы ничего с таким названием нет. Проверьте написание или воспользуйтесь кнопками.
admin-picked-venue = ✅ Место проведения: <b>{ $name }</b>
admin-ask-audience =
    <b>Шаг { $step } из { $steps }: для кого</b>
    Для жителей какой единицы встреча? Её карточку получат все, кто следит за этой единицей или за чем-то внутри неё. Выберите кнопку или напишите название населённого пункта на территории: { $host }.
admin-audience-venue-button = 👥 Место проведения: { $name }
admin-audience-host-button = 👥 Вся территория: { $name }
admin-pick-audience = Выберите, для кого встреча:
admin-picked-audience = ✅ Для жителей: <b>{ $name }</b>
admin-ask-starts =
    <b>Шаг { $step } из { $steps }: дата и время</b>
    Когда начало по местному времени? Напишите так: <code>25.12.2026 15:00</code> или <code>2026-12-25 15:00</code>.
admin-bad-datetime = Не удалось прочитать дату. Напишите дату и время так: <code>25.12.2026 15:00</code> или <code>2026-12-25 15:00</code>.
admin-datetime-past = Это время уже прошло (сейчас { $now }). Укажите дату и время в будущем.
admin-ask-duration =
    <b>Шаг { $step } из { $steps }: продолжительность</b>
    Сколько продлится встреча? Нажмите кнопку или напишите число минут, от { $min } до { $max }.
admin-duration-button = { $minutes } мин
admin-duration-default-button = ✅ { $minutes } мин
admin-picked-duration = ✅ Продолжительность: { $minutes } мин
admin-ask-presentation =
    <b>Шаг { $step } из { $steps }: доклад акима</b>
    Сколько минут займёт доклад акима? Не более четверти запланированного времени: при { $duration } мин — не более <b>{ $max } мин</b>, остальное время — вопросы и ответы ({ $act }, п. { $clause }). Нажмите кнопку или напишите число минут.
admin-ask-presentation-free =
    <b>Шаг { $step } из { $steps }: доклад акима</b>
    Сколько минут займёт доклад акима? Напишите число минут, меньше продолжительности встречи ({ $duration } мин).
admin-presentation-button = { $minutes } мин
admin-picked-presentation = ✅ Доклад акима: { $minutes } мин
admin-presentation-too-long = ❌ Доклад на { $minutes } мин слишком длинный. При встрече на { $duration } мин доклад может занять <b>не более { $max } мин</b> — четверть запланированного времени ({ $act }, п. { $clause }). Укажите не больше { $max } мин.
admin-ask-place =
    <b>Шаг { $step } из { $steps }: место</b>
    Напишите здание и адрес, например: «Дом культуры, ул. Абая, 12, актовый зал».
admin-ask-url =
    <b>Шаг { $step } из { $steps }: онлайн-трансляция</b>
    Встреча транслируется онлайн в официальных аккаунтах соцсетей с возможностью комментировать ({ act-001 }, п. 3.2). Пришлите ссылку (https://…) или нажмите «Пропустить», если её пока нет.
admin-url-skip = ⏭ Пропустить
admin-picked-no-url = ✅ Без ссылки на трансляцию.
admin-ask-calendar =
    <b>Шаг { $step } из { $steps }: по графику или вне его</b>
    Встреча входит в годовой график встреч акимата или проводится вне графика — по требованию населения и по необходимости ({ act-001 }, п. 3.1)?
admin-calendar-in-button = 📅 По годовому графику
admin-calendar-off-button = 🙋 Вне графика, по требованию населения
admin-summary-title = <b>Проверьте встречу перед сохранением</b>
admin-summary-host = 👤 Проводит: аким ({ $host })
admin-summary-venue = 🏘 Место проведения: { $venue }
admin-summary-audience = 👥 Для жителей: { $audience }
admin-summary-starts = 🕒 Начало: { $when }
admin-summary-duration = ⏱ Продолжительность: { $minutes } мин
admin-summary-presentation = 🎤 Доклад акима: { $minutes } мин
admin-summary-place = 📍 Место: { $place }
admin-summary-url = 📺 Трансляция: { $url }
admin-summary-no-url = 📺 Трансляция: без ссылки
admin-summary-calendar-in = 📅 По годовому графику
admin-summary-calendar-off = 🙋 Вне графика, по требованию населения
admin-summary-cutoff = ❓ Вопросы принимаются до: { $when }
admin-summary-unknown = (больше нет в классификаторе)
admin-save-button = 💾 Сохранить
admin-saved = ✅ Встреча № { $id } сохранена как черновик. Жители её пока не видят.
admin-due = 📅 Последний день для объявления: <b>{ $due }</b> (за { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    } до встречи).
admin-due-source = Основание: { $act }, п. { $clause }.
admin-due-none = 📅 Выбранный профиль регламента не устанавливает срок объявления.
admin-due-passed = ⚠️ Этот день уже прошёл: объявление будет с опозданием, и отчёт это отметит.
admin-saved-next = Объявите встречу сейчас или запланируйте объявление кнопками ниже. Все встречи: /mymeetings
admin-announce-button = 📣 Объявить сейчас
admin-cancelled = Создание встречи отменено. Ничего не сохранено.
admin-nothing-to-cancel = Отменять нечего.
admin-restart = Выбранной ранее единицы больше нет в классификаторе. Начните заново: /newmeeting
admin-expected-other = На этом шаге ожидается другое.
admin-stale-step = Эта кнопка относится к завершённому или другому шагу. Начните заново: /newmeeting

admin-error-unknown-host = Такой единицы нет в классификаторе.
admin-error-host-without-akim = У этой единицы нет своего акима; выберите область, район, город, сельский округ, посёлок или село.
admin-error-unknown-venue = Такого места проведения нет в классификаторе.
admin-error-venue-outside-host = Место проведения должно совпадать с проводящей единицей или находиться на её территории.
admin-error-unknown-audience = Такой единицы нет в классификаторе.
admin-error-audience-outside-host = Жители, для которых встреча, должны быть с территории проводящей единицы.
admin-error-start-in-past = Время начала уже прошло. Укажите дату и время в будущем.
admin-error-bad-duration = Продолжительность — целое число минут от { $min_duration } до { $max_duration }.
admin-error-bad-place = Место — от { $min_place } до { $max_place } символов.
admin-error-bad-broadcast-url = Это не веб-ссылка. Пришлите ссылку, начинающуюся с http:// или https://, или нажмите «Пропустить».
admin-error-bad-presentation = Доклад — целое число минут, от 1 до { $max }.
admin-error-presentation-too-long = Доклад может занять не более { $max } мин — четверть от { $duration } мин.
admin-error-not-found = Такой встречи нет.
admin-error-cancelled = Встреча отменена.
admin-error-already-past = Встреча уже состоялась.

admin-announce-usage = Укажите номер встречи: <code>/announce 12</code>
admin-announce-not-found = Встречи № { $id } нет.
admin-announce-cancelled = Встреча № { $id } отменена, объявить её нельзя.
admin-announce-already-past = Встреча № { $id } уже началась или состоялась, объявлять её поздно.
admin-announce-already = Встреча № { $id } уже объявлена { $when }. Повторно ничего не отправлено.
admin-announce-queued = { $count ->
        [0] <b>📣 Встреча № { $id } объявлена.</b> На её территорию пока никто не подписан, карточку отправлять некому.
        [one] <b>📣 Встреча № { $id } объявлена.</b> Карточка поставлена в очередь для { $count } человека и уходит в фоне.
       *[other] <b>📣 Встреча № { $id } объявлена.</b> Карточка поставлена в очередь для { $count } человек и уходит в фоне.
    }
admin-announce-progress = Ход рассылки: ✉️ доставлено — { $sent }, ⏳ в очереди — { $waiting }, 🚫 недоступны (заблокировали бота) — { $unreachable }, ⚠️ не доставлено — { $failed }, 🔕 отключили объявления — { $skipped }.
admin-timing-on-time = ⏰ В срок: последний день для объявления — { $due }.
admin-timing-late = ⏰ <b>С ОПОЗДАНИЕМ на { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    }</b>: последний день для объявления был { $due } ({ $act }, п. { $clause }).
admin-timing-no-rule = ⏰ Выбранный профиль регламента не устанавливает срок объявления.

## /outbox: что стало с уведомлениями
cmd-outbox = Доставка уведомлений
admin-outbox-title = <b>📬 Уведомления</b>
admin-outbox-empty = Пока ничего не отправлялось.
admin-outbox-status-sent = ✉️ доставлено: { $count }
admin-outbox-status-pending = ⏳ в очереди: { $count }
admin-outbox-status-sending = 📤 отправляются: { $count }
admin-outbox-status-failed = ⚠️ не доставлено: { $count }
admin-outbox-status-unreachable = 🚫 недоступны (заблокировали бота): { $count }
admin-outbox-status-skipped = 🔕 не отправлены намеренно (отключены, отозваны): { $count }
admin-outbox-status-expired = ⌛ устарели (напоминание после начала встречи): { $count }
admin-outbox-behind = Самое давнее в очереди ждёт с { $since }.
admin-outbox-reasons = Почему не доставлено:
admin-outbox-reason = • { $reason }: { $count }
admin-outbox-requeue-button = 🔁 Отправить заново недоставленные ({ $count })
admin-outbox-refresh-button = 🔄 Обновить
admin-outbox-requeued = { $count ->
        [one] { $count } уведомление снова в очереди.
        [few] { $count } уведомления снова в очереди.
       *[other] { $count } уведомлений снова в очереди.
    }
