## Administrators: the /newmeeting wizard and /announce.

admin-ask-host =
    <b>Новая встреча, шаг 1 из 7: кто проводит</b>
    Аким какой единицы проводит встречу? Напишите название области, района, города, сельского округа или села.
    Прервать на любом шаге: /cancel
admin-pick-host = Выберите, чей аким проводит встречу (в списке только единицы, у которых есть свой аким):
admin-host-none = Единиц с акимом с таким названием не нашлось. Проверьте написание или введите часть названия покороче.
admin-hit-button = { $name } · { $parent }
admin-picked-host = ✅ Проводит: аким, { $name }
admin-ask-venue =
    <b>Шаг 2 из 7: где проходит</b>
    В каком населённом пункте проходит встреча? Нажмите кнопку, если встреча проходит в самой проводящей единице ({ $host }), или напишите название населённого пункта на её территории.
admin-venue-host-button = 📍 { $name }
admin-pick-venue = Выберите место проведения:
admin-inside-none = На территории проводящей единицы ничего с таким названием нет. Проверьте написание или воспользуйтесь кнопками.
admin-picked-venue = ✅ Место проведения: <b>{ $name }</b>
admin-ask-audience =
    <b>Шаг 3 из 7: для кого</b>
    Для жителей какой единицы встреча? Её карточку получат все, кто следит за этой единицей или за чем-то внутри неё. Выберите кнопку или напишите название населённого пункта на территории: { $host }.
admin-audience-venue-button = 👥 Место проведения: { $name }
admin-audience-host-button = 👥 Вся территория: { $name }
admin-pick-audience = Выберите, для кого встреча:
admin-picked-audience = ✅ Для жителей: <b>{ $name }</b>
admin-ask-starts =
    <b>Шаг 4 из 7: дата и время</b>
    Когда начало по местному времени? Напишите так: <code>25.12.2026 15:00</code> или <code>2026-12-25 15:00</code>.
admin-bad-datetime = Не удалось прочитать дату. Напишите дату и время так: <code>25.12.2026 15:00</code> или <code>2026-12-25 15:00</code>.
admin-datetime-past = Это время уже прошло (сейчас { $now }). Укажите дату и время в будущем.
admin-ask-duration =
    <b>Шаг 5 из 7: продолжительность</b>
    Сколько продлится встреча? Нажмите кнопку или напишите число минут, от { $min } до { $max }.
admin-duration-button = { $minutes } мин
admin-duration-default-button = ✅ { $minutes } мин
admin-picked-duration = ✅ Продолжительность: { $minutes } мин
admin-ask-place =
    <b>Шаг 6 из 7: место</b>
    Напишите здание и адрес, например: «Дом культуры, ул. Абая, 12, актовый зал».
admin-ask-url =
    <b>Шаг 7 из 7: онлайн-трансляция</b>
    Встреча транслируется онлайн в официальных аккаунтах соцсетей с возможностью комментировать (основание 001, п. 3.2). Пришлите ссылку (https://…) или нажмите «Пропустить», если её пока нет.
admin-url-skip = ⏭ Пропустить
admin-picked-no-url = ✅ Без ссылки на трансляцию.
admin-summary-title = <b>Проверьте встречу перед сохранением</b>
admin-summary-host = 👤 Проводит: аким, { $host }
admin-summary-venue = 🏘 Место проведения: { $venue }
admin-summary-audience = 👥 Для жителей: { $audience }
admin-summary-starts = 🕒 Начало: { $when }
admin-summary-duration = ⏱ Продолжительность: { $minutes } мин
admin-summary-place = 📍 Место: { $place }
admin-summary-url = 📺 Трансляция: { $url }
admin-summary-no-url = 📺 Трансляция: без ссылки
admin-summary-cutoff = ❓ Вопросы принимаются до: { $when }
admin-summary-unknown = (больше нет в классификаторе)
admin-save-button = 💾 Сохранить
admin-saved = ✅ Встреча № { $id } сохранена как черновик. Жители её пока не видят.
admin-due = 📅 Последний день для объявления: <b>{ $due }</b> (за { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    } до встречи).
admin-due-source = Основание: документ { $seed }, п. { $clause }.
admin-due-none = 📅 Выбранный профиль регламента не устанавливает срок объявления.
admin-due-passed = ⚠️ Этот день уже прошёл: объявление будет с опозданием, и отчёт это отметит.
admin-saved-next = Чтобы объявить встречу подписчикам, отправьте /announce { $id } или нажмите кнопку.
admin-announce-button = 📣 Объявить сейчас
admin-cancelled = Создание встречи отменено. Ничего не сохранено.
admin-nothing-to-cancel = Отменять нечего.
admin-restart = Выбранной ранее единицы больше нет в классификаторе, начнём заново. Напишите название единицы, чей аким проводит встречу.
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
admin-error-not-found = Такой встречи нет.
admin-error-cancelled = Встреча отменена.
admin-error-already-past = Встреча уже состоялась.

admin-announce-usage = Укажите номер встречи: <code>/announce 12</code>
admin-announce-not-found = Встречи № { $id } нет.
admin-announce-cancelled = Встреча № { $id } отменена, объявить её нельзя.
admin-announce-already-past = Встреча № { $id } уже началась или состоялась, объявлять её поздно.
admin-announce-already = Встреча № { $id } уже объявлена { $when }. Повторно ничего не отправлено.
admin-announce-sending = 📣 Встреча № { $id } объявлена. Рассылаю карточку подписчикам…
admin-announce-done = <b>Встреча № { $id }: объявление разослано.</b>
admin-report-sent = ✉️ Доставлено: { $count }
admin-report-unreachable = 🚫 Недоступны (заблокировали бота): { $count }
admin-report-failed = ⚠️ Не доставлено из-за ошибок: { $count }
admin-timing-on-time = ⏰ В срок: последний день для объявления — { $due }.
admin-timing-late = ⏰ <b>С ОПОЗДАНИЕМ на { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    }</b>: последний день для объявления был { $due } (документ { $seed }, п. { $clause }).
admin-timing-no-rule = ⏰ Выбранный профиль регламента не устанавливает срок объявления.
