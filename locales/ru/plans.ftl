## Планы действий после встреч и ежеквартальный ход исполнения: /plans (граждане), /plan и /progress (сотрудники).

cmd-plans = Планы действий и их исполнение
cmd-plan = Итоги и план действий встречи
cmd-progress = Ежеквартальный ход исполнения плана

## Общие части

plan-quarter = { $quarter } квартал { $year } г.
plan-status = { $status ->
    [in_progress] исполняется
    [done] исполнено
    [overdue] просрочено
   *[not_started] не начато
}
plan-meeting-line = 🗓 Встреча № { $id } · аким ({ $host }) · { $date }
plan-item-state = { $icon } { $status }, { $percent }%
plan-item-problem = <b>{ $position }. { $text }</b>
plan-item-measure = 🛠 Мера: { $text }
plan-item-executor = 👤 Ответственный: { $text }
plan-item-due = 📅 Срок: { $date }
plan-item-questions = 🔗 Вопросы граждан: { $numbers }
plan-items-range = <b>Пункты { $first }–{ $last } из { $total }</b>
plan-page = Страница { $page } из { $pages }
plan-prev-button = ‹ Назад
plan-next-button = Далее ›
plan-more = …и ещё { $count }

## План глазами граждан

plan-title = 📋 <b>План действий: встреча № { $id }</b>
plan-published-on = Опубликован { $date }
plan-summary =
    <b>Итоги встречи</b>
    { $text }
plan-summary-on-first-page = Итоги встречи — на первой странице.
plan-history-button = 📜 Ход исполнения по кварталам ({ $count })
plan-follow-button = 🔔 Следить за исполнением
plan-unfollow-button = 🔕 Не следить
plan-meeting-button = ⬅️ Встреча
plan-open-button = 📋 Открыть план
plan-not-published = План действий этой встречи ещё не опубликован.
plan-followed = 🔔 Вы будете получать каждый квартальный отчёт по этому плану.
plan-unfollowed = 🔕 Вы больше не будете получать отчёты по этому плану.
plan-history-title = 📜 <b>История исполнения: встреча № { $id }</b>
plan-history-empty = Квартальных отчётов ещё не было. Отчёт публикуется до 25 числа месяца, следующего за кварталом.
plan-history-line = <b>{ $quarter }</b>, опубликован { $date }: исполнено { $done } из { $total }
plan-history-report-button = 📈 { $quarter }
plan-history-all-button = 📜 Все отчёты
plan-back-to-plan-button = 📋 К плану
plan-report-title = 📈 <b>{ $quarter }: исполнение плана встречи № { $id }</b>
plan-report-published = Опубликован { $date }
plan-report-item =
    <b>{ $position }. { $text }</b>
    { $state }
plan-report-no-entry = нет данных
plan-report-not-found = Такого отчёта нет.
plan-list-empty = По населённым пунктам, за которыми вы следите, планы действий ещё не опубликованы. Они появляются здесь после встреч: /meetings
plan-list-title = 📋 <b>Планы действий</b> встреч, за которыми вы следите: { $count }
plan-list-line =
    { $number }. { $meeting }
    { $items ->
        [one] { $items } пункт
        [few] { $items } пункта
        [many] { $items } пунктов
       *[other] { $items } пункта
    }, опубликован { $date }
plan-list-open-button = { $number }

## Уведомления

plan-notice-published = 📋 <b>Аким ({ $host }) опубликовал итоги встречи { $date } и план действий</b> ({ $items ->
        [one] { $items } пункт
        [few] { $items } пункта
        [many] { $items } пунктов
       *[other] { $items } пункта
    }).
plan-notice-your-item = 📌 { $own ->
        [yes] Ваш вопрос
       *[no] Вопрос, который вы поддержали,
    } { $number } — пункт { $position } плана, срок: { $due }.
plan-notice-progress = 📈 <b>{ $quarter }: ход исполнения плана действий</b> по итогам встречи акима ({ $host }) { $date }.
plan-notice-progress-counts = Из { $total } { $total ->
        [one] пункта
       *[other] пунктов
    }: исполнено { $done }, исполняется { $progress }, просрочено { $overdue }.
plan-notice-your-progress = 📌 { $own ->
        [yes] Ваш вопрос
       *[no] Вопрос, который вы поддержали,
    } { $number } (пункт { $position }): { $state }.

## Сотрудники: план

plan-official-title = 📝 <b>Итоги и план действий: встреча № { $id }</b> { $published ->
        [yes] (опубликован)
       *[no] (черновик)
    }
plan-due-none = 📅 Выбранный профиль регламента не устанавливает срок плана действий.
plan-due-ahead = 📅 Последний день публикации: <b>{ $due }</b> (осталось { $days ->
        [one] { $days } день
        [few] { $days } дня
        [many] { $days } дней
       *[other] { $days } дня
    }). { $act }, пункт { $clause }: в течение 10 календарных дней после окончания встреч и приёмов.
plan-due-overdue = ⚠️ <b>Просрочено на { $days ->
        [one] { $days } день
        [few] { $days } дня
        [many] { $days } дней
       *[other] { $days } дня
    }</b>: последний день публикации был { $due } ({ $act }, пункт { $clause }). Опубликуйте как можно скорее; просрочка фиксируется.
plan-published-on-time = ✅ Опубликован { $date }, в срок (последний день — { $due }).
plan-published-late = ✅ Опубликован { $date }, ⚠️ с опозданием на { $days ->
        [one] { $days } день
        [few] { $days } дня
        [many] { $days } дней
       *[other] { $days } дня
    } (последний день — { $due }).
plan-summary-missing = ✏️ Итоги встречи ещё не написаны.
plan-items-count = Пунктов: { $count } (не более { $max })
plan-read-only = 👁 Вы можете читать этот план; изменяет его только акимат, проводивший встречу.
plan-summary-button = ✏️ Итоги встречи
plan-add-button = ➕ Добавить пункт
plan-template-button = 📄 Шаблон XLSX
plan-upload-button = 📤 Загрузить XLSX
plan-remove-button = 🗑 Удалить пункт
plan-publish-button = 📣 Опубликовать
plan-progress-button = 📈 Ход исполнения
plan-public-view-button = 👁 Как видят граждане
plan-list-button = ⬅️ Встречи без плана
plan-awaiting-empty = Встреч вашего акимата, ожидающих итогов и плана действий, нет. Открыть план по номеру встречи: <code>/plan 12</code>. Ход исполнения: /progress
plan-awaiting-title = 📝 <b>Встречи, ожидающие итогов и плана действий</b>: { $count }
plan-awaiting-line =
    { $meeting }
    Последний день: { $due }{ $overdue ->
        [0] {""}
       *[other] , ⚠️ просрочено на { $overdue } дн.
    } · пунктов в черновике: { $items }
plan-awaiting-button = №{ $id }
plan-usage = Укажите номер встречи: <code>/plan 12</code>, или просто /plan для списка.

plan-ask-summary =
    <b>Итоги встречи</b>
    Напишите итоги одним сообщением ({ $min }–{ $max } символов): что обсуждалось, сколько человек участвовало, какие основные проблемы подняты.
    Прервать: /cancel
plan-summary-saved = ✅ Итоги встречи сохранены.
plan-ask-problem =
    <b>Пункт { $position }, шаг 1 из 5: проблема</b>
    Опишите проблему, поднятую жителями (до { $max } символов).
    Прервать: /cancel
plan-ask-measure =
    <b>Шаг 2 из 5: мера</b>
    Что будет сделано для её решения (до { $max } символов)?
plan-ask-executor =
    <b>Шаг 3 из 5: ответственный исполнитель</b>
    Кто отвечает: орган или должностное лицо (до { $max } символов)?
plan-ask-deadline =
    <b>Шаг 4 из 5: срок</b>
    К какому сроку будет сделано? Напишите дату так: <code>30.06.2027</code>; не раньше дня встречи ({ $date }).
plan-bad-date = «{ $value }» — не дата. Напишите так: <code>30.06.2027</code> или <code>2027-06-30</code>.
plan-ask-questions =
    <b>Шаг 5 из 5: вопросы жителей, на которые отвечает пункт</b>
    Отметьте принятые вопросы ниже ({ $accepted }) или пришлите их номера, например <code>Q-2026-000123, P-2026-000045</code> (не более { $max }). Их авторам и поддержавшим сообщат, какой пункт плана им отвечает.
    Связаны: { $chosen }
    Когда закончите (или если таких нет), нажмите «Готово».
plan-link-choice = { $chosen ->
        [yes] ✅
       *[no] ▫️
    } { $number } · 👍{ $supports } · { $text }
plan-link-done-button = ✅ Готово ({ $count })
plan-item-saved = ✅ Пункт { $position } сохранён (срок { $due }).
plan-add-next-button = ➕ Добавить следующий пункт
plan-review-button = 👁 Проверить и опубликовать
plan-ask-remove = Пришлите номер пункта, который нужно удалить (1–{ $count }). Следующие пункты сдвинутся вверх.
plan-bad-position = Пришлите номер пункта, например <code>2</code>.
plan-item-removed = 🗑 Пункт { $position } удалён.
plan-template-caption = 📄 Шаблон плана действий. Одна строка — один пункт (не более { $max }): проблема, мера, ответственный исполнитель, срок (дата или текст вида 30.06.2027), номера вопросов (см. второй лист). Строку заголовков не меняйте, не объединяйте ячейки и не используйте формулы. Пришлите файл сюда (до { $megabytes } МБ): он заменит пункты черновика.
plan-ask-upload = 📤 Пришлите заполненный шаблон файлом .xlsx (до { $megabytes } МБ, не более { $max } пунктов). Он заменит пункты черновика; если в нём есть ошибки, ничего не сохранится, а вы получите их список.
plan-file-accepted = ✅ Из файла загружено пунктов: { $count }.
plan-file-download-failed = Не удалось скачать файл из Telegram. Пришлите его ещё раз.
plan-file-rejected = ❌ <b>Файл не принят, ничего не сохранено.</b>
plan-file-more = …и ещё { $count }.
plan-file-columns-hint = Столбцы, начиная с A: { $columns }.

plan-file-too-big = файл больше { $megabytes } МБ
plan-file-not-xlsx = это не книга .xlsx: сохраните её в Excel как «Книга Excel (.xlsx)» и пришлите снова
plan-file-unpacked-too-big = в книге намного больше данных, чем бывает в плане: оставьте только лист плана
plan-file-header-missing = строка { $row }, { $column }: нет заголовка «{ $expected }»
plan-file-header-wrong = строка { $row }, { $column }: заголовок «{ $value }», ожидался «{ $expected }»
plan-file-extra-column = строка { $row }, { $column }: «{ $value }» вне таблицы (только столбцы A–E)
plan-file-no-items = в файле нет пунктов: заполните строки под заголовком
plan-file-too-many-rows = строк: { $count }, а в плане не более { $limit } пунктов
plan-file-empty-row = строка { $row } пустая: удалите пустые строки между пунктами
plan-file-merged = строка { $row }, { $column }: ячейки { $value } объединены; разъедините их
plan-file-formula = строка { $row }, { $column }: формула («{ $value }»); впишите само значение
plan-file-error-value = строка { $row }, { $column }: значение ошибки «{ $value }»
plan-file-required = строка { $row }, { $column }: пусто, а этот столбец обязателен
plan-file-too-short = строка { $row }, { $column }: слишком коротко (не менее { $limit } символов)
plan-file-too-long = строка { $row }, { $column }: символов { $count }, а можно не более { $limit }
plan-file-not-a-date = строка { $row }, { $column }: «{ $value }» — не дата (пишите 30.06.2027)
plan-file-before-meeting = строка { $row }, { $column }: { $value } — раньше дня встречи
plan-file-too-far = строка { $row }, { $column }: { $value } — больше чем через { $limit } лет после встречи
plan-file-bad-number = строка { $row }, { $column }: «{ $value }» — не номер вопроса (вида Q-2026-000123)
plan-file-unknown-question = строка { $row }, { $column }: { $value } — не вопрос этой встречи
plan-file-too-many-questions = строка { $row }, { $column }: вопросов { $count }, а можно не более { $limit }

plan-confirm =
    📣 <b>Опубликовать итоги и план действий встречи № { $id }?</b>
    Пунктов: { $items }, связанных вопросов: { $linked }. Об этом узнают подписчики встречи, авторы и поддержавшие связанные вопросы, а встреча будет закрыта. Опубликованный план изменить нельзя.
plan-confirm-button = ✅ Опубликовать
plan-not-yet-button = ✖️ Пока нет
plan-published = ✅ <b>Итоги и план действий встречи № { $id } опубликованы.</b> Встреча закрыта. Уведомлений отправляется: { $count }.
plan-already-published = План встречи № { $id } уже был опубликован.
plan-stale-step = Эта кнопка относится к завершённому шагу.
plan-flow-lost = Набранное потерялось. Откройте план снова: /plan
plan-flow-cancelled = Остановлено. Черновик плана сохранён.
plan-expect-text = На этом шаге нужен текст. Прервать: /cancel
plan-expect-file = Пришлите файл .xlsx (до { $megabytes } МБ) или нажмите «Отмена».

plan-error-meeting-not-found = Такой встречи нет.
plan-error-meeting-not-over = Встреча ещё не прошла: итоги и план пишутся после неё.
plan-error-meeting-cancelled = Встреча отменена: плана действий у неё нет.
plan-error-plan-not-found = У этой встречи ещё нет плана действий.
plan-error-already-published = План уже опубликован и больше не изменяется.
plan-error-no-summary = Сначала напишите итоги встречи.
plan-error-no-items = В плане ещё нет пунктов.
plan-error-too-many-items = В плане не более { $limit } пунктов.
plan-error-item-not-found = Пункта с таким номером нет.
plan-error-too-short = Слишком коротко: символов { $length }, нужно не менее { $limit }.
plan-error-too-long = Слишком длинно: символов { $length }, можно не более { $limit }. Сократите и пришлите снова.
plan-error-deadline-before-meeting = Срок не может быть раньше дня встречи ({ $value }).
plan-error-deadline-too-far = Срок позже чем через { $limit } лет после встречи: проверьте год.
plan-error-bad-question-number = «{ $value }» — не номер вопроса. Номера выглядят так: Q-2026-000123.
plan-error-unknown-question = { $value } — не вопрос этой встречи.
plan-error-too-many-questions = Пункт может отвечать не более чем на { $limit } вопросов.
plan-error-report-not-found = Такого отчёта нет.
plan-error-report-published = Отчёт за этот квартал уже опубликован.
plan-error-report-incomplete = Заполнены ещё не все пункты: осталось { $length }.
plan-error-quarter-not-open = По этому кварталу отчитаться сейчас нельзя: он ещё не закончился или он раньше публикации плана.
plan-error-bad-percent = Процент — от 0 до 99 (100% означает «исполнено»).

## Сотрудники: ежеквартальный ход исполнения

progress-title =
    📈 <b>Ход исполнения: встреча № { $id }</b>
    Квартал: <b>{ $quarter }</b> ({ $first } – { $last })
progress-due = 📅 Последний день публикации: <b>{ $due }</b>. { $act }, пункт { $clause }: до 25 числа месяца, следующего за кварталом.
progress-due-overdue = ⚠️ <b>Просрочено на { $days ->
        [one] { $days } день
        [few] { $days } дня
        [many] { $days } дней
       *[other] { $days } дня
    }</b>: последний день был { $due } ({ $act }, пункт { $clause }).
progress-due-none = 📅 Выбранный профиль регламента не устанавливает срок квартальных отчётов.
progress-filled = Заполнено: <b>{ $filled } из { $total }</b>
progress-item-line =
    <b>{ $position }.</b> { $text }
    { $state }
progress-item-empty = ⬜ ещё не заполнено
progress-already-published = ✅ Этот отчёт опубликован.
progress-ready = Все пункты заполнены: отчёт можно опубликовать.
progress-next-item-button = ✏️ Заполнить пункт { $position }
progress-item-button = { $filled ->
        [yes] ✅
       *[no] ⬜
    } { $position }
progress-publish-button = 📣 Опубликовать отчёт
progress-quarters-button = 🗓 Другой квартал
progress-plan-button = 📋 План
progress-history-button = 📜 Опубликованные отчёты
progress-nothing-due = ✅ <b>Встреча № { $id }: все квартальные отчёты, срок которых наступил, опубликованы.</b>
progress-next-quarter = Следующий отчёт — за { $quarter }: с { $opens } по { $due }.
progress-no-plan = У встречи № { $id } ещё нет опубликованного плана действий: сначала опубликуйте его через /plan.
progress-list-empty = У вашего акимата пока нет опубликованных планов действий. Планы публикуются через /plan.
progress-list-title = 📈 <b>Ход исполнения</b>: планов { $count }
progress-list-line =
    { $meeting }
    { $pending ->
        [yes] ⏳ Отчёт за { $quarter } — до { $due }
       *[no] ✅ Всё сдано; следующий: { $quarter }
    }
progress-usage = Укажите номер встречи: <code>/progress 12</code>, или просто /progress для списка.
progress-quarter-button = { $quarter } (до { $due })
progress-choose-quarter = За какой квартал вы отчитываетесь по плану встречи № { $id }?
progress-status-button = { $status ->
        [in_progress] 🔄 Исполняется
        [done] ✅ Исполнено
        [overdue] ⚠️ Просрочено
       *[not_started] ⏳ Не начато
    }
progress-same-button = ↩️ Как раньше: { $status }, { $percent }%
progress-percent-button = { $percent }%
progress-no-comment-button = ⏭ Без комментария
progress-keep-comment-button = ↩️ Оставить прежний комментарий
progress-item-title = ✏️ <b>Пункт { $position }: { $quarter }</b>
progress-item-entered = Внесено: { $state }
progress-ask-status = Каково состояние этого пункта сейчас?
progress-ask-percent = { $status }: на сколько процентов исполнено? Нажмите кнопку или напишите число от 0 до 99.
progress-bad-percent = Напишите целое число от 0 до 99 (для 100% выберите состояние «Исполнено»).
progress-ask-comment = Комментарий для жителей: что сделано, что задерживается и почему (до { $max } символов). Или нажмите кнопку.
progress-last-comment = В прошлый раз: <i>{ $text }</i>
progress-item-saved = ✅ Пункт { $position } заполнен.
progress-entry-cancelled = Пункт не изменён.
progress-confirm = Опубликовать отчёт за { $quarter } по плану встречи № { $id } (пунктов: { $total })? Об этом узнают следящие за планом, авторы и поддержавшие связанные вопросы. Опубликованный отчёт изменить нельзя.
progress-confirm-button = ✅ Опубликовать
progress-published = ✅ <b>Отчёт за { $quarter } по плану встречи № { $id } опубликован.</b> Уведомлений отправляется: { $count }.
progress-published-late = ⚠️ Опубликован с опозданием на { $days ->
        [one] { $days } день
        [few] { $days } дня
        [many] { $days } дней
       *[other] { $days } дня
    }; это зафиксировано.
progress-already-done = Отчёт за { $quarter } по встрече № { $id } уже был опубликован.

## Шаблон XLSX

plan-xlsx-sheet-plan = План
plan-xlsx-sheet-reference = Вопросы
plan-xlsx-col-problem = Проблема
plan-xlsx-col-measure = Мера
plan-xlsx-col-executor = Ответственный исполнитель
plan-xlsx-col-deadline = Срок (дд.мм.гггг)
plan-xlsx-col-questions = Номера вопросов
plan-xlsx-ref-number = Номер
plan-xlsx-ref-kind = Вид
plan-xlsx-ref-status = Состояние
plan-xlsx-ref-supports = Поддержали
plan-xlsx-ref-text = Текст
plan-xlsx-kind = { $kind ->
        [proposal] Предложение
       *[question] Вопрос
    }
plan-xlsx-status = { $status ->
        [accepted] принят
        [answered] дан ответ
        [rejected] отклонён
        [merged] объединён
       *[new] новый
    }
