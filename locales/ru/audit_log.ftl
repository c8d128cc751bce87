## /audit: each act, what it concerned and its particulars (services/audit.py).

audit-action-meeting-create = Создание встречи
audit-action-meeting-read = Просмотр встречи
audit-action-meeting-announce = Объявление встречи
audit-action-meeting-schedule = Планирование объявления
audit-action-meeting-move = Перенос встречи
audit-action-meeting-cancel = Отмена встречи
audit-action-meeting-reception = Запись дня приёма
audit-action-meeting-hold = Отметка о проведении встречи
audit-action-meeting-close = Закрытие встречи
audit-action-pool-view = Просмотр пула вопросов встречи
audit-action-pool-export = Выгрузка вопросов в файл
audit-action-pool-accept = Принятие вопроса
audit-action-pool-answer = Ответ на вопрос
audit-action-pool-reject = Отклонение вопроса
audit-action-pool-merge = Объединение повторного вопроса
audit-action-plan-read = Просмотр плана действий
audit-action-plan-publish = Публикация итогов и плана действий
audit-action-plan-progress = Публикация хода исполнения плана
audit-action-invite-create = Создание ссылки-приглашения
audit-action-invite-accept = Принятие приглашения
audit-action-invite-revoke = Отзыв приглашения
audit-action-official-remove = Исключение сотрудника из акимата
audit-action-officials-list = Просмотр списка акиматов
audit-action-officials-read = Просмотр сотрудников акимата
audit-action-officials-summary = Просмотр сводных показателей
audit-action-officials-button = Нажатие служебной кнопки
audit-action-audit-read = Просмотр журнала действий
audit-action-outbox-view = Просмотр доставки уведомлений
audit-action-outbox-requeue = Повторная отправка уведомлений
audit-action-deadlines-view = Просмотр обязанностей и сроков
audit-action-deadlines-mark = Отметка об исполнении обязанности
audit-action-calendar-approved = Календарь встреч утверждён
audit-action-calendar-submitted = Календарь встреч представлен

audit-target-meeting = встреча № { $id }
audit-target-question = вопрос № { $id }
audit-target-user = пользователь id { $id }
audit-target-akimat = акимат № { $id }
audit-target-kato = код КАТО { $id }
audit-target-locality = код КАТО { $id }
audit-target-invite = приглашение { $id }…
audit-target-approve = утверждение календаря на { $id } год
audit-target-submit = представление календаря на { $id } год

audit-detail-moved = с { $old } на { $new }
audit-detail-announce-at = объявление назначено на { $when }
audit-detail-unscheduled = запланированное объявление отменено
audit-detail-days-late = опоздание на { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
    }
audit-detail-due = крайний срок: { $date }
audit-detail-held-on = день приёма: { $date }
audit-detail-quarter = { $quarter }
audit-detail-items = пунктов в плане: { $count }
audit-detail-rows = уведомлений отправлено повторно: { $count }
audit-detail-into-question = объединён с вопросом № { $id }
audit-detail-text = «{ $text }»
