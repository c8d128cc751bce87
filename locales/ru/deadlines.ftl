# /deadlines и напоминания о сроках (services/duties.py, handlers/official/deadlines.py).
cmd-deadlines = Обязанности и сроки
deadlines-title = 🗓 <b>Сроки</b> · { $scope }
deadlines-scope-all = все акиматы
deadlines-none = ✅ Нет ни предстоящих, ни просроченных обязанностей.
deadlines-kind-announcement = 📢 Объявить встречу { $when }
deadlines-kind-action_plan = 📝 Опубликовать итоги и план действий по встрече { $when }
deadlines-kind-progress = 📊 Опубликовать ход исполнения плана действий по встрече { $when } за { $quarter }-й квартал { $year } года
deadlines-kind-calendar_approve = 🗓 Утвердить годовой календарь встреч на { $year } год по согласованию с маслихатом
deadlines-kind-calendar_submit = 🗓 Представить утверждённый календарь встреч на { $year } год
deadlines-left = { $days ->
    [one] остался { $days } день
    [few] осталось { $days } дня
   *[other] осталось { $days } дней
}
deadlines-today = сегодня последний день
deadlines-overdue = просрочено на { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[other] { $days } дней
}
deadlines-source = Основание: { $act }, п. { $clause }.
deadlines-item-title = { $n }. <b>{ $duty }</b>
deadlines-item-when = { $akimat } · срок { $due } · { $timing }
deadlines-item-source = <i>{ $source }</i>
deadlines-read-only = 👁 только просмотр
deadlines-page = Страница { $page } из { $pages }
deadlines-prev = ◀️
deadlines-next = ▶️
deadlines-filter-button = 🔎 { $akimat }
deadlines-all-button = ⬅️ Все акиматы
deadlines-unknown-akimat = Акимат с кодом { $code } не найден. Чтобы увидеть все свои акиматы, отправьте /deadlines без кода.
deadlines-mark-approve-button = ✅ Календарь { $year } утверждён
deadlines-mark-submit-button = ✅ Календарь { $year } представлен
deadlines-mark-confirm-approve = Отметить, что календарь встреч на { $year } год утверждён ({ $akimat })? Напоминания об этом прекратятся.
deadlines-mark-confirm-submit = Отметить, что утверждённый календарь встреч на { $year } год представлен ({ $akimat })? Напоминания об этом прекратятся.
deadlines-mark-yes = ✅ Да, отметить
deadlines-marked = ✅ Отмечено.
deadlines-mark-already = Это уже отмечено { $date }.
deadlines-mark-not-applicable = Годовой календарь ведут только акиматы областей, городов республиканского значения и столицы.
deadlines-mark-bad-year = Эта кнопка устарела: календарь на { $year } год больше не отмечается.
deadlines-reminder =
    ⏰ <b>Напоминание</b> · { $akimat }
    { $duty }
    Срок: <b>{ $due }</b>, { $timing }.
    { $source }
deadlines-escalation =
    ⚠️ <b>Просрочено на { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    }</b> · { $akimat }
    { $duty }
    Срок: { $due }.
    { $source }
    Вы получили это как администратор или сотрудник вышестоящего акимата.
deadlines-open-button = 📋 Сроки
deadlines-meeting-button = 📄 Встреча
deadlines-plan-button = 📝 План действий
deadlines-progress-button = 📊 Квартальный отчёт
deadlines-mark-button-of = { $button } · { $akimat }
