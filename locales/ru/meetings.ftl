## The meeting card, /meetings and the calendar file.

meet-card-title = <b>🗓 Встреча акима с населением № { $id }</b>
meet-card-draft = 📝 <i>Черновик: встреча ещё не объявлена.</i>
meet-card-cancelled = ✖️ <b>Встреча отменена.</b>
meet-card-host = 👤 Аким ({ $host })
meet-card-when = 🕒 { $when }
meet-card-place = 📍 { $venue }, { $place }
meet-card-audience = 👥 Для жителей: { $audience }
meet-card-over = ✅ Встреча уже состоялась.
meet-card-questions-until = ❓ Вопросы и предложения принимаются до { $until }
meet-card-questions-closed = 🔒 Приём вопросов и предложений к этой встрече завершён.

meet-btn-ask = ❓ Задать вопрос
meet-btn-propose = 💡 Внести предложение
meet-btn-questions = 🗳 Вопросы других
meet-btn-calendar = 📅 Добавить в календарь
meet-btn-broadcast = 📺 Открыть трансляцию
meet-btn-open = 📄 { $number }
meet-btn-prev = ◀️ Назад
meet-btn-next = Дальше ▶️
meet-btn-browse = 📋 Выбрать из списка
meet-btn-search = 🔎 Найти по названию

meet-announcement-header = 📣 <b>Объявлена новая встреча</b>

meet-list-title = <b>{ $count ->
        [one] Ближайшая { $count } встреча
        [few] Ближайшие { $count } встречи
       *[other] Ближайшие { $count } встреч
    }</b>
    Чтобы открыть встречу, нажмите её номер.
meet-list-line =
    <b>{ $number }.</b> { $when }
    { $host }
meet-list-page = Страница { $page } из { $pages }

meet-none =
    В населённых пунктах, за которыми вы следите, пока нет предстоящих встреч. Как только встречу объявят, мы сообщим.
    Ваши населённые пункты: /subscriptions
meet-none-short = Предстоящих встреч пока нет.
meet-no-subscriptions =
    Вы пока не следите ни за одним населённым пунктом.
    Выберите село, город или район, о встречах акима которого хотите знать:
meet-not-found = Такая встреча не найдена: ссылка неверна или устарела. Ближайшие встречи: /meetings
meet-cancelled = Эта встреча отменена. Ближайшие встречи: /meetings

meet-calendar-over = Эта встреча уже состоялась, добавлять её в календарь незачем.
meet-calendar-caption = 📅 Откройте файл, и встреча добавится в календарь телефона.
meet-ics-summary = Встреча акима с населением: { $host }
meet-ics-description = Встреча акима ({ $host }) с населением. Для жителей: { $audience }.
meet-ics-broadcast = Прямая трансляция: { $url }
meet-ics-questions = Задать вопрос и поддержать вопросы других: { $link }
