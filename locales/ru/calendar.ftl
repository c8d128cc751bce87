calendar-title = 🗓 <b>Календарь встреч на { $year } год</b> · { $akimat }
calendar-status-draft = Статус: проект (ещё не согласован с маслихатом).
calendar-status-agreed = Статус: согласован с маслихатом ({ $date }, № { $number }).
calendar-status-approved = Статус: утверждён { $approved } (согласование с маслихатом: { $date }, № { $number }).
calendar-status-submitted = Статус: утверждён { $approved }, представлен в Правительство { $submitted } (согласование с маслихатом: { $date }, № { $number }).
calendar-deadlines = Утвердить до { $approve }; представить в Правительство до { $submit } ({ act-001 }, пп. 2.1–2.2).
calendar-deadline-submit = Представить до { $submit }.
calendar-empty = В календаре пока нет встреч. Нажмите «➕ Добавить» или скачайте шаблон XLSX.
calendar-entry = { $number }. { $icon } { $when } — { $venue } ({ $kind }){ $draft }
calendar-entry-draft = , черновик № { $id }
calendar-kind-reporting = отчётная
calendar-kind-visiting = выездная
calendar-month = { $month ->
    [1] январь
    [2] февраль
    [3] март
    [4] апрель
    [5] май
    [6] июнь
    [7] июль
    [8] август
    [9] сентябрь
    [10] октябрь
    [11] ноябрь
   *[12] декабрь
}
calendar-corrections = <b>Корректировки:</b>
calendar-correction-agreed = № { $number }, согласована { $date }, № { $decision }: { $changes }
calendar-correction-open = № { $number }, ждёт согласования с маслихатом: { $changes }
calendar-more-entries = …и ещё встреч: { $count } (полностью — в файле XLSX).
calendar-btn-add = ➕ Добавить
calendar-btn-template = ⬇️ Шаблон XLSX
calendar-btn-upload = ⬆️ Загрузить XLSX
calendar-btn-agree = 🤝 Согласование маслихата
calendar-btn-approve = ✅ Утверждён
calendar-btn-submit = 📤 Представлен в Правительство
calendar-btn-draft = 📝 { $number } → черновик
calendar-btn-remove = 🗑 { $number }
calendar-btn-mine = 👁 Мои населённые пункты
calendar-btn-cancel = ✖️ Отмена
calendar-btn-back = ⬅️ Календарь
calendar-ask-when = Напишите месяц (1–12) или дату (дд.мм.гггг) встречи в { $year } году.
calendar-ask-venue = Напишите место проведения (название населённого пункта вашей территории) или выберите ниже.
calendar-venue-none = По запросу «{ $query }» на вашей территории ничего не найдено. Попробуйте написать иначе.
calendar-venue-found = Выберите место проведения:
calendar-ask-kind = { $venue }: какая это встреча?
calendar-ask-agreement = Напишите дату и номер решения маслихата, например: 04.01.{ $year } 12/3
calendar-ask-upload = Пришлите заполненный файл XLSX (не больше { $max } строк). Если в файле есть ошибки, ничего не сохранится.
calendar-template-caption = Шаблон календаря на { $year } год. Столбец A — месяц (1–12) или дата, B — код КАТО населённого пункта (с листа «Населённые пункты»), C — вид (отчётная / выездная).
calendar-added = ✅ Добавлено в календарь.
calendar-removed = 🗑 Удалено из календаря.
calendar-agreed = 🤝 Согласование маслихата записано.
calendar-approved = ✅ Календарь отмечен как утверждённый.
calendar-submitted = 📤 Календарь отмечен как представленный в Правительство.
calendar-draft-made = 📝 Создан черновик встречи № { $id }: { $when }, { $venue }. Проверьте время и место и объявите: /mymeetings
calendar-draft-failed = Черновик не создан: проверьте данные встречи (/newmeeting).
calendar-file-accepted = ✅ Файл принят: в календаре встреч: { $count }.
calendar-file-rejected = ❌ Файл не принят, ничего не сохранено:
calendar-file-download-failed = Не удалось скачать файл. Попробуйте прислать его ещё раз.
calendar-file-more = …и ещё ошибок: { $count }.
calendar-text-expected = Напишите текст или нажмите «✖️ Отмена».
calendar-file-expected = Пришлите файл XLSX или нажмите «✖️ Отмена».
calendar-no-akimat = Чтобы открыть календарь, нужно быть сотрудником акимата или указать код КАТО: /calendar 623600000
calendar-unknown-akimat = Акимат с кодом «{ $code }» не найден.
calendar-row = строка { $row }, { $column }: { $problem }
calendar-file-too-big = файл слишком большой (не больше { $megabytes } МБ)
calendar-file-not-xlsx = это не файл XLSX
calendar-file-unpacked-too-big = распакованный файл слишком большой
calendar-file-header-wrong = заголовок «{ $value }» не тот (используйте шаблон, который прислал бот)
calendar-file-too-many-rows = слишком много строк (не больше { $max })
calendar-file-no-entries = в файле нет ни одной встречи
calendar-file-merged = объединённые ячейки ({ $value })
calendar-file-formula = «{ $value }» — формула, впишите значение
calendar-file-required = ячейка пуста
calendar-file-bad-when = «{ $value }» — не месяц (1–12) и не дата (дд.мм.гггг)
calendar-file-wrong-year = «{ $value }» не относится к { $year } году
calendar-file-bad-venue = «{ $value }» — не код КАТО населённого пункта вашей территории
calendar-file-bad-kind = «{ $value }» — вид должен быть «отчётная» или «выездная»
calendar-error-bad-year = Календарь ведётся только на прошлый, текущий или следующий год.
calendar-error-bad-month = Напишите месяц числом 1–12 или дату в виде дд.мм.гггг.
calendar-error-date-not-in-year = Эта дата не относится к году календаря.
calendar-error-unknown-venue = Такого населённого пункта нет.
calendar-error-venue-outside = Этот населённый пункт вне территории акимата.
calendar-error-too-many = В календаре слишком много встреч.
calendar-error-no-entry = Этой записи больше нет.
calendar-error-not-agreed = Сначала запишите согласование маслихата.
calendar-error-not-approved = Сначала утвердите календарь.
calendar-error-already = Этот шаг уже записан.
calendar-error-bad-number = Напишите номер решения (до 100 символов).
calendar-error-bad-date = Напишите дату решения в виде дд.мм.гггг (не в будущем).
calendar-error-nothing-to-agree = Нечего согласовывать: календарь не менялся.
calendar-error-has-draft = Из этой записи уже создан черновик (№ { $detail }).
calendar-error-passed = Время этой встречи прошло: создайте новую через /newmeeting.
calendar-error-no-akimat = Акимат не найден.
calendar-citizen-title = 🗓 <b>Запланированные приезды акимов в ваши населённые пункты</b>
calendar-citizen-entry = { $icon } { $when } — { $venue } · { $host } ({ $kind })
calendar-citizen-empty = В ваших населённых пунктах пока не запланировано встреч. Выберите населённые пункты: /subscriptions
calendar-citizen-hint = Когда будет объявлена точная дата, мы сообщим.
calendar-xlsx-col-when = Месяц или дата
calendar-xlsx-col-venue = Код КАТО
calendar-xlsx-col-kind = Вид
calendar-xlsx-col-name = Название
calendar-xlsx-sheet = Календарь { $year }
calendar-xlsx-sheet-units = Населённые пункты
cmd-calendar = Запланированные приезды акимов
