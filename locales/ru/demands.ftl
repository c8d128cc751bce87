## Просьбы жителей о встрече (правила 2022 года, 3.1: внекалендарные встречи проводятся по
## требованию населения).

cmd-demand = Попросить акима о встрече
cmd-demands = Просьбы жителей о встрече

## /demand (жители)

demand-no-subscriptions = Сначала подпишитесь на свой населённый пункт: /subscribe. О встрече просят как житель своего населённого пункта.
demand-pick-locality = Просьбы какого населённого пункта показать?
demand-list-title = 🙋 <b>Просьбы о встрече: { $locality }</b>
demand-list-empty = Просьб пока нет. Вы можете попросить акима о встрече на определённую тему.
demand-line = №{ $id } · 👍 { $supports } · { $topic }
demand-line-mine = ✅
demand-support-button = 👍 Поддержать №{ $id }
demand-new-button = ➕ Попросить о встрече
demand-ask-topic =
    <b>Просьба о встрече</b>
    На какую тему вы хотите встретиться с акимом? Напишите одним сообщением ({ $min }–{ $max } символов).
    Отменить: /cancel
demand-expect-text = Напишите текстом или /cancel.
demand-cancelled = Отменено.
demand-created = ✅ Ваша просьба №{ $id } записана: «{ $topic }». Соседи могут поддержать её через /demand.
demand-support-supported = 👍 Вы поддержали просьбу. Спасибо!
demand-support-already = Вы уже поддержали эту просьбу (каждый поддерживает один раз).
demand-support-not-neighbour = Эту просьбу могут поддержать только подписчики этого населённого пункта.
demand-support-closed = На эту просьбу уже ответили: поддержка больше не нужна.
demand-support-unknown = Такой просьбы нет.

## /demands (акимат и координаторы)

demand-staff-title = 🙋 <b>Просьбы жителей о встрече</b>, самые поддержанные первыми (порог уведомления: { $threshold })
demand-staff-empty = Открытых просьб о встрече нет.
demand-staff-line = №{ $id } · 👍 { $supports } · { $locality }: { $topic }
demand-open-button = №{ $id }
demand-card =
    🙋 <b>Просьба о встрече №{ $id }</b>
    Населённый пункт: { $locality }
    Тема: { $topic }
    Поддержали: { $supports }
    Записана: { $when }
    Состояние: { $status }
demand-status-open = ждёт ответа
demand-status-scheduled = встреча назначена
demand-status-declined = отклонена
demand-read-only = Вы можете только просматривать эту просьбу: отвечают на неё сотрудники акимата.
demand-schedule-button = 📅 Назначить встречу
demand-decline-button = ✖️ Отклонить
demand-all-button = ⬅️ Все просьбы
demand-schedule-intro = Внекалендарная встреча по просьбе №{ $id }: место и аудитория — населённый пункт просьбы. После сохранения поддержавшие получат уведомление.
demand-summary = Ответ на просьбу о встрече №{ $id } (вне календаря)
demand-scheduled = ✅ Просьба №{ $id } связана с этой встречей; поддержавшие получат уведомление.
demand-ask-reason =
    Напишите причину отказа по просьбе №{ $id } ({ $min }–{ $max } символов): её прочитают все поддержавшие.
    Отменить: /cancel
demand-declined = Просьба №{ $id } отклонена; поддержавшие получат причину.

## Ошибки

demand-error-unknown-locality = Этого населённого пункта нет в классификаторе. Выберите заново через /demand.
demand-error-no-akimat = Не найден аким ни этого населённого пункта, ни единицы выше.
demand-error-not-neighbour = Просить о встрече могут только подписчики этого населённого пункта.
demand-error-topic-too-short = Тема слишком короткая: напишите не меньше { $min } символов.
demand-error-topic-too-long = Тема слишком длинная: не больше { $max } символов.
demand-error-too-many-open = У вас уже достаточно просьб, ждущих ответа. Подождите ответа акимата.
demand-error-unknown-demand = Такой просьбы нет.
demand-error-already-answered = На эту просьбу уже ответили.
demand-error-reason-too-short = Причина слишком короткая: напишите не меньше { $min } символов.
demand-error-reason-too-long = Причина слишком длинная: не больше { $max } символов.
demand-error-wrong-meeting = Эта встреча не относится к акимату, которому адресована просьба.

## Уведомления

demand-notice-threshold =
    🙋 <b>Просьбу о встрече поддержали { $supports } человек</b> (порог: { $threshold })
    №{ $id } · { $locality }: { $topic }
    Ответить: /demands
demand-notice-scheduled =
    📅 По просьбе №{ $id }, которую вы поддержали, акимат назначил встречу: { $when } (встреча №{ $meeting }).
    { $locality }: { $topic }
    Когда встречу объявят, придёт приглашение.
demand-notice-declined =
    Акимат отклонил просьбу о встрече №{ $id }, которую вы поддержали.
    { $locality }: { $topic }
    Причина: { $reason }
