## The meeting lifecycle: /mymeetings, the management card, moving, cancelling, receptions.

cmd-mymeetings = Встречи моего акимата

lc-status-draft = 📝 черновик
lc-status-announced = 📣 объявлена
lc-status-rescheduled = 🔁 перенесена
lc-status-held = ✅ состоялась
lc-status-closed = 🗄 закрыта
lc-status-cancelled = ✖️ отменена

# The citizen's card of a moved or cancelled meeting.
lc-card-moved-from = 🔁 <i>Перенесена с { $when }</i>
lc-card-cancel-reason = Причина: { $reason }

# What everyone who was told of a meeting, and every author of a question, gets.
lc-notice-cancelled =
    ✖️ <b>Встреча № { $id } отменена</b>
    👤 Аким ({ $host })
    🕒 Была назначена на { $when }
    Причина: { $reason }
    Ваши вопросы к ней сохранены. Ближайшие встречи: /meetings
lc-notice-moved =
    🔁 <b>Встреча № { $id } перенесена</b>
    👤 Аким ({ $host })
    🕒 Новое время: <b>{ $new }</b>
    Было: { $old }
    📍 { $venue }, { $place }
    ❓ Вопросы и предложения принимаются до { $cutoff }. Ваши вопросы к встрече сохранены.
    Карточка встречи: /meetings

lc-list-title-active = <b>Предстоящие встречи и черновики: { $count }</b>
lc-list-title-held = <b>Состоявшиеся встречи: { $count }</b>
lc-list-title-archive = <b>Закрытые и отменённые встречи: { $count }</b>
lc-list-empty-active = Здесь пока пусто. Новая встреча: /newmeeting
lc-list-empty-held = Состоявшихся встреч, ожидающих итогов, нет.
lc-list-empty-archive = Закрытых и отменённых встреч нет.
lc-list-line =
    <b>№ { $id }</b> · { $status }
    { $when }
    { $host }
lc-list-page = Страница { $page } из { $pages }
lc-tab-active = Предстоящие
lc-tab-held = Состоялись
lc-tab-archive = Архив
lc-tab-current = • { $tab } •
lc-btn-open = № { $id }

lc-card-title = <b>🗂 Встреча № { $id }</b> — { $status }
lc-card-duration = ⏱ Продолжительность: { $minutes } мин
lc-card-presentation = 🎤 Доклад акима: { $minutes } мин (не более { $max } мин)
lc-card-in-calendar = 📅 По годовому графику
lc-card-off-calendar = 🙋 Вне графика, по требованию населения ({ act-001 }, п. 3.1)
lc-card-broadcast = 📺 Трансляция: { $url }
lc-card-announced = 📣 Объявлена { $when }, в срок (последний день — { $due })
lc-card-announced-late = 📣 Объявлена { $when }, <b>с опозданием</b> (последний день был { $due })
lc-card-scheduled = ⏰ Объявление запланировано на { $when }
lc-card-audience-count = 👥 Объявление получили или получат: { $told }; авторов вопросов: { $authors }
lc-card-no-receptions = 🤝 Дни личного приёма граждан ещё не записаны.
lc-card-plan-due = 📋 План действий опубликовать до <b>{ $due }</b> ({ $act }, п. { $clause })
lc-card-cancelled = ✖️ Отменена { $when }. Причина: { $reason }
lc-card-read-only = 👁 Вы можете только просматривать эту встречу: она относится к другому акимату.

lc-btn-announce = 📣 Объявить сейчас
lc-btn-schedule = ⏰ Запланировать объявление
lc-btn-unschedule = ⏰ Отменить запланированное объявление
lc-btn-move = 🔁 Перенести
lc-btn-reception = 🤝 Записать день приёма
lc-btn-hold = ✅ Отметить, что состоялась
lc-btn-close = 🗄 Закрыть
lc-btn-cancel = ✖️ Отменить встречу
lc-btn-list = 📋 Все встречи
lc-btn-back = ⬅️ Назад к встрече
lc-btn-move-confirm = 🔁 Да, перенести
lc-btn-cancel-confirm = ✖️ Да, отменить встречу

lc-announced = 📣 Встреча № { $id } объявлена. Карточка поставлена в очередь для { $count ->
        [one] { $count } подписчика
       *[other] { $count } подписчиков
    }.
lc-announce-already = Встреча № { $id } уже объявлена { $when }. Повторно ничего не отправлено.
lc-timing-on-time = ⏰ В срок: последний день для объявления — { $due }.
lc-timing-late = ⏰ <b>С ОПОЗДАНИЕМ на { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    }</b>: последний день для объявления был { $due } ({ $act }, п. { $clause }). Опоздание записано.
lc-timing-no-rule = ⏰ Выбранный профиль регламента не устанавливает срок объявления.
lc-unscheduled = ⏰ Запланированное объявление встречи № { $id } отменено. Встреча остаётся черновиком.
lc-held = ✅ Встреча № { $id } отмечена как состоявшаяся. Запишите дни личного приёма: от последнего считается срок плана действий.
lc-closed = 🗄 Встреча № { $id } закрыта. Больше она не меняется.

lc-ask-schedule =
    <b>Когда объявить встречу № { $id }?</b>
    Встреча: { $when }. Последний день для объявления: { $due }.
    Напишите дату (объявим в 09:00) или дату и время: <code>28.11.2026</code> или <code>28.11.2026 10:30</code>.
lc-ask-move =
    <b>На когда перенести встречу № { $id }?</b>
    Сейчас: { $when }. Напишите новую дату и время по местному времени: <code>25.12.2026 15:00</code>. Продолжительность останется прежней.
lc-ask-cancel =
    <b>Почему отменяется встреча № { $id }?</b>
    Причину получат все, кому встреча была объявлена, и авторы вопросов к ней. От { $min } до { $max } символов.
lc-ask-reception =
    <b>Когда был (или будет) личный приём граждан по встрече № { $id }?</b>
    Напишите дату: <code>10.12.2026</code>. Не раньше { $earliest }. От последнего дня приёма считается срок плана действий.

lc-bad-moment = Не удалось прочитать дату. Напишите дату или дату и время: <code>28.11.2026</code> или <code>28.11.2026 10:30</code>.
lc-bad-date = Не удалось прочитать дату. Напишите её так: <code>10.12.2026</code>.
lc-expected-other = Здесь ожидается другое: ответьте текстом, нажмите кнопку или вернитесь к встрече.
lc-stale = Эта кнопка устарела. Откройте встречу заново: /mymeetings

lc-scheduled = ⏰ Встреча № { $id } будет объявлена { $when }. До этого она остаётся черновиком.
lc-scheduled-late = ⚠️ Это позже последнего дня для объявления ({ $due }) на { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    } ({ $act }, п. { $clause }): объявление будет записано как опоздавшее.

lc-confirm-move =
    <b>Перенести встречу № { $id }?</b>
    Было: { $old }
    Станет: <b>{ $new }</b>
    Об этом узнают те, кому встреча была объявлена ({ $told }), и авторы вопросов ({ $authors }).
lc-confirm-move-draft =
    <b>Перенести черновик встречи № { $id }?</b>
    Было: { $old }
    Станет: <b>{ $new }</b>
    Встреча ещё не объявлена, поэтому никто не получит уведомления.
lc-moved = 🔁 Встреча № { $id } перенесена на { $when }. Уведомления поставлены в очередь: { $count }.

lc-confirm-cancel =
    <b>Отменить встречу № { $id }?</b>
    Причина: { $reason }
    Об отмене узнают те, кому встреча была объявлена ({ $told }), и авторы вопросов ({ $authors }). Ещё не отправленные объявления отправлены не будут.
lc-confirm-cancel-draft =
    <b>Отменить черновик встречи № { $id }?</b>
    Причина: { $reason }
    Встреча ещё не объявлена, поэтому никто не получит уведомления.
lc-cancelled = ✖️ Встреча № { $id } отменена. Уведомления поставлены в очередь: { $count }.

lc-reception-added = 🤝 День личного приёма по встрече № { $id } записан: { $day }.
lc-reception-known = 🤝 День { $day } по встрече № { $id } уже был записан.
lc-reception-plan-due = 📋 План действий теперь нужно опубликовать до <b>{ $due }</b>.

lc-error-not-found = Такой встречи нет.
lc-error-wrong-status = Сейчас это невозможно: встреча { $status }.
lc-error-start-in-past = Это время уже прошло (сейчас { $now }). Укажите дату и время в будущем.
lc-error-same-start = Встреча и так назначена на это время.
lc-error-announce-at-past = Это время уже прошло (сейчас { $now }). Укажите момент в будущем или объявите сейчас.
lc-error-announce-at-after-start = Объявить встречу нужно до её начала. Укажите более раннюю дату.
lc-error-meeting-over = Встреча уже прошла: объявлять её поздно.
lc-error-not-started = Встреча ещё не началась: отметить её состоявшейся можно после начала.
lc-error-bad-reason = Причина — от { $min } до { $max } символов.
lc-error-bad-note = Примечание слишком длинное.
lc-error-reception-too-early = Так рано приём по этой встрече быть не может: самый ранний день — { $bound }.
lc-error-reception-too-late = Это слишком далеко от встречи (больше { $days } дней): самый поздний день — { $bound }. Проверьте дату.

## Перенос объявленной встречи: срок объявления считается до новой даты (документ 001, п. 3.4)
lc-move-due = ⏰ Для новой даты последний день объявления — { $due }: в срок.
lc-move-late = ⚠️ Для новой даты последний день объявления был { $due }: сообщить людям сейчас — это опоздание на { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    }, и встреча будет записана как объявленная с опозданием.
lc-moved-late = ⚠️ Записано как объявление с опозданием на { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    } (последний день был { $due }).
