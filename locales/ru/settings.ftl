## /settings: which notifications a citizen gets, and quiet hours.

settings-title =
    ⚙️ <b>Настройки уведомлений</b>
    Выберите, какие уведомления получать: нажатие на кнопку включает или выключает их.
settings-state-on = ✅ { $label }
settings-state-off = 🔕 { $label }: выключено
settings-quiet-on = 🌙 Тихие часы: <b>{ $range }</b> (время Алматы). В это время приходят только срочные уведомления.
settings-quiet-off = 🌙 Тихие часы не заданы: уведомления приходят круглые сутки.
settings-urgent-note = <i>Если встречу отменят или перенесут, об этом придёт уведомление всегда, и ночью тоже.</i>

settings-switch-announcements = Новые встречи
settings-switch-reminders = Напоминания перед встречей
settings-switch-broadcasts = Начало трансляции
settings-switch-plans = Планы действий
settings-switch-progress = Ход выполнения планов
settings-switch-questions = Статус моих вопросов
settings-switch-ratings = Оценка встреч

settings-button-on = ✅ { $label }
settings-button-off = 🔕 { $label }
settings-quiet-button = 🌙 Тихие часы
settings-turned-on = Включено: { $label }
settings-turned-off = Выключено: { $label }
settings-unchanged = Уже так и есть.

settings-quiet-range = { $start }–{ $end }
settings-quiet-title =
    🌙 <b>Тихие часы</b>
    В эти часы бот присылает только срочное (встречу отменили или перенесли), остальное придёт, когда тихие часы закончатся. Время Алматы.
settings-quiet-now-on = Сейчас: <b>{ $range }</b>
settings-quiet-now-off = Сейчас: не заданы.
settings-quiet-preset-button = { $range }
settings-quiet-type-button = ✍️ Указать свои
settings-quiet-off-button = 🔔 Без тихих часов
settings-quiet-prompt =
    Напишите начало и конец тихих часов, например: <b>22-7</b> или <b>23:00-07:00</b>.
    Только целые часы, по времени Алматы.
settings-quiet-error-format = Не понял. Напишите два часа через дефис, например: 22-7 или 23:00-07:00.
settings-quiet-error-minutes = Сохраняются только целые часы: не 22:30, а 22 или 23. Напишите ещё раз, например: 22-7.
settings-quiet-error-range = Час должен быть от 0 до 23, минуты — 00. Напишите ещё раз, например: 22-7.
settings-quiet-error-empty = Начало и конец не должны совпадать. Напишите ещё раз, например: 22-7.
settings-quiet-expect-text = Напишите тихие часы текстом, например: 22-7. Отменить: /cancel
settings-quiet-saved = 🌙 Тихие часы сохранены: { $range }.
settings-quiet-removed = 🔔 Тихие часы убраны: уведомления приходят круглые сутки.
settings-quiet-cancelled = Отменено, тихие часы не изменились.
settings-quiet-stale = Эта кнопка устарела. Откройте настройки заново: /settings
