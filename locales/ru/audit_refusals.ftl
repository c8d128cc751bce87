## /audit: действия координаторов, отказы и их причины (services/audit.py).

audit-action-calendar-view = Просмотр годового календаря
audit-action-calendar-entry-add = Добавление встречи в календарь
audit-action-calendar-entry-remove = Удаление встречи из календаря
audit-action-calendar-upload = Загрузка календаря из файла
audit-action-calendar-agree = Запись согласования с маслихатом
audit-action-calendar-agreed = Календарь согласован с маслихатом
audit-action-calendar-to_draft = Черновик встречи из календаря
audit-action-calendar-button = Нажатие кнопки календаря
audit-action-coverage-view = Просмотр охвата населённых пунктов
audit-action-feedback-enter = Запись вопросов и предложений, поступивших вне бота
audit-action-coordinator-invite = Приглашение координатора
audit-action-coordinator-accept = Назначение координатором
audit-action-coordinator-revoke = Отзыв приглашения координатора
audit-action-coordinator-remove = Исключение координатора
audit-action-coordinators-list = Просмотр списка координаторов
audit-action-coordinators-button = Нажатие кнопки координаторов
audit-action-demand-read = Просмотр запроса на встречу
audit-action-demand-answer = Ответ на запрос о встрече
audit-action-demand-scheduled = Встреча назначена по запросу
audit-action-demand-declined = Запрос на встречу отклонён
audit-action-official-forget = Сотрудник удалил свои данные
audit-action-staff-command = Ввод служебной команды
audit-action-staff-button = Нажатие служебной кнопки
audit-action-admin-button = Нажатие кнопки администратора
audit-action-pool-button = Нажатие кнопки пула вопросов
audit-action-lifecycle-button = Нажатие кнопки встречи
audit-action-newmeeting-button = Нажатие кнопки создания встречи
audit-action-deadlines-button = Нажатие кнопки сроков
audit-action-outbox-button = Нажатие кнопки доставки уведомлений

audit-target-territory = территория { $id }
audit-target-demand = запрос № { $id }
audit-target-outside = запись № { $id }

audit-detail-entries = записей: { $count }
audit-detail-agreed = согласовано { $date }, решение № { $number }

audit-reason-already-official = уже сотрудник акимата
audit-reason-admin = администратор
audit-reason-used = ссылка уже использована
audit-reason-used-by-you = ссылка уже использована этим человеком
audit-reason-expired = срок ссылки истёк
audit-reason-revoked = ссылка отозвана
audit-reason-unknown = неизвестная или поддельная ссылка
audit-reason-not-staff = не сотрудник акимата
