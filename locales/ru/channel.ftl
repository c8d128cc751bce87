## /channel: Telegram-канал акимата (handlers/official/channel.py)

cmd-channel = Telegram-канал акимата
channel-no-akimat = Укажите код КАТО акимата, который вам доступен, например /channel 623600000. Канал привязывают сотрудники акимата командой /channel.
channel-title = 📢 <b>Telegram-канал</b> · { $akimat }
channel-none = 📢 <b>Telegram-канал</b> · { $akimat }
    Канал не привязан. Когда он привязан, бот публикует в нём объявления о встречах, опубликованные планы действий, ежеквартальные отчёты о ходе исполнения и итоги года.
channel-how =
    Как привязать:
    1. В настройках канала добавьте бота администратором с правом публиковать сообщения.
    2. Пришлите сюда @username канала или его ссылку t.me, либо перешлите любой пост из канала.
    Вы должны быть владельцем канала или одним из его администраторов.
channel-linked =
    Канал: { $name }
    Язык постов: { $language }
    Последняя проверка: { $checked }
channel-active = ✅ Бот может публиковать в канале.
channel-broken =
    ⚠️ <b>Бот не может публиковать в канале с { $at }</b>: { $reason }
    Пока это не исправлено в канале и не нажато «Проверить снова», ничего не публикуется.
channel-language-kk = казахский
channel-language-ru = русский
channel-language-both = казахский и русский
channel-pick-language = На каком языке публиковать посты?
channel-check-button = 🔄 Проверить снова
channel-unlink-button = Отвязать канал
channel-unlink-confirm = Отвязать { $name }? Бот перестанет публиковать в нём; опубликованное останется.
channel-unlink-yes = Да, отвязать
channel-unlink-no = Нет
channel-unlinked = Канал отвязан.
channel-linked-toast = Канал привязан.
channel-check-ok = Всё в порядке: бот может публиковать.
channel-expired = Этот выбор устарел: отправьте /channel ещё раз.
channel-refused-reference = Это не канал. Пришлите его @username (например, @akimat_channel), ссылку t.me или перешлите пост из канала.
channel-refused-private = Бот не может открыть ссылку-приглашение. Перешлите любой пост из канала.
channel-refused-not_found = Telegram не знает такого канала, или канал закрытый и бота в нём нет. Сначала добавьте бота администратором.
channel-refused-not_channel = Это не канал (группа или человек). Привязать можно только канал.
channel-refused-bot_not_admin = Бот не администратор этого канала. Добавьте его в настройках канала → Администраторы.
channel-refused-no_post_right = Бот администратор, но не может публиковать сообщения. Дайте ему право «Публикация сообщений».
channel-refused-official_not_admin = Вы не владелец и не администратор этого канала, поэтому не можете его привязать.
channel-reason-left = бота удалили из канала
channel-reason-kicked = бота заблокировали в канале
channel-reason-no_post_right = бот больше не может публиковать сообщения
channel-reason-not_found = канала больше нет
channel-reason-not_channel = чат больше не канал
channel-reason-bot_not_admin = бот больше не администратор
channel-notice-broken =
    ⚠️ <b>Канал акимата не работает</b>
    Бот больше не может публиковать в «{ $title }» ({ $at }): { $reason }.
    Объявления и итоги туда не публикуются, пока это не исправлено: /channel
channel-year-title = 📊 <b>{ $akimat }: итоги { $year } года</b>
channel-year-index = Показатель обратной связи: { $percent } % ({ $band })
channel-year-index-zero = Показатель обратной связи: 0 % — итоги не были вовремя в открытом доступе: { $reasons }
channel-zero-plan = план действий
channel-zero-report = квартальный отчёт о ходе исполнения
channel-year-counts =
    Предложения: { $proposals }, принято { $accepted }
    Вопросы: { $questions }, отвечено { $answered }
channel-year-on-time =
    Планы действий: вовремя { $plans }, с опозданием { $plans_late }, нет { $plans_missing }
    Квартальные отчёты: вовремя { $reports }, с опозданием { $reports_late }, нет { $reports_missing }
channel-year-source = Итоговые результаты года: { act-004 }, пункт 16. Подсчитано ботом Kezdesu.
audit-action-channel-view = Просмотр канала акимата
audit-action-channel-link = Привязка канала акимата
audit-action-channel-check = Проверка канала акимата
audit-action-channel-unlink = Отвязка канала акимата
channel-record-line = 📢 { $title }{ $broken ->
        [yes] {" "}(не работает)
       *[no] {""}
    }: планов опубликовано { $plans }, не дошло { $plans_failed }; отчётов опубликовано { $reports }, не дошло { $reports_failed }

report-xlsx-sheet-channel = Канал
report-xlsx-channel-title = Канал
report-xlsx-channel-state = Состояние
report-xlsx-channel-active = подключён
report-xlsx-channel-broken = нарушен: бот не может публиковать
report-xlsx-channel-plans-sent = Планов опубликовано
report-xlsx-channel-plans-failed = Планов не опубликовано
report-xlsx-channel-reports-sent = Квартальных отчётов опубликовано
report-xlsx-channel-reports-failed = Квартальных отчётов не опубликовано
report-xlsx-channel-pending = Публикаций в пути
report-xlsx-channel-last = Последняя публикация
