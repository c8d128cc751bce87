## Должностные лица и их права: приглашения, /officials, /office, /audit.

cmd-office = Кабинет сотрудника акимата
cmd-officials = Сотрудники акиматов
cmd-audit = Журнал действий

## Ссылка-приглашение (/start inv_…)

officials-invite-pending = ✉️ Это приглашение стать сотрудником акимата: <b>{ $akimat }</b>. Сначала выберите язык и примите условия — приглашение применится сразу после этого.
officials-accept-done =
    ✅ Теперь вы сотрудник акимата: <b>{ $akimat }</b>.
    Ваш кабинет и всё, что вам доступно: /office
officials-accept-already = Вы уже сотрудник акимата: { $akimat }. Ссылка не использована и по-прежнему действует для другого человека. Ваш кабинет: /office
officials-accept-admin = Вы администратор, и у вас уже есть все права. Ссылка не использована: она по-прежнему действует для сотрудника, которому предназначена.
officials-accept-used = Этим приглашением уже воспользовался другой человек. Попросите у администратора новую ссылку.
officials-accept-used-by-you = Вы уже воспользовались этим приглашением. Если вы по-прежнему сотрудник, ваш кабинет — /office; иначе попросите у администратора новую ссылку.
officials-accept-expired = Срок этого приглашения истёк { $when }. Попросите у администратора новую ссылку.
officials-accept-revoked = Администратор отозвал это приглашение. Если оно вам нужно, попросите новую ссылку.
officials-accept-unknown = Эта ссылка-приглашение недействительна: проверьте, что она скопирована целиком, или попросите у администратора новую.

## Уведомления

officials-notice-accepted = ✅ { $name } (id { $id }) принял(а) ваше приглашение и теперь сотрудник акимата: { $akimat }.
officials-notice-removed = Вы больше не сотрудник акимата: <b>{ $akimat }</b>. Его встречи и вопросы вам больше недоступны; всё, что вы делаете как житель, остаётся как было.

## /officials

officials-title = <b>Сотрудники акиматов</b>
officials-overview-intro = Акиматы, у которых есть сотрудники или действующие приглашения. Выберите акимат, чтобы увидеть сотрудников, удалить кого-то или отозвать ссылку.
officials-overview-empty = Ни у одного акимата пока нет сотрудников и действующих приглашений. Нажмите «Пригласить сотрудника», чтобы создать ссылку.
officials-page = Страница { $page } из { $pages }
officials-akimat-button = { $name } · 👤 { $officials } · ✉️ { $invites }
officials-invite-other-button = ➕ Пригласить сотрудника
officials-all-button = ⬅️ Все акиматы
officials-own-intro = Сотрудники вашего акимата (только просмотр: назначают и удаляют их администраторы).
officials-below-intro = Акиматы на вашей территории, у которых есть сотрудники; вы можете их просматривать:
officials-akimat-title = 🏛 <b>{ $name }</b>
officials-akimat-officials = Сотрудников: { $count }
officials-official-line = { $n }. { $name } (id { $id }), с { $since }
officials-akimat-no-officials = Сотрудников пока нет.
officials-akimat-invites = <b>Действующие приглашения</b>: { $count }
officials-invite-line = { $n }. создано { $created }, id { $by }, действует до { $until }
officials-akimat-readonly = Этот список можно только просматривать; назначают и удаляют сотрудников администраторы.
officials-remove-button = ✖️ Удалить: { $name }
officials-revoke-button = 🚫 Отозвать приглашение { $n }
officials-invite-button = ➕ Новая ссылка-приглашение
officials-invite-created =
    ✉️ <b>Приглашение в акимат: { $akimat }</b>
    Отправьте эту ссылку сотруднику. Она действует один раз, до { $until }: кто откроет её первым, станет сотрудником этого акимата.

    { $link }

    Если ссылка попала не тому человеку, отзовите её.
officials-revoke-link-button = 🚫 Отозвать эту ссылку
officials-back-to-akimat-button = ⬅️ К акимату
officials-revoked = 🚫 Приглашение отозвано: ссылка больше не действует.
officials-revoke-used = Этим приглашением уже воспользовались, отозвать его нельзя. Удалите сотрудника, если нужно.
officials-revoke-expired = Срок приглашения уже истёк: ссылка не действует.
officials-revoke-revoked = Это приглашение уже отозвано.
officials-remove-confirm = Удалить { $name } (id { $id }) из акимата { $akimat }? Доступ пропадёт сразу, человек получит уведомление.
officials-remove-yes = ✖️ Да, удалить
officials-removed = ✅ { $name } (id { $id }) больше не сотрудник этого акимата. Уведомление отправлено.
officials-remove-gone = { $name } (id { $id }) (уже) не сотрудник этого акимата.
officials-ask-locality =
    <b>Пригласить сотрудника</b>
    В каком акимате он будет работать? Напишите название области, района, города, сельского округа или села со своим акимом.
    Прервать: /cancel
officials-pick-locality = Выберите акимат (в списке только единицы со своим акимом):
officials-hit-button = { $name } · { $parent }
officials-locality-none = Единиц с акимом с таким названием нет. Проверьте написание или введите часть названия покороче.
officials-expected-text = Напишите название населённого пункта или /cancel.
officials-cancelled = Отменено: ссылка не создана.
officials-stale-step = Эта кнопка уже неактуальна. Откройте /officials заново.
officials-error-unknown-locality = Этой единицы больше нет в классификаторе. Введите название ещё раз.
officials-error-no-akim = У этой единицы нет своего акима, а значит, и акимата. Выберите другую.
officials-error-unknown-akimat = Этого акимата больше нет. Откройте /officials заново.

## /office

office-title-official = 🏛 <b>Ваш кабинет</b>
office-title-admin = 🏛 <b>Кабинет администратора</b>
office-acts-for = Вы действуете от имени:
office-reads = Вы также можете просматривать { $count ->
        [one] { $count } акимат на вашей территории:
        [few] { $count } акимата на вашей территории:
       *[other] { $count } акиматов на вашей территории:
    }
office-akimat-line = • { $name }
office-admin-summary =
    Акиматов с сотрудниками: { $akimats }
    Сотрудников: { $officials }
    Действующих приглашений: { $invites }
    Отказов в доступе за 7 дней: { $denied }
office-commands = <b>Команды</b>
office-command-line = /{ $command } — { $description }
office-not-staff = Вы не сотрудник ни одного акимата. Администратор может пригласить вас по личной ссылке.

## /audit

audit-title = <b>Журнал действий</b>, сначала новые
audit-empty = Журнал действий пуст.
audit-line = { $mark } { $when } · id { $actor } · { $what }
audit-allowed = ✅
audit-denied = ⛔
audit-detail = <i>{ $detail }</i>
audit-akimat-id = акимат { $id }
audit-refresh = 🔄 Новые
