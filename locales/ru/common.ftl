error-internal = Извините, у нас что-то пошло не так. Попробуйте ещё раз через минуту.
error-stale-button = Эта кнопка устарела. Откройте меню заново: /help
fallback-unknown-command = Я не знаю такой команды. Вот что я умею: /help
fallback-text = Я не понял. Чтобы задать вопрос акиму, откройте /meetings и нажмите «Задать вопрос». Все команды: /help
fallback-unsupported = Я понимаю текстовые сообщения и кнопки. Все команды: /help
cancel-button = ✖️ Отмена
back-button = ⬅️ Назад
cancelled = Отменено. Ничего не изменилось.
# Each language by its own name: the same in every locale, so anyone finds theirs.
language-name-kk = Қазақша
language-name-ru = Русский
language-name-en = English
access-denied = У вас нет прав на это действие: оно относится к другому акимату. Попытка записана.
