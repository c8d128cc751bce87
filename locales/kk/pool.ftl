## Кездесудің сұрақтар пулы: әкімдік қызметкерлері не көреді, не істейді және азаматтарға не хабарланады.

cmd-pool = Кездесудің сұрақтар пулы
pool-button = 🗳 Сұрақтар пулы

## /pool

pool-usage =
    <b>🗳 Сұрақтар пулы</b>
    <code>/pool &lt;кездесу нөмірі&gt;</code> жіберіңіз, мысалы <code>/pool 12</code>, немесе төменнен кездесуді таңдаңыз.
pool-usage-none =
    <b>🗳 Сұрақтар пулы</b>
    <code>/pool &lt;кездесу нөмірі&gt;</code> жіберіңіз, мысалы <code>/pool 12</code>. Сіздің әкімдігіңізде әзірге жарияланған кездесу жоқ.
pool-meeting-button = №{ $id } · { $when } · { $host }{ $open ->
    [0] {""}
   *[other] { " " }· 🆕 { $open }
}
pool-title =
    <b>🗳 Сұрақтар пулы · №{ $id } кездесу</b>
    { $meeting }
pool-collection-open = ⏳ Сұрақтар { $cutoff } дейін қабылданады.
pool-collection-closed = 🔒 Сұрақтар қабылдау { $cutoff } жабылды: жаңа сұрақтар қабылданбайды.
pool-counts = 🆕 { $new } · 📥 { $accepted } · ✅ { $answered } · ✖️ { $rejected } · 🔗 { $merged }
pool-read-only = 👁 Сіз бұл пулды көре аласыз; онымен жұмыс істеуге тек кездесуді өткізетін әкімдіктің қызметкерлері құқылы.
pool-filter-line = Көрсетілгені: { $status ->
    [new] жаңалары
    [accepted] тізбеге енгізілгендері
    [answered] жауап берілгендері
    [rejected] қабылданбағандары
    [merged] біріктірілгендері
   *[all] барлық мәртебедегілер
    }, { $kind ->
    [question] сұрақтар
    [proposal] ұсыныстар
   *[all] сұрақтар мен ұсыныстар
    }; алдымен ең көп қолдау тапқандары.
pool-item =
    <b>{ $index }.</b> { $number } · { $kind } · { $status } · 👍 { $count }
    { $text }
pool-empty = Бұл кездесуге әзірге ештеңе жіберілмеген.
pool-empty-filter = Бұл сүзгіге сәйкес ештеңе жоқ.
pool-page = { $page }-бет, барлығы { $pages } бет
pool-open-hint = Сұрақты ашу үшін оның нөмірін басыңыз.
pool-open-button = { $index }
pool-filter-status = { $current ->
    [yes] ▪️{ " " }
   *[no] {""}
}{ $status ->
    [new] 🆕 Жаңа
    [accepted] 📥 Тізбеде
    [answered] ✅ Жауап берілген
    [rejected] ✖️ Қабылданбаған
    [merged] 🔗 Біріктірілген
   *[all] Барлығы
} ({ $count })
pool-filter-kind = { $current ->
    [yes] ▪️{ " " }
   *[no] {""}
}{ $kind ->
    [question] ❓ Сұрақтар
    [proposal] 💡 Ұсыныстар
   *[all] Бәрі
}
pool-export-button = 📊 Excel-ге түсіру
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

## Бір сұрақ

pool-card =
    <b>{ $number }</b> · { $kind }
    { $status }
    { $supports } · 🕒 { $created }{ $photo ->
        [yes] { " " }· 📷 фотосуреті бар
       *[no] {""}
    }
    { $meeting }

    <i>{ $text }</i>
pool-card-answer = <b>✅ Жауап</b> ({ $when }):
    { $resolution }
pool-card-reason = <b>✖️ Қабылданбау себебі</b> ({ $when }):
    { $resolution }
pool-card-merged = <b>🔗 Біріктірілді:</b> { $number } ({ $when }).
pool-card-accepted = 📥 { $when } проблемалық мәселелер тізбесіне енгізілді.
pool-accept-button = 📥 Тізбеге енгізу
pool-answer-button = ✅ Жауап беру
pool-reject-button = ✖️ Қабылдамау
pool-merge-button = 🔗 Қайталама ретінде біріктіру
pool-photo-button = 📷 Фотосурет
pool-back-button = ⬅️ Сұрақтар пулына
pool-back-to-question-button = ⬅️ Сұраққа оралу

## Әрекеттер (қалқымалы жауаптар қысқа)

pool-accepted = 📥 Проблемалық мәселелер тізбесіне енгізілді. Хабарланғандар: { $notified }.
pool-answer-prompt =
    <b>✅ { $number } бойынша жауап</b>
    Жауапты бір хабарламамен жазыңыз: { $min }–{ $max } таңба. Ол авторға және сұрақты қолдағандардың бәріне жіберіледі. Тоқтату үшін: /cancel
pool-reject-prompt =
    <b>✖️ { $number } қабылданбайды</b>
    Себебін бір хабарламамен жазыңыз: { $min }–{ $max } таңба. Ол авторға жіберіледі. Тоқтату үшін: /cancel
pool-preview-answer =
    <b>{ $number } бойынша жауапты тексеріңіз</b>

    { $text }

    { $supporters ->
        [0] Оны тек автор алады (әзірге қолдаушы жоқ).
       *[other] Оны автор және { $supporters } қолдаушы алады.
    } Жіберілсін бе? Өзгерту үшін жаңа мәтін жіберіңіз.
pool-preview-reject =
    <b>{ $number } қабылданбау себебін тексеріңіз</b>

    { $text }

    Оны автор алады. Жіберілсін бе? Өзгерту үшін жаңа мәтін жіберіңіз.
pool-send-button = 📨 Жіберу
pool-answered = ✅ { $number } бойынша жауап сақталды және жіберілуде. Хабарланғандар: { $notified }.
pool-rejected = ✖️ { $number } қабылданбады, себебі авторға жіберілуде. Хабарланғандар: { $notified }.
pool-too-short = Тым қысқа: { $length } таңба; { $min }–{ $max } таңба жазыңыз.
pool-too-long = Тым ұзын: { $length } таңба, шегі — { $max }. Мәтінді { $over } таңбаға қысқартып, қайта жіберіңіз.
pool-expect-text = Мәтінді хабарлама ретінде күтемін. Тоқтату үшін: /cancel
pool-draft-lost = Бұл мәтін әлдеқашан жіберілген немесе болдырылмаған.
pool-cancelled = Болдырылмады. Ештеңе жіберілген жоқ.

## Біріктіру

pool-merge-pick =
    <b>🔗 { $number } қай сұрақты қайталайды?</b>
    <i>{ $text }</i>

    Ол қайталайтын сұрақты таңдаңыз (алдымен ең көп қолдау тапқандары):
pool-merge-candidate =
    <b>{ $index }.</b> { $number } · { $kind } · { $status } · 👍 { $count }
    { $text }
pool-merge-none = Бұл кездесудің пулында онымен біріктіруге болатын басқа сұрақ жоқ.
pool-merge-confirm =
    <b>Біріктіру: { $number } (👍 { $count }) → { $target } (👍 { $target_count })?</b>
    <i>{ $target_text }</i>

    Қолдаулар { $target } нөміріне ауысады (екеуін де қолдаған адам бір рет саналады), { $number } авторы оның қолдаушысы болады, екі автор да хабар алады. Мұны кері қайтару мүмкін емес.
pool-merge-confirm-button = 🔗 Біріктіру
pool-merged = 🔗 { $number } нөмірі { $target } нөмірімен біріктірілді; енді оны { $count } адам қолдайды. Хабарланғандар: { $notified }.

## Не дұрыс болмады (қалқымалы, қысқа)

pool-meeting-not-found = №{ $id } кездесу табылмады.
pool-question-not-found = Бұл сұрақ табылмады.
pool-already-done = Бұл сұрақ бойынша шешім бұрын қабылданған: { $status ->
    [answered] жауап берілді
    [rejected] қабылданбады
    [merged] басқасымен біріктірілді
   *[other] қаралды
    }. Ештеңе өзгертілмеді.
pool-already-accepted = Бұл сұрақ проблемалық мәселелер тізбесінде бар.
pool-bad-target = Онымен біріктіруге болмайды: тізімнен басқа сұрақты таңдаңыз.
pool-no-photo = Бұл сұрақта фотосурет жоқ.

## Түсіру

pool-export-preparing = 📊 Файл дайындалуда…
pool-export-caption = 📊 №{ $id } кездесу: { $when } жағдай бойынша { $count } сұрақ пен ұсыныс.
pool-xlsx-sheet = Сұрақтар
pool-xlsx-number = Нөмірі
pool-xlsx-kind = Түрі
pool-xlsx-status = Мәртебесі
pool-xlsx-text = Мәтіні
pool-xlsx-supports = Қолдағандар
pool-xlsx-created = Жіберілген уақыты (жергілікті)
pool-xlsx-resolution = Жауап немесе себеп
pool-xlsx-merged-into = Біріктірілген нөмір
pool-xlsx-kind-name = { $kind ->
    [proposal] ұсыныс
   *[question] сұрақ
}
pool-xlsx-status-name = { $status ->
    [accepted] тізбеде
    [answered] жауап берілді
    [rejected] қабылданбады
    [merged] біріктірілді
   *[new] жаңа
}

## Азаматтарға не хабарланады (хабарламалар)

pool-notice-accepted =
    📥 <b>Сіздің { $number } { $kind ->
        [proposal] ұсынысыңыз
       *[question] сұрағыңыз
    } проблемалық мәселелер тізбесіне енгізілді</b>
    { $meeting }

    <i>{ $text }</i>

    Әкімдік онымен айналысады; нәтижесі туралы сізге хабарланады. Барлық сұрақтарыңыз: /myquestions
pool-notice-accepted-supporter =
    📥 <b>Сіз қолдаған { $number } { $kind ->
        [proposal] ұсыныс
       *[question] сұрақ
    } проблемалық мәселелер тізбесіне енгізілді</b>
    { $meeting }

    <i>{ $text }</i>
pool-notice-answered =
    ✅ <b>Әкімдік сіздің { $number } { $kind ->
        [proposal] ұсынысыңызға
       *[question] сұрағыңызға
    } жауап берді</b>
    { $meeting }

    <i>{ $text }</i>

    <b>Жауап:</b>
    { $resolution }
pool-notice-answered-supporter =
    ✅ <b>Әкімдік сіз қолдаған { $number } { $kind ->
        [proposal] ұсынысқа
       *[question] сұраққа
    } жауап берді</b>
    { $meeting }

    <i>{ $text }</i>

    <b>Жауап:</b>
    { $resolution }
pool-notice-rejected =
    ✖️ <b>Сіздің { $number } { $kind ->
        [proposal] ұсынысыңыз
       *[question] сұрағыңыз
    } қабылданбады</b>
    { $meeting }

    <i>{ $text }</i>

    <b>Себебі:</b>
    { $resolution }
pool-notice-merged =
    🔗 <b>Сіздің { $number } { $kind ->
        [proposal] ұсынысыңыз
       *[question] сұрағыңыз
    } ұқсас { $other_number } нөмірімен біріктірілді</b>
    { $meeting }

    <i>{ $other_text }</i>

    Енді сіздің дауысыңыз { $other_number } нөмірін қолдайды, нәтижесі туралы сізге хабарланады.{ $target_answer }
pool-notice-merged-supporter =
    🔗 <b>Сіз қолдаған { $number } { $kind ->
        [proposal] ұсыныс
       *[question] сұрақ
    } ұқсас { $other_number } нөмірімен біріктірілді</b>
    { $meeting }

    <i>{ $other_text }</i>

    Сіздің қолдауыңыз { $other_number } нөміріне ауысты.{ $target_answer }
pool-notice-merged-into-yours =
    🔗 <b>Сіздің { $number } нөміріңізге ұқсас { $other_number } біріктірілді</b>
    { $meeting }

    Оның авторы мен қолдаушылары енді сіздікін қолдайды: барлығы { $supports } қолдаушы.
pool-notice-target-answer = <b>Әкімдіктің оған берген жауабы:</b>
    { $resolution }

## /myquestions: сұрақтың тағдыры

pool-mine-answer = <b>Жауап:</b> { $resolution }
pool-mine-reason = <b>Себебі:</b> { $resolution }
pool-mine-merged = { $number } нөмірімен біріктірілді.
