# /received: вопросы и предложения, поступившие вне бота (handlers/official/feedback_entry.py).
cmd-received = Внести вопрос или предложение из других каналов
entry-no-akimat = Поступившее в акимат по другим каналам вносит должностное лицо акимата.
entry-ask-akimat = В какой акимат поступило?
entry-ask-kind = Что поступило?
entry-kind-question = ❓ Вопрос
entry-kind-proposal = 💡 Предложение
entry-ask-channel = Как оно поступило в акимат?
entry-channel-reception = 🏛 На приёме
entry-channel-letter = ✉️ Письмом
entry-channel-site = 🌐 На сайте акимата
entry-ask-date = В какой день оно поступило? Напишите дату в виде дд.мм.гггг, например 05.11.2026, или нажмите кнопку.
entry-today-button = 📅 Сегодня
entry-ask-status = В каком оно состоянии сейчас?
entry-status-question-new = ⏳ Ответа ещё нет
entry-status-question-answered = ✅ Дан ответ
entry-status-question-rejected = ↩️ Дан ответ с отказом
entry-status-proposal-new = ⏳ На рассмотрении
entry-status-proposal-accepted = ✅ Принято
entry-status-proposal-rejected = ❌ Не принято
entry-ask-reference = Принятое предложение учитывается с подтверждающей ссылкой: пункт плана действий, пункт акта или бюджетная программа (до 300 символов).
entry-ask-text = Изложите его содержание в нескольких предложениях (до 2000 символов).
entry-error-date = Это не дата. Напишите её в виде дд.мм.гггг, например 05.11.2026.
entry-error-date-future = Этот день ещё не наступил. Укажите день поступления.
entry-error-date-old = Это больше двух лет назад; такая запись не попадёт ни в один текущий период.
entry-error-text = Содержание — от 1 до 2000 символов.
entry-error-reference = Ссылка — от 1 до 300 символов.
entry-error-status = Такое состояние не подходит к этому виду записи. Начните заново: /received.
entry-stale = Эта кнопка устарела. Начните заново: /received.
entry-use-buttons-or-text = Ответьте на этот шаг кнопками выше или как он просит, либо /cancel.
entry-saved = ✅ Запись № { $number } сохранена и учтена в показателе обратной связи.
    { $kind } · { $channel } · { $day }
    { $status }
    <i>{ $text }</i>
entry-file-button = 📥 Несколько сразу, из файла (XLSX)
entry-file-ask = Заполните этот шаблон, по строке на вопрос или предложение (не больше { $max } строк, до { $megabytes } МБ), и пришлите его сюда. На втором листе — слова, которые принимает каждый столбец. Ничего не сохранится, пока все строки не будут верны.
entry-file-too-big = Файл больше { $megabytes } МБ.
entry-file-rejected = ❌ <b>Файл не принят; ничего не сохранено.</b>
entry-file-saved = ✅ { $count ->
    [one] Сохранена { $count } запись
    [few] Сохранены { $count } записи
   *[other] Сохранено { $count } записей
}; они учтены в показателе обратной связи.
entry-file-not-xlsx = это не книга .xlsx: сохраните её в Excel как «Книга Excel (.xlsx)» и пришлите снова
entry-file-header = строка { $row }, { $column }: заголовок «{ $value }» не из шаблона; оставьте первую строку шаблона
entry-file-no-rows = под заголовком нет строк
entry-file-too-many-rows = строка { $row }: больше { $max } строк; остальное пришлите другим файлом
entry-file-formula = строка { $row }, { $column }: формула («{ $value }»); впишите само значение
entry-file-required = строка { $row }, { $column }: пусто, а столбец обязателен
entry-file-bad-kind = строка { $row }, { $column }: «{ $value }» — не вопрос и не предложение
entry-file-bad-channel = строка { $row }, { $column }: «{ $value }» — не приём, не письмо и не сайт
entry-file-bad-status = строка { $row }, { $column }: «{ $value }» — не состояние для этого вида записи
entry-file-not-a-date = строка { $row }, { $column }: «{ $value }» — не дата (пишите 05.11.2026)
entry-file-date-future = строка { $row }, { $column }: { $value } ещё не наступило
entry-file-date-old = строка { $row }, { $column }: { $value } — больше двух лет назад
entry-file-too-long = строка { $row }, { $column }: { $value } символов — слишком длинно
entry-file-no-reference = строка { $row }, { $column }: у принятого предложения нужна подтверждающая ссылка
entry-xlsx-sheet = Записи
entry-xlsx-help-sheet = Слова
entry-xlsx-help = Что принимает каждый столбец (слово или код):
entry-xlsx-kind = Вид
entry-xlsx-channel = Канал
entry-xlsx-received = Поступило (дд.мм.гггг)
entry-xlsx-status = Состояние
entry-xlsx-reference = Подтверждающая ссылка
entry-xlsx-text = Содержание
entry-xlsx-status-new = без ответа / на рассмотрении
entry-xlsx-status-answered = дан ответ
entry-xlsx-status-accepted = принято
entry-xlsx-status-rejected = отказ
