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
entry-ask-reference = Принятое предложение учитывается с подтверждающей ссылкой: пункт плана мероприятий, пункт акта или бюджетная программа (до 300 символов).
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
