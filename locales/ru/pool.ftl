## Пул вопросов встречи: что видят и делают сотрудники акимата и что сообщается гражданам.

cmd-pool = Пул вопросов встречи
pool-button = 🗳 Пул вопросов

## /pool

pool-usage =
    <b>🗳 Пул вопросов</b>
    Отправьте <code>/pool &lt;номер встречи&gt;</code>, например <code>/pool 12</code>, или выберите встречу ниже.
pool-usage-none =
    <b>🗳 Пул вопросов</b>
    Отправьте <code>/pool &lt;номер встречи&gt;</code>, например <code>/pool 12</code>. У вашего акимата пока нет объявленных встреч.
pool-meeting-button = №{ $id } · { $when } · { $host }{ $open ->
    [0] {""}
   *[other] { " " }· 🆕 { $open }
}
pool-title =
    <b>🗳 Пул вопросов · встреча №{ $id }</b>
    { $meeting }
pool-collection-open = ⏳ Вопросы принимаются до { $cutoff }.
pool-collection-closed = 🔒 Приём вопросов закрыт { $cutoff }: новые вопросы не принимаются.
pool-counts = 🆕 { $new } · 📥 { $accepted } · ✅ { $answered } · ✖️ { $rejected } · 🔗 { $merged }
pool-read-only = 👁 Вы можете просматривать этот пул; действовать могут только сотрудники акимата, проводящего встречу.
pool-filter-line = Показаны: { $status ->
    [new] новые
    [accepted] включённые в перечень
    [answered] с ответом
    [rejected] отклонённые
    [merged] объединённые
   *[all] все статусы
    }, { $kind ->
    [question] вопросы
    [proposal] предложения
   *[all] вопросы и предложения
    }; сначала самые поддержанные.
pool-item =
    <b>{ $index }.</b> { $number } · { $kind } · { $status } · 👍 { $count }
    { $text }
pool-empty = По этой встрече пока ничего не прислали.
pool-empty-filter = Под этот фильтр ничего не подходит.
pool-page = Страница { $page } из { $pages }
pool-open-hint = Нажмите номер, чтобы открыть вопрос.
pool-open-button = { $index }
pool-filter-status = { $current ->
    [yes] ▪️{ " " }
   *[no] {""}
}{ $status ->
    [new] 🆕 Новые
    [accepted] 📥 В перечне
    [answered] ✅ С ответом
    [rejected] ✖️ Отклонённые
    [merged] 🔗 Объединённые
   *[all] Все
} ({ $count })
pool-filter-kind = { $current ->
    [yes] ▪️{ " " }
   *[no] {""}
}{ $kind ->
    [question] ❓ Вопросы
    [proposal] 💡 Предложения
   *[all] Всё
}
pool-export-button = 📊 Выгрузить в Excel
pool-status-icon = { $status ->
    [accepted] 📥
    [answered] ✅
    [rejected] ✖️
    [merged] 🔗
   *[new] 🆕
}
pool-kind-icon = { $kind ->
    [proposal] 💡
   *[question] ❓
}

## Один вопрос

pool-card =
    <b>{ $number }</b> · { $kind }
    { $status }
    { $supports } · 🕒 { $created }{ $photo ->
        [yes] { " " }· 📷 с фото
       *[no] {""}
    }
    { $meeting }

    <i>{ $text }</i>
pool-card-answer = <b>✅ Ответ</b> ({ $when }):
    { $resolution }
pool-card-reason = <b>✖️ Причина отклонения</b> ({ $when }):
    { $resolution }
pool-card-merged = <b>🔗 Объединён с</b> { $number } ({ $when }).
pool-card-accepted = 📥 Включён в перечень проблемных вопросов { $when }.
pool-accept-button = 📥 Включить в перечень
pool-answer-button = ✅ Ответить
pool-reject-button = ✖️ Отклонить
pool-merge-button = 🔗 Объединить как дубль
pool-photo-button = 📷 Фото
pool-back-button = ⬅️ К пулу вопросов
pool-back-to-question-button = ⬅️ К вопросу

## Действия (всплывающие ответы короткие)

pool-accepted = 📥 Включено в перечень проблемных вопросов. Уведомлено: { $notified }.
pool-answer-prompt =
    <b>✅ Ответ на { $number }</b>
    Напишите ответ одним сообщением: { $min }–{ $max } символов. Он уйдёт автору и всем, кто поддержал вопрос. Чтобы прервать: /cancel
pool-reject-prompt =
    <b>✖️ Отклонение { $number }</b>
    Напишите причину одним сообщением: { $min }–{ $max } символов. Она уйдёт автору. Чтобы прервать: /cancel
pool-preview-answer =
    <b>Проверьте ответ на { $number }</b>

    { $text }

    Его получат автор и { $supporters ->
        [0] больше никто (поддержавших пока нет)
        [one] { $supporters } поддержавший
        [few] { $supporters } поддержавших
       *[other] { $supporters } поддержавших
    }. Отправить? Чтобы изменить, просто пришлите новый текст.
pool-preview-reject =
    <b>Проверьте причину отклонения { $number }</b>

    { $text }

    Её получит автор. Отправить? Чтобы изменить, просто пришлите новый текст.
pool-send-button = 📨 Отправить
pool-answered = ✅ Ответ на { $number } сохранён и отправляется. Уведомлено: { $notified }.
pool-rejected = ✖️ { $number } отклонён, причина отправляется автору. Уведомлено: { $notified }.
pool-too-short = Слишком коротко: { $length ->
    [one] { $length } символ
    [few] { $length } символа
   *[other] { $length } символов
    }; нужно { $min }–{ $max } символов.
pool-too-long = Слишком длинно: { $length } символов при пределе { $max }. Сократите на { $over } и пришлите снова.
pool-expect-text = Жду текст сообщением. Чтобы прервать: /cancel
pool-draft-lost = Этот черновик уже отправлен или отменён.
pool-cancelled = Отменено. Ничего не отправлено.

## Объединение

pool-merge-pick =
    <b>🔗 { $number } повторяет какой вопрос?</b>
    <i>{ $text }</i>

    Выберите вопрос, дублем которого он является (сначала самые поддержанные):
pool-merge-candidate =
    <b>{ $index }.</b> { $number } · { $kind } · { $status } · 👍 { $count }
    { $text }
pool-merge-none = В пуле этой встречи нет другого вопроса, с которым его можно объединить.
pool-merge-confirm =
    <b>Объединить { $number } (👍 { $count }) с { $target } (👍 { $target_count })?</b>
    <i>{ $target_text }</i>

    Поддержки перейдут к { $target } (поддержавший оба учитывается один раз), автор { $number } станет его сторонником, оба автора получат уведомление. Отменить будет нельзя.
pool-merge-confirm-button = 🔗 Объединить
pool-merged = 🔗 { $number } объединён с { $target }; у него теперь { $count ->
    [one] { $count } поддержавший
    [few] { $count } поддержавших
   *[other] { $count } поддержавших
    }. Уведомлено: { $notified }.

## Что пошло не так (всплывающие, коротко)

pool-meeting-not-found = Встреча №{ $id } не найдена.
pool-question-not-found = Этот вопрос не найден.
pool-already-done = Этот вопрос уже { $status ->
    [answered] получил ответ
    [rejected] отклонён
    [merged] объединён с другим
   *[other] рассмотрен
    }: ничего не изменено.
pool-already-accepted = Этот вопрос уже в перечне проблемных вопросов.
pool-bad-target = С этим вопросом объединить нельзя: выберите другой из списка.
pool-no-photo = У этого вопроса нет фото.

## Выгрузка

pool-export-preparing = 📊 Готовлю файл…
pool-export-caption = 📊 Встреча №{ $id }: { $count ->
    [one] { $count } вопрос или предложение
    [few] { $count } вопроса и предложения
   *[other] { $count } вопросов и предложений
    } на { $when }.
pool-xlsx-sheet = Вопросы
pool-xlsx-number = Номер
pool-xlsx-kind = Вид
pool-xlsx-status = Статус
pool-xlsx-text = Текст
pool-xlsx-supports = Поддержали
pool-xlsx-created = Отправлен (местное время)
pool-xlsx-resolution = Ответ или причина
pool-xlsx-merged-into = Объединён с
pool-xlsx-kind-name = { $kind ->
    [proposal] предложение
   *[question] вопрос
}
pool-xlsx-status-name = { $status ->
    [accepted] в перечне
    [answered] дан ответ
    [rejected] отклонён
    [merged] объединён
   *[new] новый
}

## Что сообщается гражданам (уведомления)

pool-notice-accepted =
    📥 <b>{ $kind ->
        [proposal] Ваше предложение { $number } включено
       *[question] Ваш вопрос { $number } включён
    } в перечень проблемных вопросов</b>
    { $meeting }

    <i>{ $text }</i>

    Акимат займётся им; о результате вам сообщат. Все ваши вопросы: /myquestions
pool-notice-accepted-supporter =
    📥 <b>{ $kind ->
        [proposal] Поддержанное вами предложение { $number } включено
       *[question] Поддержанный вами вопрос { $number } включён
    } в перечень проблемных вопросов</b>
    { $meeting }

    <i>{ $text }</i>
pool-notice-answered =
    ✅ <b>Акимат ответил на { $kind ->
        [proposal] ваше предложение
       *[question] ваш вопрос
    } { $number }</b>
    { $meeting }

    <i>{ $text }</i>

    <b>Ответ:</b>
    { $resolution }
pool-notice-answered-supporter =
    ✅ <b>Акимат ответил на { $kind ->
        [proposal] поддержанное вами предложение
       *[question] поддержанный вами вопрос
    } { $number }</b>
    { $meeting }

    <i>{ $text }</i>

    <b>Ответ:</b>
    { $resolution }
pool-notice-rejected =
    ✖️ <b>{ $kind ->
        [proposal] Ваше предложение { $number } не принято
       *[question] Ваш вопрос { $number } не принят
    }</b>
    { $meeting }

    <i>{ $text }</i>

    <b>Причина:</b>
    { $resolution }
pool-notice-merged =
    🔗 <b>{ $kind ->
        [proposal] Ваше предложение { $number } объединено
       *[question] Ваш вопрос { $number } объединён
    } с похожим: { $other_number }</b>
    { $meeting }

    <i>{ $other_text }</i>

    Теперь ваш голос поддерживает { $other_number }, и вам сообщат о результате.{ $target_answer }
pool-notice-merged-supporter =
    🔗 <b>{ $kind ->
        [proposal] Поддержанное вами предложение { $number } объединено
       *[question] Поддержанный вами вопрос { $number } объединён
    } с похожим: { $other_number }</b>
    { $meeting }

    <i>{ $other_text }</i>

    Ваша поддержка перешла к { $other_number }.{ $target_answer }
pool-notice-merged-into-yours =
    🔗 <b>С вашим вопросом { $number } объединён похожий: { $other_number }</b>
    { $meeting }

    Его автор и сторонники теперь поддерживают ваш: всего { $supports ->
        [one] { $supports } поддержавший
        [few] { $supports } поддержавших
       *[other] { $supports } поддержавших
    }.
pool-notice-target-answer = <b>Ответ акимата на него:</b>
    { $resolution }

## /myquestions: что стало с вопросом

pool-mine-answer = <b>Ответ:</b> { $resolution }
pool-mine-reason = <b>Причина:</b> { $resolution }
pool-mine-merged = Объединён с { $number }.
