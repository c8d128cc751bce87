# /subscriptions: населённые пункты, на которые подписан человек.

subs-title =
    <b>Ваши населённые пункты</b>: { $count } из { $limit }.
    Вы получаете уведомления о встречах акима, которые проводятся для каждого из них и для всех более крупных единиц, куда они входят.
subs-page = Страница { $page } из { $pages }
subs-item = { $number }. { $place }
subs-item-inside-on = { "   " }Всё внутри: <b>вкл.</b>, и встречи сёл внутри
subs-item-inside-off = { "   " }Всё внутри: выкл.
subs-empty =
    Вы пока не подписаны ни на один населённый пункт.
    Выберите своё село или город, чтобы узнавать о встречах акима с населением.
subs-remove-button = 🗑 { $number }. Удалить
subs-inside-on-button = { $number }. Всё внутри: вкл.
subs-inside-off-button = { $number }. Всё внутри: выкл.
subs-add-button = ➕ Добавить
subs-removed = Удалено: { $name }
subs-already-removed = Этого населённого пункта уже нет в вашем списке.
subs-inside-turned-on = «Всё внутри» включено: { $name }. Теперь вы узнаёте и о встречах сёл внутри.
subs-inside-turned-off = «Всё внутри» выключено: { $name }.
subs-inside-unchanged = Уже так и есть.
