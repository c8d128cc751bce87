## Hostile or oversized input: the clear answers (issue 8, section 6).

meeting-start-too-far = Встречу можно назначить не больше чем на два года вперёд, не позже { $latest }. Укажите более раннюю дату и время.
admin-error-start-too-far = Встречу можно назначить не больше чем на два года вперёд. Укажите более раннюю дату и время.
lc-error-start-too-far = Встречу можно перенести не больше чем на два года вперёд, не позже { $bound }. Укажите более раннюю дату и время.

## A screen shortened to fit one message offers its full text.
screen-full-text-button = 📄 Полный текст
pool-full-answer = Ответ:
pool-full-reason = Причина отклонения:

## A staff command typed by someone who is not an official.
staff-command-not-staff =
    /{ $command } — команда для сотрудников акимата. Вам доступны:
    { $commands }
